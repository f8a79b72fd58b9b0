// proposals.tsx - the two home-page lists issue 16.5 added: item disclosures waiting for this
// user's approval (GET /api/v1/disclosures?awaiting=me), each approved with one button, and
// the agency's link proposals awaiting a decision (GET /api/v1/links?status=proposed), each
// named by the persons it joins and decided on their record.  GET /api/v1/me/work counts the
// rows of each.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { ErrorSummary, PageTitle, type FieldError } from "../components";
import { label, useMarkings, type Classification } from "../markings";
import { dateText, words } from "../labels";
import { type Person, primaryName } from "./person-parts";
import { basisTitle, useLawfulBases } from "./rfiform";
import { ListState, TableScroll, useList } from "./worklist";

interface ItemDisclosure {
  id: string;
  item_id: string;
  recipient_agency_id?: string;
  recipient_case_id?: string;
  purpose: string;
  lawful_basis: string;
  classification: Classification;
  expires_at: string;
  created_at: string;
}

interface Link {
  id: string;
  from: { type: string; id: string };
  to: { type: string; id: string };
  link_type?: string;
  provenance?: string;
  confidence: number;
  status: string;
}

function useAgencies(): Record<string, string> {
  const [agencies, setAgencies] = useState<Record<string, string>>({});
  useEffect(() => {
    api<{ agencies: { id: string; name: string }[] }>("GET", "/api/v1/agencies")
      .then((r) => setAgencies(Object.fromEntries(r.agencies.map((a) => [a.id, a.name]))))
      .catch(() => setAgencies({}));
  }, []);
  return agencies;
}

function Th({ children }: { children: preact.ComponentChildren }) {
  return (
    <th scope="col" class="govuk-table__header">
      {children}
    </th>
  );
}

export function ItemApprovals() {
  const { bases } = useLawfulBases();
  const agencies = useAgencies();
  const [reload, setReload] = useState(0);
  const { rows, error } = useList<ItemDisclosure>("/api/v1/disclosures?awaiting=me", "disclosures", reload);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [approved, setApproved] = useState<string | null>(null);
  useMarkings([{ classification: "official_sensitive" }, ...(rows ?? []).map((d) => ({ classification: d.classification }))]);

  async function approve(d: ItemDisclosure) {
    setErrors([]);
    try {
      await api("POST", `/api/v1/disclosures/${encodeURIComponent(d.id)}/approve`);
      setApproved("You approved the disclosure. The recipient can read it now.");
      setReload(reload + 1);
    } catch (e) {
      setErrors([{ field: `approve-${d.id}`, message: problemOf(e).detail }]);
    }
  }

  const to = (d: ItemDisclosure) => (d.recipient_agency_id ? (agencies[d.recipient_agency_id] ?? "Another agency") : "A case");
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Item disclosures waiting for your approval" />
      {approved && (
        <div class="govuk-inset-text" role="status" data-testid="approved">
          {approved}
        </div>
      )}
      <p class="govuk-body">A colleague released each of these intelligence items below the marking of the original. A second person must approve it before the recipient reads it.</p>
      <ListState rows={rows} error={error} empty="No item disclosure is waiting for your approval." />
      {rows && rows.length > 0 && (
        <TableScroll label="Item disclosures waiting for your approval">
          <table class="govuk-table" data-testid="rows">
            <caption class="govuk-table__caption govuk-visually-hidden">Item disclosures waiting for your approval</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <Th>To</Th>
                <Th>Why</Th>
                <Th>Marking</Th>
                <Th>Until</Th>
                <Th>
                  <span class="govuk-visually-hidden">Action</span>
                </Th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((d) => (
                <tr class="govuk-table__row" key={d.id} data-testid="row">
                  <td class="govuk-table__cell">{to(d)}</td>
                  <td class="govuk-table__cell app-wrap">
                    {d.purpose} <span class="govuk-hint govuk-!-font-size-16">under {basisTitle(bases, d.lawful_basis)}</span>
                  </td>
                  <td class="govuk-table__cell">{label({ classification: d.classification })}</td>
                  <td class="govuk-table__cell">{dateText(d.expires_at)}</td>
                  <td class="govuk-table__cell">
                    <button type="button" id={`approve-${d.id}`} class="govuk-button govuk-!-margin-bottom-0" onClick={() => void approve(d)}>
                      Approve<span class="govuk-visually-hidden"> the disclosure to {to(d)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function LinkProposals() {
  const { rows, error } = useList<Link>("/api/v1/links?status=proposed", "links");
  const [names, setNames] = useState<Record<string, string>>({});
  useMarkings([{ classification: "official_sensitive" }]);
  useEffect(() => {
    const ids = new Set<string>();
    for (const l of rows ?? []) for (const end of [l.from, l.to]) if (end.type === "person") ids.add(end.id);
    for (const id of ids) {
      api<Person>("GET", `/api/v1/persons/${encodeURIComponent(id)}`)
        .then((p) => setNames((n) => ({ ...n, [id]: primaryName(p) })))
        .catch(() => setNames((n) => ({ ...n, [id]: "a person record" })));
    }
  }, [rows]);

  const end = (e: { type: string; id: string }) =>
    e.type === "person" ? (
      <a class="govuk-link" href={`/persons/${encodeURIComponent(e.id)}`}>
        {names[e.id] ?? "a person record"}
      </a>
    ) : (
      <span>a {words(e.type).toLowerCase()} record</span>
    );
  return (
    <>
      <PageTitle title="Link proposals awaiting a decision" />
      <p class="govuk-body">Your agency's analysts or the record linkage proposed each of these. Open a record to confirm or reject the link.</p>
      <ListState rows={rows} error={error} empty="No link proposal is awaiting a decision." />
      {rows && rows.length > 0 && (
        <TableScroll label="Link proposals awaiting a decision">
          <table class="govuk-table" data-testid="rows">
            <caption class="govuk-table__caption govuk-visually-hidden">Link proposals awaiting a decision</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <Th>From</Th>
                <Th>Link</Th>
                <Th>To</Th>
                <Th>Why</Th>
                <Th>Confidence</Th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((l) => (
                <tr class="govuk-table__row" key={l.id} data-testid="row">
                  <td class="govuk-table__cell">{end(l.from)}</td>
                  <td class="govuk-table__cell">{words(l.link_type ?? "linked_to")}</td>
                  <td class="govuk-table__cell">{end(l.to)}</td>
                  <td class="govuk-table__cell app-wrap">{l.provenance ?? ""}</td>
                  <td class="govuk-table__cell">{Math.round(l.confidence * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
