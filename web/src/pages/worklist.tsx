// worklist.tsx - what the work list pages share: loading an API list with its error, and
// the sub navigation between a queue and its other views.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";

export function useList<T>(path: string, key: string, reload = 0): { rows: T[] | null; error: string | null } {
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRows(null);
    setError(null);
    api<Record<string, T[]>>("GET", path)
      .then((r) => setRows(r[key] ?? []))
      .catch((e) => setError(problemOf(e).detail));
  }, [path, reload]);
  return { rows, error };
}

export function ListState({ rows, error, empty }: { rows: unknown[] | null; error: string | null; empty: string }) {
  if (error)
    return (
      <div class="govuk-error-summary" role="alert" tabIndex={-1}>
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{error}</p>
        </div>
      </div>
    );
  if (rows === null) return <p class="govuk-body">Loading…</p>;
  if (rows.length === 0)
    return (
      <p class="govuk-body" data-testid="empty">
        {empty}
      </p>
    );
  return null;
}

export function SubNav({ items, current }: { items: { href: string; text: string }[]; current: string }) {
  return (
    <nav class="moj-sub-navigation" aria-label="Secondary navigation">
      <ul class="moj-sub-navigation__list">
        {items.map((i) => (
          <li class="moj-sub-navigation__item" key={i.href}>
            <a class="moj-sub-navigation__link" href={i.href} aria-current={i.href === current ? "page" : undefined}>
              {i.text}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// A wide table scrolls sideways at 375 px; the region takes focus so a keyboard can scroll it.
export function TableScroll({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <div class="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
