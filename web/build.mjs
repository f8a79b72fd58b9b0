// build.mjs - build accord's web application into a directory (the Meson build directory).
//
//   node build.mjs --out DIR [--stamp FILE] [--no-typecheck]
//
// Type-checks the TypeScript (tsc --noEmit), bundles src/main.tsx with esbuild (Preact's
// JSX), compiles src/app.scss with sass (GOV.UK and MOJ Frontend, the system font stack),
// names the bundles by content hash, writes index.html and a .gz beside every text asset
// (accord serve sends it to clients that accept gzip).  Runs on Node.js 18 and later.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import * as esbuild from "esbuild";
import * as sass from "sass";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = path.resolve(opt("--out") ?? path.join(here, "dist"));
const stamp = opt("--stamp");

if (!fs.existsSync(path.join(here, "node_modules"))) {
  console.error("web: web/node_modules is missing: run scripts/deps.sh (it runs npm ci in web/)");
  process.exit(1);
}
if (!args.includes("--no-typecheck")) {
  execFileSync(process.execPath, [path.join(here, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", here], {
    stdio: "inherit",
  });
}

const hashed = (name, ext, data) =>
  `${name}-${createHash("sha256").update(data).digest("hex").slice(0, 12)}${ext}`;

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, "assets"), { recursive: true });

const js = await esbuild.build({
  entryPoints: [path.join(here, "src/main.tsx")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  jsx: "automatic",
  jsxImportSource: "preact",
  write: false,
  legalComments: "none",
  logLevel: "warning",
});
const jsText = js.outputFiles[0].contents;

const css = sass.compile(path.join(here, "src/app.scss"), {
  style: "compressed",
  loadPaths: [here, path.join(here, "node_modules")],
  quietDeps: true,
  silenceDeprecations: ["mixed-decls", "slash-div"],
  // MOJ Frontend's own copy of GOV.UK's settings warns about a palette nobody here uses
  logger: {
    warn(message) {
      if (!message.includes("legacy organisation colour")) console.warn(`sass: ${message}`);
    },
  },
});
const cssText = Buffer.from(css.css);

const jsName = hashed("app", ".js", jsText);
const cssName = hashed("app", ".css", cssText);
fs.writeFileSync(path.join(out, "assets", jsName), jsText);
fs.writeFileSync(path.join(out, "assets", cssName), cssText);

// The images GOV.UK and MOJ Frontend's styles refer to (no fonts: the system font stack).
for (const images of ["govuk-frontend/dist/govuk/assets/images", "@ministryofjustice/frontend/moj/assets/images"]) {
  const from = path.join(here, "node_modules", images);
  if (fs.existsSync(from)) fs.cpSync(from, path.join(out, "assets/images"), { recursive: true });
}

const index = `<!DOCTYPE html>
<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<title>accord</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b0c0c">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${cssName}">
<script type="module" src="/assets/${jsName}"></script>
</head>
<body class="govuk-template__body">
<div id="app"></div>
<noscript><p>accord needs JavaScript turned on.</p></noscript>
</body>
</html>
`;
fs.writeFileSync(path.join(out, "index.html"), index);

// Precompress the text assets: accord serve sends FILE.gz to a client accepting gzip.
const walk = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]);
for (const f of walk(out)) {
  if (/\.(js|css|html|svg|json)$/.test(f)) {
    fs.writeFileSync(`${f}.gz`, zlib.gzipSync(fs.readFileSync(f), { level: 9 }));
  }
}
if (stamp) {
  fs.writeFileSync(stamp, `${jsName}\n${cssName}\n`);
}
console.log(`web: built ${path.relative(process.cwd(), out) || out} (${jsName}, ${cssName})`);
