#!/usr/bin/env bash
# Installs what Soi needs and skips what is already there.
#
#   scripts/setup.sh run    # tools to build and serve the explorer
#   scripts/setup.sh test   # the above plus Chromium, chromedriver and test tools
#
# Only package registries are used (crates.io, npm, Debian apt): nothing downloads a
# prebuilt binary or a browser. Versions are pinned where a mismatch breaks the build
# (see ../shared/TOOLCHAIN.md for why each pin exists).
set -euo pipefail

WHAT="${1:-run}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130" # must equal the wasm-bindgen crate pin in Cargo.toml

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

export PATH="$HOME/.cargo/bin:$PATH"

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}


if ! command -v cargo >/dev/null; then
  say "cargo not found: install Rust first (https://rustup.rs), then run this again."
  exit 1
fi

if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # no --locked: its lock file names a crate version the registry mirror lacks
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 15 minutes on 2 cores, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if ! command -v npm >/dev/null; then
  say "npm not found: installing Node.js from Debian"
  apt_install nodejs npm
fi

# Node tools (wasm-opt from binaryen; playwright-core and axe-core for the
# end-to-end test; pagefind for the side-by-side benchmark),
# pinned by scripts/package-lock.json.
if [ ! -x "$ROOT/scripts/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/scripts/node_modules/playwright-core" ] \
  || [ ! -d "$ROOT/scripts/node_modules/axe-core" ]; then
  say "installing node tools (binaryen, playwright-core, axe-core; pagefind for scripts/bench.sh)"
  (cd "$ROOT/scripts" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$WHAT" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and chromedriver from Debian"
    apt_install chromium chromium-driver
  fi
fi
say "ready ($WHAT)"
