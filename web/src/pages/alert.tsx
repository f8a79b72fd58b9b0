// alert.tsx - one alert (GET /api/v1/alerts/{id}): the report as the retailer gave it,
// each match's explanation field by field, what is withheld as the policy says, and
// acknowledgement with a note (POST /api/v1/alerts/{id}/ack), then its state.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { ErrorSummary, type FieldError, PageTitle } from "../components";
import { label, useMarkings } from "../markings";
import { type Alert, Countdown, escalationLabel, priorityLabel, priorityTag, type Report, useNow, when } from "./alertcommon";
import { explain } from "./explain";

const KIND: Record<string, string> = { transaction: "A sale", attempt: "An attempted purchase", loss: "A loss", theft: "A theft" };
const PAYMENT: Record<string, string> = { unknown: "Not known", cash: "Cash", card: "Card", online: "Online", other: "Other" };
const yesNo = (b: boolean | undefined): string => (b === undefined ? "Not given" : b ? "Yes" : "No");

function Row({ k, v, testid }: { k: string; v: string | undefined | null; testid?: string }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{k}</dt>
      <dd class="govuk-summary-list__value" data-testid={testid}>
        {v === undefined || v === null || v === "" ? "Not given" : v}
      </dd>
    </div>
  );
}

function ReportList({ r, agencies, indicators }: { r: Report; agencies: Map<string, string>; indicators: Map<string, string> }) {
  const ind = (r.indicators ?? []).map((c) => (c === "other" && r.indicator_other ? `Other: ${r.indicator_other}` : indicators.get(c) ?? c.replace(/_/g, " ")));
  return (
    <dl class="govuk-summary-list" data-testid="report">
      <Row k="Reference" v={r.reference} />
      <Row k="What happened" v={KIND[r.kind ?? "transaction"] ?? r.kind} />
      <Row k="When" v={when(r.occurred_at)} />
      <Row k="Where (reported by)" v={agencies.get(r.agency_id) ?? "A retailer in the partnership"} />
      <Row k="Received" v={`${when(r.received_at)}${r.late ? " (late: more than 24 hours after it happened)" : ""}`} />
      <Row k="Product" v={r.product} />
      <Row k="Substance" v={`${r.substance ?? ""}${r.concentration !== undefined && r.concentration !== null ? `, ${r.concentration}% w/w` : ""}${r.regime_class ? ` (${r.regime_class})` : ""}`} />
      <Row k="Quantity" v={r.quantity} />
      <Row k="Payment" v={PAYMENT[r.payment ?? "unknown"] ?? r.payment} />
      <Row k="Sale completed" v={yesNo(r.sale_completed)} />
      <Row k="Licence shown" v={yesNo(r.licence_shown)} />
      <Row k="Buyer's name as reported" v={r.buyer_name} testid="buyer-name" />
      <Row k="Buyer's date of birth as reported" v={r.buyer_dob} />
      <Row k="Buyer's address as reported" v={r.buyer_address} />
      <Row k="Buyer's document as reported" v={r.buyer_document} />
      <div class="govuk-summary-list__row">
        <dt class="govuk-summary-list__key">What made it suspicious</dt>
        <dd class="govuk-summary-list__value">
          {ind.length === 0 ? (
            "Not given"
          ) : (
            <ul class="govuk-list govuk-list--bullet">
              {ind.map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <Row k="What the retailer said" v={r.narrative} />
    </dl>
  );
}

export function AlertPage({ id }: { id: string }) {
  const [alert, setAlert] = useState<Alert | null>(null);
  // the banner: what the alert reveals (its report, matches or case), as the API marks it
  useMarkings([{ classification: "official" }, ...(alert ? [{ classification: alert.classification }] : [])]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [agencies, setAgencies] = useState<Map<string, string>>(new Map());
  const [indicators, setIndicators] = useState<Map<string, string>>(new Map());
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const now = useNow();

  const load = async () => {
    try {
      setAlert(await api<Alert>("GET", `/api/v1/alerts/${encodeURIComponent(id)}`));
    } catch (e) {
      const p = problemOf(e);
      setLoadError(p.status === 404 ? "There is no alert with this address that you can see. Go back to the alerts and choose one." : p.detail);
    }
  };
  useEffect(() => {
    void load();
    api<{ agencies: { id: string; name: string }[] }>("GET", "/api/v1/agencies")
      .then((r) => setAgencies(new Map(r.agencies.map((a) => [a.id, a.name]))))
      .catch(() => undefined);
    api<{ indicators: { code: string; wording: string }[] }>("GET", "/api/v1/report-indicators")
      .then((r) => setIndicators(new Map(r.indicators.map((i) => [i.code, i.wording]))))
      .catch(() => undefined);
  }, [id]);

  const acknowledge = async (ev: Event) => {
    ev.preventDefault();
    if (note.trim() === "") {
      setErrors([{ field: "ack-note", message: "Enter a note of what you are doing about this alert" }]);
      return;
    }
    if (note.length > 2000) {
      setErrors([{ field: "ack-note", message: "The note must be 2000 characters or fewer" }]);
      return;
    }
    setBusy(true);
    try {
      await api("POST", `/api/v1/alerts/${encodeURIComponent(id)}/ack`, { body: { note: note.trim() } });
      setErrors([]);
      setDone(true);
      await load();
    } catch (e) {
      const p = problemOf(e);
      setErrors([{ field: "ack-note", message: p.status === 409 ? "Someone has already acknowledged this alert: its state is shown below" : p.detail }]);
      await load();
    } finally {
      setBusy(false);
    }
  };

  if (loadError) {
    return (
      <>
        <PageTitle title="Alert not found" />
        <p class="govuk-body">{loadError}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/alerts">
            Back to alerts
          </a>
        </p>
      </>
    );
  }
  if (!alert) return <p class="govuk-body">Loading the alert…</p>;
  const esc = escalationLabel(alert.escalation);
  const r = alert.report;
  const matches = alert.matches ?? [];
  return (
    <>
      <a class="govuk-back-link" href="/alerts">
        Back to alerts
      </a>
      <ErrorSummary errors={errors} />
      {done && (
        <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="ack-banner-title" data-testid="ack-done">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="ack-banner-title">
              Success
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">Alert acknowledged</p>
          </div>
        </div>
      )}
      <PageTitle title={`${priorityLabel(alert.priority)} priority alert`} caption={r ? r.reference : "Alert"} error={errors.length > 0} />
      <p class="govuk-body">
        <strong class={`govuk-tag ${priorityTag(alert.priority)}`}>{priorityLabel(alert.priority)}</strong>{" "}
        {alert.status === "open" ? <strong class="govuk-tag govuk-tag--yellow">Open</strong> : <strong class="govuk-tag govuk-tag--green">Acknowledged</strong>}
        {esc && (
          <>
            {" "}
            <span class="moj-badge moj-badge--red">{esc}</span>
          </>
        )}
      </p>
      <dl class="govuk-summary-list" data-testid="alert-state">
        <Row k="Why it was raised" v={alert.reason} />
        <Row k="Classification" v={label({ classification: alert.classification })} />
        <Row k="Raised" v={when(alert.created_at)} />
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Acknowledge by</dt>
          <dd class="govuk-summary-list__value">
            {when(alert.deadline)}
            {alert.status === "open" && (
              <>
                {" "}
                (<Countdown alert={alert} now={now} />)
              </>
            )}
          </dd>
        </div>
        {alert.status === "acknowledged" && (
          <>
            <Row k="Acknowledged by" v={alert.acked_by_name ?? "A duty officer"} testid="acked-by" />
            <Row k="Acknowledged" v={when(alert.acked_at)} />
            <Row k="Note" v={alert.ack_note} testid="ack-note" />
          </>
        )}
      </dl>

      {r && (
        <>
          <h2 class="govuk-heading-m">The report</h2>
          <ReportList r={r} agencies={agencies} indicators={indicators} />
        </>
      )}

      {alert.report_id ? (
        <>
      <h2 class="govuk-heading-m">Matches</h2>
      {matches.length === 0 && <p class="govuk-body">No record you can see matched the buyer.</p>}
      {matches.map((m, i) => {
        const rows = explain(m.explanation, r?.buyer_name, r?.buyer_dob, m.listed_name);
        const held = m.holder_agency || agencies.get(m.holder_agency_id) || "an agency in the partnership";
        return (
          <section class="app-match" key={`${m.source}-${m.entry_id ?? i}`} data-testid="match" aria-labelledby={`match-${i}`}>
            <h3 class="govuk-heading-s" id={`match-${i}`}>
              Match {i + 1}: {m.listed_name ?? "a record"} ({m.source === "person" ? `a person ${held} holds` : `${m.source_name ?? "a watchlist"}, held by ${held}`}), score {m.score.toFixed(2)}
            </h3>
            <div class="app-table-scroll" tabIndex={0} role="region" aria-label={`How match ${i + 1} was made`}>
              <table class="govuk-table" data-testid="explanation">
                <caption class="govuk-table__caption govuk-table__caption--s">How the buyer matched, field by field</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Field
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Report's value
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Record's value
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Contribution
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {rows.length === 0 && (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell" colSpan={4}>
                        No explanation was kept for this match.
                      </td>
                    </tr>
                  )}
                  {rows.map((row, j) => (
                    <tr class="govuk-table__row" key={j}>
                      <th scope="row" class="govuk-table__header">
                        {row.field}
                      </th>
                      <td class="govuk-table__cell">{row.reported || "\u2013"}</td>
                      <td class="govuk-table__cell">{row.record || "\u2013"}</td>
                      <td class="govuk-table__cell">{row.contribution}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}

      <h2 class="govuk-heading-m">What is withheld</h2>
      <div class="govuk-inset-text" data-testid="withheld">
        {alert.for_holder ? (
          <p class="govuk-body">
            This alert is for your agency because it holds a person the buyer may be. No other agency sees this alert or learns of the match: you decide what, if anything, to disclose.
          </p>
        ) : alert.partner_told ? (
          <p class="govuk-body">
            A partner agency holds a record that may be this buyer, and has been told by its own alert. Accord does not say which agency, or how well the record matched, so that no holding is revealed. If you need to know more, make a request for information to the partnership about this report.
          </p>
        ) : (
          <p class="govuk-body">Nothing is withheld: no other agency's record matched the buyer.</p>
        )}
      </div>
        </>
      ) : (
        <>
          <h2 class="govuk-heading-m">The case</h2>
          <p class="govuk-body" data-testid="case-alert">
            This alert is about a case, not a report: its reason above says which step is due. No buyer was screened, so there are no matches and nothing is withheld. <a class="govuk-link" href="/cases">Open your cases</a>.
          </p>
        </>
      )}

      {alert.status === "open" ? (
        <form onSubmit={acknowledge} noValidate>
          <h2 class="govuk-heading-m">Acknowledge</h2>
          <div class={`govuk-form-group${errors.length ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="ack-note">
              What are you doing about it?
            </label>
            <div id="ack-note-hint" class="govuk-hint">
              For example, "unit sent to the shop" or "passed to the security service". Kept with the alert and in the audit trail.
            </div>
            {errors.length > 0 && (
              <p id="ack-note-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">Error:</span> {errors[0].message}
              </p>
            )}
            <textarea
              class={`govuk-textarea${errors.length ? " govuk-textarea--error" : ""}`}
              id="ack-note"
              name="ack-note"
              rows={4}
              value={note}
              aria-describedby={`ack-note-hint${errors.length ? " ack-note-error" : ""}`}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
          </div>
          <button type="submit" class="govuk-button" data-module="govuk-button" disabled={busy}>
            Acknowledge alert
          </button>
        </form>
      ) : null}
    </>
  );
}
