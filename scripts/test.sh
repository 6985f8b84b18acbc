#!/usr/bin/env bash
# The whole test suite: native unit/behaviour/CLI tests, browser tests
# (wasm-bindgen-test in headless Chromium), and the end-to-end test of the built
# site in a real Chromium. Installs what is missing first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

scripts/setup.sh test
export PATH="$ROOT/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "native tests (core, CLI, workspace)"
cargo test --workspace --exclude soi-web

step "browser tests (wasm-bindgen-test, headless Chromium)"
cargo test -p soi-web --target wasm32-unknown-unknown

step "end-to-end: build the demo site and drive it in Chromium"
cargo build --release -p soi
# Inputs at the edges (issue 12) at full size: 60 MiB JSON Lines, a 20 MiB article, 100,000 files.
cargo test --release -p soi --test edge_inputs
trunk build --release
target/release/soi site corpus/demo --out target/site --app dist
# The explorer at scale: 10,000 generated articles (calibrated on a real corpus).
cargo build --release -p soi-core --example gen_corpus
rm -rf target/corpus-10k
target/release/examples/gen_corpus 10000 target/corpus-10k
target/release/soi site target/corpus-10k --out target/site-10k --app dist
node tests/e2e/serve-and-test.mjs
