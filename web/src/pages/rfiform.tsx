// rfiform.tsx - "Request information" from a pointer on the person page: POST /api/v1/requests
// {reference, purpose, lawful_basis, question, urgency}.  The reference is the pointer's
// opaque one; the agency's name is shown, never an id.  The gateways are the hub's, read
// from GET /api/v1/lawful-bases (its table, each with its legislation.gov.uk source);
// the urgencies are data/workflows/rfi_urgency.csv's.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf, purpose } from "../api";
import { Button, ErrorSummary, type FieldError, PageTitle, TextInput } from "../components";
import { useMarkings } from "../markings";

// The hub's lawful bases (GET /api/v1/lawful-bases): code, title, legislation.gov.uk source.
export interface LawfulBasis {
  code: string;
  title: string;
  source: string;
  carries_iss: boolean;
}

let basesCache: Promise<LawfulBasis[]> | null = null;
// The table, read once per page load (it changes only when the partnership extends it).
export function useLawfulBases(): { bases: LawfulBasis[] | null; error: string | null } {
  const [bases, setBases] = useState<LawfulBasis[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    basesCache ??= api<{ lawful_bases: LawfulBasis[] }>("GET", "/api/v1/lawful-bases").then((r) => r.lawful_bases);
    basesCache.then(setBases).catch((e) => {
      basesCache = null;
      setError(problemOf(e).detail);
    });
  }, []);
  return { bases, error };
}

// What a person reads for a lawful basis code: its title from the table, else the code.
export const basisTitle = (bases: LawfulBasis[] | null, code: string): string => bases?.find((b) => b.code === code)?.title ?? code;

const URGENCIES: { code: string; label: string; hint: string }[] = [
  { code: "routine", label: "Routine", hint: "An answer within 10 working days" },
  { code: "urgent", label: "Urgent", hint: "An answer within 24 hours" },
  { code: "immediate", label: "Immediate", hint: "An answer within 1 hour: a threat to life or of serious harm" },
];

function Radios({ id, legend, options, value, set, error }: { id: string; legend: string; options: { code: string; label: string; hint?: string }[]; value: string; set: (v: string) => void; error?: string }) {
  return (
    <div class={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={error ? `${id}-error` : undefined}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {error && (
          <p id={`${id}-error`} class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div class="govuk-radios" data-module="govuk-radios">
          {options.map((o, i) => (
            <div class="govuk-radios__item" key={o.code}>
              <input class="govuk-radios__input" id={i === 0 ? id : `${id}-${o.code}`} name={id} type="radio" value={o.code} checked={value === o.code} onChange={() => set(o.code)} aria-describedby={o.hint ? `${id}-${o.code}-hint` : undefined} />
              <label class="govuk-label govuk-radios__label" for={i === 0 ? id : `${id}-${o.code}`}>
                {o.label}
              </label>
              {o.hint && (
                <div id={`${id}-${o.code}-hint`} class="govuk-hint govuk-radios__hint">
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

export function RequestInformation({ personId, reference, agency }: { personId: string; reference: string; agency: string }) {
  useMarkings([{ classification: "official_sensitive" }]);
  const [why, setWhy] = useState(purpose.get() ?? "");
  const [basis, setBasis] = useState("");
  const [question, setQuestion] = useState("");
  const [urgency, setUrgency] = useState("routine");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ due_at?: string } | null>(null);
  const { bases, error: basesError } = useLawfulBases();

  async function submit(ev: Event) {
    ev.preventDefault();
    const errs: FieldError[] = [];
    if (!why.trim()) errs.push({ field: "purpose", message: "Enter the purpose of the request" });
    if (!basis) errs.push({ field: "lawful_basis", message: "Select the lawful basis for sharing" });
    if (!question.trim()) errs.push({ field: "question", message: "Enter the question you are asking" });
    if (errs.length > 0) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    try {
      const res = await api<{ due_at?: string }>("POST", "/api/v1/requests", { body: { reference, purpose: why.trim(), lawful_basis: basis, question: question.trim(), urgency } });
      setErrors([]);
      setSent(res);
    } catch (e) {
      const p = problemOf(e);
      const f = ["purpose", "lawful_basis", "question", "urgency"].find((k) => p.detail.startsWith(k)) ?? "question";
      setErrors([{ field: f, message: p.detail }]);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <>
        <div class="govuk-panel govuk-panel--confirmation">
          <h1 class="govuk-panel__title">Request sent</h1>
          <div class="govuk-panel__body">to {agency}</div>
        </div>
        <p class="govuk-body">{agency} will answer with a disclosure, say it holds nothing it can share, or refuse with a reason. A disclosure appears on the person's page when it is released.</p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/persons/${encodeURIComponent(personId)}`}>
            Back to the person
          </a>
        </p>
      </>
    );
  }
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return (
    <>
      <a class="govuk-back-link" href={`/persons/${encodeURIComponent(personId)}`}>
        Back
      </a>
      <ErrorSummary errors={errors} />
      <PageTitle title={`Request information from ${agency}`} error={errors.length > 0} />
      <p class="govuk-body">About their record {reference}.</p>
      <form onSubmit={submit} noValidate>
        <TextInput id="purpose" label="Purpose of the request" value={why} onInput={setWhy} error={err("purpose")} />
        {basesError && (
          <div class="govuk-inset-text" role="alert">
            The lawful bases could not be read: {basesError}
          </div>
        )}
        {bases === null && !basesError && <p class="govuk-body">Loading the lawful bases…</p>}
        {bases !== null && (
          <Radios
            id="lawful_basis"
            legend="Lawful basis for sharing"
            options={bases.map((b) => ({ code: b.code, label: b.title, hint: b.carries_iss ? "May carry intelligence-service material" : undefined }))}
            value={basis}
            set={setBasis}
            error={err("lawful_basis")}
          />
        )}
        <div class={`govuk-form-group${err("question") ? " govuk-form-group--error" : ""}`}>
          <label class="govuk-label govuk-label--m" for="question">
            Your question
          </label>
          {err("question") && (
            <p id="question-error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> {err("question")}
            </p>
          )}
          <textarea class={`govuk-textarea${err("question") ? " govuk-textarea--error" : ""}`} id="question" name="question" rows={5} value={question} onInput={(e) => setQuestion((e.target as HTMLTextAreaElement).value)} aria-describedby={err("question") ? "question-error" : undefined} />
        </div>
        <Radios id="urgency" legend="How urgent is it?" options={URGENCIES} value={urgency} set={setUrgency} error={err("urgency")} />
        <Button disabled={busy}>Send request</Button>
      </form>
    </>
  );
}
