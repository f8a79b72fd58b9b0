// api.ts - the one way every screen talks to the server: JSON over fetch, same origin,
// with the session cookie, the X-CSRF-Token header the server gave at sign-in (it needs it
// on every change made with the cookie: server/request.c), and the purpose of work as
// Accord-Purpose on every request.  Errors come back as ApiError holding the server's
// RFC 9457 problem, which screens show in a GOV.UK error summary.

export interface Problem {
  status: number;
  code: string;
  detail: string;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

const CSRF_KEY = "accord.csrf";
const PURPOSE_KEY = "accord.purpose";

// sessionStorage: per tab, gone when the tab closes (never localStorage).
function stored(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    /* storage refused (private mode): the value lives for this page only */
  }
}

export const csrf = {
  get: (): string | null => stored(CSRF_KEY),
  set: (token: string | null): void => store(CSRF_KEY, token),
};

// The purpose of work: asked once per task, kept for the session, sent on every request.
type Listener = () => void;
const purposeListeners = new Set<Listener>();
export const purpose = {
  get: (): string | null => stored(PURPOSE_KEY),
  set(value: string | null): void {
    store(PURPOSE_KEY, value);
    purposeListeners.forEach((l) => l());
  },
  subscribe(l: Listener): () => void {
    purposeListeners.add(l);
    return () => purposeListeners.delete(l);
  },
};

// A purpose goes in an HTTP header: printable ASCII only, 3 to 200 characters.
export function purposeProblem(text: string): string | null {
  const t = text.trim();
  if (t.length < 3) return "Enter the purpose of your work, for example an operation name, a case reference or \u201cduty shift\u201d";
  if (t.length > 200) return "Purpose must be 200 characters or fewer";
  if (!/^[\x20-\x7e]+$/.test(t)) return "Purpose can only use letters, numbers, spaces and ordinary punctuation (no accented letters or symbols)";
  return null;
}

// When the last request reached the server: the session's idle clock restarts then.
let lastContact = Date.now();
const contactListeners = new Set<Listener>();
export const contact = {
  last: (): number => lastContact,
  subscribe(l: Listener): () => void {
    contactListeners.add(l);
    return () => contactListeners.delete(l);
  },
};

// Called when the server says the session is gone (401 on a signed-in call).
let onSignedOut: (() => void) | null = null;
export function whenSignedOut(f: () => void): void {
  onSignedOut = f;
}

export interface RequestOptions {
  body?: unknown;
  // false: do not send Accord-Purpose (sign-in, enrolment)
  purpose?: boolean;
  // extra request headers (If-Match), and a callback given the answer's headers (ETag)
  headers?: Record<string, string>;
  onHeaders?: (h: Headers) => void;
  // a body that is not JSON (the CSV of an import), sent as it is with this content type
  raw?: { type: string; text: string };
  // the answer as text (a CSV or JSON Lines download), not parsed as JSON
  asText?: boolean;
}

export async function api<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.raw) headers["Content-Type"] = opts.raw.type;
  const token = csrf.get();
  if (token && method !== "GET") headers["X-CSRF-Token"] = token;
  const p = purpose.get();
  if (p && opts.purpose !== false) headers["Accord-Purpose"] = p;
  Object.assign(headers, opts.headers ?? {});
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.raw ? opts.raw.text : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError({ status: 0, code: "network", detail: "accord cannot be reached: check your connection and try again" });
  }
  lastContact = Date.now();
  opts.onHeaders?.(res.headers);
  contactListeners.forEach((l) => l());
  const text = await res.text();
  if (res.ok && opts.asText) return text as T;
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const pr = (data ?? {}) as Partial<Problem>;
    const problem: Problem = {
      status: res.status,
      code: typeof pr.code === "string" ? pr.code : "error",
      detail: typeof pr.detail === "string" ? pr.detail : `The server answered ${res.status}: try again, or tell your administrator`,
    };
    if (res.status === 401 && problem.code === "unauthenticated" && onSignedOut) onSignedOut();
    throw new ApiError(problem);
  }
  return data as T;
}

// The message to show for any failure.
export function problemOf(e: unknown): Problem {
  if (e instanceof ApiError) return e.problem;
  return { status: 0, code: "error", detail: "Something went wrong: try again" };
}
