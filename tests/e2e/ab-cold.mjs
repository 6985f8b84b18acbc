// Same-minute A/B of two sites on a cold load: each turn opens a site in a fresh
// browser context (empty cache) and times navigation → index ready → the first
// query's 10 results with snippets; the sites take turns, ROUNDS times. Prints
// the medians. Asserts nothing (figures go to BENCHMARKS.md).
//
//   node tests/e2e/ab-cold.mjs SITE_A SITE_B [ROUNDS=8]
//   RTT=80 BPS=2e6 Q="dai hoi" node …   (a slower network, see emulateNetwork in support.mjs; the server then gzips as hosts do)
import path from "node:path";
import { serve, launchChromium, openSoiCold } from "./support.mjs";

const sites = process.argv.slice(2, 4).map((s) => path.resolve(s));
const rounds = Number(process.argv[4] ?? 8);
const query = process.env.Q ?? "đại hội";
const servers = await Promise.all(sites.map((s) => serve(s, { gzip: Boolean(process.env.RTT) })));
const browser = await launchChromium();
const res = sites.map(() => ({ ready: [], total: [] }));
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < sites.length; i++) {
    const { context, page, t0, ready } = await openSoiCold(browser, servers[i].port);
    res[i].ready.push(ready);
    await page.evaluate((q) => window.soi.search(q, { limit: 10 }), query);
    res[i].total.push(Date.now() - t0);
    await context.close();
  }
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
sites.forEach((s, i) => console.log(`${path.basename(s)}: ready ${med(res[i].ready)} ms, first result ${med(res[i].total)} ms (medians of ${rounds}); all ${res[i].total.join(" ")}`));
await browser.close();
servers.forEach((s) => s.server.close());
