// duty.mjs - the duty officer's live alert console in a real browser (issue 16 point 4,
// docs/web.md): from sign-in, an alert filed through the API appears on the open console
// within a second without a reload; the alert page explains each match field by field and
// says what is withheld; acknowledgement with a note; the stream's reconnection with
// Last-Event-ID and its visible "paused" status; prefers-reduced-motion; another agency's
// user without the role sees no alert.  Every state: axe, no console error, screenshots.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import path from "node:path";
import { WEB_SRC, apiSession, axe, checkPage, chromiumMissing, launch, startServer, watchedPage, webRequire } from "./harness.mjs";

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

async function signIn(page, username, purpose) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill("accord-demo-password");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await page.getByLabel("Purpose of work").fill(purpose);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Home" }).waitFor();
}

async function openConsole(page) {
  await page.goto(`${server.url}/alerts`);
  await page.getByRole("heading", { name: "Alerts" }).waitFor();
}

async function bundle(file) {
  const esbuild = webRequire("esbuild");
  const out = await esbuild.build({ entryPoints: [path.join(WEB_SRC, file)], bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString("base64")}`);
}

// A report as the retailer's reporter files it: an attempt to buy hydrogen peroxide.
function report(buyer, dob) {
  return {
    kind: "attempt", occurred_at: new Date(Date.now() - 3600e3).toISOString().replace(/\.\d+Z$/, "Z"),
    product: "Pool shock", substance: "hydrogen peroxide", concentration: 35, quantity: "4 x 5 L", payment: "cash",
    buyer_name: buyer, buyer_dob: dob, indicators: ["nervous", "insists_on_cash"], narrative: "Asked twice about the strongest bottle",
  };
}

test("a match's explanation as rows of field, report's value, record's value and contribution", async () => {
  const { explain } = await bundle("pages/explain.ts");
  const rows = explain("wrothesley=wrothesley (exact 1.00); casimir=kasimir (spelling 0.91); score 0.954; same date of birth +0.05",
    "WROTHESLEY, Casimir", "1971-02-03", "Kasimir Wrothesley");
  assert.deepEqual(rows, [
    { field: "Word of the name", reported: "wrothesley", record: "wrothesley", contribution: "the same word: 1.00" },
    { field: "Word of the name", reported: "casimir", record: "kasimir", contribution: "a similar spelling: 0.91" },
    { field: "Name", reported: "WROTHESLEY, Casimir", record: "Kasimir Wrothesley", contribution: "name score 0.954" },
    { field: "Date of birth", reported: "1971-02-03", record: "the same date", contribution: "+0.05" },
  ]);
  assert.deepEqual(explain("no word met; score 0.000; birth years differ: x0.50; something new", "A", "1990", "B").map((r) => r.contribution),
    ["no word met", "name score 0.000", "score \u00d7 0.50", "something new"], "an unknown part is kept whole");
  assert.deepEqual(explain(undefined, "A", undefined, "B"), []);
});

test("the stream's events are parsed as EventSource parses them, split anywhere", async () => {
  const { parseEvents } = await bundle("pages/alertstream.ts");
  const text = "retry: 3000\n\n: heartbeat\n\nid: 42\nevent: alert.raised\ndata: {\"id\":42}\n\nid: 43\r\nevent: alert.acknowledged\r\ndata: {\"id\":";
  const first = parseEvents(text);
  assert.deepEqual(first.events, [
    { id: undefined, event: "message", data: "", retry: 3000 },
    { id: "42", event: "alert.raised", data: "{\"id\":42}", retry: undefined },
  ]);
  const second = parseEvents(`${first.rest}43}\n\n`);
  assert.deepEqual(second.events, [{ id: "43", event: "alert.acknowledged", data: "{\"id\":43}", retry: undefined }]);
  assert.equal(second.rest, "");
});

test("the duty console: a new alert appears live, its page explains the match, acknowledged with a note", { skip: missing ?? false }, async (t) => {
  // a person the CTU holds, whom the buyer will match
  const analyst = await apiSession(server.url, "ctp.analyst");
  assert.equal((await analyst("POST", "/api/v1/persons", { given: "Casimir", family: "Wrothesley", dob: "1971-02-03" })).status, 201);
  const reporter = await apiSession(server.url, "retail.reporter");
  const duty = await apiSession(server.url, "ctp.duty");

  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.duty", "duty shift");
  await openConsole(page);
  await page.getByTestId("stream-status").getByText("Live: new alerts appear here").waitFor();
  const before = await page.getByTestId("alert-row").count();
  // the demo's open alerts: by priority, then deadline
  const rows = await page.getByTestId("alert-row").evaluateAll((trs) => trs.map((tr) => ({ status: tr.dataset.status, priority: tr.cells[0].innerText.trim(), deadline: tr.querySelector("time")?.getAttribute("datetime") })));
  const rank = { High: 0, Medium: 1, Low: 2 };
  const open = rows.filter((r) => r.status === "open");
  for (let i = 1; i < open.length; i++) {
    const a = open[i - 1], b = open[i];
    assert.ok(rank[a.priority] < rank[b.priority] || (rank[a.priority] === rank[b.priority] && a.deadline <= b.deadline), `row ${i} out of order`);
  }
  assert.ok(rows.findIndex((r) => r.status !== "open") === -1 || rows.slice(rows.findIndex((r) => r.status !== "open")).every((r) => r.status !== "open"), "open alerts first");
  if (await page.getByTestId("escalated").count() > 0) assert.match(await page.getByTestId("escalated").first().getAttribute("class"), /moj-badge/);
  await checkPage(t, w, "duty-console");

  // the retailer files; the alert is on the open console within 1 s of the POST's answer
  const filed = await reporter("POST", "/api/v1/reports", report("WROTHESLEY, Casimir", "1971-02-03"));
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const fresh = page.locator("tr.app-alert--new");
  await fresh.first().waitFor({ timeout: 1000 });
  assert.ok(await page.getByTestId("alert-row").count() > before, "a row was added without a reload");
  assert.match(await page.getByTestId("announcer").innerText(), /^New alert, (High|Medium|Low) priority: /);
  assert.match(await fresh.first().getAttribute("class"), /app-alert--flash/, "motion allowed: the row flashes");
  // the report raised one alert for the duty desk and one for the CTU as the holder: a tone each
  const raised = (await duty("GET", "/api/v1/alerts")).body.alerts.filter((a) => a.report_id === filed.body.id);
  for (const a of raised) await page.locator(`tr.app-alert--new[data-alert-id="${a.id}"]`).waitFor({ timeout: 1000 });
  assert.equal(await page.getByTestId("alerts").getAttribute("data-cues"), String(raised.length), "a tone for each new alert");
  assert.match(await fresh.first().getByTestId("countdown").innerText(), /^\d+ (minutes?|seconds?).* left$/);
  await checkPage(t, w, "duty-console-new-alert");

  // the CTU's own alert (it holds the person): open it from the console with the keyboard
  const mine = (await duty("GET", "/api/v1/alerts")).body.alerts.find((a) => a.report_id === filed.body.id && a.for_holder);
  assert.ok(mine, "an alert for the holder");
  await page.locator(`tr[data-alert-id="${mine.id}"] a`).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: /priority alert/ }).waitFor();
  assert.equal(await page.getByTestId("buyer-name").innerText(), "WROTHESLEY, Casimir");
  assert.match(await page.getByTestId("report").innerText(), /An attempted purchase[\s\S]*Brindley Chemicals Ltd[\s\S]*hydrogen peroxide, 35% w\/w/);
  const table = page.getByTestId("explanation").first();
  await table.waitFor();
  assert.match(await table.innerText(), /Field\tReport's value\tRecord's value\tContribution/);
  assert.match(await table.innerText(), /Word of the name\twrothesley\twrothesley\tthe same word: 1\.00/);
  assert.match(await table.innerText(), /Date of birth\t1971-02-03\tthe same date\t\+0\.05/);
  assert.match(await page.getByTestId("withheld").innerText(), /for your agency because it holds a person/);
  await checkPage(t, w, "duty-alert");
  // acknowledging needs a note
  await page.getByRole("button", { name: "Acknowledge alert" }).click();
  await page.locator(".govuk-error-summary").getByText("Enter a note of what you are doing about this alert").waitFor();
  await checkPage(t, w, "duty-alert-no-note");
  const note = "Unit sent to the shop <b>now</b>";
  await page.getByLabel("What are you doing about it?").fill(note);
  await page.getByRole("button", { name: "Acknowledge alert" }).click();
  await page.getByTestId("ack-done").waitFor();
  assert.equal(await page.getByTestId("ack-note").innerText(), note, "the note is text");
  assert.equal(await page.locator("b", { hasText: "now" }).count(), 0);
  const me = (await duty("GET", "/api/v1/session")).body;
  assert.equal(await page.getByTestId("acked-by").innerText(), me.display_name, "a name, not an id");
  assert.equal(await page.getByRole("button", { name: "Acknowledge alert" }).count(), 0);
  await checkPage(t, w, "duty-alert-acknowledged");
  // back on the console: acknowledged
  await page.getByRole("link", { name: "Back to alerts" }).click();
  await page.getByTestId("stream-status").getByText("Live: new alerts appear here").waitFor();
  const row = page.locator(`tr[data-alert-id="${mine.id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute("data-status"), "acknowledged");
  assert.match(await row.innerText(), /Acknowledged/);
  await checkPage(t, w, "duty-console-acknowledged");

  await w.context.close();
});

// The network drops without closing the stream: no byte (not even the 15 s heartbeat) for
// 35 s and the console takes it for dead, says so, and reconnects with Last-Event-ID.
// Playwright's clock drives the page's timers: no sleeps.
test("the stream fails: live updates paused, then resumed with Last-Event-ID, nothing missed", { skip: missing ?? false }, async (t) => {
  const reporter = await apiSession(server.url, "retail.reporter");
  const duty = await apiSession(server.url, "ctp.duty");
  const w = await watchedPage(browser);
  const { page } = w;
  const streamRequests = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/v1/alerts/stream") streamRequests.push(r.headers());
  });
  await page.clock.install();
  await signIn(page, "ctp.duty", "duty shift");
  await openConsole(page);
  const live = page.getByTestId("stream-status").getByText("Live: new alerts appear here");
  await live.waitFor();
  const first = await reporter("POST", "/api/v1/reports", report("WROTHESLEY, Casimir", "1971-02-03"));
  assert.equal(first.status, 201);
  await page.locator("tr.app-alert--new").first().waitFor();
  const seen = streamRequests.length;
  await w.context.setOffline(true);
  await page.clock.fastForward("00:40");
  await page.getByTestId("stream-status").getByText("Live updates paused — reconnecting").waitFor();
  // a reconnection while offline fails, and Chromium logs it (this test caused it;
  // nothing else is allowed); the status stays
  await page.clock.fastForward("00:04");
  const offlineError = (p) => /ERR_INTERNET_DISCONNECTED \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/alerts\/stream\)$/.test(p);
  for (let i = 0; i < 200 && !w.problems.some(offlineError); i++) await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  await page.getByTestId("stream-status").getByText("Live updates paused — reconnecting").waitFor();
  assert.ok(w.problems.some(offlineError), "the reconnection was tried while offline");
  assert.deepEqual(await axe(page), [], "reconnecting: axe violations");
  await page.screenshot({ path: path.join(process.env.SCREENSHOTS ?? "build/test/web-screenshots", "duty-console-reconnecting-1280.png"), fullPage: true });

  const second = await reporter("POST", "/api/v1/reports", report("WROTHESLEY, Casimir", "1971-02-03"));
  assert.equal(second.status, 201);
  await w.context.setOffline(false);
  await page.clock.fastForward("00:04");
  await live.waitFor();
  w.problems.splice(0, w.problems.length, ...w.problems.filter((p) => !offlineError(p)));
  const missed = (await duty("GET", "/api/v1/alerts")).body.alerts.filter((a) => a.report_id === second.body.id);
  assert.ok(missed.length > 0);
  for (const a of missed) await page.locator(`tr[data-alert-id="${a.id}"]`).waitFor();
  assert.ok(streamRequests.slice(seen).some((h) => /^\d+$/.test(h["last-event-id"] ?? "")), "the reconnection sent Last-Event-ID");
  await checkPage(t, w, "duty-console-resumed");
  await w.context.close();
});

test("prefers-reduced-motion: the new alert is highlighted without animation; the sound can be turned off", { skip: missing ?? false }, async (t) => {
  const reporter = await apiSession(server.url, "retail.reporter");
  const w = await watchedPage(browser, { reducedMotion: "reduce" });
  const { page } = w;
  await signIn(page, "ctp.duty", "duty shift");
  await openConsole(page);
  await page.getByTestId("stream-status").getByText("Live: new alerts appear here").waitFor();
  await page.getByLabel("Play a sound when a new alert arrives").uncheck();
  const filed = await reporter("POST", "/api/v1/reports", report("WROTHESLEY, Casimir", "1971-02-03"));
  assert.equal(filed.status, 201);
  const fresh = page.locator("tr.app-alert--new").first();
  await fresh.waitFor({ timeout: 1000 });
  assert.doesNotMatch(await fresh.getAttribute("class"), /app-alert--flash/, "no animation class when motion is reduced");
  assert.equal(await fresh.evaluate((tr) => getComputedStyle(tr).animationName), "none");
  assert.equal(await page.getByTestId("alerts").getAttribute("data-cues"), "0", "sound turned off: none played");
  assert.match(await page.getByTestId("announcer").innerText(), /^New alert/, "still announced");
  await checkPage(t, w, "duty-console-reduced-motion");
  await w.context.close();
});

test("a user of another agency without the duty officer role gets no alerts on the console", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "probation.officer", "case review");
  await openConsole(page);
  await page.getByTestId("no-access").getByText("Only duty officers see alerts").waitFor();
  assert.equal(await page.getByTestId("alert-row").count(), 0);
  await checkPage(t, w, "duty-console-no-role");
  await w.context.close();
});
