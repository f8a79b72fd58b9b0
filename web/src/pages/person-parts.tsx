// person-parts.tsx - what the analyst's pages (search, person, add and edit) share: the
// API's person record (docs/openapi.json: Person), how a person reads to a person (names,
// never ids), and the tag marking each part with its source agency and classification.
import type { Classification } from "../markings";
import { label } from "../markings";

export interface PersonName {
  kind?: string;
  given?: string;
  middle?: string;
  family?: string;
  full?: string;
}
export interface Address {
  line?: string;
  town?: string;
  postcode?: string;
  from?: string;
  to?: string;
  valid_from?: string;
  valid_to?: string;
}
export interface Identifier {
  kind: string;
  value: string;
}
export interface Person {
  id: string;
  agency_id?: string;
  source_ref?: string;
  dob?: string;
  names?: PersonName[];
  addresses?: Address[];
  identifiers?: Identifier[];
  created_at?: string;
  updated_at?: string;
  version?: number;
}

export interface Source {
  agency_id: string;
  agency_name: string;
  classification: Classification;
  handling_conditions: string | null;
}

export function nameText(n: PersonName | undefined): string {
  if (!n) return "";
  if (n.full) return n.full;
  return [n.given, n.middle, n.family].filter(Boolean).join(" ");
}

// The primary name (the first when none is marked primary); "Name not recorded" if none.
export function primaryName(p: Person): string {
  const names = p.names ?? [];
  const n = names.find((x) => x.kind === "primary") ?? names[0];
  return nameText(n) || "Name not recorded";
}

export function addressText(a: Address): string {
  return [a.line, a.town, a.postcode].filter(Boolean).join(", ");
}

const IDENT: Record<string, string> = {
  ni: "National Insurance number",
  pnc: "PNC ID",
  passport: "Passport",
  dl: "Driving licence",
  driving_licence: "Driving licence",
};
export const identLabel = (k: string): string => IDENT[k] ?? k.replace(/_/g, " ");

// "2026-12-03T14:48:00Z" -> "3 December 2026 at 14:48"; a date alone -> "3 December 2026".
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
export function dateText(s: string | undefined | null): string {
  if (!s) return "";
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2}))?/.exec(s);
  if (!m) return s;
  const [, y, mo, d, hh, mm] = m;
  let out = y;
  if (mo) out = `${MONTHS[Number(mo) - 1]} ${y}`;
  if (mo && d) out = `${Number(d)} ${out}`;
  if (hh) out += ` at ${hh}:${mm}`;
  return out;
}

// Where a part comes from and how it is marked, as a GOV.UK tag pair.
export function SourceTag({ source }: { source: Source }) {
  const mark = label({ classification: source.classification });
  const colour: Record<Classification, string> = {
    official: "govuk-tag--green",
    official_sensitive: "govuk-tag--turquoise",
    secret: "govuk-tag--red",
    top_secret: "govuk-tag--orange",
  };
  return (
    <span class="app-source" data-testid="source">
      <span class="govuk-tag govuk-tag--grey">{source.agency_name}</span>{" "}
      <strong class={`govuk-tag ${colour[source.classification] ?? ""}`}>{mark}</strong>
      {source.handling_conditions && <span class="govuk-body-s app-source__handling"> Handling: {source.handling_conditions}</span>}
    </span>
  );
}

// The server's explanation of a match: a sentence, or an object field by field.
export function explanationText(e: unknown): string {
  if (typeof e === "string") return e;
  if (e === null || e === undefined) return "";
  if (Array.isArray(e)) return e.map(explanationText).filter(Boolean).join("; ");
  if (typeof e === "object") {
    return Object.entries(e as Record<string, unknown>)
      .map(([k, v]) => `${k.replace(/_/g, " ")}: ${typeof v === "object" ? explanationText(v) : String(v)}`)
      .join("; ");
  }
  return String(e);
}
