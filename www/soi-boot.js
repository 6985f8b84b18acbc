// Starts Soi's search worker while the page is still loading, so that the
// worker's wasm and the root of the index are fetched beside the app's own wasm
// instead of after it. The app takes the worker over when it starts
// (crates/web/src/client.rs, `started_early`) and is handed every event the
// worker sent until then, in order. If anything here fails, the app starts the
// worker itself and reports what went wrong.
(() => {
  const script = "soi-worker-start.js"; // crates/web/src/client.rs: WORKER_SCRIPT
  let worker;
  try {
    worker = new Worker(script);
  } catch {
    return;
  }
  const early = [];
  const keep = (event) => early.push(event);
  worker.addEventListener("message", keep);
  worker.addEventListener("error", keep);
  window.__soiWorker = {
    script,
    worker,
    take() {
      worker.removeEventListener("message", keep);
      worker.removeEventListener("error", keep);
      delete window.__soiWorker;
      return early;
    },
  };
})();
