// labels.ts - what a person reads for the API's codes and times: case types and workflow
// states, request urgencies and statuses, disclosure fields, dates in UK time.
const CASE_TYPE: Record<string, string> = {
  soi: "Subject of interest",
  maa_review: "Closed subject of interest review",
  prevent_referral: "Prevent referral",
  channel: "Channel",
  offender_notification: "Offender notification",
  general: "General",
};
export const caseTypeLabel = (t: string): string => CASE_TYPE[t] ?? words(t);
export const CASE_TYPES = Object.keys(CASE_TYPE);

// A state code ("summary_shared") as words ("Summary shared").
export function words(code: string): string {
  const s = code.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const URGENCY: Record<string, string> = { routine: "Routine", urgent: "Urgent", immediate: "Immediate" };
export const urgencyLabel = (u: string): string => URGENCY[u] ?? words(u);

export const FIELDS: { code: string; label: string; hint: string }[] = [
  { code: "names", label: "Names", hint: "every name on the record" },
  { code: "dob", label: "Date of birth", hint: "" },
  { code: "addresses", label: "Addresses", hint: "with the dates they were lived at" },
  { code: "identifiers", label: "Identifiers", hint: "for example passport or National Insurance numbers" },
  { code: "summary", label: "A summary you write", hint: "" },
];
export const fieldLabel = (f: string): string => FIELDS.find((x) => x.code === f)?.label ?? words(f);

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const DATETIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});
export const dateText = (iso: string): string => DATE.format(new Date(iso));
export const dateTimeText = (iso: string): string => DATETIME.format(new Date(iso));
