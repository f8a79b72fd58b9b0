// person.tsx - the person page: the picture across agencies (GET /api/v1/persons/{id}/picture),
// every part marked with its source agency and classification, the page's markings
// reported to the shell's banner; pointers to other agencies' holdings with "Request
// information"; and the record's history (GET /api/v1/persons/{id}/history) as an MOJ
// timeline.  Only what the server answered is shown: a part the caller may not see is
// not in the answer, so it leaves no trace here.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf, type Problem } from "../api";
import { PageTitle } from "../components";
import { type Classification, type Marking, useMarkings } from "../markings";
import { addressText, dateText, identLabel, nameText, type Person, primaryName, SourceTag, type Source } from "./person-parts";

interface Pointer {
  agency_name: string;
  reference: string;
  last_changed?: string;
}
interface Item {
  id: string;
  originator: string;
  classification: Classification;
  body: string;
  handling_conditions: string | null;
}
interface Link {
  id: string;
  link_type?: string;
  provenance?: string;
  status?: string;
  from?: { type: string };
  to?: { type: string };
}
interface CaseRef {
  id: string;
  title?: string;
  type: string;
  state?: string;
}
interface RequestRef {
  id: string;
  from_agency_name?: string;
  to_agency_name?: string;
  question?: string;
  status?: string;
  state?: string;
  urgency?: string;
  due_at?: string;
}
interface Disclosure {
  id: string;
  released?: Person & { summary?: string };
  summary?: string;
  lawful_basis?: string;
  expires_at?: string;
}
export interface Picture {
  person_id: string;
  highest_classification: Classification;
  records: { source: Source; person: Person }[];
  disclosures: { source: Source; disclosure: Disclosure }[];
  pointers: { source: Source; pointer: Pointer }[];
  items: { source: Source; item: Item }[];
  links: { source: Source; link: Link }[];
  cases: { source: Source; case: CaseRef }[];
  requests: { source: Source; request: RequestRef; direction: "outgoing" | "incoming" }[];
}

interface Version {
  version: number;
  changed_by: string;
  changed_at: string;
  reason: string;
  record: Person;
}

// "closed_soi" -> "Closed soi"; a short code such as "soi" or "maa" is an acronym: "SOI"
const word = (s: string | undefined): string => (!s ? "" : s.length <= 3 ? s.toUpperCase() : s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, " "));

function Section({ title, id, children, empty, count }: { title: string; id: string; children: preact.ComponentChildren; empty: string; count: number }) {
  return (
    <section class="app-picture-part" aria-labelledby={`${id}-title`} data-testid={`part-${id}`}>
      <h2 class="govuk-heading-m" id={`${id}-title`}>
        {title}
      </h2>
      {count === 0 ? <p class="govuk-body">{empty}</p> : children}
    </section>
  );
}

function RecordCard({ source, person, first }: { source: Source; person: Person; first: boolean }) {
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title">
          {primaryName(person)} <SourceTag source={source} />
        </h3>
        {first && (
          <ul class="govuk-summary-card__actions">
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={`/persons/${encodeURIComponent(person.id)}/edit`}>
                Edit<span class="govuk-visually-hidden"> {primaryName(person)}</span>
              </a>
            </li>
          </ul>
        )}
      </div>
      <div class="govuk-summary-card__content">
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Names</dt>
            <dd class="govuk-summary-list__value">
              <ul class="govuk-list">
                {(person.names ?? []).map((n, i) => (
                  <li key={i}>
                    {nameText(n)}
                    {n.kind && n.kind !== "primary" ? ` (${word(n.kind)})` : ""}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Date of birth</dt>
            <dd class="govuk-summary-list__value">{dateText(person.dob) || "Not known"}</dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Addresses</dt>
            <dd class="govuk-summary-list__value">
              {(person.addresses ?? []).length === 0 ? (
                "None recorded"
              ) : (
                <ul class="govuk-list">
                  {(person.addresses ?? []).map((a, i) => {
                    const from = a.valid_from ?? a.from;
                    const to = a.valid_to ?? a.to;
                    return (
                      <li key={i}>
                        {addressText(a)}
                        {from || to ? ` (${from ? `from ${dateText(from)}` : ""}${from && to ? " " : ""}${to ? `to ${dateText(to)}` : ""})` : ""}
                      </li>
                    );
                  })}
                </ul>
              )}
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Identifiers</dt>
            <dd class="govuk-summary-list__value">
              {(person.identifiers ?? []).length === 0 ? (
                "None recorded"
              ) : (
                <ul class="govuk-list">
                  {(person.identifiers ?? []).map((d, i) => (
                    <li key={i}>
                      {identLabel(d.kind)}: {d.value}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          {person.source_ref && (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">Your reference</dt>
              <dd class="govuk-summary-list__value">{person.source_ref}</dd>
            </div>
          )}
        </dl>
      </div>
    </div>
  );
}

function History({ id }: { id: string }) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<{ versions: Version[] }>("GET", `/api/v1/persons/${encodeURIComponent(id)}/history`)
      .then((h) => setVersions(h.versions))
      .catch((e) => setProblem(problemOf(e)));
  }, [id]);
  return (
    <section aria-labelledby="history-title" data-testid="history">
      <h2 class="govuk-heading-m" id="history-title">
        History of this record
      </h2>
      {problem && <p class="govuk-body">{problem.detail}</p>}
      {versions && versions.length === 0 && <p class="govuk-body">This record has not been changed since it was added.</p>}
      {versions && versions.length > 0 && (
        <div class="moj-timeline">
          {[...versions].reverse().map((v) => (
            <div class="moj-timeline__item" key={v.version}>
              <div class="moj-timeline__header">
                <h3 class="moj-timeline__title">Version {v.version} replaced</h3> <p class="moj-timeline__byline">by {v.changed_by}</p>
              </div>
              <p class="moj-timeline__date">
                <time dateTime={v.changed_at}>{dateText(v.changed_at)}</time>
              </p>
              <div class="moj-timeline__description">
                <p class="govuk-body">Reason: {v.reason}</p>
                <p class="govuk-body-s">
                  It read: {primaryName(v.record)}
                  {v.record.dob ? `, born ${dateText(v.record.dob)}` : ""}
                  {(v.record.addresses ?? [])[0] ? `, ${addressText((v.record.addresses ?? [])[0])}` : ""}
                </p>
              </div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

export function PersonPage({ id }: { id: string }) {
  const [pic, setPic] = useState<Picture | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    setPic(null);
    setProblem(null);
    api<Picture>("GET", `/api/v1/persons/${encodeURIComponent(id)}/picture`)
      .then(setPic)
      .catch((e) => setProblem(problemOf(e)));
  }, [id]);

  const marks: Marking[] = pic
    ? [
        { classification: pic.highest_classification },
        ...[...pic.records, ...pic.disclosures, ...pic.pointers, ...pic.items, ...pic.links, ...pic.cases, ...pic.requests].map((p) => ({
          classification: p.source.classification,
        })),
      ]
    : [{ classification: "official_sensitive" }];
  useMarkings(marks);

  if (problem) {
    return (
      <>
        <PageTitle title={problem.status === 404 ? "Person not found" : "The person cannot be shown"} />
        <p class="govuk-body">{problem.detail}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/persons">
            Search for a person
          </a>
        </p>
      </>
    );
  }
  if (!pic) {
    return (
      <p class="govuk-body" role="status">
        Loading the person&hellip;
      </p>
    );
  }
  const main = pic.records[0]?.person;
  return (
    <>
      <a class="govuk-back-link" href="/persons">
        Search for a person
      </a>
      <PageTitle title={main ? primaryName(main) : "Person"} caption="Person" />
      <Section title="Records held by your agency" id="records" count={pic.records.length} empty="None">
        {pic.records.map((r, i) => (
          <RecordCard key={r.person.id} source={r.source} person={r.person} first={i === 0} />
        ))}
      </Section>

      <Section title="Held by other agencies" id="pointers" count={pic.pointers.length} empty="No other agency's holding on this person is known to you.">
        <ul class="govuk-list">
          {pic.pointers.map((p) => (
            <li key={p.pointer.reference} class="app-picture-row">
              <SourceTag source={p.source} /> {p.pointer.agency_name} holds a record (reference {p.pointer.reference}
              {p.pointer.last_changed ? `, last changed ${dateText(p.pointer.last_changed)}` : ""}).{" "}
              <a
                class="govuk-link"
                href={`/persons/${encodeURIComponent(pic.person_id)}/request?reference=${encodeURIComponent(p.pointer.reference)}&agency=${encodeURIComponent(p.pointer.agency_name)}`}
              >
                Request information<span class="govuk-visually-hidden"> from {p.pointer.agency_name}</span>
              </a>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Disclosures received" id="disclosures" count={pic.disclosures.length} empty="None">
        {pic.disclosures.map((d) => {
          const r = d.disclosure.released;
          return (
            <div class="govuk-inset-text" key={d.disclosure.id}>
              <p class="govuk-body">
                <SourceTag source={d.source} />
              </p>
              {r && (
                <p class="govuk-body">
                  {primaryName(r)}
                  {r.dob ? `, born ${dateText(r.dob)}` : ""}
                  {(r.addresses ?? []).map((a) => `; ${addressText(a)}`).join("")}
                  {(r.identifiers ?? []).map((x) => `; ${identLabel(x.kind)} ${x.value}`).join("")}
                </p>
              )}
              {(r?.summary ?? d.disclosure.summary) && <p class="govuk-body">{r?.summary ?? d.disclosure.summary}</p>}
              {d.disclosure.expires_at && <p class="govuk-body-s">Use until {dateText(d.disclosure.expires_at)}</p>}
            </div>
          );
        })}
      </Section>

      <Section title="Items" id="items" count={pic.items.length} empty="None">
        {pic.items.map((it) => (
          <div class="govuk-inset-text" key={it.item.id}>
            <p class="govuk-body">
              <SourceTag source={it.source} />
            </p>
            <p class="govuk-body app-pre">{it.item.body}</p>
          </div>
        ))}
      </Section>

      <Section title="Links" id="links" count={pic.links.length} empty="None">
        <ul class="govuk-list">
          {pic.links.map((l) => (
            <li key={l.link.id}>
              <SourceTag source={l.source} /> {word(l.link.from?.type)} {word(l.link.link_type).toLowerCase() || "linked to"} {l.link.to?.type ?? ""}
              {l.link.status ? ` (${word(l.link.status).toLowerCase()})` : ""}
              {l.link.provenance ? `: ${l.link.provenance}` : ""}
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Cases" id="cases" count={pic.cases.length} empty="None">
        <ul class="govuk-list">
          {pic.cases.map((c) => (
            <li key={c.case.id}>
              <SourceTag source={c.source} /> {c.case.title ?? word(c.case.type)}
              {` (${word(c.case.type)}${c.case.state ? `, ${word(c.case.state)}` : ""})`}
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Open requests for information" id="requests" count={pic.requests.length} empty="None">
        <ul class="govuk-list">
          {pic.requests.map((r) => (
            <li key={r.request.id}>
              <SourceTag source={r.source} /> {r.direction === "outgoing" ? `Your agency asked ${r.request.to_agency_name ?? "another agency"}` : `${r.request.from_agency_name ?? "Another agency"} asks your agency`}
              {r.request.question ? `: ${r.request.question}` : ""}
              {r.request.due_at ? ` (due ${dateText(r.request.due_at)})` : ""}
            </li>
          ))}
        </ul>
      </Section>

      {main && <History id={main.id} />}
    </>
  );
}
