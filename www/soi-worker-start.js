// Starts Soi's search worker (crates/web/src/bin/worker.rs). The page's inline
// script (index.html) creates it with `new Worker("soi-worker-start.js")`, or the
// app does (crates/web/src/client.rs) if that script could not; beside this file
// Trunk puts wasm-bindgen's glue (soi-worker.js) and the wasm.
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
      // Each file is [name, bytes] (crates/core/src/index/manifest.rs). Plain
      // names only (the engine checks the manifest again before using it).
      const name = (e) => (Array.isArray(e) && typeof e[0] === "string" && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(e[0]) ? e[0] : null);
      const [dict, terms, docs] = f ? [name(f.dict), name(f.terms), name(f.docs)] : [];
      if (!dict || !terms || !docs) return null;
      return {
        [dict]: get(dict, { headers: { Range: "bytes=0-" } }),
        [terms]: get(terms),
        [docs]: get(docs),
      };
    })
    .catch(() => null);
  self.__soiEarly = { manifest, root };

  // The wasm is asked for now too, not after the glue: wasm-bindgen's init takes
  // the response's promise (and still compiles the wasm as it streams in). The
  // glue is loaded once the root's fetches are under way: importScripts holds
  // this thread until the glue arrives, and the manifest could not be read, nor
  // the root asked for, meanwhile.
  const wasm = fetch("./soi-worker_bg.wasm");
  wasm.catch(() => {}); // reported by the init below, if it gets that far
  // Whatever fails on the way (the glue missing or not wasm-bindgen's, the wasm
  // missing) says so in the protocol's words.
  root
    .then(() => {
      importScripts("./soi-worker.js");
      return wasm_bindgen({ module_or_path: wasm });
    })
    .catch((error) =>
      postMessage({
        kind: "failed",
        error: `The search worker could not start (${error}). Rebuild the app with \`trunk build --release\` and copy all of dist/ into the site.`,
      }),
    );
})();
