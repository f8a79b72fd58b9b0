// components.tsx - the GOV.UK patterns the screens share: error summary, text input,
// buttons, page title.  Everything is rendered as text (never dangerouslySetInnerHTML).
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

export interface FieldError {
  field: string; // the input's id, for the summary's link
  message: string;
}

// The GOV.UK error summary: focused when it appears, each error linking to its field.
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.field + e.message).join("|");
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div class="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 class="govuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          {errors.map((e) => (
            <li key={e.field + e.message}>
              <a
                href={`#${e.field}`}
                onClick={(ev) => {
                  ev.preventDefault();
                  document.getElementById(e.field)?.focus();
                }}
              >
                {e.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export interface InputProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onInput: (v: string) => void;
  error?: string;
  type?: string;
  autocomplete?: string;
  inputMode?: "numeric" | "text";
  width?: string; // govuk-input--width-N class suffix
  spellcheck?: boolean;
}

export function TextInput(p: InputProps) {
  const described = [p.hint ? `${p.id}-hint` : "", p.error ? `${p.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={`govuk-form-group${p.error ? " govuk-form-group--error" : ""}`}>
      <label class="govuk-label" for={p.id}>
        {p.label}
      </label>
      {p.hint && (
        <div id={`${p.id}-hint`} class="govuk-hint">
          {p.hint}
        </div>
      )}
      {p.error && (
        <p id={`${p.id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">Error:</span> {p.error}
        </p>
      )}
      <input
        class={`govuk-input${p.width ? ` govuk-input--width-${p.width}` : ""}${p.error ? " govuk-input--error" : ""}`}
        id={p.id}
        name={p.id}
        type={p.type ?? "text"}
        value={p.value}
        autocomplete={p.autocomplete}
        inputMode={p.inputMode}
        spellcheck={p.spellcheck ?? false}
        aria-describedby={described || undefined}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
    </div>
  );
}

export function Button({ children, secondary, disabled }: { children: ComponentChildren; secondary?: boolean; disabled?: boolean }) {
  return (
    <button type="submit" class={`govuk-button${secondary ? " govuk-button--secondary" : ""}`} data-module="govuk-button" disabled={disabled}>
      {children}
    </button>
  );
}

// Sets document.title ("Sign in - accord") and gives the page its h1.
export function PageTitle({ title, caption, error }: { title: string; caption?: string; error?: boolean }) {
  useEffect(() => {
    document.title = `${error ? "Error: " : ""}${title} - accord`;
  }, [title, error]);
  return (
    <h1 class="govuk-heading-l">
      {caption && <span class="govuk-caption-l">{caption}</span>}
      {title}
    </h1>
  );
}
