// session.ts - who is signed in: GET /api/v1/session (docs/openapi.json: getSession).
import { api, csrf } from "./api";

export interface Session {
  username: string;
  display_name: string;
  agency: { id: string; name: string; kind: string };
  roles: string[];
  clearance: string;
  expires_at: string; // absolute expiry, RFC 3339
  idle_seconds: number; // the session ends after this long without a request
  csrf_token: string;
}

export async function loadSession(): Promise<Session | null> {
  try {
    const s = await api<Session>("GET", "/api/v1/session");
    csrf.set(s.csrf_token);
    return s;
  } catch {
    return null;
  }
}

const ROLE: Record<string, string> = {
  admin: "Administrator",
  analyst: "Analyst",
  caseworker: "Caseworker",
  panel_member: "Panel member",
  duty_officer: "Duty officer",
  reporter: "Reporter",
  auditor: "Auditor",
};
export const roleLabel = (r: string): string => ROLE[r] ?? r;

const CLEARANCE: Record<string, string> = { none: "No vetting", bpss: "BPSS", ctc: "CTC", sc: "SC", dv: "DV" };
export const clearanceLabel = (c: string): string => CLEARANCE[c] ?? c.toUpperCase();
