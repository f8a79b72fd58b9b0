// run.mjs - the web application in a real browser (node:test, TAP): each journey from
// sign-in against a real 'accord serve' on a demo database.  Every page and state is
// checked with axe-core (WCAG 2.0/2.1/2.2 A and AA: no violation), for console errors,
// CSP violations and dialogs, and screenshotted at 1280 and 375 px (build/test/web-screenshots).
// Run: node --test-reporter=tap tests/web/run.mjs (meson test --suite web does).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, apiSession, checkPage, chromiumMissing, launch, secretOf, startServer, totp, watchedPage, wrongCode } from "./harness.mjs";

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
