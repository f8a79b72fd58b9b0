// exchange.mjs - the analyst's import, export and search by identifier (issue 16 point 5)
// in a real browser, from sign-in against a real 'accord serve' on a demo database: a
// small CSV with one bad row is uploaded, its progress shown to the end, the summary and
// the refused row with its line, column and reason, and the quarantine downloaded; the
// imported record is then found by its NI number with the explanation; the export page
// downloads the caller's records.  axe-core, console and CSP checks and screenshots on
// every page and state (harness.mjs checkPage).
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

async function signIn(page, username, purpose) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await page.getByLabel("Purpose of work").fill(purpose);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Home" }).waitFor();
}

// The text of a download, read from its stream (no file is kept: the context's downloads
// go when it closes).
async function downloaded(page, link) {
  const [dl] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const chunks = [];
  for await (const c of await dl.createReadStream()) chunks.push(c);
  return { name: dl.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
}

const CSV =
  "id,given_name,family_name,dob,postcode,ni_number\n" +
  "WEB-1,Tamsin,Oakhurst,1984-02-11,B11 4AA,JT123456B\n" +
  "WEB-2,Rowan,Pellow,1990-13-40,B12 9ZZ,\n" +
  "WEB-3,Caspian,Threlfall,1979,B13 8QQ,\n";

test("the analyst imports a CSV with one bad row, sees the progress, downloads the quarantine, finds the record by NI number and exports", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser, { acceptDownloads: true });
  const { page } = w;
  await signIn(page, "ctp.analyst", "Operation Kestrel");
  await page.goto(`${server.url}/persons`);
  await page.getByRole("link", { name: "Import persons from a file" }).click();
  await page.getByRole("heading", { name: "Import persons from a file" }).waitFor();
  assert.match(await page.getByTestId("classification-top").innerText(), /^OFFICIAL-SENSITIVE/m);
  await checkPage(t, w, "person-import");

  // no file: the error names the field and what to do
  await page.getByRole("button", { name: "Import" }).click();
  await page.locator("#file-error").getByText("Select a CSV file to import").waitFor();
  await checkPage(t, w, "person-import-no-file");

  await page.getByLabel("Upload a file").setInputFiles({ name: "nominals.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
  await page.getByRole("button", { name: "Import" }).click();
  // the progress bar, then its end
  await page.getByTestId("import-progress").waitFor();
  await page.getByTestId("import-status").getByText("Import finished").waitFor();
  assert.equal(await page.locator("#import-progress-bar").getAttribute("value"), "100");
  const summary = page.getByTestId("import-summary");
  await summary.waitFor();
  assert.match(await summary.innerText(), /2 persons imported/);
  assert.match(await summary.innerText(), /3 rows read, 1 row refused/);
  const problems = page.getByTestId("import-problems");
  const row = problems.locator("tbody tr");
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /^3\s+dob\s+month 13 out of range/);
  await page.getByTestId("quarantine-link").waitFor();
  await checkPage(t, w, "person-import-done");

  const q = await downloaded(page, page.getByTestId("quarantine-link"));
  assert.equal(q.name, "refused-rows.csv");
  assert.match(q.text, /"_line","_error"/);
  assert.match(q.text, /"WEB-2","Rowan","Pellow","1990-13-40","B12 9ZZ","","3","dob: month 13 out of range/);
  assert.doesNotMatch(q.text, /WEB-1/);

  // the imported record, found by its NI number, written as a person would
  await page.goto(`${server.url}/persons`);
  await page.getByRole("heading", { name: "Search for a person" }).waitFor();
  await page.getByLabel("Identifier").fill("NI: jt 12 34 56 b");
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByTestId("results");
  await table.waitFor();
  const hit = table.locator("tbody tr", { hasText: "Tamsin Oakhurst" });
  assert.equal(await hit.count(), 1);
  assert.equal(await hit.getByTestId("explanation").innerText(), "NI number agrees");
  await checkPage(t, w, "person-search-identifier");
  // an identifier with a name: said at the field
  await page.getByLabel("Name").fill("oakhurst");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("#identifier-error").getByText("Search by an identifier on its own").waitFor();

  // the export: the caller's records as a CSV that import reads
  await page.goto(`${server.url}/persons/export`);
  await page.getByRole("heading", { name: "Export your records" }).waitFor();
  await checkPage(t, w, "person-export");
  await page.getByRole("button", { name: "Prepare the export" }).click();
  await page.getByTestId("export-link").waitFor();
  await checkPage(t, w, "person-export-ready");
  const e = await downloaded(page, page.getByTestId("export-link"));
  assert.equal(e.name, "persons.csv");
  assert.match(e.text, /^hub_id,source_ref,given_name/);
  assert.match(e.text, /WEB-1,Tamsin/);
  await w.context.close();
});
