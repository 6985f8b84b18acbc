// Starts Soi's search worker (crates/web/src/bin/worker.rs). The UI creates it
// with `new Worker("soi-worker-start.js")` (crates/web/src/client.rs); beside this
// file Trunk puts wasm-bindgen's glue (soi-worker.js) and the wasm.
// A worker that cannot start says so in the protocol's words
// (crates/web/src/protocol.rs), so the page shows a message, not "loading" forever.

// The index's manifest, then its root files, are asked for now, while the wasm
// downloads and compiles, instead of after: the engine takes these responses
// (crates/web/src/worker/engine.rs, `Early`) and asks for the same files, the
// same way (the dictionary as the range 0-), only if one of these fetches
// failed. `root` waits for the manifest, so that no file is fetched twice.
(() => {
  const index = "index/"; // crates/web/src/worker/mod.rs: INDEX
  // A failed fetch is the engine's to report (it tries again itself), not the console's.
  const get = (name, init) => {
    const response = fetch(index + name, init);
    response.catch(() => {});
    return response;
  };
  const manifest = get("manifest.json");
  const root = manifest
    .then((response) => (response.ok ? response.clone().json() : null))
    .then((m) => {
      const f = m && m.files;
      // Plain names only (the engine checks the manifest again before using it).
      const plain = (e) => e && typeof e.path === "string" && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(e.path);
      if (!f || ![f.dict, f.terms, f.docs].every(plain)) return null;
      return {
        [f.dict.path]: get(f.dict.path, { headers: { Range: "bytes=0-" } }),
        [f.terms.path]: get(f.terms.path),
        [f.docs.path]: get(f.docs.path),
      };
    })
    .catch(() => null);
  self.__soiEarly = { manifest, root };
})();

// The wasm is asked for now too, beside the glue, not after it has loaded:
// wasm-bindgen's init takes the response's promise (and still compiles the wasm
// as it streams in).
const wasm = fetch("./soi-worker_bg.wasm");
importScripts("./soi-worker.js");
wasm_bindgen({ module_or_path: wasm }).catch((error) => {
  postMessage({
    kind: "failed",
    error: `The search worker could not start (${error}). Rebuild the app with \`trunk build --release\` and copy all of dist/ into the site.`,
  });
});
