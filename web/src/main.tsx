// main.tsx - the application: finds out who is signed in, then shows the public pages
// (sign-in, enrolment) or the signed-in ones inside the shell, asking the purpose of work
// first.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, csrf, purpose, whenSignedOut } from "./api";
import { Enrol } from "./pages/enrol";
import { NotFound } from "./pages/notfound";
import { PurposePage } from "./pages/purpose";
import { SignIn } from "./pages/signin";
import { TotpSetup } from "./pages/totp";
import { interceptLinks, navigate, usePath } from "./router";
import { matchRoute } from "./routes";
import { loadSession, type Session } from "./session";
import { Shell } from "./shell";

const PUBLIC = new Set(["/sign-in", "/enrol", "/signed-out"]);

function App() {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  // the password, held in memory only between enrolment and the authenticator set-up
  const [newPassword, setNewPassword] = useState<string | null>(null);
  // the purpose lives in sessionStorage: re-render when it changes
  const [, setPurposeText] = useState(purpose.get());
  useEffect(() => purpose.subscribe(() => setPurposeText(purpose.get())), []);

  async function refresh(to?: string) {
    const s = await loadSession();
    setSession(s);
    if (to) navigate(to, true);
  }

  function signedOut(message: string) {
    csrf.set(null);
    purpose.set(null);
    setSession(null);
    setNotice(message);
    navigate("/sign-in", true);
  }

  async function signOut() {
    try {
      await api("DELETE", "/api/v1/session");
    } catch {
      /* already gone: signed out all the same */
    }
    signedOut("You have signed out.");
  }

  useEffect(() => {
    whenSignedOut(() => signedOut("You have been signed out. Sign in again to continue."));
    void refresh();
  }, []);

  if (session === undefined) return null;

  let page;
  if (!session) {
    if (path === "/enrol") {
      page = (
        <Enrol
          onEnrolled={(pw) => {
            setNewPassword(pw);
            void refresh("/authenticator");
          }}
        />
      );
    } else {
      if (!PUBLIC.has(path)) navigate("/sign-in", true);
      page = <SignIn notice={notice} onSignedIn={() => { setNotice(undefined); void refresh("/"); }} />;
    }
  } else if (path === "/authenticator" && newPassword) {
    page = (
      <TotpSetup
        password={newPassword}
        onDone={() => {
          setNewPassword(null);
          navigate("/", true);
        }}
      />
    );
  } else if (path === "/purpose" || !purpose.get()) {
    const next = new URLSearchParams(location.search).get("next");
    page = <PurposePage onSet={() => navigate(path === "/purpose" ? (next && next.startsWith("/") ? next : "/") : path + location.search, true)} />;
  } else {
    if (PUBLIC.has(path)) navigate("/", true);
    const m = matchRoute(path);
    page = m ? m.route.render({ session, params: m.params, query: new URLSearchParams(location.search) }) : <NotFound />;
  }
  return (
    <Shell session={session} onSignOut={() => void signOut()} onExpired={() => signedOut("You were signed out because you did nothing for a while. Sign in again to continue.")}>
      {page}
    </Shell>
  );
}

interceptLinks();
document.body.classList.add("js-enabled", "govuk-frontend-supported");
render(<App />, document.getElementById("app") as HTMLElement);
