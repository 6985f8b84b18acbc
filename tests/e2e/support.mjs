// What the end-to-end test and the browser benchmark share: a static file server
// on 127.0.0.1 and a headless Debian Chromium (never a downloaded browser).
import http from "node:http";
import http2 from "node:http2";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import zlib from "node:zlib";
import { pipeline } from "node:stream";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// playwright-core is installed in scripts/node_modules by scripts/setup.sh.
const { chromium } = createRequire(path.join(root, "scripts/package.json"))("playwright-core");

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm",
  ".css": "text/css", ".json": "application/json", ".bin": "application/octet-stream" };

/** Text-like files a static host compresses on the way (`serve(dir, { gzip: true })`). */
const COMPRESSED = new Set([".html", ".js", ".wasm", ".css", ".json"]);

/** HTTP/2 instead of HTTP/1.1 when the environment says H2=1 (the A/B tools and
 *  the bench's network rows): most static hosts speak HTTP/2, where a page's
 *  requests share one connection, and HTTP/1.1's six connections a host, which
 *  send ten text slots in two waves, are not the limit. HTTP/2 needs TLS in a
 *  browser: a throwaway certificate for 127.0.0.1 (made with openssl, kept in
 *  target/), which Chromium is told to accept. */
const H2 = process.env.H2 === "1";

/** The address of the site served on `port` by `serve` with the environment's protocol. */
export const siteUrl = (port, h2 = H2) => `${h2 ? "https" : "http"}://127.0.0.1:${port}/`;

function loopbackCertificate() {
  const dir = path.join(root, "target/e2e-tls");
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  if (!fs.existsSync(cert)) {
    // Made in a folder of this process's own, then moved in whole: two tools
    // starting at once never pair one's key with the other's certificate.
    const own = `${dir}.${process.pid}`;
    fs.mkdirSync(own, { recursive: true });
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", path.join(own, "key.pem"), "-out", path.join(own, "cert.pem"), "-days", "30", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    try {
      fs.renameSync(own, dir);
    } catch {
      fs.rmSync(own, { recursive: true, force: true }); // another tool's came first
    }
  }
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Serves `dir` on a free loopback port; resolves to { server, port, url }. Nothing
 *  outside `dir`. With `gzip`, whole responses of text-like files (and wasm) go gzipped
 *  to a client that accepts it, as static hosts send them; ranges and other files go as
 *  they are. Over HTTP/2 with `h2` (by default when H2 is set). */
export async function serve(dir, { gzip = false, h2 = H2 } = {}) {
  const packed = new Map();
  const handle = (req, res) => {
    let file = path.normalize(path.join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (file !== dir && !file.startsWith(dir + path.sep)) { res.writeHead(403).end(); return; }
    if (file.endsWith(path.sep) || file === dir) file = path.join(file, "index.html");
    // As static hosts do: a range is read from the file alone (the explorer reads
    // a shard or an article's text out of a large pack so), never the whole file.
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) { res.writeHead(404).end("not found"); return; }
      const type = { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "accept-ranges": "bytes" };
      const send = (status, headers, start, end) => {
        res.writeHead(status, { ...headers, "content-length": end - start });
        // A read error or a client gone ends the response and closes the file.
        if (end > start) pipeline(fs.createReadStream(file, { start, end: end - 1 }), res, () => {});
        else res.end();
      };
      // One byte range, as static hosts serve it; anything else gets the whole file.
      const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
      if (range) {
        const start = Number(range[1]);
        const end = Math.min(range[2] === "" ? stat.size : Number(range[2]) + 1, stat.size);
        if (start >= stat.size) {
          res.writeHead(416, { "content-range": `bytes */${stat.size}` }).end();
        } else if (end > start) {
          send(206, { ...type, "content-range": `bytes ${start}-${end - 1}/${stat.size}` }, start, end);
        } else {
          send(200, type, 0, stat.size);
        }
        return;
      }
      if (gzip && COMPRESSED.has(path.extname(file)) && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const key = `${file} ${stat.mtimeMs}`;
        if (!packed.has(key)) packed.set(key, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
        const body = packed.get(key);
        res.writeHead(200, { ...type, "content-encoding": "gzip", "content-length": body.length }).end(body);
        return;
      }
      send(200, type, 0, stat.size);
    });
  };
  const server = h2 ? http2.createSecureServer(loopbackCertificate(), handle) : http.createServer(handle);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const port = server.address().port;
  return { server, port, url: siteUrl(port, h2) };
}

/** Headless Chromium with the flags this machine needs (root, closed network). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
      // The loopback certificate of `serve` over HTTP/2.
      "--ignore-certificate-errors"],
  });
}

/** Serves `site`, opens it in a new page of `browser`, waits for its index, and
 *  runs `use(page)`; closes the page and the server afterwards, whatever happens.
 *  For the A/B scripts, which open two sites in turn. */
export async function withSite(browser, site, use) {
  const { server, port } = await serve(site);
  const page = await browser.newPage();
  try {
    await page.goto(siteUrl(port));
    await page.waitForFunction(() => window.soi !== undefined);
    await page.evaluate(() => window.soi.ready);
    return await use(page);
  } finally {
    await page.close();
    server.close();
  }
}

/**
 * A slower network for one page, when asked (`{ rtt, bps }`) or when the environment
 * asks for one: RTT (ms of latency added to each request) and BPS (bytes per second
 * each way, default 2 MB/s),
 * through Chromium's DevTools network emulation, which covers the page's workers.
 * Loopback hides what a round trip costs; the A/B tools take these to show it.
 */
export async function emulateNetwork(context, page, { rtt = process.env.RTT, bps = process.env.BPS ?? 2e6 } = {}) {
  if (!rtt) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: Number(rtt),
    downloadThroughput: Number(bps),
    uploadThroughput: Number(bps),
  });
}

/**
 * Opens a Soi site served on `port` in a fresh browser context (an empty cache,
 * the network `emulateNetwork` gives) and waits for its index. Resolves to
 * { context, page, t0, ready }: navigation's start (Date.now()) and ms from it
 * to the index being ready. The caller closes the context.
 */
export async function openSoiCold(browser, port) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await emulateNetwork(context, page);
  const t0 = Date.now();
  await page.goto(siteUrl(port));
  await page.waitForFunction(() => window.soi !== undefined);
  await page.evaluate(() => window.soi.ready);
  return { context, page, t0, ready: Date.now() - t0 };
}
