// analyst.mjs - the analyst's journeys (issue 16 point 5) in a real browser, each from
// sign-in against a real 'accord serve' on a demo database: person search with each
// result's explanation, the picture across agencies with its markings, what a user without
// SECRET clearance sees of a person with a SECRET item, add and edit (a validation error, a
// duplicate warning, a 412 conflict, the history).  axe-core, console and CSP checks and
// screenshots on every page and state (harness.mjs checkPage).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PASSWORD, apiSession, checkPage, chromiumMissing, launch, startServer, watchedPage } from "./harness.mjs";

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

async function signIn(page, username, purpose, password = PASSWORD) {
  await page.goto(`${server.url}/`);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "What is the purpose of your work?" }).waitFor();
  await page.getByLabel("Purpose of work").fill(purpose);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Home" }).waitFor();
}

// The text a person reads on the page: the banners and the main content (not the
// identity bar, which names the user).
async function pageText(page) {
  const top = await page.getByTestId("classification-top").innerText();
  const bottom = await page.getByTestId("classification-bottom").innerText();
  return `${top}\n${await page.locator("main").innerText()}\n${bottom}`;
}

// A content user of the West Midlands CTU vetted to BPSS only: cleared for
// OFFICIAL-SENSITIVE, not SECRET (lib/policy/item_policy.c aci_policy_cleared).
async function addBpssAnalyst(username, display) {
  const maker = await apiSession(server.url, "admin2");
  const approver = await apiSession(server.url, "admin");
  const agencies = await maker("GET", "/api/v1/agencies");
  const ctu = agencies.body.agencies.find((a) => a.name === "West Midlands Counter Terrorism Unit");
  const added = await maker("POST", "/api/v1/users", { username, display_name: display, agency_id: ctu.id, vetting: "bpss", roles: "analyst" });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  const grants = await approver("GET", "/api/v1/grants");
  const g = grants.body.grants.find((x) => x.username === username);
  assert.equal((await approver("POST", `/api/v1/grants/${g.id}/approve`)).status, 204);
  const password = "a long and unguessable passphrase 7";
  const res = await fetch(`${server.url}/api/v1/enrolment`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, code: added.body.enrolment_code, password }),
  });
  assert.equal(res.status, 204, await res.text());
  return password;
}

// USERNAME corrects person ID as a client does: GET for the ETag, PUT with If-Match.
async function putAs(username, id, body) {
  const res = await fetch(`${server.url}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(res.status, 201);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const { csrf_token } = await res.json();
  const headers = { Cookie: cookie, "Accord-Purpose": "web test set-up" };
  const got = await fetch(`${server.url}/api/v1/persons/${id}`, { headers });
  assert.equal(got.status, 200);
  const put = await fetch(`${server.url}/api/v1/persons/${id}`, {
    method: "PUT",
    headers: { ...headers, "X-CSRF-Token": csrf_token, "Content-Type": "application/json", "If-Match": got.headers.get("etag") },
    body: JSON.stringify(body),
  });
  assert.equal(put.status, 200, await put.text());
}

test("the analyst searches 'mohammed khan', finds Muhammad Khan with the explanation, sorts, opens the picture", { skip: missing ?? false }, async (t) => {
  const analyst = await apiSession(server.url, "ctp.analyst");
  const added = await analyst("POST", "/api/v1/persons", { given: "Muhammad", family: "Khan", dob: "1980-05-02", address: "12 Stratford Road", town: "Birmingham", postcode: "B11 4AA" });
  assert.equal(added.status, 201, JSON.stringify(added.body));

  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.analyst", "Operation Kestrel");
  await page.goto(`${server.url}/persons`);
  await page.getByRole("heading", { name: "Search for a person" }).waitFor();
  // both banners carry the page's marking (the bottom one subscribes after the page reports)
  assert.match(await page.getByTestId("classification-top").innerText(), /^OFFICIAL-SENSITIVE/m);
  assert.match(await page.getByTestId("classification-bottom").innerText(), /^OFFICIAL-SENSITIVE/m);
  await checkPage(t, w, "person-search");
  // nothing to search for: the error names the field and what to do
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator(".govuk-error-summary").getByText("Enter a name, a date of birth or a postcode").waitFor();
  await checkPage(t, w, "person-search-empty");
  // a date the server refuses: its reason, at the field
  await page.getByLabel("Date of birth").fill("1980-13");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("#dob-error").waitFor();
  assert.match(await page.locator("#dob-error").innerText(), /dob: /);

  await page.getByLabel("Date of birth").fill("");
  await page.getByLabel("Name").fill("mohammed khan");
  await page.getByRole("button", { name: "Search" }).click();
  const table = page.getByTestId("results");
  await table.waitFor();
  const row = table.locator("tbody tr", { hasText: "Muhammad Khan" });
  assert.equal(await row.count(), 1, "Muhammad Khan is found by 'mohammed khan'");
  const why = await row.getByTestId("explanation").innerText();
  assert.match(why, /primary name "Muhammad Khan"/);
  assert.match(why, /mohammed=muhammad \(variant/);
  assert.match(await row.innerText(), /2 May 1980[\s\S]*B11 4AA/);
  await checkPage(t, w, "person-search-results");

  // the MOJ sortable table: by name, ascending then descending
  const names = async () => (await table.locator("tbody tr td:first-child a").allInnerTexts()).map((s) => s.toLowerCase());
  await table.getByRole("button", { name: "Name" }).click();
  assert.equal(await table.locator("th", { hasText: "Name" }).first().getAttribute("aria-sort"), "ascending");
  const asc = await names();
  assert.deepEqual(asc, [...asc].sort());
  await table.getByRole("button", { name: "Name" }).click();
  assert.equal(await table.locator("th", { hasText: "Name" }).first().getAttribute("aria-sort"), "descending");
  assert.deepEqual(await names(), [...asc].sort().reverse());

  // the picture: each part marked with its source and classification; the banner reports it
  await row.getByRole("link", { name: "Muhammad Khan" }).click();
  await page.getByRole("heading", { level: 1, name: "Muhammad Khan" }).waitFor();
  const records = page.getByTestId("part-records");
  assert.match(await records.innerText(), /West Midlands Counter Terrorism Unit[\s\S]*OFFICIAL-SENSITIVE/);
  assert.match(await records.innerText(), /12 Stratford Road, Birmingham, B11 4AA/);
  assert.match(await page.getByTestId("classification-top").innerText(), /^OFFICIAL-SENSITIVE/m);
  await page.getByTestId("history").getByText("This record has not been changed since it was added.").waitFor();
  await checkPage(t, w, "person-picture");
  await w.context.close();
});

test("without SECRET clearance a person's SECRET item leaves no trace: no SECRET banner, the page as without the item", { skip: missing ?? false }, async (t) => {
  const analyst = await apiSession(server.url, "ctp.analyst");
  const person = await analyst("POST", "/api/v1/persons", { given: "Tariq", family: "Osman", dob: "1991-03-07" });
  assert.equal(person.status, 201);
  const id = person.body.id;
  const trainee = "ctp.trainee";
  const password = await addBpssAnalyst(trainee, "Dana Reed");

  // the page before the item exists, as the SC-cleared analyst reads it
  const w = await watchedPage(browser);
  await signIn(w.page, "ctp.analyst", "Operation Kestrel");
  await w.page.goto(`${server.url}/persons/${id}`);
  await w.page.getByRole("heading", { level: 1, name: "Tariq Osman" }).waitFor();
  await w.page.getByTestId("history").getByText("This record has not been changed").waitFor();
  const without = await pageText(w.page);

  // a SECRET item linked to the person
  const secretBody = "Seen at the unit twice.";
  const item = await analyst("POST", "/api/v1/items", { body: secretBody, classification: "secret", grade: "2BP" });
  assert.equal(item.status, 201, JSON.stringify(item.body));
  const link = await analyst("POST", "/api/v1/links", { from: { type: "person", id }, to: { type: "item", id: item.body.id }, link_type: "subject_of", provenance: "analyst's note", confidence: 0.9 });
  assert.equal(link.status, 201, JSON.stringify(link.body));

  // the analyst (SC) sees it, and the banner says SECRET
  await w.page.reload();
  await w.page.getByTestId("part-items").getByText(secretBody).waitFor();
  // the banners follow the parts' markings once they have rendered: wait for them, not a time
  await w.page.getByTestId("classification-top").filter({ hasText: "SECRET" }).waitFor();
  assert.match(await w.page.getByTestId("classification-top").innerText(), /^SECRET/m);
  assert.match(await w.page.getByTestId("classification-bottom").innerText(), /^SECRET/m);
  assert.match(await w.page.getByTestId("part-items").innerText(), /West Midlands Counter Terrorism Unit[\s\S]*SECRET/);
  const withItem = await pageText(w.page);
  assert.notEqual(withItem, without, "the item changes what the cleared analyst sees (the comparison below can fail)");
  await checkPage(t, w, "person-picture-secret");
  await w.context.close();

  // the BPSS analyst of the same agency: the page reads exactly as it did without the item
  const b = await watchedPage(browser);
  await signIn(b.page, trainee, "Operation Kestrel", password);
  await b.page.goto(`${server.url}/persons/${id}`);
  await b.page.getByRole("heading", { level: 1, name: "Tariq Osman" }).waitFor();
  await b.page.getByTestId("history").getByText("This record has not been changed").waitFor();
  const seen = await pageText(b.page);
  assert.doesNotMatch(seen, /SECRET(?!-)/, "no SECRET marking anywhere");
  assert.ok(!seen.includes(secretBody), "not the item's text");
  assert.match(await b.page.getByTestId("classification-top").innerText(), /^OFFICIAL-SENSITIVE/m);
  assert.equal(seen, without, "the page's text is the same as without the item");
  await checkPage(t, b, "person-picture-uncleared");
  await b.context.close();
});

test("add a person (a validation error at its field, a duplicate named), edit it (a reason, a 412 explained), its history as a timeline", { skip: missing ?? false }, async (t) => {
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.analyst", "Operation Kestrel");
  await page.goto(`${server.url}/persons`);
  await page.getByRole("link", { name: "Add a person" }).click();
  await page.getByRole("heading", { name: "Add a person" }).waitFor();
  await checkPage(t, w, "person-add");
  await page.getByLabel("Given name").fill("Amira");
  await page.getByLabel("Family name").fill("Haddad");
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await page.getByLabel("Address", { exact: true }).fill("4 Ladypool Road");
  await page.getByLabel("Town or city").fill("Birmingham");
  await page.getByLabel("Postcode").fill("NOT A POSTCODE");
  await page.getByRole("button", { name: "Add person" }).click();
  // the server's refusal, at the field it names, and in the summary linking to it
  const fieldError = page.locator("#postcode-error");
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /not a UK postcode: write it as in 'B11 4AA'/);
  assert.match(await page.locator(".govuk-error-summary").innerText(), /not a UK postcode/);
  assert.equal(await page.title(), "Error: Add a person - accord");
  assert.doesNotMatch(await page.locator(".govuk-error-summary").innerText(), /NOT A POSTCODE/, "the message never repeats the value");
  await checkPage(t, w, "person-add-invalid");
  await page.getByLabel("Postcode").fill("B12 9XY");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("heading", { level: 1, name: "Amira Haddad" }).waitFor();
  const firstUrl = page.url();
  const id = new URL(firstUrl).pathname.split("/")[2];

  // the same person again: added, and the look-alike named with a link to it
  await page.goto(`${server.url}/persons/new`);
  await page.getByLabel("Given name").fill("Amira");
  await page.getByLabel("Family name").fill("Haddad");
  await page.getByLabel("Date of birth").fill("1990-04-12");
  await page.getByLabel("Postcode").fill("B12 9XY");
  await page.getByRole("button", { name: "Add person" }).click();
  await page.getByRole("heading", { name: "Person added" }).waitFor();
  const dup = page.getByTestId("duplicates");
  assert.match(await dup.innerText(), /Amira Haddad may already be held by your agency/);
  const named = page.locator(`a[href="/persons/${id}"]`);
  assert.equal(await named.innerText(), "Amira Haddad", "the possible existing record, by name");
  await checkPage(t, w, "person-add-duplicate");

  // edit the first: no reason is refused; then someone else's change meanwhile is a 412
  await page.goto(firstUrl);
  await page.getByRole("link", { name: "Edit Amira Haddad" }).click();
  await page.getByRole("heading", { name: "Edit Amira Haddad" }).waitFor();
  assert.equal(await page.getByLabel("Postcode").inputValue(), "B12 9XY");
  await checkPage(t, w, "person-edit");
  await page.getByLabel("Date of birth").fill("1990-04-21");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.locator("#reason-error").getByText("Enter why you are changing this record").waitFor();
  await checkPage(t, w, "person-edit-no-reason");
  // meanwhile a colleague corrects the record (read with its ETag, written with If-Match)
  await putAs("ctp.caseworker", id, { reason: "moved within the city", fields: { town: "Solihull" } });
  await page.getByLabel("Why are you changing this record?").fill("confirmed from passport");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.locator(".govuk-error-summary").getByText("Someone else changed this record after you opened it").waitFor();
  assert.match(await page.getByTestId("conflict").innerText(), /version 2/);
  assert.equal(await page.getByLabel("Date of birth").inputValue(), "1990-04-21", "the user's change is kept");
  await checkPage(t, w, "person-edit-conflict");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("heading", { level: 1, name: "Amira Haddad" }).waitFor();
  const records = page.getByTestId("part-records");
  await records.getByText("21 April 1990").waitFor();
  // the history, newest first, with who (a name), when and why
  const history = page.getByTestId("history");
  await history.locator(".moj-timeline__item").nth(1).waitFor();
  const items = await history.locator(".moj-timeline__item").allInnerTexts();
  assert.equal(items.length, 2);
  assert.match(items[0], /Version 2 replaced[\s\S]*by [^\n]*[\s\S]*Reason: confirmed from passport[\s\S]*born 12 April 1990/);
  assert.match(items[1], /Version 1 replaced[\s\S]*Reason: moved within the city/);
  assert.doesNotMatch(items.join("\n"), /01[0-9A-HJKMNP-TV-Z]{24}/, "names, never ids");
  await checkPage(t, w, "person-history");
  await w.context.close();
});

test("from a pointer to another agency's holding, request information: the errors, then the request sent", { skip: missing ?? false }, async (t) => {
  // the demo's Nnamdi Musa (seed 4): the CTU's subject, also held by Birmingham City Council
  const w = await watchedPage(browser);
  const { page } = w;
  await signIn(page, "ctp.analyst", "Operation Kestrel");
  await page.goto(`${server.url}/persons`);
  await page.getByLabel("Name").fill("nnamdi musa");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByTestId("results").getByRole("link", { name: "Nnamdi Musa" }).click();
  await page.getByRole("heading", { level: 1, name: "Nnamdi Musa" }).waitFor();
  const pointers = page.getByTestId("part-pointers");
  assert.match(await pointers.innerText(), /Birmingham City Council[\s\S]*OFFICIAL-SENSITIVE[\s\S]*holds a record \(reference R-[0-9A-F]{10}/);
  assert.match(await page.getByTestId("part-cases").innerText(), /Operation BRACKEN/);
  assert.match(await page.getByTestId("part-requests").innerText(), /Security Service asks your agency: Any recent contact with the police\?/);
  await checkPage(t, w, "person-picture-pointers");
  await pointers.getByRole("link", { name: "Request information from Birmingham City Council" }).click();
  await page.getByRole("heading", { name: "Request information from Birmingham City Council" }).waitFor();
  assert.equal(await page.getByLabel("Purpose of the request").inputValue(), "Operation Kestrel");
  await checkPage(t, w, "request-information");
  await page.getByRole("button", { name: "Send request" }).click();
  const summary = page.locator(".govuk-error-summary");
  await summary.getByText("Select the lawful basis for sharing").waitFor();
  assert.match(await summary.innerText(), /Enter the question you are asking/);
  await checkPage(t, w, "request-information-errors");
  await page.getByLabel(/Crime and Disorder Act 1998 s.115/).check();
  await page.getByLabel("Your question").fill("Is the subject known to your Prevent team?");
  await page.getByLabel("Urgent").check();
  await page.getByRole("button", { name: "Send request" }).click();
  await page.getByRole("heading", { name: "Request sent" }).waitFor();
  await checkPage(t, w, "request-information-sent");
  // the request is now open on the person's page, outgoing, naming the agency asked
  await page.getByRole("link", { name: "Back to the person" }).click();
  await page.getByTestId("part-requests").getByText("Your agency asked Birmingham City Council: Is the subject known to your Prevent team?").waitFor();
  await w.context.close();
});
