// explain.ts - a match's explanation (the screening engine's text, lib/screen/pair.c and
// lib/screen/watchlist.c) as rows of field, the report's value, the record's value and
// the contribution, for the alert page's table.  The text's grammar: "; "-separated parts,
// each one of
//   WORD=WORD (METHOD SIM)                 a word of the buyer's name met a word of the record's
//   no word met                            no word of the names met
//   score S                                the name score
//   a common name in this list: xF         the score scaled down for a common name
//   same date of birth +0.05               the same full date of birth
//   birth years differ: xF                 birth years more than two years apart
// A part of any other form is kept whole as an "Other" row, so nothing is ever dropped.

export interface ExplanationRow {
  field: string;
  reported: string;
  record: string;
  contribution: string;
}

// The methods of lib/screen/pair.c's word_similarity.
const METHOD: Record<string, string> = {
  exact: "the same word",
  "legal form": "the same legal form",
  initial: "an initial",
  variant: "a variant of the name",
  spelling: "a similar spelling",
};

export function explain(explanation: string | undefined, buyerName: string | undefined, buyerDob: string | undefined, listedName: string | undefined): ExplanationRow[] {
  const rows: ExplanationRow[] = [];
  if (!explanation) return rows;
  for (const raw of explanation.split("; ")) {
    const part = raw.trim();
    if (!part) continue;
    let m: RegExpExecArray | null;
    if ((m = /^(.+?)=(.+?) \(([a-z_ -]+?) ([0-9.]+)\)$/.exec(part))) {
      const how = METHOD[m[3]] ?? m[3];
      rows.push({ field: "Word of the name", reported: m[1], record: m[2], contribution: `${how}: ${m[4]}` });
    } else if (part === "no word met") {
      rows.push({ field: "Words of the name", reported: buyerName ?? "", record: listedName ?? "", contribution: "no word met" });
    } else if ((m = /^score ([0-9.]+)$/.exec(part))) {
      rows.push({ field: "Name", reported: buyerName ?? "", record: listedName ?? "", contribution: `name score ${m[1]}` });
    } else if ((m = /^a common name in this list: x([0-9.]+)$/.exec(part))) {
      rows.push({ field: "How common the name is", reported: "", record: "a common name in this list", contribution: `score \u00d7 ${m[1]}` });
    } else if (part === "same date of birth +0.05") {
      rows.push({ field: "Date of birth", reported: buyerDob ?? "", record: "the same date", contribution: "+0.05" });
    } else if ((m = /^birth years differ: x([0-9.]+)$/.exec(part))) {
      rows.push({ field: "Date of birth", reported: buyerDob ?? "", record: "a birth year more than 2 years away", contribution: `score \u00d7 ${m[1]}` });
    } else {
      rows.push({ field: "Other", reported: "", record: "", contribution: part });
    }
  }
  return rows;
}
