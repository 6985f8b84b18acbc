// Times ways of unpacking gzip with the browser's DecompressionStream in headless
// Chromium (the worker's `gunzip` in crates/web/src/worker/engine.rs uses the
// fastest): piped from a Blob, written through the stream's writer, read back
// with a reader, or piped from a Response body. Members of 1.8 KB and 5.8 KB,
// one after another and side by side; best of 4 rounds. Asserts nothing.
//
//   node tests/e2e/gunzip-ways.mjs
import { launchChromium } from "./support.mjs";
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto("about:blank");
const r = await page.evaluate(async () => {
  const rnd = (n) => { const a = new Uint8Array(n); let x = 7; for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) >>> 0; a[i] = 97 + ((x >>> 16) % 20); } return a; };
  const gz = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
  const viaBlob = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  const viaWriter = async (bytes) => { const ds = new DecompressionStream("gzip"); const w = ds.writable.getWriter(); w.write(bytes); w.close(); return new Uint8Array(await new Response(ds.readable).arrayBuffer()); };
  const viaReader = async (bytes) => { const ds = new DecompressionStream("gzip"); const w = ds.writable.getWriter(); w.write(bytes); w.close(); const rd = ds.readable.getReader(); const parts = []; let len = 0; for (;;) { const { done, value } = await rd.read(); if (done) break; parts.push(value); len += value.length; } const out = new Uint8Array(len); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; };
  const viaResp = async (bytes) => new Uint8Array(await new Response(new Response(bytes).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  const small = await gz(rnd(3000));
  const big = await gz(rnd(200000));
  const out = {};
  for (const [fname, f] of [["blob", viaBlob], ["writer", viaWriter], ["reader", viaReader], ["resp", viaResp]]) {
    for (const [name, data, n] of [["small", small, 20], ["big", big, 4]]) {
      let best = [1e9, 1e9];
      for (let round = 0; round < 4; round++) {
        let t = performance.now();
        for (let i = 0; i < n; i++) await f(data);
        const seq = performance.now() - t;
        t = performance.now();
        await Promise.all(Array.from({ length: n }, () => f(data)));
        const par = performance.now() - t;
        best = [Math.min(best[0], seq), Math.min(best[1], par)];
      }
      out[`${fname} ${name} x${n} (${data.length} B)`] = `seq ${best[0].toFixed(1)} ms, par ${best[1].toFixed(1)} ms`;
    }
  }
  return out;
});
console.log(r);
await browser.close();
