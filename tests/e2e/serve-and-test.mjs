// Runs the end-to-end tests (explorer.test.mjs) with node's test runner.
// Kept as a tiny wrapper so scripts/test.sh has one line for it.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, ["--test", "--test-reporter=spec", path.join(here, "explorer.test.mjs")], {
  stdio: "inherit",
});
process.exit(r.status ?? 1);
