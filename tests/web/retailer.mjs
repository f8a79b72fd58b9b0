// retailer.mjs - the retailer's journey, "Report a suspicious purchase" (issue 16 point 3,
// docs/web.md), in a real browser against a real 'accord serve' on a demo database.
// retail.reporter reports an attempt on a phone (375 x 667) with the keyboard only: Tab,
// Space, Enter, the arrow keys and typing; no mouse.  Every page and state: axe-core,
// console and CSP (checkPage), and no sideways scrolling at 320 px.  Then the duty officer
// (ctp.duty, through the API) sees the alert the report raised: it went the real way.
// Run: node --test-reporter=tap tests/web/retailer.mjs (meson test --suite web does).
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { PASSWORD, SHOTS, apiSession, checkPage, chromiumMissing, launch, startServer, watchedPage } from "./harness.mjs";

const missing = chromiumMissing();
const PHONE = { width: 375, height: 667 };
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

// Tab (forwards) until the focused element matches SELECTOR.
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
// Tab until the focused element's text is TEXT.
async function tabToText(page, text, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.textContent?.trim() === s, text)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}
async function typeInto(page, selector, text) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}
async function submitForm(page) {
  await tabTo(page, "main form button[type=submit]");
  await page.keyboard.press("Enter");
}
const focused = (page) => page.evaluate(() => document.activeElement?.className ?? "");

// checkPage (axe at 1280 and 375, console, CSP, screenshots), then the page at 320 px: no
// sideways scrolling, and a screenshot; back to the phone.
async function check(t, w, name) {
  await checkPage(t, w, name);
  const { page } = w;
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${name}: ${wide} px wide at 320 px (sideways scrolling)`);
  await page.screenshot({ path: path.join(SHOTS, `${name}-320.png`), fullPage: true });
  await page.setViewportSize(PHONE);
}

// "now" in UTC parts (the browser context runs in UTC), MINUTES ago.
function ago(minutes) {
  const d = new Date(Date.now() - minutes * 60000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), hour: String(d.getUTCHours()), minute: String(d.getUTCMinutes()) };
}

const SCREENING = /match|alert|screen|watch ?list|flag|known to|person of interest|holding/i;

test("retail.reporter reports an attempt on a phone with the keyboard only, and finds it in their reports; the duty officer has the alert", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser, { viewport: PHONE, timezoneId: "UTC", hasTouch: false });
  const { page } = w;
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await typeInto(page, "#username", "retail.reporter");
  await typeInto(page, "#password", PASSWORD);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await typeInto(page, "#purpose", "till report");
  await page.keyboard.press("Enter");
  await page.getByTestId("reporter-start").waitFor();
  await check(t, w, "home-reporter");
  await tabTo(page, 'a[href="/reports/new"]');
  await page.keyboard.press("Enter");

  // what happened: Continue with nothing chosen is the GOV.UK error pattern
  await page.getByRole("heading", { name: "What happened?" }).waitFor();
  await check(t, w, "report-what-happened");
  await submitForm(page);
  const summary = page.locator(".govuk-error-summary");
  await summary.getByText("Select what happened").waitFor();
  assert.match(await focused(page), /govuk-error-summary/, "the focus moves to the error summary");
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator("#kind-error").innerText(), /^Error:\s+Select what happened$/, "and the error is inline too");
  await check(t, w, "report-what-happened-error");
  // the summary's link takes the keyboard to the question
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "kind");
  await page.keyboard.press("ArrowDown"); // the second radio: an attempted purchase
  assert.equal(await page.locator("input[name=kind]:checked").getAttribute("value"), "attempt");
  await submitForm(page);

  // when: a date in the future is refused on the page
  await page.getByRole("heading", { name: "When did it happen?" }).waitFor();
  await check(t, w, "report-when");
  const soon = ago(-24 * 60);
  await typeInto(page, "#when-day", soon.day);
  await typeInto(page, "#when-month", soon.month);
  await typeInto(page, "#when-year", soon.year);
  await typeInto(page, "#when-hour", soon.hour);
  await typeInto(page, "#when-minute", soon.minute);
  await submitForm(page);
  await summary.getByText("must be now or in the past").waitFor();
  assert.match(await focused(page), /govuk-error-summary/);
  await check(t, w, "report-when-error");
  const then = ago(90);
  for (const k of ["day", "month", "year", "hour", "minute"]) {
    await tabTo(page, `#when-${k}`);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(then[k]);
  }
  await submitForm(page);

  // the product and substance: the autocomplete, by the keyboard
  await page.getByRole("heading", { name: "What was the product?" }).waitFor();
  await check(t, w, "report-substance");
  await typeInto(page, "#product", "Salon developer 35% 5 L");
  await typeInto(page, "#substance", "hydrogen per");
  const option = page.getByRole("option", { name: /^hydrogen peroxide/ });
  await option.waitFor();
  assert.equal(await page.locator("#substance").getAttribute("aria-expanded"), "true");
  assert.match(await page.getByTestId("substance-status").innerText(), /results? (is|are) available/);
  await check(t, w, "report-substance-autocomplete");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.locator("#substance").getAttribute("aria-activedescendant"), "substance-option-0");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#substance").inputValue(), "hydrogen peroxide", "Enter chose the suggestion");
  assert.equal(await page.locator("#substance").getAttribute("aria-expanded"), "false");
  assert.equal(await page.getByRole("heading", { name: "What was the product?" }).count(), 1, "and did not submit the form");
  await typeInto(page, "#concentration", "35");
  await submitForm(page);

  await page.getByRole("heading", { name: "How much?" }).waitFor();
  await check(t, w, "report-quantity");
  await typeInto(page, "#quantity", "2 x 5 L");
  await page.keyboard.press("Enter");

  await page.getByRole("heading", { name: "How did they pay, or offer to pay?" }).waitFor();
  await check(t, w, "report-payment");
  await tabTo(page, "input[name=payment]");
  await page.keyboard.press("Space"); // the first: cash
  await submitForm(page);

  await page.getByRole("heading", { name: "Did they show a licence?" }).waitFor();
  await check(t, w, "report-licence");
  await tabTo(page, "input[name=licence]");
  await page.keyboard.press("ArrowDown"); // No
  await submitForm(page);

  await page.getByRole("heading", { name: "Who was the customer?" }).waitFor();
  await check(t, w, "report-buyer");
  await typeInto(page, "#buyer_dob-year", "1990"); // only the year is known
  await submitForm(page);

  // the Home Office's indicators as checkboxes, in their wording
  await page.getByRole("heading", { name: "What made it suspicious?" }).waitFor();
  await page.getByLabel("insists on paying in cash").waitFor();
  await check(t, w, "report-indicators");
  await tabTo(page, "#indicators-insists_on_cash");
  await page.keyboard.press("Space");
  await tabTo(page, "#indicators-wont_say_use");
  await page.keyboard.press("Space");
  assert.equal(await page.locator("input[name=indicators]:checked").count(), 2);
  await submitForm(page);

  await page.getByRole("heading", { name: "Tell us what happened" }).waitFor();
  await check(t, w, "report-narrative");
  const narrative = "Asked for the strongest peroxide we had. <b>Not bold</b> <img src=x onerror=alert(1)>";
  await typeInto(page, "#narrative", narrative);
  await submitForm(page);

  // check your answers, with a change link that comes back here
  await page.getByRole("heading", { name: "Check your answers before sending your report" }).waitFor();
  const answers = page.getByTestId("check-answers");
  const text = await answers.innerText();
  for (const want of ["An attempted purchase", "hydrogen peroxide", "35%", "2 x 5 L", "Cash", "1990", "insists on paying in cash", narrative]) {
    assert.ok(text.includes(want), `check answers shows ${want}`);
  }
  assert.equal(await page.locator("img[src='x']").count(), 0, "the narrative is text, never an element");
  await check(t, w, "report-check");
  await tabTo(page, 'a[href="/reports/new/quantity?change=1"]');
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "How much?" }).waitFor();
  await tabTo(page, "#quantity");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("3 x 5 L");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Check your answers before sending your report" }).waitFor();
  assert.match(await answers.innerText(), /3 x 5 L/);
  await tabTo(page, "#send");
  await page.keyboard.press("Enter");

  // the confirmation: the reference, what happens next, nothing of screening
  const panel = page.getByTestId("confirmation");
  await panel.waitFor();
  const reference = (await page.getByTestId("reference").innerText()).trim();
  assert.match(reference, /^SPR-\d{8}-[0-9A-Z]{10}$/);
  assert.equal(await page.title(), "Report sent - accord");
  const main = await page.locator("main").innerText();
  assert.match(main, /What happens next/);
  assert.match(await page.getByTestId("statutory").innerText(), /Anti-Terrorist Hotline|designated/);
  assert.doesNotMatch(main, SCREENING, "the confirmation never hints at screening");
  await check(t, w, "report-sent");

  // your reports: the new one is there; its receipt
  await tabTo(page, 'main a[href="/reports"]');
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Your reports" }).waitFor();
  const row = page.getByTestId("reports").getByRole("link", { name: reference });
  await row.waitFor();
  assert.doesNotMatch(await page.locator("main").innerText(), SCREENING);
  await check(t, w, "reports-list");
  await tabToText(page, reference);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: `Report ${reference}` }).waitFor();
  const receipt = await page.getByTestId("receipt").innerText();
  for (const want of [reference, "An attempted purchase", "hydrogen peroxide", "3 x 5 L", "insists on paying in cash", narrative]) {
    assert.ok(receipt.includes(want), `the receipt shows ${want}`);
  }
  // (the narrative is the retailer's own words, with "alert(1)" in them)
  assert.doesNotMatch((await page.locator("main").innerText()).replace(narrative, ""), SCREENING, "the receipt never hints at screening");
  assert.equal(await page.locator("img[src='x']").count(), 0);
  await check(t, w, "report-receipt");
  const reportId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop());

  // it went the real way: the report raised an alert for the duty officer
  const duty = await apiSession(server.url, "ctp.duty");
  const alerts = await duty("GET", "/api/v1/alerts?limit=1000");
  assert.equal(alerts.status, 200, JSON.stringify(alerts.body));
  const alert = alerts.body.alerts.find((a) => a.report_id === reportId);
  assert.ok(alert, "ctp.duty has an alert for the report");
  assert.equal(alert.status, "open");
  const one = await duty("GET", `/api/v1/alerts/${alert.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.report.reference, reference);
  assert.deepEqual(w.problems, []);
  await w.context.close();
});

test("report errors: the page's own checks, and the server's field error shown on the page that asks for it", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser, { viewport: PHONE, timezoneId: "UTC" });
  const { page } = w;
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill("retail.reporter");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Purpose of work").fill("till report");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByTestId("reporter-start").waitFor();
  await page.goto(`${server.url}/reports/new`);
  await page.getByLabel("An attempted purchase").check();
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.locator(".govuk-error-summary");
  // a date that is not a real date
  await page.getByLabel("Day").fill("31");
  await page.getByLabel("Month").fill("2");
  await page.getByLabel("Year").fill("2026");
  await page.getByRole("button", { name: "Continue" }).click();
  await summary.getByText("must be a real date").waitFor();
  await summary.getByText("Enter the time it happened").waitFor();
  await check(t, w, "report-when-errors");
  const then = ago(30);
  await page.getByLabel("Day").fill(then.day);
  await page.getByLabel("Month").fill(then.month);
  await page.getByLabel("Year").fill(then.year);
  await page.getByLabel("Hour").fill(then.hour);
  await page.getByLabel("Minute").fill(then.minute);
  await page.getByRole("button", { name: "Continue" }).click();
  // no substance, an impossible concentration
  await page.getByRole("heading", { name: "What was the product?" }).waitFor();
  await page.locator("#concentration").fill("150");
  await page.getByRole("button", { name: "Continue" }).click();
  await summary.getByText("Enter the substance").waitFor();
  await summary.getByText("Concentration must be a number from 0 to 100").waitFor();
  assert.match(await focused(page), /govuk-error-summary/);
  assert.equal(await page.locator("#substance").getAttribute("aria-describedby"), "substance-hint substance-error");
  await check(t, w, "report-substance-errors");
  await page.locator("#substance").fill("sulfuric acid");
  await page.locator("#concentration").fill("");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("How much?").fill("1 L");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("I do not know").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("No", { exact: true }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click(); // the customer: nothing known
  // the indicators: Other needs saying what
  await page.locator("#indicators-other").waitFor();
  await page.locator("#indicators-other").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await summary.getByText("Say what else made it suspicious").waitFor();
  await check(t, w, "report-indicators-error");
  await page.locator("#indicators-other").uncheck();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click(); // no narrative either
  // the server refuses an attempt with nothing said of why: its reason, on the page that asks
  await page.getByRole("heading", { name: "Check your answers before sending your report" }).waitFor();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await page.getByRole("heading", { name: "What made it suspicious?" }).waitFor();
  await summary.getByText("say what made it suspicious (an indicator or a narrative)").waitFor();
  assert.match(await focused(page), /govuk-error-summary/, "the focus moves to the server's error");
  assert.match(await page.locator("#indicators-error").innerText(), /Error:\s+Say what made it suspicious \(an indicator or a narrative\)$/);
  await check(t, w, "report-indicators-server-error");
  await page.locator("#indicators-nervous").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Check your answers before sending your report" }).waitFor();
  await page.getByRole("button", { name: "Accept and send" }).click();
  await page.getByTestId("reference").waitFor();
  // another agency's report, or none: not found, said plainly
  await page.goto(`${server.url}/reports/01J00000000000000000000000`);
  await page.getByRole("heading", { name: "Report not found" }).waitFor();
  await check(t, w, "report-not-found");
  await w.context.close();
});
