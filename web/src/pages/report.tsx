// report.tsx - "Report a suspicious purchase", the retailer's journey (issue 16 point 3):
// GOV.UK question pages, one thing per page (what happened, when, the product and
// substance, quantity, payment, licence, the buyer, the Home Office indicators, a
// narrative), check your answers with change links, then the confirmation with the
// reference.  The answers are kept in sessionStorage (this tab) until sent.  POST
// /api/v1/reports; a 400 names the field ("substance: required"), and the page that asks
// for it shows the server's reason.  The confirmation says nothing of screening.
import { useEffect, useState } from "preact/hooks";
import { ApiError, api, problemOf } from "../api";
import { Button, ErrorSummary, PageTitle, TextInput, type FieldError } from "../components";
import { useMarkings } from "../markings";
import { Autocomplete, Checkboxes, DateInput, Question, Radios, SummaryList, Textarea, type DateParts, type SummaryRow } from "../questions";
import { navigate } from "../router";

export interface Draft {
  kind: string;
  date: DateParts;
  hour: string;
  minute: string;
  product: string;
  substance: string;
  concentration: string;
  quantity: string;
  payment: string;
  licence: string; // "yes" | "no" | ""
  buyer_name: string;
  buyer_dob: DateParts;
  buyer_address: string;
  buyer_document: string;
  indicators: string[];
  indicator_other: string;
  narrative: string;
  // an error the server gave for a field, shown on that field's page
  server?: { field: string; message: string };
}

const empty = (): Draft => ({
  kind: "",
  date: { day: "", month: "", year: "" },
  hour: "",
  minute: "",
  product: "",
  substance: "",
  concentration: "",
  quantity: "",
  payment: "",
  licence: "",
  buyer_name: "",
  buyer_dob: { day: "", month: "", year: "" },
  buyer_address: "",
  buyer_document: "",
  indicators: [],
  indicator_other: "",
  narrative: "",
});

const DRAFT_KEY = "accord.report-draft";
const RECEIPT_KEY = "accord.report-receipt";

function load<T>(key: string): T | null {
  try {
    const t = sessionStorage.getItem(key);
    return t ? (JSON.parse(t) as T) : null;
  } catch {
    return null;
  }
}
function save(key: string, v: unknown): void {
  try {
    if (v === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify(v));
  } catch {
    /* storage refused: the answers live for this page only */
  }
}

export const KINDS = [
  { value: "transaction", label: "A sale", hint: "The customer bought it" },
  { value: "attempt", label: "An attempted purchase", hint: "The customer tried to buy it but did not (you refused, or they left)" },
  { value: "loss", label: "A loss", hint: "Stock has gone missing and you do not know how" },
  { value: "theft", label: "A theft", hint: "Stock was stolen" },
];
export const PAYMENTS = [
  { value: "cash", label: "Cash" },
  { value: "card", label: "Card" },
  { value: "online", label: "Online" },
  { value: "other", label: "Another way" },
  { value: "unknown", label: "I do not know" },
];
export const kindLabel = (k: string): string => KINDS.find((x) => x.value === k)?.label ?? k;
export const paymentLabel = (p: string): string => PAYMENTS.find((x) => x.value === p)?.label ?? p;

// A sale or attempt has a buyer and a payment; a loss or theft has neither (the hub
// refuses a buyer for them: lib/model/report.c).
const hasBuyer = (d: Draft): boolean => d.kind === "transaction" || d.kind === "attempt";

interface Step {
  slug: string;
  title: string;
  applies?: (d: Draft) => boolean;
  fields: string[]; // the API's members this page asks for
}
const STEPS: Step[] = [
  { slug: "what-happened", title: "What happened?", fields: ["kind"] },
  { slug: "when", title: "When did it happen?", fields: ["occurred_at"] },
  { slug: "substance", title: "What was the product?", fields: ["product", "substance", "concentration"] },
  { slug: "quantity", title: "How much?", fields: ["quantity"] },
  { slug: "payment", title: "How did they pay, or offer to pay?", applies: hasBuyer, fields: ["payment"] },
  { slug: "licence", title: "Did they show a licence?", applies: hasBuyer, fields: ["licence_shown"] },
  { slug: "buyer", title: "Who was the customer?", applies: hasBuyer, fields: ["buyer_name", "buyer_dob", "buyer_address", "buyer_document"] },
  { slug: "indicators", title: "What made it suspicious?", fields: ["indicators", "indicator_other"] },
  { slug: "narrative", title: "Tell us what happened", fields: ["narrative"] },
];

const BASE = "/reports/new";
const applies = (s: Step, d: Draft) => !s.applies || s.applies(d);

function nextPath(slug: string, d: Draft, change: boolean): string {
  if (change && slug !== "what-happened") return `${BASE}/check`;
  const i = STEPS.findIndex((s) => s.slug === slug);
  for (let j = i + 1; j < STEPS.length; j++) if (applies(STEPS[j], d)) return `${BASE}/${STEPS[j].slug}${change ? "?change=1" : ""}`;
  return `${BASE}/check`;
}
function backPath(slug: string, d: Draft): string {
  const i = STEPS.findIndex((s) => s.slug === slug);
  for (let j = i - 1; j >= 0; j--) if (applies(STEPS[j], d)) return `${BASE}/${STEPS[j].slug}`;
  return "/reports";
}

const pad = (s: string, n: number) => s.trim().padStart(n, "0");
const isInt = (s: string) => /^\d+$/.test(s.trim());

// A real calendar date from the three boxes, or the reason it is not.
function realDate(p: DateParts): { date?: Date; problem?: string } {
  if (!p.day.trim() && !p.month.trim() && !p.year.trim()) return { problem: "missing" };
  if (!isInt(p.day) || !isInt(p.month) || !isInt(p.year) || p.year.trim().length !== 4) return { problem: "format" };
  const y = Number(p.year), m = Number(p.month), day = Number(p.day);
  const dt = new Date(y, m - 1, day);
  if (dt.getFullYear() !== y || dt.getMonth() !== m - 1 || dt.getDate() !== day) return { problem: "format" };
  return { date: dt };
}

// When it happened, as the API takes it (RFC 3339 UTC), from the local date and time.
export function occurredAt(d: Draft): string | null {
  const r = realDate(d.date);
  if (!r.date || !isInt(d.hour) || !isInt(d.minute)) return null;
  const at = new Date(r.date.getFullYear(), r.date.getMonth(), r.date.getDate(), Number(d.hour), Number(d.minute));
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

// The buyer's date of birth as far as known: YYYY-MM-DD, YYYY-MM or YYYY.
function dobText(p: DateParts): string {
  if (!p.year.trim()) return "";
  if (!p.month.trim()) return p.year.trim();
  if (!p.day.trim()) return `${p.year.trim()}-${pad(p.month, 2)}`;
  return `${p.year.trim()}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
}

// The page's own checks, before the server's: what a person can put right here.
function check(slug: string, d: Draft, now: number): FieldError[] {
  const e: FieldError[] = [];
  if (slug === "what-happened" && !d.kind) e.push({ field: "kind", message: "Select what happened" });
  if (slug === "when") {
    const r = realDate(d.date);
    if (r.problem === "missing") e.push({ field: "when-day", message: "Enter the date it happened" });
    else if (r.problem) e.push({ field: "when-day", message: "The date it happened must be a real date, for example 27 3 2026" });
    if (!d.hour.trim() || !d.minute.trim()) e.push({ field: "when-hour", message: "Enter the time it happened, for example 14 05" });
    else if (!isInt(d.hour) || !isInt(d.minute) || Number(d.hour) > 23 || Number(d.minute) > 59)
      e.push({ field: "when-hour", message: "The time must be a real time on the 24-hour clock, for example 14 05" });
    const at = occurredAt(d);
    if (e.length === 0 && at && Date.parse(at) > now) e.push({ field: "when-day", message: "The date and time it happened must be now or in the past" });
  }
  if (slug === "substance") {
    if (!d.substance.trim()) e.push({ field: "substance", message: "Enter the substance, as on the label, or its CAS number" });
    const c = d.concentration.trim().replace(/%$/, "");
    if (c && (!/^\d+(\.\d+)?$/.test(c) || Number(c) > 100)) e.push({ field: "concentration", message: "Concentration must be a number from 0 to 100, for example 35" });
  }
  if (slug === "quantity" && !d.quantity.trim()) e.push({ field: "quantity", message: "Enter how much, for example 5 L or 3 x 1 kg" });
  if (slug === "payment" && !d.payment) e.push({ field: "payment", message: "Select how they paid, or \u201cI do not know\u201d" });
  if (slug === "licence" && !d.licence) e.push({ field: "licence", message: "Select yes if they showed a licence" });
  if (slug === "buyer") {
    const p = d.buyer_dob;
    const any = p.day.trim() || p.month.trim() || p.year.trim();
    if (any) {
      const ok =
        isInt(p.year) && p.year.trim().length === 4 &&
        (!p.month.trim() || (isInt(p.month) && Number(p.month) >= 1 && Number(p.month) <= 12)) &&
        (!p.day.trim() || (p.month.trim() && realDate(p).date !== undefined));
      if (!ok) e.push({ field: "buyer_dob-day", message: "Date of birth must be a real date; leave out the day, or the day and month, if you do not know them" });
    }
  }
  if (slug === "indicators" && d.indicators.includes("other") && !d.indicator_other.trim())
    e.push({ field: "indicator_other", message: "Say what else made it suspicious" });
  if (slug === "narrative" && d.narrative.length > 4000) e.push({ field: "narrative", message: "What happened must be 4000 characters or fewer" });
  return e;
}

// The report as POST /api/v1/reports takes it.
export function reportBody(d: Draft): Record<string, unknown> {
  const b: Record<string, unknown> = { kind: d.kind, occurred_at: occurredAt(d) ?? "", substance: d.substance.trim(), quantity: d.quantity.trim() };
  const c = d.concentration.trim().replace(/%$/, "");
  if (c) b.concentration = Number(c);
  if (d.product.trim()) b.product = d.product.trim();
  if (hasBuyer(d)) {
    b.payment = d.payment || "unknown";
    b.licence_shown = d.licence === "yes";
    b.sale_completed = d.kind === "transaction";
    if (d.buyer_name.trim()) b.buyer_name = d.buyer_name.trim();
    const dob = dobText(d.buyer_dob);
    if (dob) b.buyer_dob = dob;
    if (d.buyer_address.trim()) b.buyer_address = d.buyer_address.trim();
    if (d.buyer_document.trim()) b.buyer_document = d.buyer_document.trim();
  }
  b.indicators = d.indicators;
  if (d.indicators.includes("other") && d.indicator_other.trim()) b.indicator_other = d.indicator_other.trim();
  if (d.narrative.trim()) b.narrative = d.narrative.trim();
  return b;
}

// The server's "field: reason" (server/handlers_report.c, lib/model/report.c): which
// page asks for the field, and the input to link to.
const FIELD_INPUT: Record<string, string> = {
  kind: "kind", occurred_at: "when-day", product: "product", substance: "substance", concentration: "concentration",
  quantity: "quantity", payment: "payment", licence_shown: "licence", buyer_name: "buyer_name", buyer_dob: "buyer_dob-day",
  buyer_address: "buyer_address", buyer_document: "buyer_document", indicators: "indicators", indicator_other: "indicator_other", narrative: "narrative",
};
const FIELD_LABEL: Record<string, string> = {
  kind: "What happened", occurred_at: "When it happened", product: "Product", substance: "Substance", concentration: "Concentration",
  quantity: "Quantity", payment: "Payment", licence_shown: "Licence", buyer_name: "Customer\u2019s name", buyer_dob: "Customer\u2019s date of birth",
  buyer_address: "Customer\u2019s address", buyer_document: "Identity document", indicators: "What made it suspicious", indicator_other: "What else made it suspicious", narrative: "What happened",
};
export function fieldOfProblem(detail: string): { field: string; reason: string } | null {
  const m = /^([a-z_]+)(?:\[\d+\])?: (.+)$/s.exec(detail);
  if (!m || !FIELD_INPUT[m[1]]) return null;
  return { field: m[1], reason: m[2] };
}

// The server's reason as the page's message: a sentence of its own ("say what made it
// suspicious ...") capitalised; a short one ("in the future") after the field's name.
export function serverMessage(field: string, reason: string): string {
  if (reason.split(" ").length >= 4) return reason.charAt(0).toUpperCase() + reason.slice(1);
  return `${FIELD_LABEL[field]}: ${reason}`;
}

interface Indicator {
  code: string;
  wording: string;
  needs_detail?: boolean;
}
interface Indicators {
  lead: string;
  indicators: Indicator[];
  source: string;
}
let indicatorsCache: Indicators | null = null;

function useIndicators(): [Indicators | null, string | null] {
  const [doc, setDoc] = useState<Indicators | null>(indicatorsCache);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (indicatorsCache) return;
    api<Indicators>("GET", "/api/v1/report-indicators")
      .then((d) => {
        indicatorsCache = d;
        setDoc(d);
      })
      .catch((e) => setFailed(problemOf(e).detail));
  }, []);
  return [doc, failed];
}

interface Substance {
  name: string;
  names?: string[];
  cas?: string;
}
async function suggestSubstances(text: string) {
  const r = await api<{ substances: Substance[] }>("GET", `/api/v1/substances?q=${encodeURIComponent(text.slice(0, 200))}`);
  return r.substances.slice(0, 10).map((s) => ({ value: s.name, label: s.name, detail: s.cas ? `(CAS ${s.cas})` : undefined }));
}

function BackLink({ href }: { href: string }) {
  return (
    <a href={href} class="govuk-back-link">
      Back
    </a>
  );
}

function Caption() {
  return <span class="govuk-caption-l">Report a suspicious purchase</span>;
}

// One question page of the report.
export function ReportQuestion({ slug, change }: { slug: string; change: boolean }) {
  useMarkings([{ classification: "official" }]);
  const [d, setD] = useState<Draft>(() => load<Draft>(DRAFT_KEY) ?? empty());
  const step = STEPS.find((s) => s.slug === slug);
  const server = d.server && step?.fields.includes(d.server.field) ? d.server : undefined;
  const [errors, setErrors] = useState<FieldError[]>(server ? [{ field: FIELD_INPUT[server.field], message: server.message }] : []);
  const [doc, docFailed] = useIndicators();
  const set = (patch: Partial<Draft>) => {
    const n = { ...d, ...patch };
    setD(n);
    save(DRAFT_KEY, n);
  };
  const title = step?.title ?? "";
  useEffect(() => {
    document.title = `${errors.length ? "Error: " : ""}${title} - Report a suspicious purchase - accord`;
  }, [title, errors.length]);
  if (!step) {
    navigate(`${BASE}/what-happened`, true);
    return null;
  }
  const err = (field: string) => errors.find((e) => e.field === field)?.message;

  function submit(ev: Event) {
    ev.preventDefault();
    const found = check(slug, d, Date.now());
    setErrors(found);
    if (found.length > 0) return;
    const n = { ...d, server: undefined };
    save(DRAFT_KEY, n);
    navigate(nextPath(slug, n, change));
  }

  let body;
  switch (slug) {
    case "what-happened":
      body = (
        <Question id="kind" legend={title} caption="Report a suspicious purchase" error={err("kind")}>
          <Radios id="kind" choices={KINDS} value={d.kind} onChange={(v) => set({ kind: v })} />
        </Question>
      );
      break;
    case "when":
      body = (
        <Question id="when" legend={title} caption="Report a suspicious purchase" hint="The date and time on the 24-hour clock, for example 27 3 2026 at 14 05. If you found out later, give when you found out." error={err("when-day") ?? err("when-hour")}>
          <h2 class="govuk-heading-s">Date</h2>
          <DateInput id="when" value={d.date} onChange={(v) => set({ date: v })} bad={!!err("when-day")} />
          <h2 class="govuk-heading-s govuk-!-margin-top-4">Time</h2>
          <div class="govuk-date-input">
            {(["hour", "minute"] as const).map((k) => (
              <div class="govuk-date-input__item" key={k}>
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for={`when-${k}`}>
                    {k === "hour" ? "Hour" : "Minute"}
                  </label>
                  <input
                    class={`govuk-input govuk-date-input__input govuk-input--width-2${err("when-hour") ? " govuk-input--error" : ""}`}
                    id={`when-${k}`}
                    name={`when-${k}`}
                    type="text"
                    inputMode="numeric"
                    value={d[k]}
                    onInput={(e) => set({ [k]: (e.target as HTMLInputElement).value } as Partial<Draft>)}
                  />
                </div>
              </div>
            ))}
          </div>
        </Question>
      );
      break;
    case "substance":
      body = (
        <>
          <h1 class="govuk-heading-l">
            <Caption />
            {title}
          </h1>
          <TextInput id="product" label="Product name (optional)" hint="As on the label or the till, for example Pool Shock 10 kg" value={d.product} onInput={(v) => set({ product: v })} error={err("product")} spellcheck />
          <Autocomplete
            id="substance"
            label="Substance"
            hint="The chemical, as on the label, or its CAS number. Start typing to see suggestions; if it is not in the list, enter it as written."
            value={d.substance}
            onInput={(v) => set({ substance: v })}
            suggest={suggestSubstances}
            error={err("substance")}
          />
          <div class={`govuk-form-group${err("concentration") ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label govuk-label--s" for="concentration">
              Concentration (optional)
            </label>
            <div id="concentration-hint" class="govuk-hint">
              Percentage by weight (w/w), from the label. Leave it empty if you do not know.
            </div>
            {err("concentration") && (
              <p id="concentration-error" class="govuk-error-message">
                <span class="govuk-visually-hidden">Error:</span> {err("concentration")}
              </p>
            )}
            <div class="govuk-input__wrapper">
              <input
                class={`govuk-input govuk-input--width-4${err("concentration") ? " govuk-input--error" : ""}`}
                id="concentration"
                name="concentration"
                type="text"
                inputMode="decimal"
                spellcheck={false}
                aria-describedby={`concentration-hint${err("concentration") ? " concentration-error" : ""}`}
                value={d.concentration}
                onInput={(e) => set({ concentration: (e.target as HTMLInputElement).value })}
              />
              <div class="govuk-input__suffix" aria-hidden="true">
                %
              </div>
            </div>
          </div>
        </>
      );
      break;
    case "quantity":
      body = (
        <>
          <h1 class="govuk-label-wrapper">
            <label class="govuk-label govuk-label--l" for="quantity">
              <Caption />
              {title}
            </label>
          </h1>
          <div id="quantity-hint" class="govuk-hint">
            The number of containers and their size, for example 4 x 5 L or 3 x 1 kg
          </div>
          {err("quantity") && (
            <p id="quantity-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {err("quantity")}
            </p>
          )}
          <div class={`govuk-form-group${err("quantity") ? " govuk-form-group--error" : ""}`}>
            <input
              class={`govuk-input govuk-input--width-20${err("quantity") ? " govuk-input--error" : ""}`}
              id="quantity"
              name="quantity"
              type="text"
              spellcheck={false}
              aria-describedby={`quantity-hint${err("quantity") ? " quantity-error" : ""}`}
              value={d.quantity}
              onInput={(e) => set({ quantity: (e.target as HTMLInputElement).value })}
            />
          </div>
        </>
      );
      break;
    case "payment":
      body = (
        <Question id="payment" legend={title} caption="Report a suspicious purchase" error={err("payment")}>
          <Radios id="payment" choices={PAYMENTS} value={d.payment} onChange={(v) => set({ payment: v })} />
        </Question>
      );
      break;
    case "licence":
      body = (
        <Question id="licence" legend={title} caption="Report a suspicious purchase" hint="An explosives precursors and poisons (EPP) licence, issued by the Home Office" error={err("licence")}>
          <Radios
            id="licence"
            choices={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            value={d.licence}
            onChange={(v) => set({ licence: v })}
          />
        </Question>
      );
      break;
    case "buyer":
      body = (
        <>
          <h1 class="govuk-heading-l">
            <Caption />
            {title}
          </h1>
          <p class="govuk-body">Tell us as much as you know. Leave out anything you do not know.</p>
          <TextInput id="buyer_name" label="Full name (optional)" value={d.buyer_name} onInput={(v) => set({ buyer_name: v })} error={err("buyer_name")} autocomplete="off" />
          <div class={`govuk-form-group${err("buyer_dob-day") ? " govuk-form-group--error" : ""}`}>
            <fieldset class="govuk-fieldset" role="group" aria-describedby={`buyer_dob-hint${err("buyer_dob-day") ? " buyer_dob-error" : ""}`}>
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of birth (optional)</legend>
              <div id="buyer_dob-hint" class="govuk-hint">
                For example 31 3 1980. Leave out the day, or the day and month, if you do not know them.
              </div>
              {err("buyer_dob-day") && (
                <p id="buyer_dob-error" class="govuk-error-message">
                  <span class="govuk-visually-hidden">Error:</span> {err("buyer_dob-day")}
                </p>
              )}
              <DateInput id="buyer_dob" value={d.buyer_dob} onChange={(v) => set({ buyer_dob: v })} bad={!!err("buyer_dob-day")} />
            </fieldset>
          </div>
          <TextInput id="buyer_address" label="Address (optional)" value={d.buyer_address} onInput={(v) => set({ buyer_address: v })} error={err("buyer_address")} autocomplete="off" />
          <TextInput id="buyer_document" label="Identity document shown (optional)" hint="The kind and number, for example driving licence MORGA753116SM9IJ" value={d.buyer_document} onInput={(v) => set({ buyer_document: v })} error={err("buyer_document")} autocomplete="off" />
        </>
      );
      break;
    case "indicators":
      body = (
        <Question id="indicators" legend={title} caption="Report a suspicious purchase" hint={`Select all that apply. ${doc?.lead ?? "A transaction or attempted transaction may be suspicious if the customer:"}`} error={err("indicators") ?? err("indicator_other")}>
          {docFailed && <p class="govuk-body">{docFailed}</p>}
          {doc && (
            <Checkboxes
              id="indicators"
              choices={doc.indicators.map((i) => ({ value: i.code, label: i.wording }))}
              values={d.indicators}
              onChange={(v) => set({ indicators: v })}
              reveal={{
                other: <TextInput id="indicator_other" label="What else?" value={d.indicator_other} onInput={(v) => set({ indicator_other: v })} error={err("indicator_other")} spellcheck />,
              }}
            />
          )}
          {doc && (
            <p class="govuk-body-s govuk-!-margin-top-4">
              The wording is the Home Office’s guidance for retailers:{" "}
              <a class="govuk-link" href={doc.source} rel="noreferrer noopener" target="_blank">
                reporting suspicious chemical purchases (opens in new tab)
              </a>
              .
            </p>
          )}
        </Question>
      );
      break;
    default:
      body = (
        <Textarea
          id="narrative"
          heading
          label={title}
          hint="What the customer said and did, what they wanted it for, how they arrived (for example a vehicle registration), and anything else you noticed. Do not guess."
          value={d.narrative}
          onInput={(v) => set({ narrative: v })}
          error={err("narrative")}
          rows={8}
        />
      );
  }

  return (
    <>
      <BackLink href={change ? `${BASE}/check` : backPath(slug, d)} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <form onSubmit={submit} noValidate data-testid={`report-${slug}`}>
            {body}
            <Button>Continue</Button>
          </form>
        </div>
      </div>
    </>
  );
}

export interface Receipt {
  id: string;
  reference: string;
  received_at: string;
  regime_class: string;
  late: boolean;
  statutory_report: string;
}

const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
export const formatWhen = dateTime;

// The rows of the answers (check answers with CHANGE links; the receipt without).
export function answerRows(d: Draft, change: boolean): SummaryRow[] {
  const at = occurredAt(d);
  const link = (slug: string) => (change ? `${BASE}/${slug}?change=1` : undefined);
  const rows: SummaryRow[] = [
    { key: "What happened", value: kindLabel(d.kind), change: link("what-happened") },
    { key: "When", value: at ? dateTime(at) : "", change: link("when"), changeLabel: "when it happened" },
    { key: "Product", value: d.product.trim() || "Not given", change: link("substance") },
    { key: "Substance", value: d.substance, change: link("substance") },
    { key: "Concentration", value: d.concentration.trim() ? `${d.concentration.trim().replace(/%$/, "")}%` : "Not known", change: link("substance") },
    { key: "Quantity", value: d.quantity, change: link("quantity") },
  ];
  if (hasBuyer(d)) {
    rows.push(
      { key: "Payment", value: paymentLabel(d.payment), change: link("payment") },
      { key: "Licence shown", value: d.licence === "yes" ? "Yes" : "No", change: link("licence") },
      { key: "Customer\u2019s name", value: d.buyer_name.trim() || "Not known", change: link("buyer"), changeLabel: "customer\u2019s name" },
      { key: "Customer\u2019s date of birth", value: dobText(d.buyer_dob) || "Not known", change: link("buyer"), changeLabel: "customer\u2019s date of birth" },
      { key: "Customer\u2019s address", value: d.buyer_address.trim() || "Not known", change: link("buyer"), changeLabel: "customer\u2019s address" },
      { key: "Identity document", value: d.buyer_document.trim() || "None shown", change: link("buyer") },
    );
  }
  const wording = (code: string) => indicatorsCache?.indicators.find((i) => i.code === code)?.wording ?? code;
  rows.push(
    {
      key: "What made it suspicious",
      value:
        d.indicators.length === 0 ? (
          "Nothing selected"
        ) : (
          <ul class="govuk-list govuk-list--bullet">
            {d.indicators.map((c) => (
              <li key={c}>{c === "other" && d.indicator_other.trim() ? `${wording(c)}: ${d.indicator_other.trim()}` : wording(c)}</li>
            ))}
          </ul>
        ),
      change: link("indicators"),
    },
    { key: "What happened, in your words", value: d.narrative.trim() ? <span class="app-pre-wrap">{d.narrative.trim()}</span> : "Not given", change: link("narrative"), changeLabel: "your account of what happened" },
  );
  return rows;
}

export function ReportCheck() {
  useMarkings([{ classification: "official" }]);
  const [d] = useState<Draft>(() => load<Draft>(DRAFT_KEY) ?? empty());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sending, setSending] = useState(false);
  useIndicators();
  if (!d.kind) {
    navigate(`${BASE}/what-happened`, true);
    return null;
  }

  async function send(ev: Event) {
    ev.preventDefault();
    setSending(true);
    try {
      const r = await api<Receipt>("POST", "/api/v1/reports", { body: reportBody(d) });
      save(DRAFT_KEY, null);
      save(RECEIPT_KEY, r);
      navigate("/reports/sent", true);
    } catch (e) {
      setSending(false);
      const p = problemOf(e);
      const f = e instanceof ApiError && p.status === 400 ? fieldOfProblem(p.detail) : null;
      if (f) {
        // back to the page that asks for it, with the server's reason
        const step = STEPS.find((s) => s.fields.includes(f.field)) ?? STEPS[0];
        save(DRAFT_KEY, { ...d, server: { field: f.field, message: serverMessage(f.field, f.reason) } });
        navigate(`${BASE}/${step.slug}?change=1`);
        return;
      }
      setErrors([{ field: "send", message: p.detail }]);
    }
  }

  return (
    <>
      <BackLink href={`${BASE}/narrative`} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <PageTitle title="Check your answers before sending your report" error={errors.length > 0} />
          <SummaryList rows={answerRows(d, true)} testid="check-answers" />
          <h2 class="govuk-heading-m">Now send your report</h2>
          <p class="govuk-body">By sending this report you confirm that, to the best of your knowledge, the details you are providing are correct.</p>
          <form onSubmit={send} noValidate>
            <button type="submit" class="govuk-button" data-module="govuk-button" id="send" disabled={sending}>
              Accept and send
            </button>
          </form>
        </div>
      </div>
    </>
  );
}

// The confirmation: the reference to quote and what happens next; nothing of screening.
export function ReportSent() {
  useMarkings([{ classification: "official" }]);
  const [r] = useState<Receipt | null>(() => load<Receipt>(RECEIPT_KEY));
  useEffect(() => {
    document.title = "Report sent - accord";
  }, []);
  if (!r) {
    navigate("/reports", true);
    return null;
  }
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <div class="govuk-panel govuk-panel--confirmation" data-testid="confirmation">
          <h1 class="govuk-panel__title">Report sent</h1>
          <div class="govuk-panel__body">
            Your reference
            <br />
            <strong data-testid="reference">{r.reference}</strong>
          </div>
        </div>
        <p class="govuk-body">Quote this reference if you are contacted about this report, or if you need to add to it.</p>
        <h2 class="govuk-heading-m">What happens next</h2>
        <p class="govuk-body">The counter-terrorism police will read your report. If they need to know more, they will contact your store.</p>
        <p class="govuk-body">Do not tell the customer that you have made a report.</p>
        {r.late && <p class="govuk-body">You sent this more than 24 hours after it happened. Report suspicious purchases as soon as you can.</p>}
        <div class="govuk-inset-text" data-testid="statutory">
          {r.statutory_report.charAt(0).toUpperCase() + r.statutory_report.slice(1)}.
        </div>
        <p class="govuk-body">
          <a class="govuk-link" href={`/reports/${encodeURIComponent(r.id)}`}>
            View your report
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/reports">
            Your reports
          </a>
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/reports/new/what-happened">
            Report another suspicious purchase
          </a>
        </p>
      </div>
    </div>
  );
}

// Starting a report: a fresh draft.
export function ReportStart() {
  useEffect(() => {
    save(DRAFT_KEY, empty());
    navigate(`${BASE}/what-happened`, true);
  }, []);
  return null;
}
