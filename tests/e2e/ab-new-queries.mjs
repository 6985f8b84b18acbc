// Same-minute A/B of two sites (e.g. two builds of the app beside one index) on
// what a reader meets typing new words: the sites take turns, ROUNDS times; each
// turn opens the site in a fresh context, waits for the index, then runs 16
// queries through window.soi.search, each the first of its words (so its shards,
// positions and texts are fetched, unpacked and analysed then). Prints medians of
// the time to ready, of the first query and of all 16. Asserts nothing.
//
//   node tests/e2e/ab-new-queries.mjs SITE_A SITE_B [ROUNDS=3]
//   RTT=80 BPS=2e6 node …   (a slower network, see emulateNetwork in support.mjs; the server then gzips as hosts do)
//   IDLE=1500 node …   (waits that many ms after the index is ready before the first query,
//                       as a reader does before typing: work the worker does while idle shows;
//                       with no IDLE, the first query meets whatever the worker still does at ready)
import { serve, launchChromium, openSoiCold } from "./support.mjs";
const sites = process.argv.slice(2, 4), rounds = Number(process.argv[4] ?? 3);
const words = ["kinh tế", "bệnh viện", "thành phố", "nông thôn", "giáo dục", "văn hóa", "xã hội", "an ninh", "quốc phòng", "du lịch", "môi trường", "nông nghiệp", "công nghiệp", "giao thông", "y tế", "thể thao"];
const browser = await launchChromium();
const servers = await Promise.all(sites.map(s => serve(s, { gzip: Boolean(process.env.RTT) })));
const res = sites.map(() => ({ ready: [], first: [], total: [] }));
for (let r = 0; r < rounds; r++) for (let i = 0; i < sites.length; i++) {
  const { context, page, ready } = await openSoiCold(browser, servers[i].port);
  if (Number(process.env.IDLE) > 0) await page.waitForTimeout(Number(process.env.IDLE));
  const t = await page.evaluate(async (ws) => { const out = []; for (const w of ws) { const t = performance.now(); await window.soi.search(w, { limit: 10 }); out.push(performance.now() - t); } return out; }, words);
  res[i].ready.push(ready); res[i].first.push(t[0]); res[i].total.push(t.reduce((a, b) => a + b, 0));
  await context.close();
}
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1].toFixed(0); };
sites.forEach((s, i) => console.log(`${s}: ready ${med(res[i].ready)} ms, first query ${med(res[i].first)} ms, 16 new queries ${med(res[i].total)} ms (medians of ${rounds}); all totals ${res[i].total.map(x => x.toFixed(0)).join(" ")}`));
await browser.close(); servers.forEach(s => s.server.close());
