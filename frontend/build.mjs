// Builds the writing desk bundle: one minified IIFE + one CSS file + LICENSES.txt.
import { build } from "esbuild";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "warta", "newsroom", "static", "newsroom", "editor");
mkdirSync(out, { recursive: true });

const result = await build({
  entryPoints: [join(here, "src", "index.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  outfile: join(out, "editor.js"),
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  banner: { js: "/* Warta writing desk. Bundled third-party licences: LICENSES.txt */" },
});
await build({
  entryPoints: [join(here, "src", "editor.css")],
  bundle: true,
  minify: true,
  outfile: join(out, "editor.css"),
  logLevel: "warning",
});

// Licences of every npm package that ended up in the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (!m || packages.has(m[1])) continue;
  const dir = join(here, "node_modules", m[1]);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const licenceFile = ["LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE"].map((f) => join(dir, f)).find(existsSync);
  packages.set(m[1], { name: pkg.name, version: pkg.version, license: pkg.license || "UNKNOWN", text: licenceFile ? readFileSync(licenceFile, "utf8").trim() : "" });
}
const list = [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
let txt = "Third-party packages bundled in editor.js\n=========================================\n\n";
txt += list.map((p) => `${p.name} ${p.version} — ${p.license}`).join("\n") + "\n";
const seen = new Set();
for (const p of list) {
  if (!p.text || seen.has(p.text)) continue;
  seen.add(p.text);
  const same = list.filter((q) => q.text === p.text).map((q) => `${q.name} ${q.version}`);
  txt += `\n\n----------------------------------------------------------------------\n${same.join(", ")}\n\n${p.text}\n`;
}
writeFileSync(join(out, "LICENSES.txt"), txt);

const js = readFileSync(join(out, "editor.js"));
const css = readFileSync(join(out, "editor.css"));
console.log(`editor.js  ${(js.length / 1024).toFixed(1)} KB, ${(gzipSync(js, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
console.log(`editor.css ${(css.length / 1024).toFixed(1)} KB, ${(gzipSync(css, { level: 9 }).length / 1024).toFixed(1)} KB gzipped`);
console.log(`${list.length} bundled packages listed in LICENSES.txt`);
