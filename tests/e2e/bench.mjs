// Browser benchmark of the wasm path: serves a site made by `soi site` (app + index),
// opens it in headless Chromium and times, inside the page, how long the index
// takes to load and window.soi.search takes per query class (median of many runs).
// Prints a Markdown table; asserts nothing (figures go to BENCHMARKS.md).
//
//   node tests/e2e/bench.mjs [SITE_DIR=target/site] [RUNS=30]
import path from "node:path";
import { root, serve, launchChromium } from "./support.mjs";

const site = path.resolve(process.argv[2] ?? path.join(root, "target/site"));
const runs = Number(process.argv[3] ?? 30);
const QUERIES = [
  ["exact", "đại hội "], ["toneless", "dai hoi "], ["prefix-typing", "đại h"], ["phrase", "\"chi bộ\" nhiệm kỳ "],
  ["typo", "nguyn "], ["telex", "ddaij hooij "], ["three-words", "đảng bộ huyện "],
];

const { server, url } = await serve(site);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.soi !== undefined);
  await page.evaluate(() => window.soi.ready);
  const loadMs = Date.now() - t0;
  console.log(`site: ${site}\nindex loaded and verified in ${loadMs} ms (page load included)\n`);
  console.log("| query class | query | results | median ms | p90 ms |\n|---|---|---:|---:|---:|");
  for (const [cls, q] of QUERIES) {
    const r = await page.evaluate(async ({ q, runs }) => {
      const first = await window.soi.search(q, { limit: 10 }); // warms the store chunks
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await window.soi.search(q, { limit: 10 });
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { total: first.total, median: times[times.length >> 1], p90: times[Math.floor(times.length * 0.9)] };
    }, { q, runs });
    console.log(`| ${cls} | \`${q.trim()}\` | ${r.total} | ${r.median.toFixed(2)} | ${r.p90.toFixed(2)} |`);
  }
} finally {
  await browser.close();
  server.close();
}
