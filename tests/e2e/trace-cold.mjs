// Where a cold first result's time goes: opens a site made by `soi site` in fresh
// browser contexts (RUNS of them, one browser) and prints, for each, when the
// index was ready, when the first query ran, and every file the page and its
// search worker fetched (start and end, ms from navigation, bytes). Asserts
// nothing (figures go to BENCHMARKS.md).
//
//   node tests/e2e/trace-cold.mjs SITE_DIR [RUNS=3] [QUERY="đại hội"]
import path from "node:path";
import { serve, launchChromium } from "./support.mjs";
const site = path.resolve(process.argv[2]);
const { server, url } = await serve(site);
const browser = await launchChromium();
const runs = Number(process.argv[3] ?? 3);
const query = process.argv[4] ?? "đại hội";
for (let run = 0; run < runs; run++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.soi !== undefined);
  const readyAt = await page.evaluate(async () => { await window.soi.ready; return performance.now(); });
  const r = await page.evaluate(async (q) => { const t = performance.now(); await window.soi.search(q, { limit: 10 }); return [t, performance.now()]; }, query);
  const total = Date.now() - t0;
  const res = await page.evaluate(() => performance.getEntriesByType("resource").map(e => [e.name.split("/").pop().slice(0, 28), Math.round(e.startTime), Math.round(e.responseEnd)]));
  console.log(`run ${run}: total ${total} ms, ready at ${Math.round(readyAt)}, search ${Math.round(r[0])}..${Math.round(r[1])}`);
  for (const w of page.workers()) {
    const wr = await w.evaluate(() => [performance.timeOrigin, performance.getEntriesByType("resource").map(e => [e.name.split("/").pop().slice(0, 28), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize])]);
    const po = await page.evaluate(() => performance.timeOrigin);
    const off = wr[0] - po;
    console.log("  worker origin +", Math.round(off));
    for (const x of wr[1]) console.log("   w", x[0], Math.round(x[1] + off), Math.round(x[2] + off), x[3]);
  }
  await context.close();
}
await browser.close(); server.close();
