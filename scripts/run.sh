#!/usr/bin/env bash
# The main job: install what is missing, build the web app, make a static site of a
# corpus (the bundled Vietnamese demo by default) in target/site, and serve it on
# 127.0.0.1. target/site can be copied to any static host as is.
#
#   scripts/run.sh [CORPUS_DIR]        # SOI_PORT=8080 by default
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -ge 1 ]; then
  # Resolved before changing directory, so a path relative to the caller works.
  CORPUS="$(cd "$1" 2>/dev/null && pwd)" || { echo "run.sh: $1 is not a folder of articles" >&2; exit 1; }
else
  CORPUS="$ROOT/corpus/demo"
fi
cd "$ROOT"
PORT="${SOI_PORT:-8080}"

scripts/setup.sh run
export PATH="$ROOT/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true

cargo build --release -p soi
trunk build --release
target/release/soi site "$CORPUS" --out target/site --app dist
exec target/release/soi serve target/site --port "$PORT"
