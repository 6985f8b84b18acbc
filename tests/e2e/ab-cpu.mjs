// Same-minute A/B of warm queries through `window.soi.search` for two site
// folders, measured two ways: wall time per query, and the CPU time all of
// Chromium's processes spent on it (from /proc, so Linux only). On a shared
// machine whose speed drifts, the CPU time moves less than the wall time, and
// it also counts work off the page's thread (the worker's, the clone of each
// answer). The sites take turns ROUNDS times; each query runs N times per turn
// (after one run that fetches what it needs). Prints each query's median over
// the turns.
//
//   node tests/e2e/ab-cpu.mjs SITE_A SITE_B [ROUNDS]      (N=100, QUERIES="a|b|…")
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { launchChromium, withSite } from "./support.mjs";

const [a, b, roundsArg] = process.argv.slice(2);
if (!a || !b) {
  console.error("usage: node tests/e2e/ab-cpu.mjs SITE_A SITE_B [ROUNDS]");
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 4);
const N = Number(process.env.N ?? 100);
const QUERIES = (process.env.QUERIES ?? "đại hội|dai hoi|người|t|th|thành p|\"hà nội\"|nguyn").split("|");
const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/** CPU milliseconds (user + system) of every Chromium process so far. */
function chromiumCpu() {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("chrom")) continue;
      // Fields after the command's closing parenthesis: utime is the 12th, stime the 13th.
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * TICK_MS;
}

const runs = { [a]: {}, [b]: {} };
const browser = await launchChromium();
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const site of round % 2 ? [b, a] : [a, b]) {
      await withSite(browser, site, async (page) => {
        // Let V8 finish optimising the wasm on its background threads, whose CPU
        // time would otherwise fall on the first query measured.
        await page.waitForTimeout(1500);
        for (const q of QUERIES) {
          await page.evaluate((q) => window.soi.search(q, { limit: 10 }), q); // fetches
          const cpu = chromiumCpu();
          const wall = await page.evaluate(async ([q, n]) => {
            const t = performance.now();
            for (let i = 0; i < n; i++) await window.soi.search(q, { limit: 10 });
            return performance.now() - t;
          }, [q, N]);
          (runs[site][q] ??= []).push({ cpu: (chromiumCpu() - cpu) / N, wall: wall / N });
        }
      });
    }
  }
} finally {
  await browser.close();
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const cell = (site, q) => {
  const r = runs[site][q];
  return `${median(r.map((x) => x.cpu)).toFixed(2)} / ${median(r.map((x) => x.wall)).toFixed(2)} ms`;
};
console.log(`| query | ${a}: CPU / wall per query | ${b}: CPU / wall per query |\n|---|---:|---:|`);
for (const q of QUERIES) console.log(`| \`${q}\` | ${cell(a, q)} | ${cell(b, q)} |`);
