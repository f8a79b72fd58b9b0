// home.tsx - the home page per role: "what needs me now" (GET /api/v1/me/work), each count
// linking to the page that lists exactly those rows, and the role's places to start.
import { useEffect, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { PageTitle } from "../components";
import { useMarkings } from "../markings";
import { ReporterStart } from "./reports";
import { clearanceLabel, roleLabel, type Session } from "../session";

export interface WorkItem {
  kind: string;
  label: string;
  count: number;
  path: string; // the API list the count is the length of
  escalated?: number;
  overdue?: number;
}

// The page of the client router that lists each kind (its rows are the API list's).
export const WORK_PAGE: Record<string, string> = {
  alerts: "/alerts",
  requests: "/requests",
  disclosures: "/approvals",
  item_disclosures: "/approvals/items",
  links: "/links/proposed",
  deadlines: "/deadlines",
};

const CONTENT_ROLES = ["analyst", "caseworker", "panel_member", "duty_officer"];

// The places each role starts from, besides its work.
function startLinks(session: Session): { href: string; text: string }[] {
  const r = new Set(session.roles);
  const out: { href: string; text: string }[] = [];
  if (r.has("reporter")) {
    out.push({ href: "/reports/new", text: "Report a suspicious purchase" });
    out.push({ href: "/reports", text: "Your reports" });
  }
  if (r.has("duty_officer")) out.push({ href: "/alerts", text: "Alert console" });
  if (r.has("analyst") || r.has("caseworker")) out.push({ href: "/search", text: "Search for a person" });
  if (CONTENT_ROLES.some((c) => r.has(c))) {
    out.push({ href: "/cases", text: "Cases" });
    out.push({ href: "/requests/sent", text: "Requests for information your agency has sent" });
  }
  if (r.has("auditor")) out.push({ href: "/oversight", text: "Oversight statistics and the audit trail" });
  return out;
}

function WorkRow({ item }: { item: WorkItem }) {
  const page = WORK_PAGE[item.kind];
  const urgent = item.escalated ?? item.overdue;
  const urgentWord = item.escalated !== undefined ? "escalated" : "overdue";
  return (
    <div class="govuk-summary-list__row" data-testid={`work-${item.kind}`}>
      <dt class="govuk-summary-list__key">
        <span class="govuk-heading-l govuk-!-margin-bottom-0" data-testid="count">
          {item.count}
        </span>
      </dt>
      <dd class="govuk-summary-list__value">
        {page && item.count > 0 ? (
          <a class="govuk-link" href={page}>
            {item.label.charAt(0).toUpperCase() + item.label.slice(1)}
            <span class="govuk-visually-hidden">: {item.count}</span>
          </a>
        ) : (
          item.label.charAt(0).toUpperCase() + item.label.slice(1)
        )}
        {urgent !== undefined && urgent > 0 && (
          <>
            {" "}
            <strong class="govuk-tag govuk-tag--red">
              {urgent} {urgentWord}
            </strong>
          </>
        )}
      </dd>
    </div>
  );
}

export function Home({ session }: { session: Session }) {
  useMarkings([{ classification: "official" }]);
  const [work, setWork] = useState<WorkItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ work: WorkItem[] }>("GET", "/api/v1/me/work")
      .then((r) => setWork(r.work))
      .catch((e) => setError(problemOf(e).detail));
  }, []);
  const starts = startLinks(session);
  return (
    <>
      <PageTitle title="Home" caption={session.agency.name} />
      <p class="govuk-body-l" data-testid="welcome">
        You are signed in as {session.display_name} ({session.username}), {session.roles.map(roleLabel).join(", ") || "no role"}, vetted{" "}
        {clearanceLabel(session.clearance)}.
      </p>
      {session.roles.includes("reporter") && <ReporterStart />}
      <h2 class="govuk-heading-m">What needs you now</h2>
      {error && (
        <div class="govuk-inset-text" role="alert">
          Your work could not be counted: {error}
        </div>
      )}
      {work === null && !error && <p class="govuk-body">Counting your work…</p>}
      {work !== null && work.length === 0 && (
        <p class="govuk-body" data-testid="no-work">
          Nothing is waiting for you: your role has no queue of alerts, requests, approvals or deadlines.
        </p>
      )}
      {work !== null && work.length > 0 && (
        <dl class="govuk-summary-list" data-testid="work">
          {work.map((w) => (
            <WorkRow key={w.kind} item={w} />
          ))}
        </dl>
      )}
      {starts.length > 0 && (
        <>
          <h2 class="govuk-heading-m">Start</h2>
          <ul class="govuk-list" data-testid="start">
            {starts.map((s) => (
              <li key={s.href}>
                <a class="govuk-link" href={s.href}>
                  {s.text}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
