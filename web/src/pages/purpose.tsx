// purpose.tsx - the purpose of work, asked once per task (an operation name, a case
// reference, "duty shift"), kept for this browser tab's session and sent as
// Accord-Purpose with every request; it goes into the audit trail with every access.
import { useState } from "preact/hooks";
import { purpose, purposeProblem } from "../api";
import { Button, ErrorSummary, PageTitle, TextInput, type FieldError } from "../components";

export function PurposePage({ onSet }: { onSet: () => void }) {
  const [text, setText] = useState(purpose.get() ?? "");
  const [errors, setErrors] = useState<FieldError[]>([]);

  function submit(ev: Event) {
    ev.preventDefault();
    const why = purposeProblem(text);
    if (why) {
      setErrors([{ field: "purpose", message: why }]);
      return;
    }
    purpose.set(text.trim());
    onSet();
  }

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} noValidate>
          <PageTitle title="What is the purpose of your work?" error={errors.length > 0} />
          <TextInput
            id="purpose"
            label="Purpose of work"
            hint="For example an operation name, a case reference or \u201cduty shift\u201d. It is recorded with everything you look at until you change it."
            value={text}
            onInput={setText}
            autocomplete="off"
            spellcheck
            error={errors[0]?.message}
          />
          <Button>Continue</Button>
        </form>
      </div>
    </div>
  );
}
