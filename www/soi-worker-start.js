// Starts Soi's search worker (crates/web/src/bin/worker.rs). This one file plays
// two parts:
//
// - In the page. index.html carries it inline (Trunk's `rel="inline"`), so that
//   the worker starts while the page is still parsed, and its wasm and the root
//   of the index are fetched beside the app's own wasm instead of after it.
//   `soi site` keeps it inline and allows it by its SHA-256 in the page's
//   Content-Security-Policy (crates/cli/src/site.rs, `lock_down`). It starts
//   the worker from its own text, as a Blob, which costs no request: a worker
//   started from this file's address waited a round trip for it first. Where a
//   Blob worker is refused (a host's policy without `worker-src blob:`), the
//   worker is started from this file instead. The app takes the worker over
//   when it starts (crates/web/src/client.rs, `started_early`) and is handed
//   every event the worker sent until then, in order. If anything here fails,
//   the app starts the worker itself, from this file.
// - In the worker. Beside this file Trunk puts wasm-bindgen's glue
//   (soi-worker.js) and the wasm. A Blob worker has no address of its own, so
//   the page tells it the site's (`self.__soiBoot.base`) and every address here
//   is made from it; a worker started from this file uses addresses relative
//   to it. A worker that cannot start says so in the protocol's words
//   (crates/web/src/protocol.rs), so the page shows a message, not "loading"
//   forever.
(() => {
  if (typeof document !== "undefined") {
    const script = "soi-worker-start.js"; // crates/web/src/client.rs: WORKER_SCRIPT
    const source = document.currentScript && document.currentScript.textContent;
    // The index's manifest as `soi site` wrote it into the page, if it did: the
    // root of the index is then asked for without waiting for manifest.json.
    const manifest = document.getElementById("soi-manifest");
    const boot = { base: new URL(".", document.baseURI).href, manifest: manifest ? manifest.textContent : null };
    let worker;
    let fromBlob = false;
    let blobUrl = null;
    const early = [];
    const start = (url) => {
      const started = new Worker(url);
      started.addEventListener("message", keep);
      started.addEventListener("error", keep);
      return started;
    };
    // A policy that refuses the Blob worker says so by its error event, before
    // the worker could send anything: the worker starts from the file then.
    function keep(event) {
      if (blobUrl) {
        URL.revokeObjectURL(blobUrl); // the worker has loaded it, or never will
        blobUrl = null;
      }
      if (fromBlob && event.type === "error" && early.length === 0) {
        fromBlob = false;
        worker.removeEventListener("message", keep);
        worker.removeEventListener("error", keep);
        worker.terminate();
        try {
          worker = start(script);
          return;
        } catch {
          // kept below: the app reports the worker's failure
        }
      }
      early.push(event);
    }
    try {
      if (!source) throw new Error("no text of its own");
      const code = `self.__soiBoot = ${JSON.stringify(boot)};\n${source}`;
      blobUrl = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      worker = start(blobUrl);
      fromBlob = true;
    } catch {
      try {
        worker = start(script);
      } catch {
        return;
      }
    }
    window.__soiWorker = {
      script,
      // The worker running now (the file's, if the Blob's was refused).
      get worker() {
        return worker;
      },
      take() {
        worker.removeEventListener("message", keep);
        worker.removeEventListener("error", keep);
        delete window.__soiWorker;
        return early;
      },
    };
    return;
  }

  // The index's manifest, then its dictionary and terms file (and, once they
  // have come, its document table: below), are asked for now, while the wasm
  // downloads and compiles, instead of after: the engine takes these responses
  // (crates/web/src/worker/engine.rs, `Early`) and asks for the same files, the
  // same way (the dictionary as the range 0-), only if one of these fetches
  // failed or the manifest names other files. With the manifest the page
  // carries, the root is asked for at once; else `root` waits for manifest.json,
  // so that no file is fetched twice.
  const boot = self.__soiBoot || {};
  const base = typeof boot.base === "string" ? boot.base : "";
  const index = base + "index/"; // crates/web/src/worker/mod.rs: INDEX
  // A failed fetch is the engine's to report (it tries again itself), not the console's.
  const quiet = (promise) => {
    promise.catch(() => {});
    return promise;
  };
  const get = (name, init) => quiet(fetch(index + name, init));
  const manifest = get("manifest.json");
  // The document table is asked for once the dictionary and the terms file
  // have come (or the worker's code has, if first), not beside them. It is the
  // largest root file (more than half of the root at 100,000 articles), yet the
  // worker is ready without it: only a search's ranking waits for it. Over a
  // connection that bandwidth limits, it then slows down less the files the
  // worker is waiting for, and still comes while the code finishes and the
  // first query's shards are asked for.
  let codeIn;
  const code = new Promise((resolve) => {
    codeIn = resolve;
  });
  // Each file is [name, bytes] (crates/core/src/index/manifest.rs). Plain names
  // only (the engine checks the manifest again before using it).
  const rootOf = (m) => {
    const f = m && m.files;
    const name = (e) => (Array.isArray(e) && typeof e[0] === "string" && /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(e[0]) ? e[0] : null);
    const [dict, terms, docs] = f ? [name(f.dict), name(f.terms), name(f.docs)] : [];
    if (!dict || !terms || !docs) return null;
    const first = [get(dict, { headers: { Range: "bytes=0-" } }), get(terms)];
    // Whole: a copy of each body is read to its end (a failed one counts as come).
    const come = Promise.all(first.map((r) => r.then((response) => response.clone().arrayBuffer()).catch(() => null)));
    return {
      [dict]: first[0],
      [terms]: first[1],
      [docs]: quiet(Promise.race([come, code]).then(() => get(docs))),
    };
  };
  let carried = null;
  try {
    carried = typeof boot.manifest === "string" ? JSON.parse(boot.manifest) : null;
  } catch {
    carried = null;
  }
  const root = carried
    ? Promise.resolve(rootOf(carried))
    : manifest
        .then((response) => (response.ok ? response.clone().json() : null))
        .then(rootOf)
        .catch(() => null);
  self.__soiEarly = { manifest, root };

  // The wasm is asked for now too, not after the glue: wasm-bindgen's init takes
  // the response's promise (and still compiles the wasm as it streams in). The
  // glue is loaded once the dictionary's and the terms file's fetches are under
  // way: importScripts holds this thread until the glue arrives, and the
  // manifest could not be read, nor the root asked for, meanwhile.
  const wasm = fetch(base + "soi-worker_bg.wasm");
  wasm.catch(() => {}); // reported by the init below, if it gets that far
  // Whatever fails on the way (the glue missing or not wasm-bindgen's, the wasm
  // missing) says so in the protocol's words.
  root
    .then(() => {
      importScripts(base + "soi-worker.js");
      return wasm_bindgen({ module_or_path: wasm });
    })
    .then(() => codeIn())
    .catch((error) =>
      postMessage({
        kind: "failed",
        error: `The search worker could not start (${error}). Rebuild the app with \`trunk build --release\` and copy all of dist/ into the site.`,
      }),
    );
})();
