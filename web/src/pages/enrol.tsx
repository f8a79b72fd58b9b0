// enrol.tsx - first sign-in: redeem the enrolment code the administrator gave
// (POST /api/v1/enrolment), choose a password (the server checks its strength and says
// why it refuses one), sign in, then set up the authenticator app (totp.tsx).
import { useState } from "preact/hooks";
import { api, csrf, problemOf } from "../api";
import { Button, ErrorSummary, PageTitle, TextInput, type FieldError } from "../components";

export function Enrol({ onEnrolled }: { onEnrolled: (password: string) => void }) {
  const [username, setUsername] = useState("");
  const [code, setCode] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const err = (f: string) => errors.find((e) => e.field === f)?.message;

  async function submit(ev: Event) {
    ev.preventDefault();
    const errs: FieldError[] = [];
    if (!username.trim()) errs.push({ field: "username", message: "Enter your user name" });
    if (!code.trim()) errs.push({ field: "code", message: "Enter the enrolment code your administrator gave you" });
    if (!password) errs.push({ field: "password", message: "Enter the password you want to use" });
    else if (password !== confirm) errs.push({ field: "confirm", message: "The passwords do not match: enter the same password twice" });
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      await api("POST", "/api/v1/enrolment", { body: { username: username.trim(), code: code.trim(), password }, purpose: false });
      const s = await api<{ csrf_token: string }>("POST", "/api/v1/session", { body: { username: username.trim(), password }, purpose: false });
      csrf.set(s.csrf_token);
      onEnrolled(password);
    } catch (e) {
      const p = problemOf(e);
      // 401: the user name and code do not go together (never which one is wrong);
      // 400: the password was refused, with the server's reason.
      const field = p.status === 401 ? "code" : "password";
      setErrors([{ field, message: p.detail.charAt(0).toUpperCase() + p.detail.slice(1) }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageTitle title="Set up your account" error={errors.length > 0} />
        <p class="govuk-body">You need the enrolment code your administrator gave you. It works once.</p>
        <form onSubmit={submit} noValidate>
          <TextInput id="username" label="User name" value={username} onInput={setUsername} autocomplete="username" width="20" error={err("username")} />
          <TextInput id="code" label="Enrolment code" value={code} onInput={setCode} autocomplete="off" width="20" error={err("code")} />
          <TextInput id="password" label="Choose a password" hint="At least 12 characters. A long phrase of unrelated words is easy to remember and hard to guess." type="password" value={password} onInput={setPassword} autocomplete="new-password" width="20" error={err("password")} />
          <TextInput id="confirm" label="Enter the password again" type="password" value={confirm} onInput={setConfirm} autocomplete="new-password" width="20" error={err("confirm")} />
          <Button disabled={busy}>Continue</Button>
        </form>
      </div>
    </div>
  );
}
