// run.mjs - the web application in a real browser (node:test, TAP): each journey from
// sign-in against a real 'accord serve' on a demo database.  Every page and state is
// checked with axe-core (WCAG 2.0/2.1/2.2 A and AA: no violation), for console errors,
// CSP violations and dialogs, and screenshotted at 1280 and 375 px (build/test/web-screenshots).
// Run: node --test-reporter=tap tests/web/run.mjs (meson test --suite web does).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import path from "node:path";
import { PASSWORD, WEB_SRC, apiSession, checkPage, chromiumMissing, launch, secretOf, startServer, totp, watchedPage, webRequire, wrongCode } from "./harness.mjs";

const missing = chromiumMissing();
let server, browser;

before(async () => {
  if (missing) return;
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, username, password = PASSWORD) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function givePurpose(page, text) {
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await page.getByLabel("Purpose of work").fill(text);
  await page.getByRole("button", { name: "Continue" }).click();
}

// The banner's rule, without a browser: web/src/markings.ts bundled by esbuild and imported.
test("the banner shows the highest marking on the page with the union of the caveats", async () => {
  const esbuild = webRequire("esbuild");
  const out = await esbuild.build({ entryPoints: [path.join(WEB_SRC, "markings.ts")], bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  const m = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString("base64")}`);
  assert.equal(m.label(m.highest([])), "OFFICIAL", "nothing reported: OFFICIAL");
  const page = [
    { classification: "official_sensitive" },
    { classification: "secret", caveats: ["uk_eyes_only"] },
    { classification: "official", caveats: ["iss"] },
  ];
  assert.deepEqual(m.highest(page), { classification: "secret", caveats: ["iss", "uk_eyes_only"] });
  assert.equal(m.label(m.highest(page)), "SECRET ISS UK EYES ONLY");
  assert.equal(m.label(m.highest([...page, { classification: "top_secret" }])), "TOP SECRET ISS UK EYES ONLY");
  assert.equal(m.modifier("official_sensitive"), "official-sensitive");
});

test("the app is served at / with the CSP, and app paths get index.html", { skip: missing ?? false }, async () => {
  const res = await fetch(`${server.url}/cases/some-case`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /^text\/html/);
  assert.equal(res.headers.get("content-security-policy"),
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>|<style|style=/, "no inline script or style");
  const api = await fetch(`${server.url}/api/v1/nothing`);
  assert.equal(api.status, 404);
  assert.match(api.headers.get("content-type"), /problem\+json|json/);
});

test("sign-in failures: one message for a wrong password and an unknown user", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await checkPage(t, w, "sign-in");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /Enter your user name[\s\S]*Enter your password/);
  assert.equal(await page.title(), "Error: Sign in - accord");
  await checkPage(t, w, "sign-in-empty");
  await signIn(page, "ctp.analyst", "not-the-password");
  await page.getByText("Wrong username or password").first().waitFor();
  const wrongPassword = await summary.innerText();
  await signIn(page, "nobody.at.all", "not-the-password");
  await page.getByText("Wrong username or password").first().waitFor();
  assert.equal(await summary.innerText(), wrongPassword, "an unknown user gets the same answer");
  await checkPage(t, w, "sign-in-failed");
  await w.context.close();
});

test("sign in, give the purpose, see who you are; the purpose goes with every request; sign out", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  const apiCalls = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/v1/")) apiCalls.push({ path: new URL(r.url()).pathname, purpose: r.headers()["accord-purpose"] });
  });
  await signIn(page, "ctp.analyst");
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await checkPage(t, w, "purpose");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").getByText("Enter the purpose of your work").waitFor();
  await checkPage(t, w, "purpose-empty");
  await givePurpose(page, "Operation Kestrel");
  await page.getByRole("heading", { name: "Home" }).waitFor();
  assert.match(await page.getByTestId("identity").innerText(), /West Midlands Counter Terrorism Unit[\s\S]*Analyst[\s\S]*SC/);
  assert.match(await page.getByTestId("purpose").innerText(), /Operation Kestrel/);
  // the classification banners, top and bottom; the top one is a live region
  const top = page.getByTestId("classification-top");
  assert.equal(await top.getAttribute("role"), "status");
  assert.equal(await top.getAttribute("aria-live"), "polite");
  assert.match(await top.innerText(), /OFFICIAL/);
  assert.match(await page.getByTestId("classification-bottom").innerText(), /OFFICIAL/);
  assert.match(await top.getAttribute("class"), /app-classification--official\b/);
  await checkPage(t, w, "home-analyst");
  // the purpose is remembered for the session (a reload asks nothing) and changeable
  await page.reload();
  await page.getByRole("heading", { name: "Home" }).waitFor();
  await page.getByRole("link", { name: "Change purpose of work" }).click();
  await page.getByLabel("Purpose of work").fill("duty shift");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Home" }).waitFor();
  assert.match(await page.getByTestId("purpose").innerText(), /duty shift/);
  await page.reload();
  await page.getByRole("heading", { name: "Home" }).waitFor();
  const afterPurpose = apiCalls.filter((c) => c.path === "/api/v1/session").slice(-1)[0];
  assert.equal(afterPurpose.purpose, "duty shift", "Accord-Purpose is sent with the requests");
  // sign out: the session ends at the server too
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByTestId("notice").getByText("You have signed out.").waitFor();
  await checkPage(t, w, "signed-out");
  const cookies = await w.context.cookies();
  const res = await fetch(`${server.url}/api/v1/session`, { headers: { Cookie: `accord_session=${cookies.find((c) => c.name === "accord_session")?.value ?? ""}` } });
  assert.equal(res.status, 401, "the old session no longer works");
  await w.context.close();
});

// MAKER, an administrator of the agency of KIND, adds USERNAME (display name DISPLAY);
// the hub's administrator approves the content role.  The enrolment code for the user to redeem.
async function addUser(username, display, kind, maker, roles = "caseworker") {
  const admin = await apiSession(server.url, maker);
  const admin2 = await apiSession(server.url, "admin");
  const agencies = await admin("GET", "/api/v1/agencies");
  const agency = agencies.body.agencies.find((a) => a.kind === kind);
  const added = await admin("POST", "/api/v1/users", { username, display_name: display, agency_id: agency.id, vetting: "bpss", roles });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  if (added.body.waits_for_approval) {
    const grants = await admin2("GET", "/api/v1/grants");
    const g = grants.body.grants.find((x) => x.username === username);
    assert.equal((await admin2("POST", `/api/v1/grants/${g.id}/approve`)).status, 204);
  }
  return { code: added.body.enrolment_code, agency: agency.name };
}

test("sign in with the second factor: the code page, a wrong code, the right one", { skip: missing ?? false }, async (t) => {
  // set-up through the API, as the user would with their phone: enrol a TOTP authenticator
  const me = await apiSession(server.url, "council.prevent");
  const enrolled = await me("POST", "/api/v1/totp", { password: PASSWORD });
  assert.equal(enrolled.status, 201);
  const secret = secretOf(enrolled.body.otpauth_uri);
  assert.equal((await me("POST", "/api/v1/totp/confirm", { code: totp(secret) })).status, 204);

  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "council.prevent");
  await page.getByRole("heading", { name: "Enter the code from your authenticator app" }).waitFor();
  await checkPage(t, w, "sign-in-code");
  await page.getByLabel("6-digit code").fill(wrongCode(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".govuk-error-summary").getByText("The code is wrong or has been used").waitFor();
  await checkPage(t, w, "sign-in-code-wrong");
  // the next step's code: the one the confirmation used is spent
  await page.getByLabel("6-digit code").fill(totp(secret, 1));
  await page.getByRole("button", { name: "Sign in" }).click();
  await givePurpose(page, "Prevent referral PR-2026-114");
  await page.getByRole("heading", { name: "Home" }).waitFor();
  assert.match(await page.getByTestId("identity").innerText(), /Council|council/i);
  await w.context.close();
});

test("first sign-in: enrolment code, a refused password with the server's reason, the QR code, a name rendered as text", { skip: missing ?? false }, async (t) => {
  const xss = "<img src=x onerror=alert(1)>";
  const { code } = await addUser("new.officer", xss, "local_authority", "council.admin");
  const w = await watchedPage(browser);
  const { page } = w;
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole("link", { name: /First time\? Set up your account/ }).click();
  await page.getByRole("heading", { name: "Set up your account" }).waitFor();
  await checkPage(t, w, "enrol");
  // a wrong code: refused, without saying whether the user name exists
  await page.getByLabel("User name").fill("new.officer");
  await page.getByLabel("Enrolment code").fill("not-the-code");
  await page.getByLabel("Choose a password").fill("a long and unguessable passphrase 7");
  await page.getByLabel("Enter the password again").fill("a long and unguessable passphrase 7");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  await checkPage(t, w, "enrol-wrong-code");
  // a weak password: the server's reason, shown as it gives it
  await page.getByLabel("Enrolment code").fill(code);
  await page.getByLabel("Choose a password").fill("short");
  await page.getByLabel("Enter the password again").fill("short");
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.getByRole("link").first().waitFor();
  const reason = await summary.innerText();
  assert.match(reason, /password/i, "the server says what is wrong with the password");
  await checkPage(t, w, "enrol-weak-password");
  await page.getByLabel("Choose a password").fill("a long and unguessable passphrase 7");
  await page.getByLabel("Enter the password again").fill("a long and unguessable passphrase 7");
  await page.getByRole("button", { name: "Continue" }).click();
  // the authenticator: the server's QR SVG as an image from a data: URL
  await page.getByRole("heading", { name: "Set up your authenticator app" }).waitFor();
  const qr = page.getByTestId("qr");
  await qr.waitFor();
  assert.match(await qr.getAttribute("src"), /^data:image\/svg\+xml;base64,/);
  assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), "the QR code renders");
  await checkPage(t, w, "authenticator");
  await page.getByText("I cannot scan the QR code").click();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await page.getByLabel("6-digit code").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await givePurpose(page, "induction");
  await page.getByRole("heading", { name: "Home" }).waitFor();
  // the display name is text: shown literally, never an element
  assert.match(await page.getByTestId("identity").innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.match(await page.getByTestId("welcome").innerText(), /<img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator("img[src='x']").count(), 0, "no element made from the name");
  await checkPage(t, w, "home-new-user");
  // and from now on the sign-in asks for the code
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, "new.officer", "a long and unguessable passphrase 7");
  await page.getByRole("heading", { name: "Enter the code from your authenticator app" }).waitFor();
  assert.deepEqual(w.problems, []);
  await w.context.close();
});

test("the session time-out warning: a modal before the idle expiry; stay signed in; then signed out", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await page.clock.install();
  await signIn(page, "ctp.caseworker");
  await givePurpose(page, "case review");
  await page.getByRole("heading", { name: "Home" }).waitFor();
  const dialog = page.getByRole("dialog", { name: "You are about to be signed out" });
  assert.equal(await dialog.count(), 0);
  await page.clock.fastForward("28:30"); // 30 minutes idle: the warning 2 minutes before
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /we will sign you out in 1 minute \d+ seconds? if you do nothing/);
  await checkPage(t, w, "timeout-warning");
  // the page behind is inert: the keyboard stays in the dialog
  assert.equal(await page.locator("header").evaluate((h) => h.closest("[inert]") !== null), true);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest(".app-modal") !== null), true);
  await page.keyboard.press("Escape"); // Escape keeps the session, as "Stay signed in" does
  await dialog.waitFor({ state: "detached" });
  await page.clock.fastForward("28:30");
  await dialog.waitFor();
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.equal(await page.locator("header").evaluate((h) => h.closest("[inert]") === null), true);
  await page.clock.fastForward("27:00");
  assert.equal(await dialog.count(), 0, "the request restarted the idle clock");
  await page.clock.fastForward("03:30");
  await page.getByTestId("notice").getByText("You were signed out because you did nothing for a while").waitFor();
  await checkPage(t, w, "timed-out");
  await w.context.close();
});

// The checks above can fail: inline script and style, which a page of ours must never
// have, are refused by the CSP and the watcher reports them.
test("the CSP refuses inline script and style, and the watcher reports it", { skip: missing ?? false }, async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  assert.deepEqual(w.problems, []);
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.ran = true";
    document.body.appendChild(s);
    const st = document.createElement("div");
    st.setAttribute("style", "color: red");
    document.body.appendChild(st);
  });
  assert.equal(await page.evaluate(() => window.ran === true), false, "the inline script did not run");
  // the violation event is queued: wait a few frames for it
  for (let i = 0; i < 50 && !w.problems.some((p) => /CSP violation: script-src/.test(p)); i++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  }
  assert.ok(w.problems.some((p) => /CSP violation: script-src/.test(p)), w.problems.join("; "));
  await w.context.close();
});
