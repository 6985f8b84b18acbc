// Starts Soi's search worker (crates/web/src/bin/worker.rs). The UI creates it
// with `new Worker("soi-worker-start.js")` (crates/web/src/client.rs); beside this
// file Trunk puts wasm-bindgen's glue (soi-worker.js) and the wasm.
// A worker that cannot start says so in the protocol's words
// (crates/web/src/protocol.rs), so the page shows a message, not "loading" forever.
importScripts("./soi-worker.js");
wasm_bindgen({ module_or_path: "./soi-worker_bg.wasm" }).catch((error) => {
  postMessage({
    kind: "failed",
    error: `The search worker could not start (${error}). Rebuild the app with \`trunk build --release\` and copy all of dist/ into the site.`,
  });
});
