// persons.tsx - the analyst's person search (GET /api/v1/persons?name=&dob=&postcode=, or
// ?identifier=KIND:VALUE):
// the results as an MOJ sortable table, each with the server's explanation of why it
// matched.  Sorting is done here on the answer (MOJ's sortable table markup: a button in
// each header, aria-sort on the sorted column).
import { useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { Button, ErrorSummary, type FieldError, PageTitle, TextInput } from "../components";
import { useMarkings } from "../markings";
import { addressText, dateText, explanationText, type Person, primaryName } from "./person-parts";
import { TableScroll } from "./worklist";

interface Hit extends Person {
  score: number;
  explanation: unknown;
}

type Column = "name" | "dob" | "postcode" | "score";
const COLUMNS: { key: Column; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "dob", label: "Date of birth" },
  { key: "postcode", label: "Postcode" },
  { key: "score", label: "Score" },
];

const postcodeOf = (p: Person): string => (p.addresses ?? []).map((a) => a.postcode).find(Boolean) ?? "";

function sortValue(h: Hit, c: Column): string | number {
  if (c === "name") return primaryName(h).toLowerCase();
  if (c === "dob") return h.dob ?? "";
  if (c === "postcode") return postcodeOf(h);
  return h.score;
}

export function PersonSearch() {
  useMarkings([{ classification: "official_sensitive" }]);
  const [name, setName] = useState("");
  const [dob, setDob] = useState("");
  const [postcode, setPostcode] = useState("");
  const [identifier, setIdentifier] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [sort, setSort] = useState<{ col: Column; dir: "ascending" | "descending" }>({ col: "score", dir: "descending" });

  async function search(ev: Event) {
    ev.preventDefault();
    if (!name.trim() && !dob.trim() && !postcode.trim() && !identifier.trim()) {
      setErrors([{ field: "name", message: "Enter a name, a date of birth or a postcode, or an identifier, to search for" }]);
      setHits(null);
      return;
    }
    if (identifier.trim() && (name.trim() || dob.trim() || postcode.trim())) {
      setErrors([{ field: "identifier", message: "Search by an identifier on its own: clear the name, date of birth and postcode, or the identifier" }]);
      setHits(null);
      return;
    }
    const q = new URLSearchParams();
    if (identifier.trim()) q.set("identifier", identifier.trim());
    if (name.trim()) q.set("name", name.trim());
    if (dob.trim()) q.set("dob", dob.trim());
    if (postcode.trim()) q.set("postcode", postcode.trim());
    setBusy(true);
    try {
      const res = await api<{ persons: Hit[] }>("GET", `/api/v1/persons?${q.toString()}`);
      setErrors([]);
      setHits(res.persons);
      setSort({ col: "score", dir: "descending" });
    } catch (e) {
      const p = problemOf(e);
      const field = /^dob\b/.test(p.detail) ? "dob" : /^postcode\b/.test(p.detail) ? "postcode" : /^identifier\b/.test(p.detail) ? "identifier" : "name";
      setErrors([{ field, message: p.detail }]);
      setHits(null);
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (f: string) => errors.find((e) => e.field === f)?.message;
  const sorted = hits
    ? [...hits].sort((a, b) => {
        const x = sortValue(a, sort.col);
        const y = sortValue(b, sort.col);
        const c = x < y ? -1 : x > y ? 1 : 0;
        return sort.dir === "ascending" ? c : -c;
      })
    : [];

  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Search for a person" error={errors.length > 0} />
      <p class="govuk-body">
        <a class="govuk-link" href="/persons/new">
          Add a person
        </a>
        {" \u00b7 "}
        <a class="govuk-link" href="/persons/import">
          Import persons from a file
        </a>
        {" \u00b7 "}
        <a class="govuk-link" href="/persons/export">
          Export your records
        </a>
      </p>
      <form onSubmit={search} noValidate>
        <TextInput id="name" label="Name" hint="In any order or script; variants and nicknames are found too" value={name} onInput={setName} error={errorOf("name")} />
        <TextInput id="dob" label="Date of birth" hint="A year, a year and month, or a full date, for example 1980 or 1980-05-02" value={dob} onInput={setDob} error={errorOf("dob")} width="10" />
        <TextInput id="postcode" label="Postcode" hint="A full postcode, a sector such as B11 4, or an outward code such as B11" value={postcode} onInput={setPostcode} error={errorOf("postcode")} width="10" />
        <TextInput
          id="identifier"
          label="Identifier (optional)"
          hint="On its own: the kind and the number, for example NI:AB123456C, PNC:05/123456X or passport:123456789; or the number alone to search every kind"
          value={identifier}
          onInput={setIdentifier}
          error={errorOf("identifier")}
          width="20"
        />
        <Button disabled={busy}>Search</Button>
      </form>
      {hits && (
        <>
          <h2 class="govuk-heading-m" data-testid="result-count">
            {hits.length === 1 ? "1 person found" : `${hits.length} persons found`}
          </h2>
          {hits.length > 0 && (
            <TableScroll label="Persons found">
              <table class="govuk-table" data-module="moj-sortable-table" data-testid="results">
                <caption class="govuk-table__caption govuk-visually-hidden">Persons found, best match first</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    {COLUMNS.map((c) => (
                      <th scope="col" class="govuk-table__header" key={c.key} aria-sort={sort.col === c.key ? sort.dir : "none"}>
                        <button
                          type="button"
                          data-index={c.key}
                          onClick={() => setSort({ col: c.key, dir: sort.col === c.key && sort.dir === "ascending" ? "descending" : "ascending" })}
                        >
                          {c.label}
                        </button>
                      </th>
                    ))}
                    <th scope="col" class="govuk-table__header">
                      Why it matched
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {sorted.map((h) => (
                    <tr class="govuk-table__row" key={h.id}>
                      <td class="govuk-table__cell">
                        <a class="govuk-link" href={`/persons/${encodeURIComponent(h.id)}`}>
                          {primaryName(h)}
                        </a>
                        {(h.addresses ?? [])[0] && <span class="govuk-body-s app-block">{addressText((h.addresses ?? [])[0])}</span>}
                      </td>
                      <td class="govuk-table__cell">{dateText(h.dob) || "Not known"}</td>
                      <td class="govuk-table__cell">{postcodeOf(h) || "Not known"}</td>
                      <td class="govuk-table__cell govuk-table__cell--numeric">{h.score.toFixed(2)}</td>
                      <td class="govuk-table__cell govuk-body-s" data-testid="explanation">
                        {explanationText(h.explanation)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
    </>
  );
}
