// cases.tsx - the cases the user may read (GET /api/v1/cases), nearest deadline first,
// filtered by scope, type, state and deadline (MOJ filter pattern); read-only.
import { useState } from "preact/hooks";
import { PageTitle } from "../components";
import { useMarkings } from "../markings";
import { CASE_TYPES, caseTypeLabel, dateText, words } from "../labels";
import { ListState, TableScroll, useList } from "./worklist";

interface CaseRow {
  id: string;
  case_type: string;
  state: string;
  title: string;
  lead_agency_name: string;
  opened_at: string;
  due_at: string | null;
  overdue: boolean;
}

interface Filter {
  scope: string;
  type: string;
  state: string;
  due: string;
}

const SCOPES = [
  { value: "all", text: "Every case you may read" },
  { value: "mine", text: "Cases you opened or are a member of" },
  { value: "agency", text: "Cases your agency leads" },
];

function query(f: Filter): string {
  const q = new URLSearchParams();
  if (f.scope !== "all") q.set("scope", f.scope);
  if (f.type) q.set("type", f.type);
  if (f.state.trim()) q.set("state", f.state.trim().toLowerCase().replace(/\s+/g, "_"));
  if (f.due.trim()) q.set("due_within_days", f.due.trim());
  const s = q.toString();
  return `/api/v1/cases${s ? `?${s}` : ""}`;
}

export function Cases() {
  useMarkings([{ classification: "official_sensitive" }]);
  const [draft, setDraft] = useState<Filter>({ scope: "all", type: "", state: "", due: "" });
  const [applied, setApplied] = useState<Filter>(draft);
  const [dueError, setDueError] = useState<string | null>(null);
  const { rows, error } = useList<CaseRow>(query(applied), "cases");

  function apply(ev: Event) {
    ev.preventDefault();
    if (draft.due.trim() && !/^\d{1,4}$/.test(draft.due.trim())) {
      setDueError("Deadline within must be a number of days, like 7");
      return;
    }
    setDueError(null);
    setApplied(draft);
  }

  return (
    <>
      <PageTitle title="Cases" />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third-from-desktop">
          <div class="moj-filter" data-testid="filter">
            <div class="moj-filter__header">
              <div class="moj-filter__header-title">
                <h2 class="govuk-heading-m">Filter</h2>
              </div>
            </div>
            <div class="moj-filter__content">
              <form class="moj-filter__options" onSubmit={apply} noValidate>
                <div class="govuk-form-group">
                  <fieldset class="govuk-fieldset">
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Which cases</legend>
                    <div class="govuk-radios govuk-radios--small">
                      {SCOPES.map((s) => (
                        <div class="govuk-radios__item" key={s.value}>
                          <input
                            class="govuk-radios__input"
                            id={`scope-${s.value}`}
                            name="scope"
                            type="radio"
                            value={s.value}
                            checked={draft.scope === s.value}
                            onChange={() => setDraft({ ...draft, scope: s.value })}
                          />
                          <label class="govuk-label govuk-radios__label" for={`scope-${s.value}`}>
                            {s.text}
                          </label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                </div>
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-label--s" for="type">
                    Type
                  </label>
                  <select class="govuk-select" id="type" name="type" value={draft.type} onChange={(e) => setDraft({ ...draft, type: (e.target as HTMLSelectElement).value })}>
                    <option value="">Any type</option>
                    {CASE_TYPES.map((t) => (
                      <option value={t} key={t}>
                        {caseTypeLabel(t)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-label--s" for="state">
                    Stage
                  </label>
                  <div id="state-hint" class="govuk-hint">
                    For example: at panel
                  </div>
                  <input
                    class="govuk-input"
                    id="state"
                    name="state"
                    type="text"
                    spellcheck={false}
                    aria-describedby="state-hint"
                    value={draft.state}
                    onInput={(e) => setDraft({ ...draft, state: (e.target as HTMLInputElement).value })}
                  />
                </div>
                <div class={`govuk-form-group${dueError ? " govuk-form-group--error" : ""}`}>
                  <label class="govuk-label govuk-label--s" for="due">
                    Deadline within (days)
                  </label>
                  {dueError && (
                    <p id="due-error" class="govuk-error-message">
                      <span class="govuk-visually-hidden">Error:</span> {dueError}
                    </p>
                  )}
                  <input
                    class={`govuk-input govuk-input--width-4${dueError ? " govuk-input--error" : ""}`}
                    id="due"
                    name="due"
                    type="text"
                    inputMode="numeric"
                    aria-describedby={dueError ? "due-error" : undefined}
                    value={draft.due}
                    onInput={(e) => setDraft({ ...draft, due: (e.target as HTMLInputElement).value })}
                  />
                </div>
                <button type="submit" class="govuk-button" data-module="govuk-button">
                  Apply filters
                </button>
              </form>
            </div>
          </div>
        </div>
        <div class="govuk-grid-column-two-thirds-from-desktop">
          <p class="govuk-body" role="status" data-testid="count">
            {rows ? `${rows.length} ${rows.length === 1 ? "case" : "cases"}` : ""}
          </p>
          <ListState rows={rows} error={error} empty="No case matches the filters." />
          {rows && rows.length > 0 && (
            <TableScroll label={"Cases"}>
              <table class="govuk-table" data-testid="rows">
                <caption class="govuk-table__caption govuk-visually-hidden">Cases</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Case
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Stage
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Lead
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Due
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {rows.map((c) => (
                    <tr class="govuk-table__row" key={c.id} data-testid="row">
                      <td class="govuk-table__cell app-wrap">
                        {c.title}
                        <span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                          {caseTypeLabel(c.case_type)}, opened {dateText(c.opened_at)}
                        </span>
                      </td>
                      <td class="govuk-table__cell">{words(c.state)}</td>
                      <td class="govuk-table__cell">{c.lead_agency_name}</td>
                      <td class="govuk-table__cell">
                        {c.due_at ? dateText(c.due_at) : "No deadline"} {c.overdue && <strong class="govuk-tag govuk-tag--red">Overdue</strong>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </div>
      </div>
    </>
  );
}
