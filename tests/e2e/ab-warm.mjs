// Same-minute A/B of warm query latency through `window.soi.search` for two
// site folders (say, one app before a change and one after, beside the same
// index): the sites take turns, ROUNDS times, so that the machine's drift
// falls on both. Prints each query's median and p95 per site over all its rounds.
//
//   node tests/e2e/ab-warm.mjs SITE_A SITE_B [ROUNDS]
import { launchChromium, withSite } from "./support.mjs";

const [a, b, roundsArg] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node tests/e2e/ab-warm.mjs SITE_A SITE_B [ROUNDS]");
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 3);
const REPEATS = Number(process.env.REPEATS ?? 10);
const QUERIES = (process.env.QUERIES ?? "đại hội|dai hoi|người|không|t|th|thành p|thành phố|\"hà nội\"|nguyn|ddaij hooij").split("|");

const median = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const times = { [a]: {}, [b]: {} };
const browser = await launchChromium();
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const site of round % 2 ? [b, a] : [a, b]) {
      await withSite(browser, site, async (page) => {
        for (const q of QUERIES) {
          await page.evaluate((q) => window.soi.search(q, { limit: 10 }), q); // fetches
          for (let i = 0; i < REPEATS; i++) {
            const ms = await page.evaluate(async (q) => {
              const t = performance.now();
              await window.soi.search(q, { limit: 10 });
              return performance.now() - t;
            }, q);
            (times[site][q] ??= []).push(ms);
          }
        }
      });
    }
  }
} finally {
  await browser.close();
}
const p95 = (xs) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];
const cell = (xs) => `${median(xs).toFixed(1)} / ${p95(xs).toFixed(1)} ms`;
console.log(`| query (median / p95) | ${a} | ${b} |\n|---|---:|---:|`);
for (const q of QUERIES) {
  console.log(`| \`${q}\` | ${cell(times[a][q])} | ${cell(times[b][q])} |`);
}
