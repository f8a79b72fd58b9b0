// signin.tsx - sign in: user name and password, then the one-time code from the
// authenticator when the account has one.  The server's answer never says whether a user
// name exists ("wrong username or password"); this page says no more than it does.
import { useState } from "preact/hooks";
import { api, csrf, problemOf } from "../api";
import { Button, ErrorSummary, PageTitle, TextInput, type FieldError } from "../components";

const NEEDS_CODE = "needs a one-time code";

export function SignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [step, setStep] = useState<"password" | "code">("password");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(ev: Event) {
    ev.preventDefault();
    const errs: FieldError[] = [];
    if (step === "password") {
      if (!username.trim()) errs.push({ field: "username", message: "Enter your user name" });
      if (!password) errs.push({ field: "password", message: "Enter your password" });
    } else if (!/^[0-9]{6}$/.test(code.trim())) {
      errs.push({ field: "code", message: "Enter the 6-digit code from your authenticator app" });
    }
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      const body: Record<string, string> = { username: username.trim(), password };
      if (step === "code") body.code = code.trim();
      const s = await api<{ csrf_token: string }>("POST", "/api/v1/session", { body, purpose: false });
      csrf.set(s.csrf_token);
      setPassword("");
      onSignedIn();
    } catch (e) {
      const p = problemOf(e);
      if (step === "password" && p.status === 401 && p.detail.includes(NEEDS_CODE)) {
        setStep("code");
        setErrors([]);
      } else {
        const field = step === "code" ? "code" : p.status === 401 ? "username" : "password";
        const message = p.status === 401 && step === "code" ? "The code is wrong or has been used: enter the code your authenticator app shows now" : p.detail;
        setErrors([{ field, message: message.charAt(0).toUpperCase() + message.slice(1) }]);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        {notice && (
          <div class="govuk-inset-text" data-testid="notice">
            {notice}
          </div>
        )}
        <form onSubmit={submit} noValidate>
          {step === "password" ? (
            <>
              <PageTitle title="Sign in" error={errors.length > 0} />
              <TextInput id="username" label="User name" value={username} onInput={setUsername} autocomplete="username" width="20" error={errors.find((e) => e.field === "username")?.message} />
              <TextInput id="password" label="Password" type="password" value={password} onInput={setPassword} autocomplete="current-password" width="20" error={errors.find((e) => e.field === "password")?.message} />
            </>
          ) : (
            <>
              <PageTitle title="Enter the code from your authenticator app" error={errors.length > 0} />
              <TextInput id="code" label="6-digit code" hint="Open the authenticator app on your phone. The code changes every 30 seconds." value={code} onInput={setCode} autocomplete="one-time-code" inputMode="numeric" width="5" error={errors.find((e) => e.field === "code")?.message} />
            </>
          )}
          <Button disabled={busy}>{step === "password" ? "Continue" : "Sign in"}</Button>
        </form>
        {step === "password" && (
          <p class="govuk-body">
            <a class="govuk-link" href="/enrol">
              First time? Set up your account with your enrolment code
            </a>
          </p>
        )}
      </div>
    </div>
  );
}
