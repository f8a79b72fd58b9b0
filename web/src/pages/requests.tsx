// requests.tsx - requests for information: the agency's queue to answer (the rows GET
// /api/v1/me/work counts: GET /requests?box=incoming&open=true), those it has sent, and one
// request with its answer: refuse with a reason, no further information, or a person
// disclosure of the record asked about with the fields the holder chooses.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { Button, ErrorSummary, PageTitle, type FieldError } from "../components";
import { useMarkings } from "../markings";
import { dateText, dateTimeText, FIELDS, urgencyLabel, words } from "../labels";
import type { Session } from "../session";
import { basisTitle, useLawfulBases } from "./rfiform";
import { ListState, SubNav, TableScroll, useList } from "./worklist";

export interface Request {
  id: string;
  from_agency_id: string;
  from_agency_name: string;
  to_agency_id: string;
  to_agency_name: string;
  reference: string | null;
  case_id: string | null;
  held_person_id: string | null;
  purpose: string;
  lawful_basis: string;
  question: string;
  urgency: string;
  due_at: string;
  status: string;
  answer: string | null;
  disclosure_id: string | null;
  answered_at: string | null;
  escalated_at: string | null;
  created_at: string;
}

const NAV = [
  { href: "/requests", text: "To answer" },
  { href: "/requests/sent", text: "Sent" },
];

function overdue(r: Request): boolean {
  return r.status === "open" && Date.parse(r.due_at) < Date.now();
}

export function RequestList({ sent }: { sent?: boolean }) {
  useMarkings([{ classification: "official_sensitive" }]);
  const path = sent ? "/api/v1/requests?box=outgoing" : "/api/v1/requests?box=incoming&open=true";
  const { rows, error } = useList<Request>(path, "requests");
  const title = sent ? "Requests for information you have sent" : "Requests for information to answer";
  return (
    <>
      <PageTitle title={title} />
      <SubNav items={NAV} current={sent ? "/requests/sent" : "/requests"} />
      <ListState rows={rows} error={error} empty={sent ? "Your agency has sent no requests." : "No request is waiting for your agency's answer."} />
      {rows && rows.length > 0 && (
        <TableScroll label={title}>
        <table class="govuk-table" data-testid="rows">
          <caption class="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">{title}</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                {sent ? "To" : "From"}
              </th>
              <th scope="col" class="govuk-table__header">
                Question
              </th>
              <th scope="col" class="govuk-table__header">
                Urgency
              </th>
              <th scope="col" class="govuk-table__header">
                Due
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {rows.map((r) => (
              <tr class="govuk-table__row" key={r.id} data-testid="row">
                <td class="govuk-table__cell">{sent ? r.to_agency_name : r.from_agency_name}</td>
                <td class="govuk-table__cell">
                  <a class="govuk-link app-wrap" href={`/requests/${encodeURIComponent(r.id)}`}>
                    {r.question}
                  </a>
                </td>
                <td class="govuk-table__cell">{urgencyLabel(r.urgency)}</td>
                <td class="govuk-table__cell">{dateTimeText(r.due_at)}</td>
                <td class="govuk-table__cell">
                  {overdue(r) ? <strong class="govuk-tag govuk-tag--red">Overdue</strong> : <strong class="govuk-tag govuk-tag--grey">{words(r.status)}</strong>}
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

function Row({ k, children }: { k: string; children: preact.ComponentChildren }) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{k}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

type Answer = "disclose" | "no_information" | "refuse";
const KEEP: { days: number; text: string }[] = [
  { days: 30, text: "30 days" },
  { days: 90, text: "90 days" },
  { days: 365, text: "1 year" },
];

function Radios<T extends string>(p: { name: string; legend: string; hint?: string; value: T | ""; options: { value: T; text: string; hint?: string }[]; onChange: (v: T) => void; error?: string }) {
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={[p.hint ? `${p.name}-hint` : "", p.error ? `${p.name}-error` : ""].filter(Boolean).join(" ") || undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{p.legend}</legend>
        {p.hint && (
          <div id={`${p.name}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        {p.error && (
          <p id={`${p.name}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {p.error}
          </p>
        )}
        <div class="govuk-radios" data-module="govuk-radios">
          {p.options.map((o, i) => (
            <div class="govuk-radios__item" key={o.value}>
              <input
                class="govuk-radios__input"
                id={i === 0 ? p.name : `${p.name}-${o.value}`}
                name={p.name}
                type="radio"
                value={o.value}
                checked={p.value === o.value}
                aria-describedby={o.hint ? `${p.name}-${o.value}-hint` : undefined}
                onChange={() => p.onChange(o.value)}
              />
              <label class="govuk-label govuk-radios__label" for={i === 0 ? p.name : `${p.name}-${o.value}`}>
                {o.text}
              </label>
              {o.hint && (
                <div id={`${p.name}-${o.value}-hint`} class="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              )}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

function TextArea(p: { id: string; label: string; hint?: string; value: string; onInput: (v: string) => void; error?: string }) {
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label govuk-label--s" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      {p.error && (
        <p id={`${p.id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {p.error}
        </p>
      )}
      <textarea
        class={`govuk-textarea${p.error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.id}
        rows={4}
        value={p.value}
        aria-describedby={[p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ") || undefined}
        onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export function RequestPage({ id, session }: { id: string; session: Session }) {
  const { bases } = useLawfulBases();
  useMarkings([{ classification: "official_sensitive" }]);
  const [req, setReq] = useState<Request | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | "">("");
  const [fields, setFields] = useState<string[]>([]);
  const [summary, setSummary] = useState("");
  const [marking, setMarking] = useState<"official_sensitive" | "official">("official_sensitive");
  const [keep, setKeep] = useState<string>("90");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Request>("GET", `/api/v1/requests/${encodeURIComponent(id)}`)
      .then((r) => {
        setReq(r);
        if (r.held_person_id)
          api<{ names?: { full?: string; given?: string; family?: string }[] }>("GET", `/api/v1/persons/${encodeURIComponent(r.held_person_id)}`)
            .then((p) => setPerson(personName(p)))
            .catch(() => setPerson(null));
      })
      .catch((e) => setLoadError(problemOf(e).detail));
  }, [id]);

  if (loadError)
    return (
      <>
        <PageTitle title="Request for information" />
        <ListState rows={null} error={loadError} empty="" />
      </>
    );
  if (!req) return <p class="govuk-body">Loading…</p>;
  const mine = req.to_agency_id === session.agency.id;
  const errOf = (f: string) => errors.find((e) => e.field === f)?.message;

  async function submit(ev: Event) {
    ev.preventDefault();
    if (!req) return;
    const errs: FieldError[] = [];
    if (!answer) errs.push({ field: "answer", message: "Select how you answer the request" });
    if (answer === "disclose" && fields.length === 0) errs.push({ field: "fields", message: "Select what you disclose from the record" });
    if (answer === "disclose" && fields.includes("summary") && !summary.trim()) errs.push({ field: "summary", message: "Enter the summary you disclose" });
    if (answer === "refuse" && !reason.trim()) errs.push({ field: "reason", message: "Enter why you refuse: the requesting agency reads it" });
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      const base = `/api/v1/requests/${encodeURIComponent(req.id)}`;
      if (answer === "refuse") {
        await api("POST", `${base}/refuse`, { body: { reason: reason.trim() } });
        setDone("You refused the request. The requesting agency can read your reason.");
      } else if (answer === "no_information") {
        await api("POST", `${base}/no-information`, { body: note.trim() ? { note: note.trim() } : {} });
        setDone("You answered that your agency holds no further information.");
      } else {
        const expires = new Date(Date.now() + Number(keep) * 86400000).toISOString().replace(/\.\d{3}Z$/, "Z");
        const body: Record<string, unknown> = {
          fields: FIELDS.map((f) => f.code).filter((f) => fields.includes(f)),
          lawful_basis: req.lawful_basis,
          expires_at: expires,
          classification: marking,
        };
        if (fields.includes("summary")) body.summary = summary.trim();
        const r = await api<{ id: string; status?: string }>("POST", `${base}/disclosures`, { body });
        setDone(
          r.status === "pending_approval"
            ? "You answered with a disclosure. It waits for a second person in your agency to approve it before the requesting agency can read it."
            : "You answered with a disclosure. The requesting agency can read it now.",
        );
      }
    } catch (e) {
      setErrors([{ field: "answer", message: problemOf(e).detail }]);
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <>
        <PageTitle title="Request answered" />
        <div class="govuk-panel govuk-panel--confirmation" data-testid="confirmation">
          <h2 class="govuk-panel__title">Answer sent</h2>
          <div class="govuk-panel__body">to {req.from_agency_name}</div>
        </div>
        <p class="govuk-body">{done}</p>
        <p class="govuk-body">
          <a class="govuk-link" href="/requests">
            Back to requests for information to answer
          </a>
        </p>
      </>
    );

  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle title="Request for information" caption={`From ${req.from_agency_name}`} error={errors.length > 0} />
      <dl class="govuk-summary-list" data-testid="request">
        <Row k="From">{req.from_agency_name}</Row>
        <Row k="To">{req.to_agency_name}</Row>
        {mine && person && <Row k="Your record asked about">{person}</Row>}
        <Row k="Question">
          <span class="app-wrap">{req.question}</span>
        </Row>
        <Row k="Purpose">
          <span class="app-wrap">{req.purpose}</span>
        </Row>
        <Row k="Lawful basis">{basisTitle(bases, req.lawful_basis)}</Row>
        <Row k="Urgency">{urgencyLabel(req.urgency)}</Row>
        <Row k="Asked">{dateTimeText(req.created_at)}</Row>
        <Row k="Due">
          {dateTimeText(req.due_at)} {overdue(req) && <strong class="govuk-tag govuk-tag--red">Overdue</strong>}
        </Row>
        <Row k="Status">{words(req.status)}</Row>
        {req.answer && <Row k="Answer">{req.answer}</Row>}
        {req.answered_at && <Row k="Answered">{dateText(req.answered_at)}</Row>}
      </dl>
      {mine && req.status === "open" && (
        <form onSubmit={submit} noValidate>
          <Radios<Answer>
            name="answer"
            legend="How do you answer?"
            value={answer}
            error={errOf("answer")}
            onChange={setAnswer}
            options={[
              { value: "disclose", text: "Disclose from the record", hint: "choose the fields the requesting agency may read" },
              { value: "no_information", text: "No further information", hint: "your agency holds nothing more it can add" },
              { value: "refuse", text: "Refuse", hint: "give the reason: the requesting agency reads it" },
            ]}
          />
          {answer === "disclose" && (
            <>
              <div class={`govuk-form-group${errOf("fields") ? " govuk-form-group--error" : ""}`}>
                <fieldset class="govuk-fieldset" aria-describedby={`fields-hint${errOf("fields") ? " fields-error" : ""}`}>
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">What do you disclose?</legend>
                  <div id="fields-hint" class="govuk-hint">
                    Only what the request needs. The record is copied as it is now; a later change does not reach the disclosure.
                  </div>
                  {errOf("fields") && (
                    <p id="fields-error" class="govuk-error-message">
                      <span class="govuk-visually-hidden">Error:</span> {errOf("fields")}
                    </p>
                  )}
                  <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                    {FIELDS.map((f, i) => (
                      <div class="govuk-checkboxes__item" key={f.code}>
                        <input
                          class="govuk-checkboxes__input"
                          id={i === 0 ? "fields" : `fields-${f.code}`}
                          name="fields"
                          type="checkbox"
                          value={f.code}
                          checked={fields.includes(f.code)}
                          onChange={(e) => {
                            const on = (e.target as HTMLInputElement).checked;
                            setFields(on ? [...fields, f.code] : fields.filter((x) => x !== f.code));
                          }}
                        />
                        <label class="govuk-label govuk-checkboxes__label" for={i === 0 ? "fields" : `fields-${f.code}`}>
                          {f.label}
                          {f.hint && <span class="govuk-visually-hidden">: {f.hint}</span>}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              {fields.includes("summary") && <TextArea id="summary" label="The summary you disclose" value={summary} onInput={setSummary} error={errOf("summary")} />}
              <Radios<"official_sensitive" | "official">
                name="marking"
                legend="How is the disclosure marked?"
                value={marking}
                onChange={setMarking}
                options={[
                  { value: "official_sensitive", text: "OFFICIAL-SENSITIVE", hint: "as the record is marked" },
                  { value: "official", text: "OFFICIAL", hint: "below the record: a second person in your agency must approve it" },
                ]}
              />
              <Radios<string>
                name="keep"
                legend="How long may they read it?"
                value={keep}
                onChange={setKeep}
                options={KEEP.map((k) => ({ value: String(k.days), text: k.text }))}
              />
              <p class="govuk-body">The disclosure is made under the lawful basis the request names: {basisTitle(bases, req.lawful_basis)}.</p>
            </>
          )}
          {answer === "no_information" && <TextArea id="note" label="Note to the requesting agency (optional)" value={note} onInput={setNote} />}
          {answer === "refuse" && <TextArea id="reason" label="Why you refuse" value={reason} onInput={setReason} error={errOf("reason")} />}
          <Button disabled={busy}>Send answer</Button>
        </form>
      )}
    </>
  );
}

export function personName(p: { names?: { full?: string; given?: string; family?: string }[] }): string {
  const n = p.names?.[0];
  if (!n) return "A person record";
  return n.full ?? [n.given, n.family].filter(Boolean).join(" ");
}
