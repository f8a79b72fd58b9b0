// web_first_page.mjs BUILD_DIR - the web application's first page (the sign-in page) in
// Debian's Chromium against a real 'accord serve' on a demo hub: the JavaScript and CSS
// bytes transferred (gzip, as served; Content-Length of each response) and everything
// else the page fetched.  Aim (issue 16): JS + CSS <= 150 kB compressed.
import path from "node:path";

const build = path.resolve(process.argv[2] ?? "build/release");
process.env.ACCORD ??= path.join(build, "cli/accord");
process.env.WEB_ROOT ??= path.join(build, "web/app");
const { chromiumMissing, launch, startServer } = await import("../tests/web/harness.mjs");

const missing = chromiumMissing();
if (missing) {
  console.log(`web first page: skipped (${missing})`);
  process.exit(0);
}
const server = await startServer();
const browser = await launch();
try {
  const page = await (await browser.newContext()).newPage();
  const seen = [];
  page.on("response", async (res) => {
    const type = res.request().resourceType();
    const length = Number(res.headers()["content-length"] ?? (await res.body().catch(() => Buffer.alloc(0))).length);
    seen.push({ url: new URL(res.url()).pathname, type, length, encoding: res.headers()["content-encoding"] ?? "identity" });
  });
  const t0 = Date.now();
  await page.goto(`${server.url}/`, { waitUntil: "load" });
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  const ms = Date.now() - t0;
  let jsCss = 0;
  for (const r of seen) {
    if (r.type === "script" || r.type === "stylesheet") jsCss += r.length;
    console.log(`  ${r.type.padEnd(10)} ${String(r.length).padStart(8)} B  ${r.encoding.padEnd(8)} ${r.url}`);
  }
  const all = seen.reduce((n, r) => n + r.length, 0);
  console.log(`web first page: JS + CSS ${(jsCss / 1000).toFixed(1)} kB transferred (aim <= 150 kB), ` +
    `${(all / 1000).toFixed(1)} kB in all, sign-in page shown ${ms} ms after the request`);
} finally {
  await browser.close();
  await server.stop();
}
