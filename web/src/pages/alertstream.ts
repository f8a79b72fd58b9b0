// alertstream.ts - the live alert stream, GET /api/v1/alerts/stream (docs/api.md, "The live
// console"), read with fetch() streaming: a browser's EventSource cannot send the
// Accord-Purpose header the route requires.  It behaves as EventSource does: it keeps the
// last event's id and sends it as Last-Event-ID when it reconnects (after the server's
// `retry:`, 3 s), so nothing raised meanwhile is missed; a stream silent for 35 s (the
// server's heartbeat is every 15 s) is taken for dead and reconnected.  This is the one request not made
// through api(): api() reads a whole answer, a stream never ends.
import { csrf, purpose } from "../api";

export interface StreamEvent {
  id: string;
  event: string;
  data: unknown;
}

// The server sends at least a heartbeat every 15 s: a stream silent for longer than this
// is dead (a network that dropped without closing it) and is reconnected.
const STALE_MS = 35000;

export type StreamStatus = "connecting" | "live" | "reconnecting" | "refused";

export interface StreamHandlers {
  onEvent: (e: StreamEvent) => void;
  // live: connected (call GET /alerts then); reconnecting: the stream failed and is retried
  onStatus: (s: StreamStatus, detail?: string) => void;
}

// Parse the text/event-stream BUFFER: the complete events and what is left over.
export function parseEvents(buffer: string): { events: { id?: string; event: string; data: string; retry?: number }[]; rest: string } {
  const events: { id?: string; event: string; data: string; retry?: number }[] = [];
  const text = buffer.replace(/\r\n?/g, "\n");
  const blocks = text.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let id: string | undefined;
    let event = "message";
    const data: string[] = [];
    let retry: number | undefined;
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "id") id = value;
      else if (field === "event") event = value;
      else if (field === "data") data.push(value);
      else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
    }
    if (data.length > 0 || id !== undefined || retry !== undefined) events.push({ id, event, data: data.join("\n"), retry });
  }
  return { events, rest };
}

// Open the stream; returns the function that closes it for good.
export function openAlertStream(h: StreamHandlers): () => void {
  let lastId: string | null = null;
  let retryMs = 3000;
  let closed = false;
  let controller: AbortController | null = null;
  let timer: number | undefined;
  let stale: number | undefined;

  const connect = async (): Promise<void> => {
    if (closed) return;
    controller = new AbortController();
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    const p = purpose.get();
    if (p) headers["Accord-Purpose"] = p;
    const token = csrf.get();
    if (token) headers["X-CSRF-Token"] = token;
    if (lastId !== null) headers["Last-Event-ID"] = lastId;
    try {
      const res = await fetch("/api/v1/alerts/stream", { headers, credentials: "same-origin", signal: controller.signal, cache: "no-store" });
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        h.onStatus("refused", res.status === 401 ? "signed out" : "no access");
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      h.onStatus("live");
      const watch = () => {
        if (stale !== undefined) window.clearTimeout(stale);
        stale = window.setTimeout(() => controller?.abort(), STALE_MS);
      };
      watch();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        watch();
        buffer += decoder.decode(value, { stream: true });
        const parsed = parseEvents(buffer);
        buffer = parsed.rest;
        for (const e of parsed.events) {
          if (e.retry !== undefined) retryMs = e.retry;
          if (e.id !== undefined) lastId = e.id;
          if (!e.data) continue;
          let data: unknown = null;
          try {
            data = JSON.parse(e.data);
          } catch {
            continue;
          }
          h.onEvent({ id: e.id ?? "", event: e.event, data });
        }
      }
    } catch {
      /* a failed or aborted stream: reconnect below */
    }
    if (stale !== undefined) window.clearTimeout(stale);
    if (closed) return;
    h.onStatus("reconnecting");
    timer = window.setTimeout(() => void connect(), retryMs);
  };
  h.onStatus("connecting");
  void connect();
  return () => {
    closed = true;
    if (timer !== undefined) window.clearTimeout(timer);
    if (stale !== undefined) window.clearTimeout(stale);
    controller?.abort();
  };
}
