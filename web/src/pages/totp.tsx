// totp.tsx - set up the authenticator app: POST /api/v1/totp (with the password) gives
// the QR code as SVG, shown as an <img> from a data: URL (never inserted as markup), and
// the secret to type instead; POST /api/v1/totp/confirm with one code turns it on.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { Button, ErrorSummary, PageTitle, TextInput, type FieldError } from "../components";

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

export function TotpSetup({ password, onDone }: { password: string; onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Enrolment>("POST", "/api/v1/totp", { body: { password }, purpose: false })
      .then(setEnrolment)
      .catch((e) => setErrors([{ field: "code", message: problemOf(e).detail }]));
  }, [password]);

  async function submit(ev: Event) {
    ev.preventDefault();
    if (!/^[0-9]{6}$/.test(code.trim())) {
      setErrors([{ field: "code", message: "Enter the 6-digit code from your authenticator app" }]);
      return;
    }
    setBusy(true);
    try {
      await api("POST", "/api/v1/totp/confirm", { body: { code: code.trim() }, purpose: false });
      onDone();
    } catch (e) {
      setErrors([{ field: "code", message: "The code is wrong: enter the code your authenticator app shows now" }]);
      void problemOf(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageTitle title="Set up your authenticator app" error={errors.length > 0} />
        <p class="govuk-body">Every sign-in needs a code from an authenticator app on your phone as well as your password.</p>
        <ol class="govuk-list govuk-list--number">
          <li>Open your authenticator app and add an account.</li>
          <li>Scan the QR code below, or type the key instead.</li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        {enrolment && (
          <>
            <p class="app-qr">
              <img src={svgDataUrl(enrolment.qr_svg)} alt="QR code for your authenticator app" data-testid="qr" />
            </p>
            <details class="govuk-details">
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">I cannot scan the QR code</span>
              </summary>
              <div class="govuk-details__text">
                Type this key into your app: <code data-testid="totp-secret">{enrolment.secret}</code>
              </div>
            </details>
          </>
        )}
        <form onSubmit={submit} noValidate>
          <TextInput id="code" label="6-digit code" value={code} onInput={setCode} autocomplete="one-time-code" inputMode="numeric" width="5" error={errors.find((e) => e.field === "code")?.message} />
          <Button disabled={busy || !enrolment}>Turn on</Button>
        </form>
      </div>
    </div>
  );
}
