// questions.tsx - GOV.UK question-page components the report journey uses (and any other
// may): radios, checkboxes (with a conditional reveal), date input, textarea, a summary
// list with change links, and an autocomplete (a native input with an ARIA 1.2 combobox
// and listbox: https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).  No inline style;
// everything rendered as text.
import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";

function ErrorMessage({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {error}
    </p>
  );
}

const describedBy = (id: string, hint?: string, error?: string): string | undefined =>
  [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;

export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

// A fieldset whose legend is the page's h1 (one question per page).
export function Question(p: { id: string; legend: string; caption?: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      <fieldset class="govuk-fieldset" aria-describedby={describedBy(p.id, p.hint, p.error)}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--l">
          <h1 class="govuk-fieldset__heading">
            {p.caption && <span class="govuk-caption-l">{p.caption}</span>}
            {p.legend}
          </h1>
        </legend>
        {p.hint && (
          <div id={`${p.id}-hint`} class="govuk-hint">
            {p.hint}
          </div>
        )}
        <ErrorMessage id={p.id} error={p.error} />
        {p.children}
      </fieldset>
    </div>
  );
}

// Radios: the first input carries ID, so the error summary's link focuses the group.
export function Radios({ id, choices, value, onChange }: { id: string; choices: Choice[]; value: string; onChange: (v: string) => void }) {
  return (
    <div class="govuk-radios" data-module="govuk-radios">
      {choices.map((c, i) => {
        const cid = i === 0 ? id : `${id}-${c.value}`;
        return (
          <div class="govuk-radios__item" key={c.value}>
            <input
              class="govuk-radios__input"
              id={cid}
              name={id}
              type="radio"
              value={c.value}
              checked={value === c.value}
              aria-describedby={c.hint ? `${cid}-item-hint` : undefined}
              onChange={() => onChange(c.value)}
            />
            <label class="govuk-label govuk-radios__label" for={cid}>
              {c.label}
            </label>
            {c.hint && (
              <div id={`${cid}-item-hint`} class="govuk-hint govuk-radios__hint">
                {c.hint}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

// Checkboxes; REVEAL[value] is shown under a checked box (GOV.UK conditional reveal).
export function Checkboxes(p: { id: string; choices: Choice[]; values: string[]; onChange: (v: string[]) => void; reveal?: Record<string, ComponentChildren> }) {
  return (
    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
      {p.choices.map((c, i) => {
        const cid = i === 0 ? p.id : `${p.id}-${c.value}`;
        const on = p.values.includes(c.value);
        const reveal = p.reveal?.[c.value];
        return (
          <div key={c.value}>
            <div class="govuk-checkboxes__item">
              <input
                class="govuk-checkboxes__input"
                id={cid}
                name={p.id}
                type="checkbox"
                value={c.value}
                checked={on}
                aria-controls={reveal ? `${cid}-conditional` : undefined}
                aria-expanded={reveal ? on : undefined}
                onChange={() => p.onChange(on ? p.values.filter((v) => v !== c.value) : [...p.values, c.value])}
              />
              <label class="govuk-label govuk-checkboxes__label" for={cid}>
                {c.label}
              </label>
            </div>
            {reveal && (
              <div class={`govuk-checkboxes__conditional${on ? "" : " govuk-checkboxes__conditional--hidden"}`} id={`${cid}-conditional`}>
                {reveal}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

// The GOV.UK date input: day, month, year; ID-day is the first, for the summary's link.
export function DateInput({ id, value, onChange, bad }: { id: string; value: DateParts; onChange: (v: DateParts) => void; bad?: boolean }) {
  const part = (k: keyof DateParts, label: string, width: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${k}`}>
          {label}
        </label>
        <input
          class={`govuk-input govuk-date-input__input govuk-input--width-${width}${bad ? " govuk-input--error" : ""}`}
          id={`${id}-${k}`}
          name={`${id}-${k}`}
          type="text"
          inputMode="numeric"
          value={value[k]}
          onInput={(e) => onChange({ ...value, [k]: (e.target as HTMLInputElement).value })}
        />
      </div>
    </div>
  );
  return (
    <div class="govuk-date-input" id={id}>
      {part("day", "Day", "2")}
      {part("month", "Month", "2")}
      {part("year", "Year", "4")}
    </div>
  );
}

export function Textarea(p: { id: string; label: string; hint?: string; value: string; onInput: (v: string) => void; error?: string; rows?: number; heading?: boolean }) {
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      {p.heading ? (
        <h1 class="govuk-label-wrapper">
          <label class="govuk-label govuk-label--l" for={p.id}>
            {p.label}
          </label>
        </h1>
      ) : (
        <label class="govuk-label" for={p.id}>
          {p.label}
        </label>
      )}
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} error={p.error} />
      <textarea
        class={`govuk-textarea${p.error ? " govuk-textarea--error" : ""}`}
        id={p.id}
        name={p.id}
        rows={p.rows ?? 5}
        value={p.value}
        spellcheck
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        onInput={(e) => p.onInput((e.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

export interface SummaryRow {
  key: string;
  value: ComponentChildren;
  change?: string; // the href of the question page
  changeLabel?: string; // what is changed, for screen readers ("Change what happened")
}

export function SummaryList({ rows, testid }: { rows: SummaryRow[]; testid?: string }) {
  return (
    <dl class="govuk-summary-list" data-testid={testid}>
      {rows.map((r) => (
        <div class={`govuk-summary-list__row${r.change ? "" : " govuk-summary-list__row--no-actions"}`} key={r.key}>
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
          {r.change && (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={r.change}>
                Change<span class="govuk-visually-hidden"> {r.changeLabel ?? r.key.toLowerCase()}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

export interface Suggestion {
  value: string; // what goes in the input when chosen
  label: string;
  detail?: string;
}

// An accessible autocomplete: the user may type anything (a name not in the list is
// allowed); SUGGEST gives the options for the text.  Up/Down move through the listbox,
// Enter chooses, Escape closes; the count is announced in a polite live region.
export function Autocomplete(p: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onInput: (v: string) => void;
  suggest: (text: string) => Promise<Suggestion[]>;
  error?: string;
  heading?: boolean;
}) {
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const seq = useRef(0);

  async function lookup(text: string) {
    const mine = ++seq.current;
    if (text.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      setStatus("");
      return;
    }
    let found: Suggestion[] = [];
    try {
      found = await p.suggest(text);
    } catch {
      found = [];
    }
    if (mine !== seq.current) return; // a later keystroke's answer wins
    setOptions(found);
    setActive(-1);
    setOpen(found.length > 0);
    setStatus(found.length === 0 ? "No substances found: you can still enter the name as on the label" : `${found.length} ${found.length === 1 ? "result is" : "results are"} available: use up and down to choose`);
  }

  function choose(i: number) {
    p.onInput(options[i].value);
    setOpen(false);
    setActive(-1);
    setStatus(`${options[i].label} chosen`);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === "ArrowDown" && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === "ArrowUp" && open) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault(); // choose, do not submit the form
      choose(active);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const listId = `${p.id}-listbox`;
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      {p.heading ? (
        <h1 class="govuk-label-wrapper">
          <label class="govuk-label govuk-label--l" for={p.id}>
            {p.label}
          </label>
        </h1>
      ) : (
        <label class="govuk-label govuk-label--s" for={p.id}>
          {p.label}
        </label>
      )}
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      <ErrorMessage id={p.id} error={p.error} />
      <div class="app-autocomplete">
        <input
          class={`govuk-input${p.error ? " govuk-input--error" : ""}`}
          id={p.id}
          name={p.id}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && active >= 0 ? `${p.id}-option-${active}` : undefined}
          aria-describedby={describedBy(p.id, p.hint, p.error)}
          value={p.value}
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            p.onInput(v);
            void lookup(v);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul class={`app-autocomplete__menu${open ? "" : " app-autocomplete__menu--hidden"}`} id={listId} role="listbox" aria-label={`Suggestions for ${p.label.toLowerCase()}`}>
          {open &&
            options.map((o, i) => (
              <li
                key={o.value + i}
                id={`${p.id}-option-${i}`}
                role="option"
                aria-selected={i === active}
                class={`app-autocomplete__option${i === active ? " app-autocomplete__option--focused" : ""}`}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the focus in the input
                  choose(i);
                }}
              >
                {o.label}
                {o.detail && <span class="app-autocomplete__detail"> {o.detail}</span>}
              </li>
            ))}
        </ul>
      </div>
      <div class="govuk-visually-hidden" role="status" aria-live="polite" data-testid={`${p.id}-status`}>
        {status}
      </div>
    </div>
  );
}
