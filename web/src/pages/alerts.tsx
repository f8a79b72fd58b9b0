// alerts.tsx - the duty officer's live alert console (issue 16 point 4): GET /api/v1/alerts,
// then the stream (alertstream.ts) keeps it current without a reload.  Open alerts by
// priority then deadline, each with its countdown; escalations badged (MOJ badge); a new
// alert is highlighted, announced politely and, unless turned off, sounded.  With
// prefers-reduced-motion the highlight does not flash.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api";
import { PageTitle } from "../components";
import { useMarkings } from "../markings";
import type { Session } from "../session";
import { type Alert, byUrgency, Countdown, escalationLabel, priorityLabel, priorityTag, useNow, when } from "./alertcommon";
import { openAlertStream, type StreamStatus } from "./alertstream";

const SOUND_KEY = "accord.alert-sound";

function soundWanted(): boolean {
  try {
    return window.sessionStorage.getItem(SOUND_KEY) !== "off";
  } catch {
    return true;
  }
}

export const reducedMotion = (): boolean => window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

let audio: AudioContext | null = null;
// A short tone (0.25 s, 880 Hz): the audible cue.
function beep(): void {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    /* no audio: the visible cue and the announcement remain */
  }
}

// The later of two states of one alert: acknowledgement and escalation only move forward.
function later(a: Alert | undefined, b: Alert): Alert {
  if (!a) return b;
  if (a.status !== b.status) return a.status === "acknowledged" ? a : b;
  return b.escalation >= a.escalation ? b : a;
}

interface StreamData {
  id: string;
  kind: string;
  alert: Alert;
}

export function AlertConsole({ session }: { session: Session }) {
  const [alerts, setAlerts] = useState<Map<string, Alert>>(new Map());
  const [fresh, setFresh] = useState<Map<string, boolean>>(new Map()); // id -> flash
  const [status, setStatus] = useState<StreamStatus>("connecting");
  const [refused, setRefused] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [sound, setSound] = useState(soundWanted());
  const [cues, setCues] = useState(0);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const now = useNow();

  useEffect(() => {
    let close: (() => void) | null = null;
    const load = async () => {
      try {
        const r = await api<{ alerts: Alert[] }>("GET", "/api/v1/alerts?status=all&limit=100");
        setAlerts((old) => {
          const next = new Map(old);
          for (const a of r.alerts) next.set(a.id, later(next.get(a.id), a));
          return next;
        });
      } catch (e) {
        const p = problemOf(e);
        if (p.status === 403 || p.status === 404) {
          setRefused("Only duty officers see alerts. If you need to, ask your agency's administrator for the duty officer role.");
          close?.();
        } else {
          setRefused(null);
        }
      }
    };
    close = openAlertStream({
      onStatus: (s) => {
        setStatus(s);
        if (s === "live") void load();
        if (s === "refused") setRefused("Only duty officers see alerts. If you need to, ask your agency's administrator for the duty officer role.");
      },
      onEvent: (e) => {
        const d = e.data as StreamData;
        if (!d || typeof d !== "object" || !d.alert || typeof d.alert.id !== "string") return;
        const a = d.alert;
        setAlerts((old) => {
          const next = new Map(old);
          next.set(a.id, later(old.get(a.id), a));
          return next;
        });
        if (d.kind === "raised") {
          setFresh((old) => new Map(old).set(a.id, !reducedMotion()));
          setAnnouncement(`New alert, ${priorityLabel(a.priority)} priority: ${a.reason}. Acknowledge by ${when(a.deadline)}.`);
          if (soundRef.current) {
            beep();
            setCues((n) => n + 1);
          }
        } else if (d.kind === "escalated") {
          setAnnouncement(`An alert was escalated: ${a.reason}.`);
        } else if (d.kind === "acknowledged") {
          setAnnouncement(`An alert was acknowledged${a.acked_by_name ? ` by ${a.acked_by_name}` : ""}.`);
        }
      },
    });
    return () => close?.();
  }, []);

  const list = [...alerts.values()].sort(byUrgency);
  const open = list.filter((a) => a.status === "open");
  // the banner: the highest marking of the alerts shown (each is marked by what it reveals)
  useMarkings([{ classification: "official" }, ...list.map((a) => ({ classification: a.classification }))]);
  const toggleSound = (on: boolean) => {
    setSound(on);
    try {
      window.sessionStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch {
      /* kept for this page only */
    }
  };

  return (
    <>
      <PageTitle title="Alerts" caption={session.agency.name} />
      <div class="govuk-visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcement}
      </div>
      {refused ? (
        <div class="govuk-inset-text" data-testid="no-access">
          {refused}
        </div>
      ) : (
        <>
          {status === "reconnecting" ? (
            <div class="govuk-warning-text app-stream-status" data-testid="stream-status">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                Live updates paused — reconnecting. Alerts raised meanwhile will appear when the connection returns.
              </strong>
            </div>
          ) : (
            <p class="govuk-body app-stream-status" data-testid="stream-status">
              {status === "live" ? "Live: new alerts appear here as they are raised." : "Connecting to live updates…"}
            </p>
          )}
          <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="alert-sound" type="checkbox" checked={sound} onChange={(e) => toggleSound((e.target as HTMLInputElement).checked)} />
              <label class="govuk-label govuk-checkboxes__label" for="alert-sound">
                Play a sound when a new alert arrives
              </label>
            </div>
          </div>
          <p class="govuk-body" data-testid="open-count">
            {open.length === 1 ? "1 alert to acknowledge" : `${open.length} alerts to acknowledge`}
          </p>
          <div class="app-table-scroll" tabIndex={0} role="region" aria-label={"Alerts"}>
            <table class="govuk-table" data-testid="alerts" data-cues={String(cues)}>
              <caption class="govuk-table__caption govuk-table__caption--m">Open alerts first, by priority then deadline</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Priority
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Alert
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Raised
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Deadline
                  </th>
                  <th scope="col" class="govuk-table__header">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {list.length === 0 && (
                  <tr class="govuk-table__row">
                    <td class="govuk-table__cell" colSpan={5}>
                      No alerts.
                    </td>
                  </tr>
                )}
                {list.map((a) => {
                  const esc = escalationLabel(a.escalation);
                  const flash = fresh.get(a.id);
                  const cls = `govuk-table__row${flash !== undefined ? " app-alert--new" : ""}${flash ? " app-alert--flash" : ""}`;
                  return (
                    <tr class={cls} key={a.id} data-testid="alert-row" data-alert-id={a.id} data-status={a.status}>
                      <td class="govuk-table__cell">
                        <strong class={`govuk-tag ${priorityTag(a.priority)}`}>{priorityLabel(a.priority)}</strong>
                      </td>
                      <td class="govuk-table__cell">
                        {flash !== undefined && <strong class="govuk-tag govuk-tag--blue app-new-tag">New</strong>}
                        <a class="govuk-link" href={`/alerts/${encodeURIComponent(a.id)}`}>
                          {a.reason}
                          <span class="govuk-visually-hidden"> (raised {when(a.created_at)})</span>
                        </a>
                      </td>
                      <td class="govuk-table__cell">{when(a.created_at)}</td>
                      <td class="govuk-table__cell">
                        <Countdown alert={a} now={now} />
                      </td>
                      <td class="govuk-table__cell">
                        {a.status === "open" ? <strong class="govuk-tag govuk-tag--yellow">Open</strong> : <strong class="govuk-tag govuk-tag--green">Acknowledged</strong>}
                        {esc && (
                          <>
                            {" "}
                            <span class="moj-badge moj-badge--red" data-testid="escalated">
                              {esc}
                            </span>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
