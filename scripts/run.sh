#!/usr/bin/env bash
# The main job: install what is missing, index a corpus (the bundled Vietnamese
# demo by default), build the web app and serve the explorer on 127.0.0.1.
#
#   scripts/run.sh [CORPUS_DIR]        # SOI_PORT=8080 by default
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CORPUS="${1:-corpus/demo}"
PORT="${SOI_PORT:-8080}"

scripts/setup.sh run
export PATH="$ROOT/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

cargo build --release -p soi
target/release/soi build "$CORPUS" --out target/soi-site/index
echo "Serving the explorer on http://127.0.0.1:$PORT/ (Ctrl-C to stop)"
exec trunk serve --release --address 127.0.0.1 --port "$PORT"
