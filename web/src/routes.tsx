// routes.tsx - the signed-in pages: one row each.  To add a page, write it under pages/
// and add a row here; PATH may hold ":name" segments, given to RENDER as params.
import type { VNode } from "preact";
import { Home } from "./pages/home";
import { PersonPage } from "./pages/person";
import { PersonAdd, PersonEdit } from "./pages/personform";
import { PersonSearch } from "./pages/persons";
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
  { path: "/persons", render: () => <PersonSearch /> },
  { path: "/persons/new", render: () => <PersonAdd /> },
  { path: "/persons/:id", render: ({ params }) => <PersonPage id={params.id} /> },
  { path: "/persons/:id/edit", render: ({ params }) => <PersonEdit id={params.id} /> },
  { path: "/persons/:id/request", render: ({ params, query }) => <RequestInformation personId={params.id} reference={query.get("reference") ?? ""} agency={query.get("agency") ?? "the other agency"} /> },
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
