// approvals.tsx - person disclosures waiting for this user's approval as the second person
// (the rows GET /api/v1/me/work counts: GET /person-disclosures?awaiting=me), each approved
// with one button.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { ErrorSummary, PageTitle, type FieldError } from "../components";
import { useMarkings, type Classification } from "../markings";
import { dateText, fieldLabel } from "../labels";
import { basisTitle, useLawfulBases } from "./rfiform";
import { ListState, TableScroll, useList } from "./worklist";

interface Disclosure {
  id: string;
  holder_agency_name: string;
  recipient_agency_id: string | null;
  recipient_case_id: string | null;
  lawful_basis: string;
  fields: string; // comma-separated
  classification: string;
  expires_at: string;
  status: string;
  created_at: string;
  released?: { names?: { full?: string; given?: string; family?: string }[] };
}

interface Agency {
  id: string;
  name: string;
}

const MARKING: Record<string, string> = { official: "OFFICIAL", official_sensitive: "OFFICIAL-SENSITIVE", secret: "SECRET", top_secret: "TOP SECRET" };

function releasedName(d: Disclosure): string {
  const n = d.released?.names?.[0];
  if (!n) return "A person record (no names released)";
  return n.full ?? ([n.given, n.family].filter(Boolean).join(" ") || "A person record");
}

export function Approvals() {
  const { bases } = useLawfulBases();
  const [reload, setReload] = useState(0);
  const { rows, error } = useList<Disclosure>("/api/v1/person-disclosures?awaiting=me", "person_disclosures", reload);
  const [agencies, setAgencies] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [approved, setApproved] = useState<string | null>(null);
  // every person record is OFFICIAL-SENSITIVE; a disclosure shows the marking it carries
  useMarkings([{ classification: "official_sensitive" }, ...(rows ?? []).map((d) => ({ classification: d.classification as Classification }))]);
  useEffect(() => {
    api<{ agencies: Agency[] }>("GET", "/api/v1/agencies")
      .then((r) => setAgencies(Object.fromEntries(r.agencies.map((a) => [a.id, a.name]))))
      .catch(() => setAgencies({}));
  }, []);

  async function approve(d: Disclosure) {
    setErrors([]);
    try {
      await api("POST", `/api/v1/person-disclosures/${encodeURIComponent(d.id)}/approve`);
      setApproved(`You approved the disclosure of ${releasedName(d)}'s record. The recipient can read it now.`);
      setReload(reload + 1);
    } catch (e) {
      setErrors([{ field: `approve-${d.id}`, message: problemOf(e).detail }]);
    }
  }

  const recipient = (d: Disclosure) => (d.recipient_agency_id ? (agencies[d.recipient_agency_id] ?? "Another agency") : "A case");
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Disclosures waiting for your approval" />
      {approved && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="approved-title" data-testid="approved">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="approved-title">
              Success
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">{approved}</p>
          </div>
        </div>
      )}
      <p class="govuk-body">A colleague marked each of these below the record it comes from. A second person must approve it before the recipient reads it.</p>
      <ListState rows={rows} error={error} empty="No disclosure is waiting for your approval." />
      {rows && rows.length > 0 && (
        <TableScroll label={"Disclosures waiting for your approval"}>
          <table class="govuk-table" data-testid="rows">
            <caption class="govuk-table__caption govuk-visually-hidden">Disclosures waiting for your approval</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Person
                </th>
                <th scope="col" class="govuk-table__header">
                  To
                </th>
                <th scope="col" class="govuk-table__header">
                  What
                </th>
                <th scope="col" class="govuk-table__header">
                  Marking
                </th>
                <th scope="col" class="govuk-table__header">
                  Until
                </th>
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map((d) => (
                <tr class="govuk-table__row" key={d.id} data-testid="row">
                  <td class="govuk-table__cell app-wrap">{releasedName(d)}</td>
                  <td class="govuk-table__cell">{recipient(d)}</td>
                  <td class="govuk-table__cell">
                    {d.fields
                      .split(",")
                      .filter(Boolean)
                      .map((f) => fieldLabel(f.trim()))
                      .join(", ")}{" "}
                    <span class="govuk-hint govuk-!-font-size-16">under {basisTitle(bases, d.lawful_basis)}</span>
                  </td>
                  <td class="govuk-table__cell">{MARKING[d.classification] ?? d.classification}</td>
                  <td class="govuk-table__cell">{dateText(d.expires_at)}</td>
                  <td class="govuk-table__cell">
                    <button type="button" id={`approve-${d.id}`} class="govuk-button govuk-!-margin-bottom-0" onClick={() => void approve(d)}>
                      Approve<span class="govuk-visually-hidden"> the disclosure of {releasedName(d)}</span>
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
