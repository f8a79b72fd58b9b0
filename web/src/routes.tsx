// routes.tsx - the signed-in pages: one row each.  To add a page, write it under pages/
// and add a row here; PATH may hold ":name" segments, given to RENDER as params.
import type { VNode } from "preact";
import { AlertPage } from "./pages/alert";
import { AlertConsole } from "./pages/alerts";
import { Home } from "./pages/home";
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
