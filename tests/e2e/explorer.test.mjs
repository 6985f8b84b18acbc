// End-to-end: the demo site made by `trunk build` + `soi site` (target/site), served
// on 127.0.0.1, driven in a real Chromium through playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { root, serve, launchChromium, emulateNetwork } from "./support.mjs";

// The site `soi site` made, served from a sub-path (/site/ of target/) to prove its
// URLs are relative.
const served = path.join(root, "target");
const site = path.join(served, "site");
const shots = path.join(root, "tests/e2e/screenshots");
// A site of its own with enough articles for the explorer's "at scale" parts:
// facets with more values than they list, several pages of results, a timeline.
const scale = path.join(served, "site-scale");
/** The search box of a page whose index is ready: no loading screen beside it (the
 *  box takes typing while the index loads), and not disabled (it is when loading failed). */
const READY = ".app:not(:has(.loading-index)) input#q:not([disabled])";

let server, base, scaleBase, browser;

/** The scale corpus: SCALE_N articles (all about `hợp tác xã`, one JSON Lines
 * file), one date a month over 2019–2021; twelve places named often and one place
 * per article named once; people, sources and document references likewise. */
const SCALE_N = 130;
const OFTEN = ["Kim Sơn", "Đống Đa", "Lạng Sơn", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Quảng Ninh", "Hải Phòng",
  "Đà Nẵng", "Thừa Thiên Huế", "Cần Thơ", "Bắc Giang"];
function scaleCorpus() {
  const pad = (n) => String(n).padStart(2, "0");
  const lines = [];
  for (let i = 0; i < SCALE_N; i++) {
    const m = i % 36;
    const place = OFTEN[i % OFTEN.length];
    lines.push(JSON.stringify({
      title: `Hợp tác xã nông nghiệp ${place} tổng kết vụ mùa (bài ${i})`,
      body: `Hợp tác xã nông nghiệp ở ${place} họp xã viên tổng kết vụ mùa thứ ${i}. `
        + "Ban quản trị báo cáo sản lượng lúa, kế hoạch tưới tiêu và vốn vay cho vụ sau.",
      date: `${2019 + Math.floor(m / 12)}-${pad((m % 12) + 1)}-${pad((i % 28) + 1)}`,
      source: ["Báo Nhân Dân", "Báo Lao Động", "Báo Tuổi Trẻ", "Báo Thanh Niên", "Báo Hà Nội Mới"][i % 5],
      places: [place, `Xã số ${String(i).padStart(3, "0")}`],
      people: [i % 3 === 0 ? "Nguyễn Văn An" : i % 4 === 0 ? "Trần Thị Bình" : `Người số ${i}`],
      doc_refs: [i % 6 === 0 ? "Chỉ thị 35-CT/TW" : i % 10 === 0 ? "Nghị quyết 18-NQ/TW" : `Quyết định ${i}-QĐ/UB`],
    }));
  }
  return lines.join("\n") + "\n";
}

before(async () => {
  assert.ok(fs.existsSync(path.join(site, "index.html")), "target/site is built (soi site … --out target/site)");
  let port;
  ({ server, port } = await serve(served, { h2: false })); // plain HTTP whatever H2 says: the addresses below
  base = `http://127.0.0.1:${port}/site/`;
  fs.mkdirSync(shots, { recursive: true });
  const corpus = path.join(served, "corpus-scale");
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.mkdirSync(corpus, { recursive: true });
  fs.writeFileSync(path.join(corpus, "articles.jsonl"), scaleCorpus());
  execFileSync(path.join(root, "target/release/soi"), ["site", corpus, "--out", scale, "--app", path.join(root, "dist")],
    { stdio: "ignore" });
  scaleBase = `http://127.0.0.1:${port}/site-scale/`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Routes `pattern` of page `p` through `handle(route)`. A request still on its
 *  way when the test closes the page is dropped: its body went with the page.
 *  So is one the search worker aborted (a newer search no longer needed it):
 *  Playwright then disposes of its response mid-read. */
function through(p, pattern, handle) {
  return p.route(pattern, async (route) => {
    try {
      await handle(route);
    } catch (e) {
      const dropped = /Response has been disposed|Request context disposed|Target .*closed/.test(String(e));
      if (!p.isClosed() && !dropped) throw e;
    }
  });
}

async function openPage(route) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  if (route) await route(page);
  await page.goto(base);
  return { page, problems };
}

const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐÐð]/g, "d").toLowerCase();

test("a toneless query finds the right articles, marked, and opens the reader", async () => {
  const { page, problems } = await openPage();
  await page.waitForSelector(READY);
  await page.screenshot({ path: path.join(shots, "01-ready.png") });

  await page.click("input#q");
  await page.keyboard.type("kim son", { delay: 30 });
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 1);
  assert.equal(await page.textContent(".hit .hit-id"), "004_41a37cd57bca97c8.txt");
  // The result shows its metadata: source and places read from the article.
  assert.match(await page.textContent(".hit .hit-meta"), /thanhtra\.com\.vn · Kim Sơn/);

  await page.fill("input#q", "");
  await page.keyboard.type("dai hoi", { delay: 30 });
  await page.waitForFunction(() => /^5 /.test(document.querySelector(".count")?.textContent ?? ""));
  assert.equal(await page.locator(".hit").count(), 5);
  const marks = await page.locator(".hit .snippet mark").allTextContents();
  assert.ok(marks.length >= 5, `marks: ${marks}`);
  // Adjacent query words are one mark ("Đại hội").
  for (const m of marks) for (const w of m.split(/\s+/)) assert.ok(["dai", "hoi"].includes(fold(w)), `marked ${m}`);
  await page.screenshot({ path: path.join(shots, "02-results-dai-hoi.png"), fullPage: true });

  await page.click(".hit-title >> nth=0");
  await page.waitForSelector(".reader");
  const readerMarks = await page.locator(".reader .body mark").count();
  assert.ok(readerMarks >= 5, `reader marks: ${readerMarks}`);
  await page.screenshot({ path: path.join(shots, "03-reader.png"), fullPage: true });
  await page.click(".reader .back");
  await page.waitForSelector(".hit");
  assert.deepEqual(problems, []);
  await page.close();
});

test("window.soi.search answers exactly what `soi search --json` answers", async () => {
  const { page } = await openPage();
  await page.waitForFunction(() => window.soi !== undefined);
  await page.evaluate(() => window.soi.ready);
  const cases = [
    ["dai hoi", {}, []], ["Đại hội Đảng bộ", {}, []], ["kim so", {}, []], ["xyzzy", {}, []],
    ["dai hoi", { filters: { place: ["Lạng Sơn", "kim son"] } }, ["--filter", "place=Lạng Sơn", "--filter", "place=kim son"]],
    ["", { sort: "newest", from: "2020-01" }, ["--sort", "newest", "--from", "2020-01"]],
    ["dai hoi", { offset: 2 }, ["--offset", "2"]],
  ];
  for (const [q, options, flags] of cases) {
    const fromPage = await page.evaluate(([q, o]) => window.soi.search(q, { limit: 5, ...o }), [q, options]);
    const cli = execFileSync(path.join(root, "target/release/soi"),
      ["search", path.join(site, "index"), q, "--json", "--limit", "5", ...flags], { encoding: "utf8" });
    assert.deepEqual(fromPage, JSON.parse(cli), `query ${q} ${JSON.stringify(options)}`);
  }
  await page.close();
});

test("a corrupt index file shows a message, not a blank page", async () => {
  const corrupt = (pattern) => async (p) => {
    await through(p, pattern, async (route) => {
      const res = await route.fetch();
      const body = Buffer.from(await res.body());
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ response: res, body });
    });
  };
  // A file of the root: at load.
  const { page } = await openPage(corrupt(/docs\.[0-9a-f]+\.bin$/));
  const error = page.locator(".status.error");
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /corrupt/);
  assert.match(text, /soi build/);
  await page.screenshot({ path: path.join(shots, "04-corrupt-index.png") });
  await page.close();

  // A postings shard: when a search needs it.
  const { page: typing } = await openPage(corrupt(/postings\.[0-9a-f]+\.bin(\?|$)/));
  await typing.waitForSelector(READY);
  await typing.fill("input#q", "dai hoi ");
  const shardError = typing.locator(".status.error");
  await shardError.waitFor();
  assert.match(await shardError.textContent(), /postings\.[0-9a-f]+\.bin is corrupt.*soi build/);
  assert.equal(await typing.locator(".hit").count(), 0);
  await typing.close();
});

test("the worker's start script asks for the manifest before the wasm, nothing is fetched twice, and no text for the overview", async () => {
  const asked = [];
  const { page, problems } = await openPage((p) => through(p, /\/(index\/[\w.-]+|soi-worker_bg\.wasm)$/, async (route) => {
    const url = new URL(route.request().url());
    asked.push({ file: url.pathname.split("/").pop(), range: route.request().headers().range });
    await route.continue();
  }));
  await page.waitForSelector(READY);
  // The overview shows counts and the timeline, not hits: no article's text is
  // fetched for it.
  await page.waitForSelector(".overview .big");
  const texts = () => page.workers()[0].evaluate(() =>
    performance.getEntriesByType("resource").filter((e) => /\/store\.\w+\.bin/.test(e.name)).length);
  assert.equal(await texts(), 0, "texts fetched for the overview");
  await page.fill("input#q", "dai hoi ");
  await page.waitForSelector(".hit .snippet mark");
  assert.ok(await texts() > 0, "the worker's requests for texts are seen");
  const count = (re) => asked.filter((a) => re.test(a.file)).length;
  // The manifest is asked for before the worker's wasm (the start script runs first).
  const order = asked.map((a) => a.file);
  assert.ok(order.indexOf("manifest.json") >= 0 && order.indexOf("manifest.json") < order.indexOf("soi-worker_bg.wasm"),
    `requests in order: ${order.join(", ")}`);
  for (const re of [/^manifest\.json$/, /^dict\./, /^terms\./, /^docs\./]) {
    assert.equal(count(re), 1, `${re}: asked for ${count(re)} times (${order.join(", ")})`);
  }
  // The dictionary, as the range 0-, tells whether the host answers ranges.
  assert.equal(asked.find((a) => a.file.startsWith("dict.")).range, "bytes=0-");
  assert.deepEqual(problems, []);
  await page.close();
});

/** Opens the page with the requests matching `held` held back, and resolves to
 *  the root files (dict, docs, terms) asked for meanwhile, sorted (once `expected`
 *  of them are, or after 20 s); then lets the held requests go and waits for the
 *  search box. `root` keeps counting after. */
async function rootAskedWhileHeld(held, expected = 3) {
  let release;
  const holding = new Promise((ok) => { release = ok; });
  const root = new Set();
  const { page, problems } = await openPage(async (p) => {
    await through(p, held, async (route) => { await holding; await route.continue(); });
    await through(p, /\/index\/(dict|terms|docs)\.\w+\.bin$/, async (route) => {
      root.add(new URL(route.request().url()).pathname.split("/").pop().split(".")[0]);
      await route.continue();
    });
  });
  const deadline = Date.now() + 20_000;
  while (root.size < expected && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
  const asked = [...root].sort();
  release();
  await page.waitForSelector(READY);
  return { page, problems, asked, root };
}

test("the worker asks for the index's root while its own code is still on the way", async () => {
  // www/soi-worker-start.js fetches the manifest, then the dictionary and the
  // terms file, before the wasm-bindgen glue has loaded: the glue is held here
  // until they are asked for. The document table, which the worker is ready
  // without, is asked for once they have come and the glue's loading no longer
  // holds the worker's thread.
  const { page, problems, asked, root } = await rootAskedWhileHeld(/\/soi-worker\.js$/, 2);
  assert.deepEqual(asked, ["dict", "terms"], "the root files asked for before the glue came");
  await page.waitForSelector(".overview");
  assert.deepEqual([...root].sort(), ["dict", "docs", "terms"], "the document table asked for after");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the page carries the index's manifest: the root is asked for before manifest.json answers, and a stale copy costs nothing but requests", async () => {
  const { page, problems, asked } = await rootAskedWhileHeld(/\/index\/manifest\.json$/);
  assert.deepEqual(asked, ["dict", "docs", "terms"], "the root files asked for while manifest.json was held");
  assert.deepEqual(problems, []);
  await page.close();

  // The index rebuilt by `soi build` alone: the page names root files that are
  // gone. The worker asks for them (and is refused), reads manifest.json, and
  // fetches the files it names.
  const gone = new Set();
  const { page: stale } = await openPage(async (p) => {
    await through(p, /\/site\/$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/"(dict|terms|docs)\.[0-9a-f]{16}\.bin"/g, '"$1.0000000000000000.bin"');
      assert.match(body, /"dict\.0000000000000000\.bin"/);
      await route.fulfill({ response, body });
    });
    await through(p, /\/index\/\w+\.0000000000000000\.bin$/, async (route) => {
      gone.add(new URL(route.request().url()).pathname.split("/").pop());
      await route.fulfill({ status: 404, body: "gone" });
    });
  });
  await stale.waitForSelector(READY);
  await stale.fill("input#q", "dai hoi ");
  await stale.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  assert.deepEqual([...gone].sort(), ["dict.0000000000000000.bin", "docs.0000000000000000.bin", "terms.0000000000000000.bin"],
    "the page's copy of the manifest was used first");
  await stale.close();
});

test("neighbouring postings parts come in one range request", async () => {
  // A query of two words reads a shard's lists and then its followers, which lie
  // next to each other in the pack: one request brings both gzip members.
  const bodies = [];
  const { page, problems } = await openPage((p) => through(p, /\/index\/postings\.\w+\.bin(\?|$)/, async (route) => {
    const res = await route.fetch();
    bodies.push(Buffer.from(await res.body()));
    await route.fulfill({ response: res });
  }));
  await page.waitForSelector(READY);
  await page.fill("input#q", "dai hoi ");
  await page.waitForSelector(".hit .snippet mark");
  // gzip members: the magic 1f 8b and method 08 at a member's start.
  const members = (b) => { let n = 0; for (let i = 0; i + 2 < b.length; i++) if (b[i] === 0x1f && b[i + 1] === 0x8b && b[i + 2] === 8) n++; return n; };
  const counts = bodies.map(members);
  assert.ok(counts.length >= 1, "the query fetched postings");
  assert.ok(counts.some((n) => n >= 2), `each request brought one member: ${counts}`);
  assert.ok(counts.length < counts.reduce((a, b) => a + b, 0), `${counts.length} requests for ${counts} members`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("article text comes by range requests, a few KB a result; a host that ignores ranges still works", async () => {
  // Each request for a store pack asks for a range and gets 206 with the slot.
  const requests = [];
  const { page, problems } = await openPage((p) => through(p, /\/index\/store\.\w+\.bin(\?|$)/, async (route) => {
    const res = await route.fetch();
    const request = route.request();
    requests.push({ request, url: request.url(), range: request.headers().range, status: res.status(), bytes: (await res.body()).length });
    await route.fulfill({ response: res });
  }));
  await page.waitForSelector(READY);
  await page.fill("input#q", "dai hoi ");
  await page.waitForFunction(() => document.querySelectorAll(".hit .snippet mark").length > 0);
  // The overview's texts still on their way when the search began were aborted
  // (it waited for postings first) and, if the search needs them, asked for
  // again: only the requests the page took in count here.
  requests.splice(0, requests.length, ...requests.filter((r) => r.request.failure() === null));
  const hits = await page.locator(".hit").count();
  assert.ok(requests.length >= 1 && requests.length <= hits, `${requests.length} requests for ${hits} results`);
  for (const r of requests) {
    assert.match(r.range ?? "", /^bytes=\d+-\d+$/);
    assert.equal(r.status, 206);
    // Each range in a lane of its pack (`?lane=K`, one of ten addresses).
    assert.match(new URL(r.url).search, /^\?lane=\d$/);
  }
  // Asked for side by side, each at an address of its own: the browser's cache
  // lets one request at a time use an address, so they would wait for each other.
  const lanes = requests.map((r) => new URL(r.url).search);
  assert.equal(new Set(lanes).size, requests.length, `lanes ${lanes}`);
  const total = requests.reduce((n, r) => n + r.bytes, 0);
  const pack = fs.readdirSync(path.join(site, "index")).filter((f) => f.startsWith("store."))
    .map((f) => fs.statSync(path.join(site, "index", f)).size).reduce((a, b) => a + b, 0);
  assert.ok(total < pack, `fetched ${total} bytes of text, the packs are ${pack}`);
  assert.deepEqual(problems, []);
  await page.close();

  // A host that ignores Range (the dictionary, asked for as the range 0-, tells):
  // each whole pack (postings and store) comes once, is checked and kept.
  let whole = 0;
  const { page: plain, problems: plainProblems } = await openPage((p) => through(p, /\/index\/\w+\.\w+\.bin(\?|$)/, async (route) => {
    const headers = { ...route.request().headers() };
    delete headers.range;
    if (/\/(store|postings)\./.test(route.request().url())) whole += 1;
    await route.continue({ headers });
  }));
  await plain.waitForSelector(READY);
  await plain.fill("input#q", "dai hoi ");
  await plain.waitForFunction(() => document.querySelectorAll(".hit .snippet mark").length > 0);
  const withRanges = await plain.$$eval(".hit-id", (e) => e.map((x) => x.textContent));
  await plain.fill("input#q", "kim son ");
  await plain.waitForFunction(() => document.querySelector(".results")?.dataset.query === "kim son ");
  await plain.waitForSelector(".hit .snippet mark");
  assert.ok(withRanges.length > 0);
  const packs = fs.readdirSync(path.join(site, "index")).filter((f) => /^(store|postings)\./.test(f)).length;
  assert.ok(whole >= 1 && whole <= packs, `${whole} whole-pack fetches for ${packs} packs`);
  assert.deepEqual(plainProblems, []);
  await plain.close();

  // A damaged slot: a message naming the pack, and no made-up text.
  const { page: damaged } = await openPage((p) => through(p, /\/index\/store\.\w+\.bin(\?|$)/, async (route) => {
    const res = await route.fetch();
    const body = Buffer.from(await res.body());
    body[Math.min(40, body.length - 1)] ^= 0xff; // inside the first slot's compressed text
    await route.fulfill({ response: res, body });
  }));
  await damaged.waitForSelector(READY);
  await damaged.fill("input#q", "dai hoi ");
  const storeError = damaged.locator(".status.error");
  await storeError.waitFor();
  assert.match(await storeError.textContent(), /store\.[0-9a-f]+\.bin is corrupt.*soi build/);
  await damaged.close();
});

test("a missing index shows how to build one", async () => {
  const { page } = await openPage((p) => through(p, /manifest\.json$/, (r) => r.fulfill({ status: 404, body: "nope" })));
  const text = await page.locator(".status.error").textContent();
  assert.match(text, /No search index was found/);
  assert.match(text, /404/);
  await page.close();
});

test("an index of another format version says to rebuild", async () => {
  const { page } = await openPage((p) =>
    through(p, /manifest\.json$/, async (route) => {
      const res = await route.fetch();
      const json = await res.json();
      json.format_version = 99;
      await route.fulfill({ response: res, body: JSON.stringify(json) });
    }));
  const text = await page.locator(".status.error").textContent();
  assert.match(text, /version 99/);
  assert.match(text, /soi build/);
  await page.close();
});

test("a search worker that cannot start shows a message, not a blank page", async () => {
  // Its wasm is missing: the worker's start script reports it.
  const { page } = await openPage((p) => through(p, /soi-worker_bg\.wasm$/, (r) => r.fulfill({ status: 404, body: "nope" })));
  assert.match(await page.locator(".status.error").textContent(), /search worker could not start.*trunk build/);
  assert.match(await page.evaluate(() => window.soi.ready.catch((e) => e)), /could not start/);
  // Nothing can be searched: the box is disabled (it takes typing only while loading).
  assert.equal(await page.locator("input#q[disabled]").count(), 1);
  await page.close();
  // Its wasm-bindgen glue is missing, or is not wasm-bindgen's: the start script reports it.
  for (const body of [null, "self.notTheGlue = 1;"]) {
    const { page: glue } = await openPage((p) => through(p, /\/soi-worker\.js$/, (r) =>
      r.fulfill(body === null ? { status: 404, body: "nope" } : { status: 200, contentType: "text/javascript", body })));
    assert.match(await glue.locator(".status.error").textContent(), /search worker could not start.*trunk build/);
    await glue.close();
  }
  // A host whose policy refuses Blob workers (its own header, without
  // `worker-src blob:`): the page starts the worker from its script's address,
  // and searches as well.
  const refuseBlobs = (p) => through(p, /\/site\/$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace("worker-src 'self' blob:;", "worker-src 'self';");
    assert.equal(/worker-src [^;]*/.exec(body)?.[0], "worker-src 'self'", "the page's policy allows no Blob worker");
    await route.fulfill({ response, body });
  });
  const { page: strict } = await openPage(refuseBlobs);
  await strict.waitForSelector(READY);
  await strict.fill("input#q", "dai hoi ");
  await strict.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  assert.match(strict.workers()[0].url(), /\/site\/soi-worker-start\.js$/);
  await strict.close();
  // There, its script is missing: the worker's error event says it.
  const { page: again } = await openPage(async (p) => {
    await refuseBlobs(p);
    await through(p, /soi-worker-start\.js$/, (r) => r.fulfill({ status: 404, body: "nope" }));
  });
  assert.match(await again.locator(".status.error").textContent(), /search worker stopped.*trunk build/);
  await again.close();
});

test("filters, sort and the open article live in the URL; back and forward work", async () => {
  const { page, problems } = await openPage();
  await page.waitForSelector(READY);
  await page.fill("input#q", "dai hoi ");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  // Filter by a place from the facet panel (exactly "Lạng Sơn": a source's name ends with it too).
  await page.click(".facet .facet-value:has(.value:text-is('Lạng Sơn'))");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 1);
  assert.equal(await page.locator(".chip").count(), 1);
  // The value chosen keeps the focus (it is not replaced by another button).
  assert.equal(await page.evaluate(() => document.activeElement.matches(".facet-value[aria-pressed=true]")
    && document.activeElement.textContent), "Lạng Sơn1");
  await page.screenshot({ path: path.join(shots, "05-filtered.png"), fullPage: true });
  // Sort by date.
  await page.click(".chip");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  await page.selectOption(".sort select", "newest");
  await page.waitForFunction(() => location.search.includes("sort=newest"));
  const firstDate = await page.textContent(".hit .hit-meta");
  assert.match(firstDate, /^2020-10-08/);
  // A link reproduces the view: open the same URL in a new page.
  const url = page.url();
  const { page: again } = await openPage();
  await again.goto(url);
  await again.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  assert.equal(await again.inputValue("input#q"), "dai hoi ");
  assert.equal(await again.inputValue(".sort select"), "newest");
  await again.close();
  // Open an article, then back returns to the list, forward to the article.
  await page.click(".hit-title >> nth=0");
  await page.waitForSelector(".reader");
  assert.ok(page.url().includes("doc="));
  await page.goBack();
  await page.waitForSelector(".hit");
  assert.equal(await page.locator(".reader").count(), 0);
  await page.goForward();
  await page.waitForSelector(".reader");
  // Next match moves the counter.
  const counter = () => page.textContent(".match-count");
  assert.match(await counter(), / 1 \//);
  await page.click(".match-nav button >> nth=1");
  assert.match(await counter(), / 2 \//);
  await page.screenshot({ path: path.join(shots, "06-reader-match-2.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("a facet value chosen from the keyboard keeps the focus", async () => {
  const { page, problems } = await openPage();
  await page.waitForSelector(READY);
  await page.fill("input#q", "dai hoi ");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  const groups = await page.locator(".facet h3").count();
  // A source of one article: the groups and values of the others go away.
  const value = page.locator(".facet .facet-value:has(.value:text-is('BAN TUYÊN GIÁO QUẬN ỦY'))");
  await value.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 1);
  assert.ok(await page.locator(".facet h3").count() < groups, "some facet went away");
  assert.equal(await page.evaluate(() => document.activeElement.matches(".facet-value[aria-pressed=true]")
    && document.activeElement.querySelector(".value").textContent), "BAN TUYÊN GIÁO QUẬN ỦY");
  // And again: it unpresses, with the focus still there.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  assert.equal(await page.evaluate(() => document.activeElement.matches(".facet-value[aria-pressed=false]")
    && document.activeElement.querySelector(".value").textContent), "BAN TUYÊN GIÁO QUẬN ỦY");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the explorer works from the keyboard alone", async () => {
  const { page } = await openPage();
  await page.waitForSelector(READY);
  // A click on text outside any control: the focus is nowhere in particular.
  await page.click(".hint");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  assert.equal(await page.inputValue("input#q"), "", "`/` is not typed into the empty box");
  await page.keyboard.type("kim son ");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 1);
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.className), "hit-title");
  // From a result, `/` goes back to the box and leaves its text as it was.
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  assert.equal(await page.inputValue("input#q"), "kim son ", "`/` is not typed into the box");
  assert.equal(await page.evaluate(() => document.querySelector(".results")?.dataset.query), "kim son ");
  assert.ok(!page.url().includes("%2F"), page.url());
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.className), "hit-title");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".reader");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".hit");
  assert.equal(await page.locator(".reader").count(), 0);
  // The UI language switches (the page's lang attribute too).
  const before = await page.textContent(".hint");
  await page.click("button.lang");
  await page.waitForFunction((b) => document.querySelector(".hint").textContent !== b, before);
  const lang = await page.evaluate(() => document.documentElement.lang);
  assert.ok(["vi", "en"].includes(lang));
  assert.match(await page.textContent(".hint"), lang === "vi" ? /không dấu/ : /diacritics/);
  await page.close();
});

test("the app stays under its size budgets: 140 KB of gzipped wasm for the UI, 184 KB for its search worker", async (t) => {
  const { gzipSync } = await import("node:zlib");
  const files = fs.readdirSync(site);
  const gzipped = (name) => gzipSync(fs.readFileSync(path.join(site, name)), { level: 9 }).length;
  const app = files.find((f) => /^soi-web-[0-9a-f]+_bg\.wasm$/.test(f));
  const worker = files.find((f) => f === "soi-worker_bg.wasm");
  assert.ok(app && worker, `the app's and the worker's wasm are in the site: ${files}`);
  // The worker's budget holds it to what it is without Unicode tables (the browser
  // normalises text for it). It was 200 KB until range requests for packs and the
  // joined-syllable and tone-slip rules took it from 195 to 211 KB gzipped, and
  // 216 KB until positions became parts of their own, fetched only by queries of
  // more than one word (format 9: 217.0 KB). The wasm build then stopped shipping
  // two 16 KB CRC tables (crates/core/src/index/crc.rs): 184.0 KB (188,446 B); 189.0 KB
  // with the early root, kept lists and facet counts by document, and 192 KB since
  // neighbouring postings parts share a range request (193,527 B); 196 KB since
  // an answer's dates and months have columns of their own and one-clause queries,
  // common pairs and the page's candidates have fast paths (196,665 B), which made
  // warm queries on 100,000 articles 1.5-3x faster in the browser (BENCHMARKS.md).
  // Format 10's keys, spelled as marks on the folded word, cost it 1.8 KB of
  // decoding (198,819 B with format 11) and took 54 KB off the dictionary every
  // visitor fetches. Reading the manifest and the filters field by field instead
  // of through serde's deserializer (and the float formatting of its messages)
  // took it from 200,429 to 188,834 B: 190 KB since. Format 12's followers
  // (reading which words stand side by side from a part of their own, where a
  // query of several words fetched the positions of all its terms: 634 KB to
  // 14 KB for `việt nam` at 100,000 articles) cost 3.9 KB (194,043 to 197,991 B):
  // 195 KB. Short lists sorted by insertion and no stable sort left (each sort
  // with its own comparison linked ~3.5 KB) took 6.1 KB off, and the early
  // ready (the document table added by the first search) put 2.0 KB back
  // (193,815 B): 192 KB since. Format 13 took it to 194,933 B; a compact heapsort
  // for the sorts off the hot path (crates/core/src/small_sort.rs) left four
  // copies of the standard sort of eleven, then three: 186,701 B, 184 KB since.
  // The UI's was 160 KB until it read the worker's answers field by field
  // (crates/web/src/answers.rs) instead of through serde's deserializer and the
  // float formatting its messages link: 151,023 to 136,025 B, 140 KB since.
  for (const [wasm, budget] of [[app, 140 * 1024], [worker, 184 * 1024]]) {
    const gz = gzipped(wasm);
    t.diagnostic(`${wasm}: ${gz} bytes gzipped (budget ${budget})`);
    assert.ok(gz < budget, `${wasm} is ${gz} bytes gzipped, over its budget of ${budget}`);
  }
  // The UI never searches: none of the index reader is linked into its wasm.
  const reader = "No search index was found";
  assert.ok(fs.readFileSync(path.join(site, worker)).includes(reader), "the worker's wasm holds the index reader");
  assert.ok(!fs.readFileSync(path.join(site, app)).includes(reader), "the UI's wasm holds no index reader");
});

test("typing fast only ever shows the newest query's results, searched in the worker", async (t) => {
  const { page, problems } = await openPage();
  await page.waitForSelector(READY);
  // In order: every value typed, and every result list rendered (the query it
  // answers and its hits). Long tasks on the main thread are recorded to be reported.
  await page.evaluate(() => {
    window.__log = [];
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: "longtask" });
    document.addEventListener("input", (e) => window.__log.push(["typed", e.target.value]), true);
    let shown;
    new MutationObserver(() => {
      const results = document.querySelector(".results");
      if (!results) return;
      const now = JSON.stringify([results.dataset.query, [...results.querySelectorAll(".hit-id")].map((e) => e.textContent)]);
      if (now !== shown) window.__log.push(["shown", ...JSON.parse((shown = now))]);
    }).observe(document.getElementById("app"), { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const query = "dai hoi dang bo kim son";
  await page.click("input#q");
  await page.keyboard.type(query, { delay: 0 });
  await page.waitForFunction((q) => document.querySelector(".results")?.dataset.query === q, query);
  const log = await page.evaluate(() => window.__log);
  let typed = "";
  for (const [what, q] of log) {
    if (what === "typed") typed = q;
    else assert.equal(q, typed, `results for "${q}" were shown after "${typed}" was typed: ${JSON.stringify(log)}`);
  }
  assert.equal(typed, query);
  // Every list shown is the whole answer to the query it says it answers.
  const shown = log.filter(([what]) => what === "shown");
  for (const [, q, ids] of shown) {
    const expected = await page.evaluate((q) => window.soi.search(q, { limit: 20 }), q);
    assert.deepEqual(ids, expected.hits.map((h) => h.id), `the list shown for "${q}"`);
  }
  assert.equal(shown.at(-1)[1], query);
  const longTasks = await page.evaluate(() => window.__longTasks);
  t.diagnostic(`${query.length} keystrokes, ${shown.length} result lists rendered; main-thread long tasks: ` +
    `${longTasks.length}, longest ${Math.max(0, ...longTasks).toFixed(0)} ms (reported, not asserted)`);

  // The index is fetched, and so searched, by the worker: the page requested none
  // of it. The worker started from the page's own copy of its start script (a
  // Blob), not from a request for the file, and fetches from the site's sub-path.
  const fetched = (scope) => scope.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
  assert.deepEqual((await fetched(page)).filter((url) => url.includes("/index/") || url.includes("soi-worker-start")), []);
  const workers = page.workers();
  assert.equal(workers.length, 1);
  assert.match(workers[0].url(), /^blob:/);
  const byWorker = await fetched(workers[0]);
  for (const file of [/\/site\/index\/manifest\.json$/, /\/site\/index\/postings\.\w+\.bin\?lane=\d$/, /\/site\/index\/store\.\w+\.bin\?lane=\d$/]) {
    assert.ok(byWorker.some((url) => file.test(url)), `the worker fetched ${file}: ${byWorker}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// 10,000 generated articles (gen_corpus, calibrated on a real news corpus), built
// by scripts/test.sh into target/site-10k.
const site10k = path.join(served, "site-10k");

test("at 10,000 articles, typing a 20-character query: the newest results only, and the main thread's longest task reported", async (t) => {
  assert.ok(fs.existsSync(path.join(site10k, "index/manifest.json")),
    "target/site-10k is built: scripts/test.sh runs gen_corpus 10000 and soi site");
  const { page, problems } = await sizedPage(1280, 860);
  await page.goto(base.replace("/site/", "/site-10k/"));
  await page.waitForSelector(READY);
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: "longtask" });
    window.__shown = [];
    new MutationObserver(() => {
      const q = document.querySelector(".results")?.dataset.query;
      if (q !== undefined && q !== window.__shown.at(-1)) window.__shown.push(q);
    }).observe(document.getElementById("app"), { subtree: true, childList: true, attributes: true });
  });
  const query = "dai hoi dang bo tinh"; // 20 characters, typed at about 60 ms a key
  assert.equal(query.length, 20);
  await page.click("input#q");
  await page.keyboard.type(query, { delay: 60 });
  await page.waitForFunction((q) => document.querySelector(".results")?.dataset.query === q, query);
  const shown = await page.evaluate(() => window.__shown);
  // Every list shown answered a prefix of what was typed, in typing order.
  let last = -1;
  for (const q of shown) {
    assert.ok(query.startsWith(q), `a list for "${q}" was shown`);
    assert.ok(q.length > last, `lists shown out of order: ${JSON.stringify(shown)}`);
    last = q.length;
  }
  const api = await page.evaluate((q) => window.soi.search(q, { limit: 20 }), query);
  assert.ok(api.total > 0, "the query finds articles in the generated corpus");
  assert.deepEqual(await page.$$eval(".hit-id", (e) => e.map((x) => x.textContent)), api.hits.map((h) => h.id));
  const longTasks = await page.evaluate(() => window.__longTasks);
  await page.screenshot({ path: path.join(shots, "19-typing-at-10k.png") });
  t.diagnostic(`10,000 articles: ${query.length} keystrokes at 60 ms, ${shown.length} result lists shown ` +
    `(${api.total} results); main-thread long tasks: ${longTasks.length}, longest ` +
    `${Math.max(0, ...longTasks).toFixed(0)} ms (reported, not asserted)`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("at 10,000 articles over a slow network, a newer query aborts only the requests no search waits for", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  await emulateNetwork(page.context(), page, { rtt: 150, bps: 300e3 });
  await page.goto(base.replace("/site/", "/site-10k/"));
  await page.waitForSelector(READY);
  const aborted = [];
  page.on("requestfailed", (r) => aborted.push(`${r.url().split("/").pop()} ${r.headers().range} ${r.failure()?.errorText}`));
  const shown = (q) => page.waitForFunction((q) => document.querySelector(".results")?.dataset.query === q
    && document.querySelector(".results .hit") !== null, q, { timeout: 60000 });
  const asked = () => page.waitForRequest(/\/index\/postings\.\w+\.bin/);

  // The same words again (a space after a phrase): the newer search needs the
  // very parts the superseded one was waiting for, so none is aborted.
  let fetching = asked();
  await page.fill("input#q", '"hà nội"');
  await fetching;
  await page.fill("input#q", '"hà nội" ');
  await shown('"hà nội" ');
  assert.deepEqual(aborted, [], "a part the newest search waits for is fetched once, never aborted");

  // Other words: the requests only the superseded search waited for (the lists
  // and positions of the 32 completions of `p` after `thành`) are aborted, and
  // the newest answers in full.
  fetching = asked();
  await page.fill("input#q", "thành p");
  await fetching;
  await page.fill("input#q", "bệnh viện");
  await shown("bệnh viện");
  assert.ok(aborted.length > 0, "the superseded search's requests were aborted");
  for (const a of aborted) assert.match(a, /^postings\.\w+\.bin\?lane=\d bytes=\d+-\d+ net::ERR_ABORTED$/);
  const api = await page.evaluate((q) => window.soi.search(q, { limit: 20 }), "bệnh viện");
  assert.deepEqual(await page.$$eval(".hit-id", (e) => e.map((x) => x.textContent)), api.hits.map((h) => h.id));
  // The same words again while the texts of their results are on their way:
  // the newest search waits for those texts too, and none is aborted.
  const before = aborted.length;
  const texts = page.waitForRequest(/\/index\/store\.\w+\.bin/);
  await page.fill("input#q", '"kinh tế"');
  await texts;
  await page.fill("input#q", '"kinh tế" ');
  await shown('"kinh tế" ');
  assert.deepEqual(aborted.slice(before), [], "the texts the newest search needs are not aborted");
  // What was aborted is fetched again when asked for: `thành p` answers as the
  // CLI does.
  const again = await page.evaluate(() => window.soi.search("thành p", { limit: 5 }));
  const cli = execFileSync(path.join(root, "target/release/soi"),
    ["search", path.join(site10k, "index"), "thành p", "--json", "--limit", "5"], { encoding: "utf8" });
  assert.deepEqual(again, JSON.parse(cli));
  assert.deepEqual(problems, []);
  await page.close();
});

test("the search worker answers every API call but only the newest of the searches waiting for it", async () => {
  // Article text comes slowly, so that searches pile up in the worker.
  const { page } = await openPage((p) => through(p, /\/index\/store\.\w+\.bin(\?|$)/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  }));
  await page.waitForFunction(() => window.soi !== undefined);
  await page.evaluate(() => window.soi.ready);
  // A worker of its own, spoken to in the protocol of crates/web/src/protocol.rs.
  const answered = await page.evaluate(async () => {
    const worker = new Worker("soi-worker-start.js");
    await new Promise((resolve, reject) => {
      worker.onmessage = ({ data }) => data.kind === "ready" ? resolve() : data.kind === "failed" && reject(data.error);
    });
    const replies = [];
    worker.onmessage = ({ data }) => replies.push(data);
    const ask = (id, kind, query) => worker.postMessage({ id, kind, query, options: { limit: 3 } });
    ask(1, "search", "d");
    ask(2, "api", "dai hoi");
    ask(3, "search", "da");
    ask(4, "api", "kim son");
    ask(5, "search", "dai");
    while (replies.length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    worker.terminate();
    return replies.map(({ id, kind, error }) => ({ id, kind, error }));
  });
  assert.deepEqual(answered.map(({ id }) => id).sort(), [2, 4, 5], JSON.stringify(answered));
  assert.ok(answered.every(({ error }) => error === undefined), JSON.stringify(answered));
  await page.close();
});

test("a phone-width screen has no sideways scrolling", async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(base + "?q=dai%20hoi%20");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(shots, "07-phone.png"), fullPage: true });
  await page.close();
});

test("an article full of markup shows it as text and runs nothing", async () => {
  // A site of its own: the hostile fixture article.
  const hostile = path.join(served, "site-hostile");
  execFileSync(path.join(root, "target/release/soi"),
    ["site", path.join(root, "tests/fixtures/hostile"), "--out", hostile, "--app", path.join(root, "dist")], { stdio: "ignore" });
  const page = await browser.newPage();
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(base.replace("/site/", "/site-hostile/") + "?q=doc%20hai%20");
  await page.waitForSelector(".hit");
  assert.match(await page.textContent(".hit-title"), /<script>window.__pwned/);
  await page.click(".hit-title");
  await page.waitForSelector(".reader");
  const body = await page.textContent(".reader .body");
  assert.match(body, /<img src=x onerror=/);
  assert.match(body, /<a href="javascript:/);
  assert.equal(await page.locator(".reader img, .reader script, .reader iframe, .reader .body a").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: path.join(shots, "08-hostile-article.png") });
  await page.close();
});

test("markup in metadata stays text, only http(s) addresses become links, and bidi overrides stay inside their title", async () => {
  // tests/fixtures/hostile-meta: markup in the title, author, source, category and
  // place; javascript: and data: addresses; a right-to-left override and
  // zero-width characters in a title.
  const site = path.join(served, "site-hostile-meta");
  execFileSync(path.join(root, "target/release/soi"),
    ["site", path.join(root, "tests/fixtures/hostile-meta"), "--out", site, "--app", path.join(root, "dist")], { stdio: "ignore" });
  const records = fs.readFileSync(path.join(root, "tests/fixtures/hostile-meta/articles.jsonl"), "utf8")
    .trim().split("\n").map((l) => JSON.parse(l));
  const { page, problems } = await sizedPage(1280, 860);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(base.replace("/site/", "/site-hostile-meta/") + "?q=hop%20tac%20xa%20");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 4);
  const app = page.locator("#app");
  const created = () => app.locator("img, script, iframe, svg:not(.icon), b, .hit-meta a, .facet a, .reader .meta a").count();
  // Each title, as written, is the text of its hit: tags, override and invisible characters included.
  const titles = await page.locator(".hit-title").allTextContents();
  for (const r of records) assert.ok(titles.includes(r.title), `title shown as text: ${JSON.stringify(r.title)}`);
  assert.equal(await created(), 0, "no element made from an article's metadata");
  // The place with markup is a facet value shown as text.
  const places = await page.locator("#panel-place-values .facet-value .value").allTextContents();
  assert.ok(places.includes(records[0].places[0]), JSON.stringify(places));
  // A long value with no place to break wraps inside its button (it once ran over
  // the results column, its count with it).
  const overflowing = await page.locator(".facet-value, .hit").evaluateAll((els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  assert.deepEqual(overflowing, []);
  // A title with a right-to-left override reorders only itself.
  for (const selector of [".hit-title", ".hit-meta", ".facet-value .value"]) {
    assert.equal(await page.locator(selector).first().evaluate((e) => getComputedStyle(e).unicodeBidi), "isolate", selector);
  }
  const readerOf = async (r) => {
    await page.locator(".hit-title", { hasText: r.title }).first().click();
    await page.waitForSelector(".reader");
    const view = {
      title: await page.textContent(".reader h1"),
      meta: await page.textContent(".reader .meta"),
      links: await page.locator(".reader a[href]").evaluateAll((as) => as.map((a) => [a.getAttribute("href"), a.rel, a.target])),
    };
    await page.click(".reader .back");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 4);
    return view;
  };
  const first = await readerOf(records[0]);
  assert.equal(first.title, records[0].title);
  for (const field of ["author", "source", "category"]) assert.ok(first.meta.includes(records[0][field]), field);
  // No address but http(s) is a link: javascript:, data:, and javascript: behind a space and capitals.
  for (const r of [records[0], records[1], records[3]]) {
    const view = r === records[0] ? first : await readerOf(r);
    assert.deepEqual(view.links.filter(([href]) => !href.startsWith("#")), [], `${r.url} is not a link`);
  }
  const web = await readerOf(records[2]);
  assert.deepEqual(web.links.filter(([href]) => !href.startsWith("#")),
    [[records[2].url, "noopener noreferrer nofollow", "_blank"]]);
  assert.equal(await created(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  await page.screenshot({ path: path.join(shots, "20-hostile-metadata.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("text contrast passes WCAG AA (4.5:1) in the light and dark themes", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const page = await browser.newPage({ colorScheme });
    await page.goto(base + "?q=dai%20hoi%20&f=place%3AL%E1%BA%A1ng%20S%C6%A1n");
    await page.waitForSelector(".hit");
    const ratios = await page.evaluate(() => {
      const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
        }
        return rgb(getComputedStyle(document.documentElement).backgroundColor || "rgb(255,255,255)");
      };
      const out = {};
      for (const sel of ["body", ".hint", ".count", ".hit-title", ".hit-meta", ".snippet", "mark", ".hit-id", ".chip", ".facet h3", ".facet-value"]) {
        const el = document.querySelector(sel);
        if (!el) continue;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
        out[sel] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      }
      return out;
    });
    assert.ok(Object.keys(ratios).length >= 10, JSON.stringify(ratios));
    for (const [sel, r] of Object.entries(ratios)) assert.ok(r >= 4.5, `${colorScheme} ${sel}: ${r.toFixed(2)}:1`);
    await page.screenshot({ path: path.join(shots, `09-${colorScheme}.png`) });
    await page.close();
  }
});

/** A page of the given size, with console errors collected. */
/** Holds `page`'s requests whose address matches `pattern` until the returned
 *  function is called: a file slow to come, as long as a test wants. */
async function holdRequests(page, pattern) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(pattern, async (r) => { await held; await r.continue().catch(() => {}); });
  return release;
}

async function sizedPage(width, height, options = {}) {
  const page = await browser.newPage({ viewport: { width, height }, ...options });
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  return { page, problems };
}

/** The box of the first element matching `selector`, and the viewport's size. */
const boxOf = (page, selector) => page.evaluate((s) => {
  const r = document.querySelector(s)?.getBoundingClientRect();
  return r && { top: r.top, bottom: r.bottom, left: r.left, width: r.width, vw: innerWidth, vh: innerHeight };
}, selector);

test("the reader takes the main column, at 1280 and at 360 px", async () => {
  for (const [width, height] of [[1280, 860], [360, 740]]) {
    const { page, problems } = await sizedPage(width, height);
    await page.goto(base + "?q=dai%20hoi%20");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
    await page.click(".hit-title >> nth=0");
    await page.waitForSelector(".reader .body mark");
    const box = await boxOf(page, ".reader");
    // 60% of a wide window; on a phone all of it but the page's padding (1 rem a side).
    const least = width >= 800 ? 0.6 * width : 0.9 * (width - 32);
    assert.ok(box.width >= least, `at ${width} px the reader is ${box.width} px wide (at least ${least})`);
    const title = await boxOf(page, ".reader h1");
    assert.ok(title.width >= least - 1, `at ${width} px the title is ${title.width} px wide`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `at ${width} px the page is ${overflow}px wider than the screen`);
    await page.screenshot({ path: path.join(shots, `10-reader-${width}.png`) });
    assert.deepEqual(problems, []);
    await page.close();
  }
});

/** Types `query` into the box and checks the first result is on the first screen. */
async function typeAndSeeFirstResult(page, query, label) {
  await page.click("input#q");
  await page.fill("input#q", "");
  await page.keyboard.type(query, { delay: 20 });
  await page.waitForFunction((q) => document.querySelector(".results")?.dataset.query === q
    && document.querySelectorAll(".hit").length > 0, query);
  await firstResultOnScreen(page, label);
}

async function firstResultOnScreen(page, label) {
  const hit = await boxOf(page, ".hit .hit-title");
  assert.ok(hit.top >= 0 && hit.bottom <= hit.vh,
    `${label}: the first result's title is at ${hit.top}–${hit.bottom} px, the screen is ${hit.vh} px high`);
}

/** On a phone the facets are a drawer: a button opens it over the page; its close
 * button, Esc and a click on the backdrop close it; focus goes in and comes back. */
async function checkFacetDrawer(page, label) {
  const toggle = page.locator("button.facets-toggle");
  const drawer = page.locator("#facet-drawer");
  assert.equal(await toggle.getAttribute("aria-expanded"), "false", `${label}: the drawer starts closed`);
  assert.equal(await toggle.getAttribute("aria-controls"), "facet-drawer");
  assert.equal(await page.locator(".facet-value").first().isVisible(), false, `${label}: no facet value shows`);
  const open = async () => {
    await toggle.click();
    await drawer.waitFor({ state: "visible" });
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.equal(await drawer.getAttribute("aria-modal"), "true");
    assert.equal(await drawer.evaluate((d) => d.matches(":modal")), true, `${label}: the drawer is modal`);
    assert.ok(await drawer.evaluate((d) => d.contains(document.activeElement)), `${label}: focus moves into the drawer`);
  };
  const closed = async (how) => {
    await drawer.waitFor({ state: "hidden" });
    // The attribute follows on the next render.
    await page.waitForFunction(() => document.querySelector(".facets-toggle").getAttribute("aria-expanded") === "false",
      null, { timeout: 2000 }).catch(() => assert.fail(`${label}: aria-expanded stays "true" after ${how}`));
    assert.equal(await drawer.getAttribute("aria-modal"), null);
    assert.ok(await toggle.evaluate((t) => t === document.activeElement), `${label}: focus returns after ${how}`);
  };
  await open();
  // Over the page, not in its flow: the results stay where they were.
  const panel = await boxOf(page, "#facet-drawer");
  assert.ok(panel.top <= 0 && panel.vh - panel.bottom <= 1 && panel.width < panel.vw, JSON.stringify(panel));
  await page.screenshot({ path: path.join(shots, `${label}-drawer.png`) });
  // A value chosen in the drawer filters the results behind it.
  const hits = await page.locator(".hit").count();
  await drawer.locator(".facet-value").first().click();
  await page.waitForFunction((n) => document.querySelectorAll(".hit").length < n || document.querySelectorAll(".chip").length === 1, hits);
  assert.ok(await drawer.isVisible(), `${label}: the drawer stays open while filtering`);
  assert.ok(await page.evaluate(() => document.activeElement.matches("#facet-drawer .facet-value[aria-pressed=true]")),
    `${label}: the focus stays on the value chosen`);
  await page.keyboard.press("Escape");
  await closed("Esc");
  await open();
  await drawer.locator(".drawer-close").click();
  await closed("the close button");
  await open();
  // The backdrop: right of the panel.
  await page.mouse.click(panel.vw - 8, panel.vh / 2);
  await closed("a click on the backdrop");
  await page.click(".clear");
  await page.waitForFunction(() => document.querySelectorAll(".chip").length === 0);
}

test("on a phone the first result is on the first screen and the facets are a drawer: fresh, and after narrowing", async () => {
  // Opened at phone width.
  const { page, problems } = await sizedPage(360, 740);
  await page.goto(base);
  await page.waitForSelector(READY);
  await typeAndSeeFirstResult(page, "dai hoi ", "fresh at 360 px");
  await page.screenshot({ path: path.join(shots, "11-phone-fresh.png") });
  await checkFacetDrawer(page, "11-phone-fresh");
  assert.deepEqual(problems, []);
  await page.close();

  // Opened wide (the facets beside the results), then narrowed: rotation, split screen.
  const { page: wide, problems: wideProblems } = await sizedPage(1280, 860);
  await wide.goto(base + "?q=kim%20son%20");
  await wide.waitForFunction(() => document.querySelectorAll(".hit").length === 1);
  assert.equal(await wide.locator(".facet-value").first().isVisible(), true, "wide: the facets show beside the results");
  assert.equal(await wide.locator("button.facets-toggle").count(), 0, "wide: no drawer button");
  await wide.setViewportSize({ width: 360, height: 740 });
  // Already before the next query: the results a rotated phone shows.
  await wide.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await firstResultOnScreen(wide, "just narrowed from 1280 px");
  await typeAndSeeFirstResult(wide, "dai hoi ", "narrowed from 1280 px");
  await wide.screenshot({ path: path.join(shots, "12-phone-narrowed.png") });
  await checkFacetDrawer(wide, "12-phone-narrowed");
  // Open on a phone, widened, then narrowed again: closed again.
  await wide.click("button.facets-toggle");
  await wide.locator("#facet-drawer").waitFor({ state: "visible" });
  await wide.setViewportSize({ width: 1280, height: 860 });
  await wide.waitForFunction(() => document.querySelector(".facets-toggle") === null);
  assert.equal(await wide.locator(".facet-value").first().isVisible(), true, "widened: the facets show beside the results");
  await wide.setViewportSize({ width: 360, height: 740 });
  await wide.waitForSelector("button.facets-toggle");
  assert.equal(await wide.getAttribute("button.facets-toggle", "aria-expanded"), "false", "narrowed again: closed");
  assert.equal(await wide.locator("#facet-drawer").isVisible(), false);
  await typeAndSeeFirstResult(wide, "kim son ", "narrowed again");
  assert.deepEqual(wideProblems, []);
  await wide.close();
});

test("the reader's match counts agree with each other and with its marks", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  for (const query of ["dai hoi ", "kim son ", "dang bo "]) {
    await page.goto(base + "?q=" + encodeURIComponent(query));
    await page.waitForSelector(".hit");
    const n = await page.locator(".hit").count();
    for (let i = 0; i < n; i++) {
      await page.click(`.hit-title >> nth=${i}`);
      await page.waitForSelector(".reader .match-count");
      const nav = await page.textContent(".reader .match-count");
      const header = await page.textContent(".reader .meta");
      const marks = await page.locator(".reader mark").count();
      const ofNav = Number(nav.match(/\/\s*(\d+)\s*$/)?.[1]);
      const ofHeader = Number(header.match(/(\d+)\D*$/)?.[1]);
      const what = `"${query}" ${page.url()}: nav "${nav}", header "${header}", ${marks} marks`;
      assert.ok(marks > 0, what);
      assert.equal(ofNav, ofHeader, what);
      assert.equal(ofNav, marks, what);
      assert.equal(await page.locator(".reader mark.current").count(), 1, what);
      await page.click(".reader .back");
      await page.waitForSelector(".hit");
    }
  }
  // Next visits every mark once, in document order, and wraps to the first.
  await page.goto(base + "?q=dai%20hoi%20");
  await page.click(".hit-title >> nth=0");
  await page.waitForSelector(".reader .match-count");
  const marks = await page.locator(".reader mark").count();
  const currentAt = () => page.evaluate(() => [...document.querySelectorAll(".reader mark")].findIndex((m) => m.classList.contains("current")));
  for (let i = 0; i < marks; i++) {
    assert.equal(await currentAt(), i);
    assert.match(await page.textContent(".reader .match-count"), new RegExp(` ${i + 1} / ${marks}$`));
    await page.click(".match-nav button >> nth=1");
  }
  assert.equal(await currentAt(), 0, "wrapped to the first");
  assert.deepEqual(problems, []);
  await page.close();
});

/** axe-core's serious and critical violations on the page, as lines to read. */
async function axeViolations(page, screen) {
  await page.addScriptTag({ path: path.join(root, "scripts/node_modules/axe-core/axe.min.js") });
  const { violations } = await page.evaluate(() => window.axe.run());
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(", ")}`);
}

test("axe-core finds nothing serious or critical on any screen", async (t) => {
  const found = [];
  const check = async (page, screen) => {
    const v = await axeViolations(page, screen);
    t.diagnostic(`${screen}: ${v.length} serious or critical`);
    found.push(...v);
  };
  for (const colorScheme of ["light", "dark"]) {
    // bypassCSP: axe is injected as a script of the test's own.
    const { page } = await sizedPage(1280, 860, { colorScheme, bypassCSP: true });
    await page.goto(base);
    await page.waitForSelector(".overview");
    await check(page, `overview (${colorScheme})`);
    await page.fill("input#q", "dai hoi ");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
    await page.click(".facet .facet-value:has-text('Lạng Sơn')");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 1 && document.querySelector(".chip"));
    await check(page, `results, filtered (${colorScheme})`);
    await page.click(".hit-title");
    await page.waitForSelector(".reader .match-count");
    await page.click(".match-nav button >> nth=1");
    await check(page, `reader (${colorScheme})`);
    await page.close();
  }
  const { page: phone } = await sizedPage(360, 740, { bypassCSP: true });
  await phone.goto(base + "?q=dai%20hoi%20");
  await phone.waitForFunction(() => document.querySelectorAll(".hit").length === 5);
  await check(phone, "results (phone)");
  await phone.click("button.facets-toggle");
  await phone.locator("#facet-drawer").waitFor({ state: "visible" });
  await check(phone, "facet drawer (phone)");
  await phone.close();
  const { page: missing } = await sizedPage(1280, 860, { bypassCSP: true });
  await missing.route(/manifest\.json$/, (r) => r.fulfill({ status: 404, body: "nope" }));
  await missing.goto(base);
  await missing.waitForSelector(".status.error");
  await check(missing, "missing index");
  await missing.close();
  const { page: loading } = await sizedPage(1280, 860, { bypassCSP: true });
  const release = await holdRequests(loading, /manifest\.json$/);
  await loading.goto(base);
  await loading.waitForSelector(".status.loading");
  await check(loading, "loading");
  release();
  await loading.close();
  // The screens of a larger site: the overview's timeline and lists, a facet with
  // all its values and its find box, pages of results, the date range handles.
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await sizedPage(1280, 860, { colorScheme, bypassCSP: true });
    await page.goto(scaleBase);
    await page.waitForSelector(".overview .timeline");
    await check(page, `overview at scale (${colorScheme})`);
    await page.goto(scaleBase + "?q=hop%20tac%20xa%20&from=2019-04&to=2020-06");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 20);
    await page.click(".facet-more[aria-controls=panel-place-values]");
    await page.fill("input.facet-find[aria-controls=panel-person-values]", "zzz");
    await page.waitForSelector("#panel-person-values ~ .facet-note");
    await page.click(".show-more");
    await page.waitForFunction(() => document.querySelectorAll(".hit").length === 40);
    await check(page, `results at scale: all values, a find, two pages, a date range (${colorScheme})`);
    await page.close();
  }
  const { page: scalePhone } = await sizedPage(360, 740, { bypassCSP: true });
  await scalePhone.goto(scaleBase + "?q=hop%20tac%20xa%20");
  await scalePhone.waitForFunction(() => document.querySelectorAll(".hit").length === 20);
  await check(scalePhone, "results at scale (phone)");
  await scalePhone.click("button.facets-toggle");
  await scalePhone.locator("#facet-drawer").waitFor({ state: "visible" });
  await scalePhone.click("#facet-drawer .facet-more[aria-controls=panel-place-values]");
  await check(scalePhone, "facet drawer at scale (phone)");
  await scalePhone.close();
  // Loading, taken long.
  const { page: slow } = await sizedPage(1280, 860, { bypassCSP: true });
  await slow.clock.install();
  let releaseSlow;
  const heldSlow = new Promise((resolve) => { releaseSlow = resolve; });
  await slow.route(/manifest\.json$/, async (r) => { await heldSlow; await r.continue().catch(() => {}); });
  await slow.goto(scaleBase);
  await slow.waitForSelector(".status.loading");
  await slow.clock.runFor(9000);
  await slow.locator(".slow-load").waitFor();
  assert.match(await slow.textContent(".slow-load"), /Nothing has arrived/);
  await check(slow, "loading, taking long");
  releaseSlow();
  await slow.close();
  assert.deepEqual(found, []);
});

test("a site rebuilt while a reader has it open says to reload, and never answers from two builds", async () => {
  // A copy of the site, so that the other tests keep theirs.
  const copy = path.join(served, "site-rebuilt");
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(site, copy, { recursive: true });
  const corpus = fs.mkdtempSync(path.join(root, "target", "corpus-rebuilt-"));
  fs.cpSync(path.join(root, "corpus/demo"), corpus, { recursive: true });
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`http://127.0.0.1:${new URL(base).port}/site-rebuilt/`);
  await page.waitForSelector(READY);
  // The root of the old build is loaded; no postings shard yet. Now the site is
  // rebuilt with changed articles: the old shard and text files are gone.
  const first = fs.readdirSync(corpus).sort()[0];
  fs.appendFileSync(path.join(corpus, first), "\nMột đoạn mới về hợp tác xã nông nghiệp.\n");
  execFileSync(path.join(root, "target/release/soi"), ["build", corpus, "--out", path.join(copy, "index"), "--quiet"]);
  await page.fill("input#q", "dai hoi ");
  const error = page.locator(".status.error");
  await error.waitFor();
  assert.match(await error.textContent(), /updated while the page was open: reload the page/);
  assert.equal(await page.locator(".hit").count(), 0, "no answer from a mix of builds");
  // After a reload, the new build answers, including the new text.
  await page.reload();
  await page.waitForSelector(READY);
  await page.fill("input#q", "hop tac xa ");
  await page.locator(".hit").first().waitFor();
  assert.equal(await page.locator(".status.error").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(corpus, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// At scale (the scale site): facets, pages of results, first load, overview, dates.

/** The values listed in a facet group, as [value, count]. */
const listed = (page, list) => page.locator(`#${list} .facet-value`).evaluateAll((buttons) =>
  buttons.map((b) => [b.querySelector(".value").textContent, Number(b.querySelector(".n").textContent.replace(/\D/g, ""))]));

test("a facet lists its top values, shows the rest on demand, and finds a value typed without tones", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  await page.goto(scaleBase + "?q=hop%20tac%20xa%20");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 20);
  const places = "panel-place-values";
  assert.equal((await listed(page, places)).length, 8, "the top 8 places");
  const more = page.locator(`.facet-more[aria-controls=${places}]`);
  assert.equal(await more.textContent(), "Show all 50");
  assert.equal(await more.getAttribute("aria-expanded"), "false");
  await more.click();
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .facet-value`).length === 50, places);
  assert.equal(await more.getAttribute("aria-expanded"), "true");
  assert.ok(await more.evaluate((b) => b === document.activeElement), "the focus stays on the control");
  assert.match(await page.locator(`#${places} ~ .facet-note`).textContent(), /Only the 50 most frequent are listed/);
  const all = await listed(page, places);
  assert.deepEqual(all.slice(0, 12).map(([v]) => v).sort(), [...OFTEN].sort(), "the places named often come first");
  // The viewport, not the full page: a full-page screenshot here leaves the next
  // waitForFunction hanging in this headless Chromium.
  await page.locator(`#${places} .facet-value >> nth=12`).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, "13-facet-all-values.png") });
  await more.click();
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .facet-value`).length === 8, places);

  // Typed without tones: the box finds Kim Sơn; the arrows stay in the box.
  const find = page.locator(`input.facet-find[aria-controls=${places}]`);
  assert.equal(await find.getAttribute("aria-label"), "Find in Place");
  await find.click();
  await page.keyboard.type("kim son", { delay: 20 });
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .facet-value`).length === 1, places);
  assert.deepEqual((await listed(page, places)).map(([v]) => v), ["Kim Sơn"]);
  await page.keyboard.press("ArrowDown");
  assert.ok(await find.evaluate((f) => f === document.activeElement), "ArrowDown in the find box stays there");
  await page.screenshot({ path: path.join(shots, "14-facet-find.png") });
  // Enter takes it: the results are filtered, the value pressed, the focus kept.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".chip")?.textContent === "Place: Kim Sơn ×");
  const expected = await page.evaluate(() => window.soi.search("hop tac xa ", { limit: 1, filters: { place: ["Kim Sơn"] } }));
  await page.waitForFunction((n) => document.querySelector(".count")?.textContent.startsWith(`${n} `), expected.total);
  assert.equal(await page.locator(`#${places} .facet-value[aria-pressed=true] .value`).textContent(), "Kim Sơn");
  assert.ok(await find.evaluate((f) => f === document.activeElement), "the focus stays in the find box");
  assert.ok(decodeURIComponent(page.url()).includes("f=place:Kim+Sơn"), page.url());
  // A value beyond the 50 the answer lists (each "Xã số N" is named once) is
  // found too: the find box asks the search worker.
  const top = (await listed(page, places)).map(([v]) => v);
  assert.ok(!top.includes("Xã số 123"));
  await find.fill("xa so 123");
  await page.waitForFunction((id) => [...document.querySelectorAll(`#${id} .facet-value .value`)]
    .map((e) => e.textContent).join("|") === "Xã số 123", places);
  await page.locator(`#${places} .facet-value`).first().click();
  await page.waitForFunction(() => [...document.querySelectorAll(".chip")].some((c) => c.textContent === "Place: Xã số 123 ×"));
  // The chip comes with the click; the list is drawn again with the answer the
  // filter asks for, so its pressed value is waited for, not read at once.
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .facet-value[aria-pressed=true]`).length === 1, places)
    .catch(() => {});
  assert.equal(await page.locator(`#${places} .facet-value[aria-pressed=true]`).count(), 1, "shown pressed while found");
  assert.equal(await page.locator(`#${places} .facet-value[aria-pressed=true] .value`).textContent(), "Xã số 123");
  // Nothing found: said so.
  await find.fill("sai gon");
  await page.waitForFunction((id) => document.querySelectorAll(`#${id} .facet-value`).length === 0, places);
  assert.match(await page.locator(`#${places} ~ .facet-note`).first().textContent(), /Nothing matches “sai gon”/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the result list is a page: show more asks for the next one, the total stays exact, the focus moves to the new hits", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  // Every page the app asks its worker for (offset, limit), past the first.
  await page.addInitScript(() => {
    window.__pages = [];
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (m, ...rest) {
      if (m?.kind === "search" && m.options?.offset > 0) window.__pages.push([m.options.offset, m.options.limit]);
      return post.call(this, m, ...rest);
    };
  });
  await page.goto(scaleBase + "?q=hop%20tac%20xa%20");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 20);
  const q = "hop tac xa ";
  const every = await page.evaluate((q) => window.soi.search(q, { limit: 1000 }), q);
  assert.equal(every.total, SCALE_N);
  assert.match(await page.textContent(".count"), new RegExp(`^${SCALE_N} results`));
  assert.equal(await page.textContent(".shown-count"), `Showing 20 of ${SCALE_N} results`);
  // From the keyboard: the button, Enter.
  await page.focus(".show-more");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 40);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll(".hit-title")].indexOf(document.activeElement)), 20,
    "the focus is on the first new hit");
  const box = await boxOf(page, ":focus");
  assert.ok(box.top >= 0 && box.bottom <= box.vh, `the focused hit is on the screen: ${JSON.stringify(box)}`);
  assert.equal(await page.textContent(".shown-count"), `Showing 40 of ${SCALE_N} results`);
  assert.match(await page.textContent(".count"), new RegExp(`^${SCALE_N} results`), "the total stays exact");
  await page.screenshot({ path: path.join(shots, "15-show-more.png") });
  // The reader and back: the pages shown stay shown.
  await page.click(".hit-title >> nth=30");
  await page.waitForSelector(".reader");
  await page.click(".reader .back");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 40);
  assert.equal(await page.evaluate(() => [...document.querySelectorAll(".hit-title")].indexOf(document.activeElement)), 30,
    "back from the reader, the hit read has the focus");
  const read = await boxOf(page, ":focus");
  assert.ok(read.top >= 0 && read.bottom <= read.vh, `the hit read is on the screen: ${JSON.stringify(read)}`);
  // To the end: every article once, in the order one big answer lists them.
  while (await page.locator(".show-more").count()) {
    const n = await page.locator(".hit").count();
    await page.click(".show-more");
    await page.waitForFunction((n) => document.querySelectorAll(".hit").length > n, n);
  }
  assert.deepEqual(await page.locator(".hit-id").allTextContents(), every.hits.map((h) => h.id));
  assert.equal(await page.locator(".shown-count").count(), 0);
  // Each "show more" asked the worker for the next page only, from where the list ended.
  const pages = await page.evaluate(() => window.__pages);
  assert.deepEqual(pages, Array.from({ length: Math.ceil(SCALE_N / 20) - 1 }, (_, i) => [20 * (i + 1), 20]), JSON.stringify(pages));
  // A new query starts at one page again.
  await page.fill("input#q", "hop tac xa nong ");
  await page.waitForFunction(() => document.querySelector(".results")?.dataset.query === "hop tac xa nong "
    && document.querySelectorAll(".hit").length === 20);
  assert.deepEqual(problems, []);
  await page.close();
});

test("before the app has started, the page says it is loading: never a blank page", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  const release = await holdRequests(page, /\/soi-web-\w+_bg\.wasm$/);
  await page.goto(base);
  const boot = page.locator("#app .status.boot");
  await boot.waitFor();
  assert.match(await boot.textContent(), /Đang tải Soi… · Loading Soi…/);
  assert.equal(await boot.getAttribute("role"), "status");
  assert.ok(await boot.isVisible());
  release();
  await page.waitForSelector(READY);
  assert.equal(await page.locator(".status.boot").count(), 0, "the app took its place");
  assert.deepEqual(problems, []);
  await page.close();
});

test("first load: a progress bar while the root of the index loads, and a sentence when it takes long", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  // The page's clock is the test's: eight seconds pass when the test says so.
  await page.clock.install();
  // The worker is ready with the dictionary and the terms file (the document
  // table comes meanwhile, for the first search): the terms file is held.
  const release = await holdRequests(page, /\/index\/terms\.\w+\.bin$/);
  await page.goto(scaleBase);
  // The manifest and the dictionary are in: the bar shows how much.
  const bar = page.locator("progress.load-progress");
  // Polled from here: the page's timers (and frames) are the faked clock's.
  for (let i = 0; !(Number(await bar.getAttribute("value").catch(() => null)) > 0); i++) {
    assert.ok(i < 200, "the progress bar shows bytes fetched");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const [value, max] = [Number(await bar.getAttribute("value")), Number(await bar.getAttribute("max"))];
  assert.ok(value > 0 && value < max, `${value} of ${max}`);
  assert.equal(await bar.getAttribute("aria-label"), "Loading the search index");
  assert.match(await bar.getAttribute("aria-valuetext"), /^\d+ KiB \/ \d+ KiB$/);
  assert.match(await page.textContent(".status.loading"), /Loading the index… \d+ KiB \/ \d+ KiB/);
  assert.equal(await page.locator(".slow-load").count(), 0);
  await page.clock.runFor(9000);
  await page.locator(".slow-load").waitFor();
  assert.match(await page.textContent(".slow-load"), /taking longer than usual/);
  await page.screenshot({ path: path.join(shots, "16-slow-load.png") });
  release();
  await page.clock.resume();
  await page.waitForSelector(READY);
  await page.waitForSelector(".overview");
  assert.equal(await page.locator(".loading-index").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("typing while the index loads loses nothing: the query is searched once it is ready", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  // The worker is ready with the dictionary and the terms file: the terms file is held.
  const release = await holdRequests(page, /\/index\/terms\.\w+\.bin$/);
  await page.goto(base);
  await page.waitForSelector(".loading-index");
  // The box has the focus (autofocus) and takes the keys while the index loads.
  await page.waitForFunction(() => document.activeElement?.id === "q");
  await page.keyboard.type("dai hoi ");
  assert.equal(await page.inputValue("input#q"), "dai hoi ");
  assert.equal(await page.locator(".loading-index").count(), 1, "still loading");
  release();
  await page.waitForFunction(() => document.querySelectorAll(".hit").length > 0);
  assert.equal(await page.inputValue("input#q"), "dai hoi ");
  const expected = await page.evaluate(async () => (await window.soi.search("dai hoi ", { limit: 20 })).hits.map((h) => h.id));
  const shown = await page.locator(".hit").count();
  assert.equal(shown, expected.length, "the typed query's results");
  // A link to an article opens the reader with the focus left on the page, not
  // in the box: Space and the arrow keys scroll the article.
  await page.goto(`${base}?doc=${encodeURIComponent(expected[0])}`);
  await page.waitForSelector(".reader");
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), "q");
  await page.keyboard.press("Space");
  assert.equal(await page.inputValue("input#q"), "", "a key meant for the reader is not typed");
  assert.equal(await page.locator(".reader").count(), 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a document table slow to come: the search box opens, the page says it is searching, then why it takes long", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  await page.clock.install();
  const release = await holdRequests(page, /\/index\/docs\.\w+\.bin$/);
  await page.goto(scaleBase);
  // Ready with the dictionary and the terms file: typing is possible at once.
  for (let i = 0; !(await page.locator(READY).count()); i++) {
    assert.ok(i < 400, "the search box opens without the document table");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await page.textContent(".searching .status"), "Searching…");
  assert.equal(await page.locator(".slow-load").count(), 0);
  await page.clock.runFor(9000);
  await page.locator(".searching .slow-load").waitFor();
  assert.match(await page.textContent(".slow-load"), /Results show as soon as the rest of the index has loaded/);
  release();
  await page.clock.resume();
  await page.waitForSelector(".overview");
  assert.equal(await page.locator(".searching").count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the overview at scale: the values named most lead, a timeline of articles per month, each a way in", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  await page.goto(scaleBase);
  await page.waitForSelector(".overview .timeline");
  assert.equal(await page.textContent(".overview .big"), `${SCALE_N} articles`);
  assert.deepEqual(await page.locator(".overview .facet h3").allTextContents(),
    ["Most frequent places", "Most frequent people", "Most frequent sources", "Most cited documents"]);
  for (const facet of ["place", "person", "source", "doc_ref"]) {
    const values = await listed(page, `overview-${facet}-values`);
    assert.ok(values.length > 0, `${facet}: something leads`);
    assert.ok(values.every(([, n]) => n >= 2), `${facet}: no value named once leads: ${JSON.stringify(values)}`);
  }
  assert.deepEqual((await listed(page, "overview-person-values")).map(([v]) => v), ["Nguyễn Văn An", "Trần Thị Bình"]);
  assert.deepEqual((await listed(page, "overview-doc_ref-values")).map(([v]) => v), ["Chỉ thị 35-CT/TW", "Nghị quyết 18-NQ/TW"]);
  // The timeline: 36 months, one keyboard stop.
  assert.equal(await page.locator(".overview .bar").count(), 36);
  assert.equal(await page.locator(".overview .bar[tabindex='0']").count(), 1);
  await page.screenshot({ path: path.join(shots, "17-overview-at-scale.png"), fullPage: true });

  // A place is a way in.
  await page.click("#overview-place-values .facet-value:has(.value:text-is('Kim Sơn'))");
  await page.waitForFunction(() => document.querySelector(".chip")?.textContent === "Place: Kim Sơn ×");
  await page.waitForSelector(".hit");
  await page.goBack();
  await page.waitForSelector(".overview .timeline");
  // A month is one too, from the keyboard: the arrows along the bars, Enter.
  await page.focus(".overview .bar[tabindex='0']");
  assert.match(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), /^2021-12: /);
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowRight");
  assert.match(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), /^2019-02: \d+ articles$/);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.search.includes("from=2019-02") && location.search.includes("to=2019-02"));
  const expected = await page.evaluate(() => window.soi.search("", { limit: 1, from: "2019-02", to: "2019-02" }));
  await page.waitForFunction((n) => document.querySelector(".count")?.textContent.startsWith(`${n} `), expected.total);
  assert.deepEqual(problems, []);
  await page.close();

  // On a phone: no sideways scrolling, the timeline scrolls inside itself.
  const { page: phone, problems: phoneProblems } = await sizedPage(360, 740);
  await phone.goto(scaleBase);
  await phone.waitForSelector(".overview .timeline");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the overview is ${overflow}px wider than the screen`);
  await phone.screenshot({ path: path.join(shots, "18-overview-phone.png"), fullPage: true });
  assert.deepEqual(phoneProblems, []);
  await phone.close();
});

test("the date facet takes a range of months from two handles, by keyboard and by pointer", async () => {
  const { page, problems } = await sizedPage(1280, 860);
  await page.goto(scaleBase + "?q=hop%20tac%20xa%20");
  await page.waitForFunction(() => document.querySelectorAll(".hit").length === 20);
  const [from, to] = [page.locator(".facets .month-range input >> nth=0"), page.locator(".facets .month-range input >> nth=1")];
  assert.equal(await from.getAttribute("aria-valuetext"), "2019-01");
  assert.equal(await to.getAttribute("aria-valuetext"), "2021-12");
  const total = (options) => page.evaluate((o) => window.soi.search("hop tac xa ", { limit: 1, ...o }).then((r) => r.total), options);
  const showing = (n) => page.waitForFunction((n) => document.querySelector(".count")?.textContent.startsWith(`${n} `), n);
  // The keyboard: each step filters.
  await from.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("from") === "2019-04");
  assert.equal(await from.getAttribute("aria-valuetext"), "2019-04");
  assert.ok(await from.evaluate((f) => f === document.activeElement), "the handle keeps the focus");
  await showing(await total({ from: "2019-04" }));
  await to.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("to") === "2021-10");
  await showing(await total({ from: "2019-04", to: "2021-10" }));
  assert.equal(await page.textContent(".chip"), "Dates: 2019-04 – 2021-10 ×");
  assert.equal(await page.locator(".facets .bar[aria-pressed=true]").count(), 31);
  // Home on "to" stops at "from": a handle cannot pass the other.
  await page.keyboard.press("Home");
  await page.waitForFunction(() => new URLSearchParams(location.search).get("to") === "2019-04");
  assert.equal(await page.locator(".facets .bar[aria-pressed=true]").count(), 1);
  // The pointer: drag "to" to the far right, the whole rest of the range.
  const b = await to.boundingBox();
  await page.mouse.move(b.x + 4, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 20, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => !new URLSearchParams(location.search).has("to"));
  await showing(await total({ from: "2019-04" }));
  await page.screenshot({ path: path.join(shots, "19-date-range.png") });
  assert.deepEqual(problems, []);
  await page.close();
});
