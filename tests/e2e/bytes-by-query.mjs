// Bytes each query fetches, by file kind: opens a site made by `soi site`, waits
// for the index, then runs the bench's 28 queries (tests/e2e/compare.mjs) one
// after another and prints what each fetched (response bodies, per file name
// stem), then the totals. Asserts nothing (figures go to BENCHMARKS.md).
//
//   node tests/e2e/bytes-by-query.mjs SITE_DIR
import path from "node:path";
import { serve, launchChromium } from "./support.mjs";
const site = path.resolve(process.argv[2]);
const QS = ["đại hội","việt nam","bệnh viện","kinh tế","dai hoi","benh vien","kinh te","thanh pho","người","không","và","t","th","thà","thàn","thành","thành p","thành ph","thành phố","\"chi bộ\" nhiệm kỳ","\"hà nội\"","\"bệnh viện\"","nguyn","bẹnh viện","doanh nghiêp","ddaij hooij","vieetj nam","beenhj vieenj"];
const { server, url } = await serve(site);
const browser = await launchChromium();
const context = await browser.newContext();
let log = [];
context.on("requestfinished", async (req) => {
  const res = await req.response(); if (!res) return;
  let len = 0; try { len = (await res.body()).length; } catch {}
  const u = new URL(req.url()); const file = u.pathname.split("/").pop().split(".")[0];
  log.push({ file, len, range: req.headers()["range"] ?? "" });
});
const page = await context.newPage();
await page.goto(url);
await page.waitForFunction(() => window.soi !== undefined);
await page.evaluate(() => window.soi.ready);
await new Promise(r => setTimeout(r, 300));
const sum = (l) => { const o = {}; for (const e of l) { o[e.file] = (o[e.file] ?? 0) + e.len; o[e.file+"#"] = (o[e.file+"#"] ?? 0) + 1; } return o; };
console.log("load", JSON.stringify(sum(log))); log = [];
const tot = {};
for (const q of QS) {
  const r = await page.evaluate(async (q) => { const r = await window.soi.search(q, { limit: 10 }); return r.total; }, q);
  await new Promise(r => setTimeout(r, 150));
  const s = sum(log); log = [];
  for (const [k, v] of Object.entries(s)) tot[k] = (tot[k] ?? 0) + v;
  console.log(q.padEnd(20), r, JSON.stringify(s));
}
console.log("total", JSON.stringify(tot));
await browser.close(); server.close();
