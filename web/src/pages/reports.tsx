// reports.tsx - the retailer's own reports (GET /api/v1/reports: its agency's, newest
// first) and one report's receipt (GET /api/v1/reports/{id}).  Like the confirmation, they
// say nothing of screening: no match, no alert, only what was reported and when.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { ErrorSummary, PageTitle } from "../components";
import { useMarkings } from "../markings";
import { SummaryList, type SummaryRow } from "../questions";
import { formatWhen, kindLabel, paymentLabel } from "./report";

export interface Report {
  id: string;
  reference: string;
  received_at: string;
  kind: string;
  occurred_at: string;
  product?: string;
  substance: string;
  concentration?: number;
  quantity: string;
  payment: string;
  licence_shown: boolean;
  buyer_name?: string;
  buyer_dob?: string;
  buyer_address?: string;
  buyer_document?: string;
  indicators: string[];
  indicator_other?: string;
  narrative?: string;
  late: boolean;
}

export function StartReport() {
  return (
    <a href="/reports/new" role="button" draggable={false} class="govuk-button govuk-button--start" data-module="govuk-button">
      Report a suspicious purchase
      <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
      </svg>
    </a>
  );
}

// For the home page of a reporter: start a report, or see the ones sent.
export function ReporterStart() {
  return (
    <div data-testid="reporter-start">
      <StartReport />
      <p class="govuk-body">
        <a class="govuk-link" href="/reports">
          Your reports
        </a>
      </p>
    </div>
  );
}

export function ReportList() {
  useMarkings([{ classification: "official" }]);
  const [reports, setReports] = useState<Report[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  async function more(after: string | null) {
    try {
      const r = await api<{ reports: Report[]; next_cursor?: string }>("GET", `/api/v1/reports?limit=50${after ? `&cursor=${encodeURIComponent(after)}` : ""}`);
      setReports((old) => [...(after ? (old ?? []) : []), ...r.reports]);
      setCursor(r.next_cursor ?? null);
    } catch (e) {
      setFailed(problemOf(e).detail);
    }
  }
  useEffect(() => {
    void more(null);
  }, []);

  return (
    <>
      <PageTitle title="Your reports" />
      <StartReport />
      {failed && <ErrorSummary errors={[{ field: "reports", message: failed }]} />}
      {reports && reports.length === 0 && <p class="govuk-body">Your store has not sent any reports yet.</p>}
      {reports && reports.length > 0 && (
        <table class="govuk-table app-table--stack" data-testid="reports" id="reports">
          <caption class="govuk-table__caption govuk-table__caption--m">Reports from your store, newest first</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Reference
              </th>
              <th scope="col" class="govuk-table__header">
                What happened
              </th>
              <th scope="col" class="govuk-table__header">
                Substance
              </th>
              <th scope="col" class="govuk-table__header">
                When
              </th>
              <th scope="col" class="govuk-table__header">
                Sent
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {reports.map((r) => (
              <tr class="govuk-table__row" key={r.id}>
                <td class="govuk-table__cell" data-label="Reference">
                  <a class="govuk-link" href={`/reports/${encodeURIComponent(r.id)}`}>
                    {r.reference}
                  </a>
                </td>
                <td class="govuk-table__cell" data-label="What happened">
                  {kindLabel(r.kind)}
                </td>
                <td class="govuk-table__cell" data-label="Substance">
                  {r.substance}
                </td>
                <td class="govuk-table__cell" data-label="When">
                  {formatWhen(r.occurred_at)}
                </td>
                <td class="govuk-table__cell" data-label="Sent">
                  {formatWhen(r.received_at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && (
        <button type="button" class="govuk-button govuk-button--secondary" data-module="govuk-button" onClick={() => void more(cursor)}>
          Show older reports
        </button>
      )}
    </>
  );
}

interface IndicatorDoc {
  indicators: { code: string; wording: string }[];
}

// One report as the store sent it: its receipt.
export function ReportReceipt({ id }: { id: string }) {
  useMarkings([{ classification: "official" }]);
  const [r, setR] = useState<Report | null>(null);
  const [wording, setWording] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    api<Report>("GET", `/api/v1/reports/${encodeURIComponent(id)}`)
      .then(setR)
      .catch((e) => {
        const p = problemOf(e);
        setFailed(p.status === 404 ? "There is no report of your store with this address. Check the link, or find the report in your reports." : p.detail);
      });
    api<IndicatorDoc>("GET", "/api/v1/report-indicators")
      .then((d) => setWording(Object.fromEntries(d.indicators.map((i) => [i.code, i.wording]))))
      .catch(() => setWording({}));
  }, [id]);

  if (failed) {
    return (
      <>
        <PageTitle title="Report not found" />
        <p class="govuk-body">{failed}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/reports">
            Your reports
          </a>
        </p>
      </>
    );
  }
  if (!r) return <p class="govuk-body">Loading the report…</p>;
  const sale = r.kind === "transaction" || r.kind === "attempt";
  const rows: SummaryRow[] = [
    { key: "Reference", value: r.reference },
    { key: "Sent", value: formatWhen(r.received_at) },
    { key: "What happened", value: kindLabel(r.kind) },
    { key: "When", value: formatWhen(r.occurred_at) },
    { key: "Product", value: r.product ?? "Not given" },
    { key: "Substance", value: r.substance },
    { key: "Concentration", value: r.concentration !== undefined ? `${r.concentration}%` : "Not known" },
    { key: "Quantity", value: r.quantity },
  ];
  if (sale) {
    rows.push(
      { key: "Payment", value: paymentLabel(r.payment) },
      { key: "Licence shown", value: r.licence_shown ? "Yes" : "No" },
      { key: "Customer\u2019s name", value: r.buyer_name ?? "Not known" },
      { key: "Customer\u2019s date of birth", value: r.buyer_dob ?? "Not known" },
      { key: "Customer\u2019s address", value: r.buyer_address ?? "Not known" },
      { key: "Identity document", value: r.buyer_document ?? "None shown" },
    );
  }
  rows.push(
    {
      key: "What made it suspicious",
      value:
        r.indicators.length === 0 ? (
          "Nothing selected"
        ) : (
          <ul class="govuk-list govuk-list--bullet">
            {r.indicators.map((c) => (
              <li key={c}>{c === "other" && r.indicator_other ? `${wording[c] ?? c}: ${r.indicator_other}` : (wording[c] ?? c)}</li>
            ))}
          </ul>
        ),
    },
    { key: "What happened, in your words", value: r.narrative ? <span class="app-pre-wrap">{r.narrative}</span> : "Not given" },
  );
  return (
    <>
      <a href="/reports" class="govuk-back-link">
        Your reports
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <PageTitle title={`Report ${r.reference}`} caption="Your report" />
          <p class="govuk-body">This is what your store reported. Quote the reference if you are contacted about it.</p>
          {r.late && <p class="govuk-body">It was sent more than 24 hours after it happened.</p>}
          <SummaryList rows={rows} testid="receipt" />
        </div>
      </div>
    </>
  );
}
