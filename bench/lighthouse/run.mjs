// Lighthouse (pinned in package-lock.json) on the reader's pages of a running Warta site, with the
// mobile preset as Lighthouse ships it (simulated throttling: 4x CPU slowdown, slow 4G), in Debian's
// chromium. A benchmark, not a test: it prints the four scores per page and what kept any below 100.
//
//   cd bench/lighthouse && npm ci && node run.mjs [http://127.0.0.1:8000]
//   (CHROME_PATH defaults to /usr/bin/chromium; start the site first, e.g. `make demo`.)
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const base = (process.argv[2] || "http://127.0.0.1:8000").replace(/\/$/, "");
const PAGES = {
  article: "/2022/08/16/gawat-putin-kim-jong-un-makin-nempel/",
  home: "/",
  section: "/category/surabaya/",
  tag: "/tag/putin/",
  author: "/author/muhamad-nurilham/",
  search: "/cari/?q=surabaya",
  "not found": "/tidak-ada-di-sini/",
};
// The search page scores below 100 in SEO on purpose: results are noindex (and /cari/ is disallowed in
// robots.txt), as search engines ask of internal search pages; Lighthouse reads that as "not crawlable".
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const rows = [];
try {
  for (const [name, path] of Object.entries(PAGES)) {
    const { lhr } = await lighthouse(base + path, { port: chrome.port, output: "json", logLevel: "error",
      onlyCategories: CATEGORIES });
    if (lhr.runtimeError) {
      // Lighthouse scores only pages that answer 200: the 404 page is checked by axe in the suite.
      console.error(`  ${name}: not scored: ${lhr.runtimeError.code}`);
      rows.push([name, ...CATEGORIES.map(() => "n/a")]);
      continue;
    }
    const scores = CATEGORIES.map((id) => Math.round((lhr.categories[id].score ?? 0) * 100));
    rows.push([name, ...scores]);
    for (const id of CATEGORIES) {
      for (const ref of lhr.categories[id].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          console.error(`  ${name}: ${id}: ${audit.id} (${audit.score}) ${audit.displayValue || audit.title}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
}
const width = Math.max(...rows.map((r) => r[0].length), 4);
console.log(`${"page".padEnd(width)}  perf  a11y  best   seo`);
for (const [name, ...scores] of rows) console.log(`${name.padEnd(width)}  ${scores.map((s) => String(s).padStart(4)).join("  ")}`);
