// Soi and Pagefind in the same headless Chromium, same queries, same corpus.
// Driven by scripts/bench.sh, which has generated and built OUT/SIZE/{soi,html};
// prints one Markdown table and writes it to OUT/report.md. Asserts nothing.
//
//   node tests/e2e/compare.mjs OUT SIZE...      (e.g. target/bench 10000 100000)
//
// What is measured (all from 127.0.0.1, no compression by the server):
// - cold: a fresh browser context (empty cache); bytes = response bodies counted by
//   Playwright's request events (workers included), until the first query's 10
//   results with text are in hand; time from navigation start to then;
// - warm: each query is run once (its bytes are "bytes per new query"), then
//   WARM more times; latency median and p95 per class over those repeats;
// - over an emulated network (NET: DevTools latency per request and throughput,
//   the server gzipping text and wasm as static hosts do, over HTTP/2 as most
//   do; NET_H2=0 for HTTP/1.1): cold load to the first
//   query's results, then first-time queries (NET_QUERIES), median of NET_RUNS;
// - Soi's longest main-thread task (PerformanceObserver 'longtask') while a
//   20-character query is typed into the UI at 100 ms per key.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { serve, launchChromium, emulateNetwork } from "./support.mjs";

const [outArg, ...sizeArgs] = process.argv.slice(2);
const OUT = path.resolve(outArg ?? "target/bench");
const SIZES = sizeArgs.length ? sizeArgs.map(Number) : [10000];
const WARM = Number(process.env.WARM ?? 10);
/** Soi's cold load is given this long before its browser run is skipped. */
const SOI_COLD_LIMIT_MS = Number(process.env.SOI_COLD_LIMIT_MS ?? 600_000);

const CLASSES = {
  exact: ["đại hội", "việt nam", "bệnh viện", "kinh tế"],
  toneless: ["dai hoi", "benh vien", "kinh te", "thanh pho"],
  dense: ["người", "không", "và"],
  "prefix while typing": ["t", "th", "thà", "thàn", "thành", "thành p", "thành ph", "thành phố"],
  phrase: ["\"chi bộ\" nhiệm kỳ", "\"hà nội\"", "\"bệnh viện\""],
  typo: ["nguyn", "bẹnh viện", "doanh nghiêp"],
  telex: ["ddaij hooij", "vieetj nam", "beenhj vieenj"],
};
const FIRST = "đại hội";
/** An emulated network (DevTools: latency added to each request, bytes per second
 *  each way) and a server that gzips as static hosts do: what loopback hides. */
// HTTP/2, as most static hosts serve (NET_H2=0: HTTP/1.1, six connections a host).
const NET = { rtt: Number(process.env.NET_RTT ?? 80), bps: Number(process.env.NET_BPS ?? 2e6), h2: process.env.NET_H2 !== "0" };
const NET_RUNS = Number(process.env.NET_RUNS ?? 3);
/** First-time queries over that network, after the cold load's first query. */
const NET_QUERIES = ["kinh tế", "bệnh viện", "thành phố", "giáo dục", "môi trường", "giao thông", "nông nghiệp", "du lịch"];
const TYPED = "dai hoi chi bo nhiem"; // 20 characters

const ENGINES = {
  soi: {
    site: (n) => path.join(OUT, String(n), "soi"),
    async open(page, url) {
      await page.goto(url);
      await page.waitForFunction(() => window.soi !== undefined, null, { timeout: SOI_COLD_LIMIT_MS });
      await page.evaluate(() => window.soi.ready);
    },
    search: (page, q) =>
      page.evaluate(async (q) => {
        const t = performance.now();
        const r = await window.soi.search(q, { limit: 10 });
        return { ms: performance.now() - t, hits: r.hits?.length ?? r.results?.length ?? 0, total: r.total };
      }, q),
    indexDir: (n) => path.join(OUT, String(n), "soi", "index"),
  },
  pagefind: {
    site: (n) => path.join(OUT, String(n), "html"),
    async open(page, url) {
      await page.goto(`${url}_blank.html`);
      await page.evaluate(async () => {
        window.pagefind = await import("/pagefind/pagefind.js");
        await window.pagefind.init();
      });
    },
    search: (page, q) =>
      page.evaluate(async (q) => {
        const t = performance.now();
        const r = await window.pagefind.search(q);
        const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        return { ms: performance.now() - t, hits: top.length, total: r.results.length };
      }, q),
    indexDir: (n) => path.join(OUT, String(n), "html", "pagefind"),
  },
};

function walk(dir) {
  let files = 0, bytes = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const w = walk(p); files += w.files; bytes += w.bytes; }
    else { files++; bytes += fs.statSync(p).size; }
  }
  return { files, bytes };
}

function gnuTime(file) {
  if (!fs.existsSync(file)) return null;
  const t = fs.readFileSync(file, "utf8");
  const wall = t.match(/Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)/);
  const rss = t.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const secs = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { secs, rssKB: rss ? Number(rss[1]) : NaN };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

/** Counts requests and response bytes (raw and gzip -6 estimate) of a context. */
function meter(context) {
  const m = { requests: 0, bytes: 0, gz: 0, pending: [] };
  context.on("requestfinished", (req) => {
    m.requests++;
    m.pending.push((async () => {
      const res = await req.response();
      if (!res) return;
      try {
        const body = await res.body();
        m.bytes += body.length;
        m.gz += res.headers()["content-encoding"] ? body.length : zlib.gzipSync(body, { level: 6 }).length;
      } catch { /* body gone (navigation): count nothing */ }
    })());
  });
  m.settle = async () => { await Promise.all(m.pending); m.pending = []; return { requests: m.requests, bytes: m.bytes, gz: m.gz }; };
  return m;
}

async function runEngine(browser, name, n) {
  const e = ENGINES[name];
  const site = e.site(n);
  if (name === "pagefind") {
    fs.writeFileSync(path.join(site, "_blank.html"),
      "<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"></head><body></body></html>");
  }
  const { server, url } = await serve(site);
  const r = { name, n };
  try {
    // Cold: empty cache, navigation to the first query's 10 results.
    const context = await browser.newContext();
    const m = meter(context);
    const page = await context.newPage();
    const t0 = Date.now();
    try {
      await e.open(page, url);
    } catch (err) {
      r.skipped = `cold load did not finish within ${SOI_COLD_LIMIT_MS / 1000} s (${String(err).split("\n")[0]})`;
      await context.close();
      return r;
    }
    const first = await e.search(page, FIRST);
    r.coldMs = Date.now() - t0;
    await new Promise((ok) => setTimeout(ok, 200));
    const cold = await m.settle();
    r.cold = cold;
    r.firstHits = first.hits;
    // Warm: each query once (new-query bytes), then WARM repeats.
    r.classes = {};
    let newQueries = 0, newBytes = 0, newGz = 0, newReqs = 0;
    let before = cold;
    for (const [cls, qs] of Object.entries(CLASSES)) {
      const times = [];
      const totals = [];
      for (const q of qs) {
        const once = await e.search(page, q);
        const after = await m.settle();
        newQueries++;
        newBytes += after.bytes - before.bytes;
        newGz += after.gz - before.gz;
        newReqs += after.requests - before.requests;
        before = after;
        totals.push(once.total);
        for (let i = 0; i < WARM; i++) times.push((await e.search(page, q)).ms);
      }
      r.classes[cls] = { median: pct(times, 0.5), p95: pct(times, 0.95), totals };
    }
    const after = await m.settle();
    r.perQuery = { bytes: newBytes / newQueries, gz: newGz / newQueries, requests: newReqs / newQueries };
    r.allQueriesBytes = after.bytes - cold.bytes;
    const all = Object.values(r.classes);
    r.warmAll = { median: pct(all.map((c) => c.median), 0.5) };
    await context.close();

    // Soi only: longest main-thread task while typing into the UI.
    if (name === "soi") {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      await p.addInitScript(() => {
        window.__long = [];
        new PerformanceObserver((l) => { for (const x of l.getEntries()) window.__long.push(x.duration); })
          .observe({ type: "longtask", buffered: true });
      });
      await p.goto(url);
      await p.waitForSelector(".app:not(:has(.loading-index)) input#q:not([disabled])", { timeout: SOI_COLD_LIMIT_MS });
      await p.evaluate(() => window.soi.ready);
      await new Promise((ok) => setTimeout(ok, 500));
      await p.evaluate(() => { window.__long = []; });
      await p.click("input#q");
      await p.keyboard.type(TYPED, { delay: 100 });
      await new Promise((ok) => setTimeout(ok, 2000));
      const long = await p.evaluate(() => window.__long);
      r.typing = { max: long.length ? Math.max(...long) : 0, count: long.length };
      await ctx.close();
    }

    // Over an emulated network, from an empty cache each time: navigation to the
    // first query's 10 results, then each of NET_QUERIES for the first time.
    const gz = await serve(site, { gzip: true, h2: NET.h2 });
    try {
      const colds = [], news = [];
      for (let i = 0; i < NET_RUNS; i++) {
        const ctx = await browser.newContext();
        const p = await ctx.newPage();
        await emulateNetwork(ctx, p, NET);
        const t0 = Date.now();
        await e.open(p, gz.url);
        await e.search(p, FIRST);
        colds.push(Date.now() - t0);
        for (const q of NET_QUERIES) news.push((await e.search(p, q)).ms);
        await ctx.close();
      }
      r.net = { cold: pct(colds, 0.5), newMedian: pct(news, 0.5), newP95: pct(news, 0.95) };
    } finally {
      gz.server.close();
    }
  } finally {
    server.close();
  }
  return r;
}

const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);
const ms = (x) => (x === undefined ? "—" : x >= 100 ? x.toFixed(0) : x.toFixed(x >= 10 ? 1 : 2));

const browser = await launchChromium();
const results = [];
try {
  // The browser's own start (its processes, its first page) is paid here, by a
  // blank page, not by whichever engine's cold load comes first.
  {
    const context = await browser.newContext();
    await (await context.newPage()).setContent("<!doctype html><title>warm-up</title><p>warm-up</p>");
    await context.close();
  }
  for (const n of SIZES) {
    for (const name of ["soi", "pagefind"]) {
      console.error(`== browser: ${name}, ${n} articles`);
      const r = await runEngine(browser, name, n);
      r.build = gnuTime(path.join(OUT, String(n), `build-${name}.time`));
      r.index = walk(ENGINES[name].indexDir(n));
      if (name === "soi") {
        const all = walk(ENGINES[name].site(n));
        r.app = { files: all.files - r.index.files, bytes: all.bytes - r.index.bytes };
      }
      if (r.skipped) console.error(`   skipped in the browser: ${r.skipped}`);
      results.push(r);
    }
  }
} finally {
  await browser.close();
}

const head = results.map((r) => `${r.name === "soi" ? "Soi" : "Pagefind"} ${r.n / 1000}k`);
const rows = [];
const row = (label, f) => rows.push(`| ${label} | ${results.map((r) => (r.skipped && f.browser ? "skipped" : f(r) ?? "—")).join(" | ")} |`);
const browserRow = (label, f) => { f.browser = true; row(label, f); };
row("build: wall time", (r) => (r.build ? `${r.build.secs.toFixed(1)} s` : undefined));
row("build: peak memory (max RSS)", (r) => (r.build ? `${(r.build.rssKB / 1024).toFixed(0)} MB` : undefined));
row("index: files", (r) => r.index.files.toLocaleString("en"));
row("index: bytes on disk", (r) => kb(r.index.bytes));
row("app (Soi: site minus index/)", (r) => (r.app ? `${r.app.files} files, ${kb(r.app.bytes)}` : "in index"));
browserRow("cold: bytes before the first result (raw / gzip estimate)", (r) => `${kb(r.cold.bytes)} / ${kb(r.cold.gz)}`);
browserRow("cold: requests before the first result", (r) => String(r.cold.requests));
browserRow("cold: navigation → first 10 results", (r) => `${ms(r.coldMs)} ms`);
browserRow(`over a network (${NET.rtt} ms a request, ${NET.bps / 1e6} MB/s, gzip, ${NET.h2 ? "HTTP/2" : "HTTP/1.1"}): cold → first 10 results`, (r) => r.net && `${ms(r.net.cold)} ms`);
browserRow("over that network: a first-time query, median / p95", (r) => r.net && `${ms(r.net.newMedian)} / ${ms(r.net.newP95)} ms`);
for (const cls of Object.keys(CLASSES)) {
  browserRow(`warm ${cls}: median / p95`, (r) => `${ms(r.classes[cls].median)} / ${ms(r.classes[cls].p95)} ms`);
}
browserRow("bytes per new query (raw), requests per new query", (r) => `${kb(r.perQuery.bytes)}, ${r.perQuery.requests.toFixed(1)}`);
browserRow(`bytes fetched by all ${Object.values(CLASSES).flat().length} new queries`, (r) => kb(r.allQueriesBytes));
browserRow("results for `đại hội` (first query; total)", (r) => String(r.classes.exact.totals[0]));
browserRow(`UI: longest main-thread task typing "${TYPED}" (100 ms/key)`, (r) =>
  r.typing ? `${ms(r.typing.max)} ms (${r.typing.count} long tasks)` : "n/a (no UI measured)");

const queries = Object.entries(CLASSES).map(([c, qs]) => `${c}: ${qs.map((q) => "`" + q + "`").join(", ")}`).join("; ");
const skipped = results.filter((r) => r.skipped).map((r) => `- ${r.name} at ${r.n}: ${r.skipped}`).join("\n");
const table = [
  `| measure | ${head.join(" | ")} |`,
  `|---|${head.map(() => "---:").join("|")}|`,
  ...rows,
].join("\n");
const report = `${table}\n\nQueries (same for both engines): ${queries}. Warm figures: ${WARM} repeats of each query after its first run. Network rows: median of ${NET_RUNS} fresh contexts; first-time queries: ${NET_QUERIES.map((q) => `\`${q}\``).join(", ")}.\n${skipped ? "\nSkipped:\n" + skipped + "\n" : ""}`;
console.log(report);
fs.writeFileSync(path.join(OUT, "report.md"), report);
fs.writeFileSync(path.join(OUT, "report.json"), JSON.stringify(results, null, 1));
