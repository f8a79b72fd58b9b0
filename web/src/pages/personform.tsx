// personform.tsx - add a person (POST /api/v1/persons) and edit one (GET /api/v1/persons/{id}
// for the record and its ETag, PUT with If-Match and a reason).  The server validates: its
// refusal names the field ("addresses[0].postcode: not a UK postcode ..."), shown at that
// field; a 412 (someone changed the record since it was read) is explained, with the
// record reloaded.  A new person that looks like one already held is added all the same,
// and the page names the possible existing records.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { Button, ErrorSummary, type FieldError, PageTitle, TextInput } from "../components";
import { useMarkings } from "../markings";
import { navigate } from "../router";
import { explanationText, type Person, primaryName } from "./person-parts";

type Fields = Record<FieldKey, string>;
type FieldKey = "given" | "middle" | "family" | "dob" | "address" | "town" | "postcode" | "ni" | "pnc" | "passport" | "dl" | "ref";
const KEYS: FieldKey[] = ["given", "middle", "family", "dob", "address", "town", "postcode", "ni", "pnc", "passport", "dl", "ref"];
const EMPTY: Fields = Object.fromEntries(KEYS.map((k) => [k, ""])) as Fields;

function fieldsOf(p: Person): Fields {
  const n = (p.names ?? []).find((x) => x.kind === "primary") ?? (p.names ?? [])[0] ?? {};
  const a = (p.addresses ?? [])[0] ?? {};
  const id = (k: string) => (p.identifiers ?? []).find((x) => x.kind === k)?.value ?? "";
  return {
    given: n.given ?? "",
    middle: n.middle ?? "",
    family: n.family ?? "",
    dob: p.dob ?? "",
    address: a.line ?? "",
    town: a.town ?? "",
    postcode: a.postcode ?? "",
    ni: id("ni"),
    pnc: id("pnc"),
    passport: id("passport"),
    dl: id("dl") || id("driving_licence"),
    ref: p.source_ref ?? "",
  };
}

// Which input the server's refusal is about: its detail begins with the field's path.
export function fieldOfProblem(detail: string): FieldKey | "reason" {
  const path = detail.split(":")[0];
  if (/^reason/.test(path)) return "reason";
  if (/dob/.test(path)) return "dob";
  if (/postcode/.test(path)) return "postcode";
  if (/town/.test(path)) return "town";
  if (/addresses|address|line/.test(path)) return "address";
  if (/identifiers|ni|pnc|passport|dl/.test(path)) {
    if (/National Insurance/i.test(detail)) return "ni";
    if (/PNC/.test(detail)) return "pnc";
    if (/passport/i.test(detail)) return "passport";
    if (/driving/i.test(detail)) return "dl";
    return "ni";
  }
  if (/given/.test(path)) return "given";
  if (/middle/.test(path)) return "middle";
  if (/ref/.test(path)) return "ref";
  return "family";
}

interface Duplicate {
  id: string;
  name: string;
  score: number;
  explanation: unknown;
}

function Form({
  values,
  set,
  errors,
  withReason,
  reason,
  setReason,
  busy,
  submit,
  action,
}: {
  values: Fields;
  set: (k: FieldKey, v: string) => void;
  errors: FieldError[];
  withReason: boolean;
  reason: string;
  setReason: (v: string) => void;
  busy: boolean;
  submit: (ev: Event) => void;
  action: string;
}) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const input = (k: FieldKey, label: string, extra: { hint?: string; width?: string; autocomplete?: string } = {}) => (
    <TextInput id={k} label={label} value={values[k]} onInput={(v) => set(k, v)} error={err(k)} {...extra} />
  );
  return (
    <form onSubmit={submit} noValidate>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Name</legend>
        {input("given", "Given name", { autocomplete: "off" })}
        {input("middle", "Middle names", { autocomplete: "off" })}
        {input("family", "Family name", { autocomplete: "off" })}
      </fieldset>
      {input("dob", "Date of birth", { hint: "A year, a year and month, or a full date, for example 1990, 1990-04 or 1990-04-12", width: "10" })}
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Current address</legend>
        {input("address", "Address", { hint: "House number and street" })}
        {input("town", "Town or city", { width: "20" })}
        {input("postcode", "Postcode", { hint: "Leave it out for an address abroad", width: "10" })}
      </fieldset>
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Identifiers</legend>
        {input("ni", "National Insurance number", { hint: "For example QQ 12 34 56 C", width: "10" })}
        {input("pnc", "PNC ID", { hint: "For example 12/345678A", width: "10" })}
        {input("passport", "Passport number", { width: "10" })}
        {input("dl", "Driving licence number", { width: "20" })}
      </fieldset>
      {input("ref", "Your agency's reference", { hint: "Optional: the reference in your own system", width: "20" })}
      {withReason && (
        <TextInput id="reason" label="Why are you changing this record?" hint="For example: confirmed from passport. Kept with the version replaced." value={reason} onInput={setReason} error={err("reason")} />
      )}
      <Button disabled={busy}>{action}</Button>
    </form>
  );
}

export function PersonAdd() {
  useMarkings([{ classification: "official_sensitive" }]);
  const [values, setValues] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<{ id: string; name: string; dups: Duplicate[] } | null>(null);
  const set = (k: FieldKey, v: string) => setValues({ ...values, [k]: v });

  async function submit(ev: Event) {
    ev.preventDefault();
    if (!values.given.trim() && !values.family.trim()) {
      setErrors([{ field: "family", message: "Enter the person's family name or given name" }]);
      return;
    }
    const body: Record<string, string> = {};
    for (const k of KEYS) if (values[k].trim()) body[k === "ref" ? "source_ref" : k] = values[k].trim();
    setBusy(true);
    try {
      const res = await api<{ id: string; possible_duplicates: Duplicate[] }>("POST", "/api/v1/persons", { body });
      setErrors([]);
      const name = [values.given, values.middle, values.family].map((s) => s.trim()).filter(Boolean).join(" ");
      if (res.possible_duplicates.length === 0) navigate(`/persons/${encodeURIComponent(res.id)}`);
      else setAdded({ id: res.id, name, dups: res.possible_duplicates });
    } catch (e) {
      const p = problemOf(e);
      setErrors([{ field: fieldOfProblem(p.detail), message: p.detail }]);
    } finally {
      setBusy(false);
    }
  }

  if (added) {
    return (
      <>
        <PageTitle title="Person added" />
        <div class="govuk-warning-text" data-testid="duplicates">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            {added.name} may already be held by your agency. Check whether {added.dups.length === 1 ? "this record is" : "these records are"} the same person:
          </div>
        </div>
        <ul class="govuk-list">
          {added.dups.map((d) => (
            <li key={d.id}>
              <a class="govuk-link" href={`/persons/${encodeURIComponent(d.id)}`}>
                {d.name}
              </a>{" "}
              (score {d.score.toFixed(2)})<span class="govuk-body-s app-block">{explanationText(d.explanation)}</span>
            </li>
          ))}
        </ul>
        <p class="govuk-body">
          <a class="govuk-link" href={`/persons/${encodeURIComponent(added.id)}`}>
            Go to the record you added
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <a class="govuk-back-link" href="/persons">
        Back
      </a>
      <ErrorSummary errors={errors} />
      <PageTitle title="Add a person" error={errors.length > 0} />
      <Form values={values} set={set} errors={errors} withReason={false} reason="" setReason={() => undefined} busy={busy} submit={submit} action="Add person" />
    </>
  );
}

export function PersonEdit({ id }: { id: string }) {
  useMarkings([{ classification: "official_sensitive" }]);
  const [person, setPerson] = useState<Person | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [read, setRead] = useState<Fields>(EMPTY);
  const [values, setValues] = useState<Fields>(EMPTY);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const set = (k: FieldKey, v: string) => setValues({ ...values, [k]: v });

  async function load(keepValues: boolean) {
    try {
      let tag: string | null = null;
      const p = await api<Person>("GET", `/api/v1/persons/${encodeURIComponent(id)}`, { onHeaders: (h) => (tag = h.get("ETag")) });
      setPerson(p);
      setEtag(tag);
      setRead(fieldsOf(p));
      if (!keepValues) setValues(fieldsOf(p));
    } catch (e) {
      setLoadError(problemOf(e).detail);
    }
  }
  useEffect(() => {
    void load(false);
  }, [id]);

  async function submit(ev: Event) {
    ev.preventDefault();
    const fields: Record<string, string> = {};
    for (const k of KEYS) if (values[k].trim() !== read[k]) fields[k] = values[k].trim();
    const errs: FieldError[] = [];
    if (Object.keys(fields).length === 0) errs.push({ field: "given", message: "You have not changed anything: change a field, or go back to the person" });
    if (!reason.trim()) errs.push({ field: "reason", message: "Enter why you are changing this record, for example \u201cconfirmed from passport\u201d" });
    if (errs.length > 0) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    try {
      await api("PUT", `/api/v1/persons/${encodeURIComponent(id)}`, { body: { reason: reason.trim(), fields }, headers: { "If-Match": etag ?? "" } });
      navigate(`/persons/${encodeURIComponent(id)}`);
    } catch (e) {
      const p = problemOf(e);
      if (p.status === 412) {
        await load(true); // the record as it is now, then the explanation
        setConflict(true);
        setErrors([
          {
            field: "given",
            message:
              "Someone else changed this record after you opened it, so your changes were not saved. The record as it is now is shown under your changes: check them against it and save again.",
          },
        ]);
      } else {
        setErrors([{ field: fieldOfProblem(p.detail), message: p.detail }]);
      }
    } finally {
      setBusy(false);
    }
  }

  if (loadError) {
    return (
      <>
        <PageTitle title="The person cannot be edited" />
        <p class="govuk-body">{loadError}</p>
      </>
    );
  }
  if (!person) return <p class="govuk-body">Loading&hellip;</p>;
  return (
    <>
      <a class="govuk-back-link" href={`/persons/${encodeURIComponent(id)}`}>
        Back
      </a>
      <ErrorSummary errors={errors} />
      <PageTitle title={`Edit ${primaryName(person)}`} error={errors.length > 0} />
      {conflict && (
        <div class="govuk-inset-text" data-testid="conflict">
          Now held: {primaryName(person)}
          {person.dob ? `, born ${person.dob}` : ""}
          {read.postcode ? `, ${read.postcode}` : ""} (version {person.version ?? ""}).
        </div>
      )}
      <Form values={values} set={set} errors={errors} withReason reason={reason} setReason={setReason} busy={busy} submit={submit} action="Save changes" />
    </>
  );
}
