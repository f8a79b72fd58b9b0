// harness.mjs - what the browser tests share: a real 'accord serve' on a temporary demo
// database and a free loopback port, Debian's Chromium driven by playwright-core (never a
// downloaded browser), axe-core injected on every page, console and CSP watching,
// screenshots at 1280 and 375 px, and TOTP codes computed from a secret (RFC 6238) the
// way an authenticator app does.
import { spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
// the browser-test packages are web/'s (web/package.json, npm ci)
export const webRequire = createRequire(path.join(root, "web/package.json"));
export const WEB_SRC = path.join(root, "web/src");

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ACCORD = process.env.ACCORD ?? path.join(root, "build/test/cli/accord");
export const WEB_ROOT = process.env.WEB_ROOT ?? path.join(root, "build/test/web/app");
export const SHOTS = process.env.SCREENSHOTS ?? path.join(root, "build/test/web-screenshots");
export const PASSWORD = "accord-demo-password";

export function chromiumMissing() {
  return !fs.existsSync(CHROMIUM) ? `${CHROMIUM} is missing (scripts/deps.sh installs Debian's chromium)` : null;
}

// A demo hub on a temporary database, served on a free port; stop() ends it by its pid.
export async function startServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "accord-web-"));
  const db = path.join(dir, "web.db");
  const demo = spawnSync(ACCORD, ["--db", db, "demo", "--persons", "60", "--of-interest", "4", "--seed", "4"], {
    env: { ...process.env, ACCORD_NO_PROGRESS: "1" },
    encoding: "utf8",
  });
  if (demo.status !== 0) throw new Error(`accord demo failed: ${demo.stderr}`);
  const child = spawn(ACCORD, ["--db", db, "serve", "--listen", "127.0.0.1:0", "--web-root", WEB_ROOT,
    "--openapi", path.join(root, "docs/openapi.json"), "--rate-limit", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      log += d.toString();
      const m = /"event":"listening","url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(log);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`accord serve exited ${code}: ${log}`)));
  });
  return {
    url,
    db,
    log: () => log,
    async stop() {
      const done = new Promise((r) => child.once("exit", r));
      process.kill(child.pid, "SIGTERM");
      await done;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  const { chromium } = webRequire("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
}

// A page that records every console error, page error, dialog and CSP violation.
// Chromium logs an API call's 4xx answer as "Failed to load resource"; those are the
// server's expected answers (a wrong password is a 401), shown by the page, so they are
// the only console errors allowed, and only for /api/ URLs.
export async function watchedPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  // generous: two cores shared with the rest of the suite
  context.setDefaultTimeout(60000);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    const where = msg.location()?.url ?? "";
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(text) && where.includes("/api/v1/")) return;
    problems.push(`console error: ${text} (${where})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, problems };
}

const axeSource = fs.readFileSync(webRequire.resolve("axe-core/axe.min.js"), "utf8");

// axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the page as it is: the violations,
// each "rule: target".  Injected with evaluate (a CDP call, not a <script>: CSP-safe).
export async function axe(page) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    }));
  return res.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

// Check the page (axe, no problems so far) and screenshot it at 1280 and 375 px wide.
export async function checkPage(t, w, name) {
  const { page, problems } = w;
  const assert = (await import("node:assert/strict")).default;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await axe(page), [], `${name} at ${width} px: axe violations`);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(problems, [], `${name}: console errors, CSP violations or dialogs`);
}

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for the base32 SECRET, STEPS steps from now.
export function totp(base32, steps = 0, nowMs = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of base32.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Math.floor(nowMs / 30000) + steps;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac("sha1", key).update(msg).digest();
  const off = h[h.length - 1] & 15;
  const n = (h.readUInt32BE(off) & 0x7fffffff) % 1000000;
  return n.toString().padStart(6, "0");
}

// A 6-digit code that is none of the codes valid around now: a wrong code for certain.
export function wrongCode(base32) {
  const valid = new Set([-2, -1, 0, 1, 2].map((s) => totp(base32, s)));
  for (let i = 0; ; i++) {
    const c = String(i).padStart(6, "0");
    if (!valid.has(c)) return c;
  }
}

// The API from the test itself (node's fetch), as a client with a cookie jar of one.
export async function apiSession(base, username, password = PASSWORD, code) {
  const res = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(code ? { username, password, code } : { username, password }),
  });
  if (res.status !== 201) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const { csrf_token } = await res.json();
  return async (method, p, body) => {
    const r = await fetch(`${base}${p}`, {
      method,
      headers: { Cookie: cookie, "X-CSRF-Token": csrf_token, "Content-Type": "application/json", "Accord-Purpose": "web test set-up" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
}

export const secretOf = (otpauthUri) => new URL(otpauthUri).searchParams.get("secret");
