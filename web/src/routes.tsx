// routes.tsx - the signed-in pages: one row each.  To add a page, write it under pages/
// and add a row here; PATH may hold ":name" segments, given to RENDER as params.
import type { VNode } from "preact";
import { Approvals } from "./pages/approvals";
import { Cases } from "./pages/cases";
import { Deadlines } from "./pages/deadlines";
import { AlertPage } from "./pages/alert";
import { AlertConsole } from "./pages/alerts";
import { Home } from "./pages/home";
import { ReportCheck, ReportQuestion, ReportSent, ReportStart } from "./pages/report";
import { ReportList, ReportReceipt } from "./pages/reports";
import { RequestList, RequestPage } from "./pages/requests";
import { PersonPage } from "./pages/person";
import { ItemApprovals, LinkProposals } from "./pages/proposals";
import { PersonAdd, PersonEdit } from "./pages/personform";
import { PersonSearch } from "./pages/persons";
import { PersonExport, PersonImport } from "./pages/exchange";
import { RequestInformation } from "./pages/rfiform";
import type { Session } from "./session";

export interface PageContext {
  session: Session;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Route {
  path: string;
  render: (ctx: PageContext) => VNode;
}

export const routes: Route[] = [
  { path: "/", render: ({ session }) => <Home session={session} /> },
  // the retailer's report (pages/report.tsx, pages/reports.tsx)
  { path: "/reports", render: () => <ReportList /> },
  { path: "/reports/new", render: () => <ReportStart /> },
  { path: "/reports/sent", render: () => <ReportSent /> },
  { path: "/reports/new/check", render: () => <ReportCheck /> },
  { path: "/reports/new/:step", render: ({ params, query }) => <ReportQuestion key={params.step} slug={params.step} change={query.get("change") === "1"} /> },
  { path: "/reports/:id", render: ({ params }) => <ReportReceipt key={params.id} id={params.id} /> },
  // issue 16.6: the lists the home page's counts link to
  { path: "/requests", render: () => <RequestList /> },
  { path: "/requests/sent", render: () => <RequestList sent /> },
  { path: "/requests/:id", render: ({ session, params }) => <RequestPage id={params.id} session={session} /> },
  { path: "/approvals", render: () => <Approvals /> },
  { path: "/approvals/items", render: () => <ItemApprovals /> },
  { path: "/links/proposed", render: () => <LinkProposals /> },
  { path: "/deadlines", render: () => <Deadlines /> },
  { path: "/cases", render: () => <Cases /> },
  { path: "/persons", render: () => <PersonSearch /> },
  { path: "/persons/new", render: () => <PersonAdd /> },
  { path: "/persons/import", render: () => <PersonImport /> },
  { path: "/persons/export", render: () => <PersonExport /> },
  { path: "/persons/:id", render: ({ params }) => <PersonPage id={params.id} /> },
  { path: "/persons/:id/edit", render: ({ params }) => <PersonEdit id={params.id} /> },
  { path: "/persons/:id/request", render: ({ params, query }) => <RequestInformation personId={params.id} reference={query.get("reference") ?? ""} agency={query.get("agency") ?? "the other agency"} /> },
  { path: "/alerts", render: ({ session }) => <AlertConsole session={session} /> },
  { path: "/alerts/:id", render: ({ params }) => <AlertPage id={params.id} /> },
];

export function matchRoute(path: string): { route: Route; params: Record<string, string> } | null {
  const segs = path.split("/").filter(Boolean);
  for (const route of routes) {
    const pat = route.path.split("/").filter(Boolean);
    if (pat.length !== segs.length) continue;
    const params: Record<string, string> = {};
    if (pat.every((p, i) => (p.startsWith(":") ? ((params[p.slice(1)] = decodeURIComponent(segs[i])), true) : p === segs[i]))) {
      return { route, params };
    }
  }
  return null;
}
