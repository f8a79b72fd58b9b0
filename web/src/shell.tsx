// shell.tsx - what is round every page: the classification banners (top and bottom), the
// crown-free GOV.UK header with the service name, who is signed in (name, agency, role),
// the purpose of work, and the session time-out warning.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, contact, purpose } from "./api";
import { currentMarking, label, modifier, subscribeMarkings } from "./markings";
import { navigate } from "./router";
import { clearanceLabel, roleLabel, type Session } from "./session";

function ClassificationBanner({ position }: { position: "top" | "bottom" }) {
  const [mark, setMark] = useState(currentMarking());
  useEffect(() => {
    // a page below may have reported its markings before this subscribed (the bottom banner)
    setMark(currentMarking());
    return subscribeMarkings(() => setMark(currentMarking()));
  }, []);
  const text = label(mark);
  // Only the top banner is a live region: a change of marking is announced once.
  return (
    <div
      class={`app-classification app-classification--${modifier(mark.classification)}`}
      data-testid={`classification-${position}`}
      role={position === "top" ? "status" : undefined}
      aria-live={position === "top" ? "polite" : undefined}
    >
      <span class="govuk-visually-hidden">Classification of this page: </span>
      {text}
    </div>
  );
}

function Header({ session, onSignOut }: { session: Session | null; onSignOut: () => void }) {
  return (
    <header class="govuk-header" data-module="govuk-header">
      <div class="govuk-header__container govuk-width-container">
        <div class="govuk-header__logo">
          <a href="/" class="govuk-header__link govuk-header__service-name">
            accord
          </a>
        </div>
        {session && (
          <div class="govuk-header__content">
            <nav aria-label="Account" class="govuk-header__navigation">
              <ul class="govuk-header__navigation-list">
                <li class="govuk-header__navigation-item">
                  <button type="button" class="govuk-header__link app-link-button" onClick={onSignOut}>
                    Sign out
                  </button>
                </li>
              </ul>
            </nav>
          </div>
        )}
      </div>
    </header>
  );
}

// Who is signed in: name, agency, role and clearance, under the header.
function IdentityBar({ session }: { session: Session }) {
  return (
    <div class="app-identity" data-testid="identity">
      <p class="govuk-width-container app-identity__text">
        <strong title={`User name: ${session.username}`} data-testid="display-name">
          {session.display_name}
        </strong>
        <span class="app-identity__sep">{session.agency.name}</span>
        <span class="app-identity__sep">{session.roles.map(roleLabel).join(", ") || "No role"}</span>
        <span class="app-identity__sep">{clearanceLabel(session.clearance)}</span>
      </p>
    </div>
  );
}

function PurposeBar() {
  const [p, setP] = useState(purpose.get());
  useEffect(() => purpose.subscribe(() => setP(purpose.get())), []);
  if (!p) return null;
  return (
    <div class="app-purpose govuk-width-container" data-testid="purpose">
      <p class="app-purpose__text">
        <strong>Purpose of work:</strong> {p}{" "}
        <a class="govuk-link" href={`/purpose?next=${encodeURIComponent(location.pathname)}`}>
          Change<span class="govuk-visually-hidden"> purpose of work</span>
        </a>
      </p>
    </div>
  );
}

// How long before the idle expiry the warning shows (GOV.UK's timeout warning pattern).
export const WARN_BEFORE_MS = 2 * 60 * 1000;

// The GOV.UK session time-out warning: a modal dialog before the idle expiry, with "Stay
// signed in" (a request restarts the server's idle clock) and "Sign out".
function TimeoutWarning({ session, onSignOut, onExpired }: { session: Session; onSignOut: () => void; onExpired: () => void }) {
  const [now, setNow] = useState(Date.now());
  const [last, setLast] = useState(contact.last());
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => contact.subscribe(() => setLast(contact.last())), []);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const deadline = Math.min(last + session.idle_seconds * 1000, Date.parse(session.expires_at));
  const left = deadline - now;
  const open = left <= WARN_BEFORE_MS;
  useEffect(() => {
    if (left <= 0) onExpired();
  }, [left <= 0]);
  const showing = open && left > 0;
  // While the dialog shows, the rest of the page is inert (no focus, no clicks, hidden from
  // screen readers), and focus comes back where it was when it closes.
  useEffect(() => {
    if (!showing) return;
    const before = document.activeElement as HTMLElement | null;
    const others = [...document.querySelectorAll<HTMLElement>("#app > *:not(.app-modal):not(.app-modal-backdrop)")];
    others.forEach((el) => el.setAttribute("inert", ""));
    dialog.current?.focus();
    return () => {
      others.forEach((el) => el.removeAttribute("inert"));
      before?.focus?.();
    };
  }, [showing]);
  if (!showing) return null;
  const stay = () => {
    api("GET", "/api/v1/session").catch(() => onExpired());
  };
  const minutes = Math.floor(left / 60000);
  const seconds = Math.floor((left % 60000) / 1000);
  const inWords = minutes > 0 ? `${minutes} minute${minutes === 1 ? "" : "s"}${seconds ? ` ${seconds} second${seconds === 1 ? "" : "s"}` : ""}` : `${seconds} second${seconds === 1 ? "" : "s"}`;
  return (
    <>
      <div class="app-modal-backdrop" />
      <div
        class="app-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="timeout-title"
        aria-describedby="timeout-text"
        tabIndex={-1}
        ref={dialog}
        onKeyDown={(ev) => {
          if (ev.key === "Escape") stay(); // GOV.UK: Escape closes it and keeps the session
        }}
      >
        <h2 class="govuk-heading-m" id="timeout-title">
          You are about to be signed out
        </h2>
        <p class="govuk-body" id="timeout-text">
          For your security, we will sign you out in {inWords} if you do nothing.
        </p>
        <div class="govuk-button-group">
          <button
            type="button"
            class="govuk-button"
            onClick={stay}
          >
            Stay signed in
          </button>
          <button type="button" class="govuk-button govuk-button--secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
    </>
  );
}

export function Shell({ session, children, onSignOut, onExpired }: { session: Session | null; children: ComponentChildren; onSignOut: () => void; onExpired: () => void }) {
  return (
    <>
      <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
        Skip to main content
      </a>
      <ClassificationBanner position="top" />
      <Header session={session} onSignOut={onSignOut} />
      {session && <IdentityBar session={session} />}
      {session && <PurposeBar />}
      <div class="govuk-width-container">
        <main class="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
      <footer class="govuk-footer">
        <div class="govuk-width-container">
          <p class="govuk-footer__meta-custom govuk-body-s">Every access is recorded in the audit trail with its purpose.</p>
        </div>
      </footer>
      <ClassificationBanner position="bottom" />
      {session && <TimeoutWarning session={session} onSignOut={onSignOut} onExpired={onExpired} />}
    </>
  );
}

export function goHome(): void {
  navigate("/", true);
}
