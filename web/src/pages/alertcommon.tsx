// alertcommon.tsx - what the duty console and the alert page share: the Alert of
// docs/openapi.json, priority and escalation labels, the deadline countdown.
import { useEffect, useState } from "preact/hooks";
import type { Classification } from "../markings";

export interface AlertMatch {
  source: "watchlist" | "person";
  source_id?: string;
  source_name?: string;
  entry_id?: string;
  holder_agency_id: string;
  holder_agency?: string;
  listed_name?: string;
  score: number;
  explanation?: string;
}

export interface Report {
  id: string;
  reference: string;
  agency_id: string;
  received_at: string;
  kind?: string;
  occurred_at?: string;
  product?: string;
  substance?: string;
  concentration?: number | null;
  quantity?: string;
  payment?: string;
  sale_completed?: boolean;
  licence_shown?: boolean;
  buyer_name?: string;
  buyer_dob?: string;
  buyer_address?: string;
  buyer_document?: string;
  indicators?: string[];
  indicator_other?: string;
  narrative?: string;
  regime_class?: string;
  late?: boolean;
}

export interface Alert {
  id: string;
  report_id?: string;
  case_id?: string;
  created_at: string;
  reason: string;
  priority: "low" | "medium" | "high";
  routed_agency_id?: string;
  escalation: number;
  deadline: string;
  status: "open" | "acknowledged";
  acked_by?: string;
  acked_by_name?: string;
  acked_at?: string;
  ack_note?: string;
  for_holder: boolean;
  partner_told: boolean;
  classification: Classification; // the marking of what it reveals
  matches?: AlertMatch[];
  report?: Report;
}

const RANK: Record<string, number> = { high: 0, medium: 1, low: 2 };

// The console's order: open alerts by priority then deadline (soonest first), then the
// acknowledged, most recently acknowledged first; the id last, so the order is total.
export function byUrgency(a: Alert, b: Alert): number {
  if (a.status !== b.status) return a.status === "open" ? -1 : 1;
  if (a.status === "open") {
    const p = (RANK[a.priority] ?? 3) - (RANK[b.priority] ?? 3);
    if (p !== 0) return p;
    const d = Date.parse(a.deadline) - Date.parse(b.deadline);
    if (d !== 0) return d;
  } else {
    const t = Date.parse(b.acked_at ?? b.created_at) - Date.parse(a.acked_at ?? a.created_at);
    if (t !== 0) return t;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const priorityLabel = (p: string): string => ({ high: "High", medium: "Medium", low: "Low" })[p] ?? p;
export const priorityTag = (p: string): string => ({ high: "govuk-tag--red", medium: "govuk-tag--orange", low: "govuk-tag--grey" })[p] ?? "govuk-tag--grey";

export function escalationLabel(e: number): string | null {
  if (e <= 0) return null;
  return e === 1 ? "Escalated to supervisors" : "Escalated to duty desk";
}

// "14 minutes left", "1 minute 5 seconds left", "3 minutes overdue".
export function countdownText(deadline: string, now: number): string {
  const ms = Date.parse(deadline) - now;
  const s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  let span: string;
  if (h > 0) span = `${plural(h, "hour")} ${plural(m, "minute")}`;
  else if (m >= 10) span = plural(m, "minute");
  else span = m > 0 ? `${plural(m, "minute")} ${plural(sec, "second")}` : plural(sec, "second");
  return ms >= 0 ? `${span} left` : `${span} overdue`;
}

// Now, once a second: the countdowns' clock.
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  return now;
}

const DATE_TIME = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
export function when(iso: string | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : DATE_TIME.format(new Date(t));
}

// The countdown cell: visible text updated each second, never a live region itself (a
// screen reader would hear it every second); the console announces what matters.
export function Countdown({ alert, now }: { alert: Alert; now: number }) {
  if (alert.status !== "open") return <span>Acknowledged</span>;
  const over = Date.parse(alert.deadline) < now;
  return (
    <time dateTime={alert.deadline} class={over ? "app-countdown app-countdown--overdue" : "app-countdown"} data-testid="countdown">
      {countdownText(alert.deadline, now)}
    </time>
  );
}
