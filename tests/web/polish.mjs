// polish.mjs - issue 16's defects found in use, in a real browser: people read words and UK
// times, not snake_case codes and ISO timestamps (point 1); the alert console and page carry
// the marking of what the alerts reveal (2); no list page is wider than a 375 px phone, and
// every table scrolls in a focusable region or stacks (3); the request form's lawful bases
// are the API's (4); item disclosures and link proposals waiting are on the home page, each
// linking to its list (5); the header names the person, not the username (6).  axe, console
// and CSP checks and screenshots at 1280 and 375 px on each page (harness.mjs).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, checkPage, chromiumMissing, launch, startServer, watchedPage } from "./harness.mjs";

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

async function signIn(page, username) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await page.getByLabel("Purpose of work").fill("duty shift");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Home" }).waitFor();
}

// GET PATH as the signed-in page (its cookie, a purpose): the JSON.
async function apiGet(page, path) {
  return page.evaluate(async (p) => (await fetch(p, { headers: { "Accord-Purpose": "duty shift", Accept: "application/json" } })).json(), path);
}

// Open PATH in the app (a full load) and wait for its list: rows, or the empty message.
async function openList(page, path) {
  await page.goto(`${server.url}${path}`);
  await page.locator("table, [data-testid=empty], .govuk-error-summary").first().waitFor();
  assert.equal(await page.locator(".govuk-error-summary").count(), 0, `${path}: ${await page.locator("main").innerText()}`);
}

// At 375 px the document is no wider than the viewport, and every table is in a focusable
// scrolling region (role region, tabindex 0, a name) or stacks into rows on a phone.
async function fitsAPhone(page, path) {
  await page.setViewportSize({ width: 375, height: 800 });
  const r = await page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll("table")].map((t) => {
      const region = t.closest("[role=region]");
      return {
        stacked: t.classList.contains("app-table--stack"),
        region: region !== null && region.getAttribute("tabindex") === "0" && (region.getAttribute("aria-label") ?? "") !== "",
        scrolls: region !== null && getComputedStyle(region).overflowX === "auto",
      };
    }),
  }));
  assert.ok(r.width <= 375, `${path}: the page is ${r.width} px wide at a 375 px viewport`);
  for (const t of r.tables) assert.ok(t.stacked || (t.region && t.scrolls), `${path}: a table neither stacks nor scrolls in a focusable region: ${JSON.stringify(t)}`);
  await page.setViewportSize({ width: 1280, height: 900 });
  return r.tables.length;
}

const SNAKE = /\b[a-z]+_[a-z_]+\b/;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

test("every list page fits a 375 px phone; each table scrolls in a focusable region or stacks", { skip: missing ?? false }, async (t) => {
  const pages = {
    "ctp.duty": ["/alerts", "/requests", "/requests/sent", "/deadlines", "/cases"],
    "ctp.analyst": ["/links/proposed", "/approvals"],
    "ss.analyst2": ["/approvals/items"],
    "retail.reporter": ["/reports"],
  };
  let tables = 0;
  for (const [user, paths] of Object.entries(pages)) {
    const w = await watchedPage(browser);
    await signIn(w.page, user);
    for (const path of paths) {
      await openList(w.page, path);
      tables += await fitsAPhone(w.page, path);
    }
    // the analyst's search results, a sortable table
    if (user === "ctp.analyst") {
      await w.page.goto(`${server.url}/persons`);
      await w.page.getByLabel("Name").first().fill("khan");
      await w.page.getByRole("button", { name: "Search" }).click();
      await w.page.getByTestId("result-count").waitFor();
      tables += await fitsAPhone(w.page, "/persons (results)");
    }
    assert.deepEqual(w.problems, [], `${user}: console errors or CSP violations`);
    await w.context.close();
  }
  assert.ok(tables >= 6, `the pages had tables to check (${tables})`);
});

test("alerts: words and UK times, never codes or ISO timestamps; the banner shows their marking", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.duty");
  const api = await apiGet(page, "/api/v1/alerts?status=all");
  assert.ok(api.alerts.length > 0, "the demo has alerts");
  for (const a of api.alerts) {
    assert.doesNotMatch(a.reason, SNAKE, `an alert's reason has a code: ${a.reason}`);
    assert.doesNotMatch(a.reason, ISO, `an alert's reason has an ISO time: ${a.reason}`);
    assert.match(a.classification, /^(official_sensitive|secret)$/, "each alert carries the marking of what it reveals");
  }
  const caseAlert = api.alerts.find((a) => a.case_id);
  assert.ok(caseAlert, "the demo has a case's alert");
  assert.match(api.alerts.map((a) => a.reason).join("\n"), /Prevent referral case referred/, "the case type in words");

  await page.goto(`${server.url}/alerts`);
  await page.getByTestId("alert-row").first().waitFor();
  const console_ = await page.locator("main").innerText();
  assert.doesNotMatch(console_, SNAKE, "the console shows no code");
  assert.doesNotMatch(console_, ISO, "the console shows no ISO time");
  const top = api.alerts.some((a) => a.classification === "secret") ? "SECRET" : "OFFICIAL-SENSITIVE";
  await page.getByTestId("classification-top").filter({ hasText: top }).waitFor();
  assert.match(await page.getByTestId("classification-bottom").innerText(), new RegExp(top));
  await checkPage(t, w, "polish-alerts");

  await page.goto(`${server.url}/alerts/${encodeURIComponent(caseAlert.id)}`);
  await page.getByText("Why it was raised").waitFor();
  const want = caseAlert.classification === "secret" ? "SECRET" : "OFFICIAL-SENSITIVE";
  await page.getByTestId("classification-top").filter({ hasText: want }).waitFor();
  const text = await page.locator("main").innerText();
  assert.match(text, new RegExp(`Classification\\s+${want}`), "the alert page says its marking");
  assert.doesNotMatch(text, SNAKE, "the alert page shows no code");
  assert.doesNotMatch(text, ISO, "the alert page shows no ISO time");
  // a case's alert has no report: no buyer to have matched, nothing withheld about one
  await page.getByTestId("case-alert").waitFor();
  assert.doesNotMatch(text, /matched the buyer/, "a case's alert speaks of no buyer");
  await checkPage(t, w, "polish-alert");
  await w.context.close();
});

test("the request form's lawful bases are the API's table, with its wording", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "council.prevent");
  const { lawful_bases: bases } = await apiGet(page, "/api/v1/lawful-bases");
  assert.equal(bases.length, 5);
  await page.goto(`${server.url}/persons/p1/request?reference=R-1&agency=${encodeURIComponent("West Midlands Counter Terrorism Unit")}`);
  await page.getByRole("group", { name: "Lawful basis for sharing" }).waitFor();
  const labels = await page.getByRole("group", { name: "Lawful basis for sharing" }).locator("label").allInnerTexts();
  assert.deepEqual(
    labels.map((l) => l.trim()),
    bases.map((b) => b.title),
  );
  await checkPage(t, w, "polish-rfi-form");
  await w.context.close();
});

test("home: item disclosures and link proposals waiting, each linking to its list", { skip: missing ?? false }, async (t) => {
  const lists = { item_disclosures: "/approvals/items", links: "/links/proposed" };
  const seen = new Set();
  for (const user of ["ss.analyst2", "ctp.analyst"]) {
    const w = await watchedPage(browser);
    const { page } = w;
    await signIn(page, user);
    const { work } = await apiGet(page, "/api/v1/me/work");
    for (const [kind, href] of Object.entries(lists)) {
      const item = work.find((x) => x.kind === kind);
      if (!item || item.count === 0) continue;
      seen.add(kind);
      const row = page.getByTestId(`work-${kind}`);
      assert.equal(Number(await row.getByTestId("count").innerText()), item.count);
      await row.locator("a").click();
      await page.waitForURL((u) => u.pathname === href);
      await page.getByTestId("rows").waitFor();
      assert.equal(await page.getByTestId("row").count(), item.count, `${user}: ${kind} rows on ${href}`);
      const text = await page.locator("main").innerText();
      assert.doesNotMatch(text, ISO, `${href} shows no ISO time`);
      await checkPage(t, w, `polish-${kind}-${user}`);
      await page.goBack();
      await page.getByRole("heading", { name: "What needs you now" }).waitFor();
    }
    await w.context.close();
  }
  assert.deepEqual([...seen].sort(), ["item_disclosures", "links"], "the demo has both waiting for someone");
});

test("the header names the person signed in, not the username", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.duty");
  const session = await apiGet(page, "/api/v1/session");
  assert.notEqual(session.display_name, session.username, "a demo user has a person's name");
  assert.match(session.display_name, /^[A-Z][a-z]+ [A-Z][a-z-]+$/);
  const name = page.getByTestId("display-name");
  assert.equal((await name.innerText()).trim(), session.display_name);
  assert.equal(await name.getAttribute("title"), "User name: ctp.duty", "the username stays in the tooltip");
  assert.doesNotMatch(await page.getByTestId("identity").innerText(), /ctp\.duty/);
  await checkPage(t, w, "polish-header");
  await w.context.close();
});
