// markings.ts - the classification of what a page shows.  Every screen reports the
// markings of what it renders (useMarkings); the shell's banners show the highest, with
// the union of the caveats.  The names are the API's (ac_classification_str,
// ac_caveats_parse): "official", "official_sensitive", "secret", "top_secret";
// caveats "uk_eyes_only", "iss".
import { useEffect } from "preact/hooks";

export type Classification = "official" | "official_sensitive" | "secret" | "top_secret";
export interface Marking {
  classification: Classification;
  caveats?: string[];
}

const ORDER: Classification[] = ["official", "official_sensitive", "secret", "top_secret"];
const LABEL: Record<Classification, string> = {
  official: "OFFICIAL",
  official_sensitive: "OFFICIAL-SENSITIVE",
  secret: "SECRET",
  top_secret: "TOP SECRET",
};
const CAVEAT_LABEL: Record<string, string> = { uk_eyes_only: "UK EYES ONLY", iss: "ISS" };

export function highest(marks: Marking[]): Marking {
  let top: Classification = "official";
  const caveats = new Set<string>();
  for (const m of marks) {
    if (ORDER.indexOf(m.classification) > ORDER.indexOf(top)) top = m.classification;
    (m.caveats ?? []).forEach((c) => caveats.add(c));
  }
  return { classification: top, caveats: [...caveats].sort() };
}

export function label(m: Marking): string {
  const caveats = (m.caveats ?? []).map((c) => CAVEAT_LABEL[c] ?? c.toUpperCase().replace(/_/g, " "));
  return [LABEL[m.classification], ...caveats].join(" ");
}

export function modifier(c: Classification): string {
  return c.replace(/_/g, "-");
}

// The page's reported markings, kept per reporting component.
type Listener = () => void;
const reported = new Map<number, Marking[]>();
const listeners = new Set<Listener>();
let nextId = 1;

export function currentMarking(): Marking {
  return highest([...reported.values()].flat());
}
export function subscribeMarkings(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

// A screen calls this with the markings of what it shows; they go when it unmounts.
export function useMarkings(marks: Marking[]): void {
  const key = JSON.stringify(marks);
  useEffect(() => {
    const id = nextId++;
    reported.set(id, marks);
    listeners.forEach((l) => l());
    return () => {
      reported.delete(id);
      listeners.forEach((l) => l());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
}
