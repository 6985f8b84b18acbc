// Same-minute A/B of two sites on typing into a fresh page: each turn opens a site
// in a fresh browser context (empty cache), waits for the index, types Q into the
// search box at DELAY ms a key, and times the last key → the results of the whole
// query on screen (`.results[data-query]`). Also counts what the turn fetched after
// the index was ready, and how many requests were aborted. The sites take turns,
// ROUNDS times. Prints the medians. Asserts nothing (figures go to BENCHMARKS.md).
//
//   node tests/e2e/ab-typing.mjs SITE_A SITE_B [ROUNDS=5]
//   RTT=80 BPS=2e6 Q="dai hoi" DELAY=60 node …   (see emulateNetwork in support.mjs)
import path from "node:path";
import { serve, launchChromium, openSoiCold } from "./support.mjs";

const sites = process.argv.slice(2, 4).map((s) => path.resolve(s));
const rounds = Number(process.argv[4] ?? 5);
const query = process.env.Q ?? "dai hoi";
const delay = Number(process.env.DELAY ?? 60);
const servers = await Promise.all(sites.map((s) => serve(s, { gzip: Boolean(process.env.RTT) })));
const browser = await launchChromium();
const res = sites.map(() => ({ last: [], bytes: [], aborted: [] }));
for (let r = 0; r < rounds; r++) {
  for (const i of r % 2 ? [1, 0] : [0, 1]) {
    if (i >= sites.length) continue;
    const { context, page } = await openSoiCold(browser, servers[i].port);
    await page.waitForSelector(".app:not(:has(.loading-index)) input#q:not([disabled])");
    let bytes = 0, aborted = 0;
    context.on("requestfinished", async (req) => { try { bytes += (await req.sizes()).responseBodySize; } catch {} });
    context.on("requestfailed", () => { aborted += 1; });
    await page.focus("input#q");
    await page.keyboard.type(query, { delay });
    const t = await page.evaluate(() => performance.now());
    await page.waitForFunction((q) => document.querySelector(`.results[data-query="${q}"] .hit`) !== null, query, { polling: "raf", timeout: 60000 });
    const done = await page.evaluate(() => performance.now());
    await new Promise((ok) => setTimeout(ok, 300));
    res[i].last.push(done - t); res[i].bytes.push(bytes); res[i].aborted.push(aborted);
    await context.close();
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
sites.forEach((s, i) => console.log(`${path.basename(s)}: last key → results ${med(res[i].last).toFixed(0)} ms, fetched after ready ${(med(res[i].bytes) / 1024).toFixed(0)} KB, aborted ${med(res[i].aborted)} (medians of ${rounds}); all ${res[i].last.map((x) => x.toFixed(0)).join(" ")}`));
await browser.close();
servers.forEach((s) => s.server.close());
