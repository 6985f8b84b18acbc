#!/usr/bin/env bash
# Soi and Pagefind side by side, in one run, on the same generated corpora.
#
#   scripts/bench.sh                 # 10,000 and 100,000 articles
#   SIZES=10000 scripts/bench.sh     # 10,000 only
#
# For each size it:
#   1. generates the corpus with `gen_corpus` (deterministic; .txt for Soi and the
#      same articles as minimal HTML pages with data-pagefind-body for Pagefind);
#   2. builds Soi (`soi site CORPUS --out SITE --app dist`) and Pagefind
#      (`npx pagefind --site HTML`), timing each with GNU time (wall, peak RSS);
#   3. serves each site from 127.0.0.1 and runs both engines in headless Chromium
#      with the same query set (tests/e2e/compare.mjs).
# It prints one Markdown table and writes it to target/bench/report.md.
# Needs: a release toolchain, scripts/node_modules (scripts/setup.sh, or `npm ci`
# in scripts/), Debian's chromium, GNU time (/usr/bin/time; Debian package `time`).
# Speed is measured here, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${SIZES:-"10000 100000"}
OUT=${OUT:-$ROOT/target/bench}
export PATH="$ROOT/scripts/node_modules/.bin:$HOME/.cargo/bin:$PATH"
mkdir -p "$OUT"

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  echo "bench.sh: GNU time is needed for peak memory: apt-get install -y time" >&2
  exit 1
fi
[ -d scripts/node_modules/pagefind ] || (cd scripts && npm ci)

echo "== building the generator and the CLI (release)"
cargo build --release -p soi-core --example gen_corpus
cargo build --release -p soi
if [ ! -f dist/index.html ]; then
  echo "== dist/ is missing: building the app with trunk"
  TRUNK_SKIP_VERSION_CHECK=true trunk build --release
fi

for n in $SIZES; do
  dir=$OUT/$n
  echo "== $n articles: generating"
  rm -rf "$dir"
  mkdir -p "$dir"
  target/release/examples/gen_corpus "$n" "$dir/corpus" --html "$dir/html"

  echo "== $n articles: soi site"
  /usr/bin/time -v -o "$dir/build-soi.time" \
    target/release/soi site "$dir/corpus" --out "$dir/soi" --app dist > "$dir/build-soi.log" 2>&1

  echo "== $n articles: pagefind"
  (cd scripts && /usr/bin/time -v -o "$dir/build-pagefind.time" \
    npx pagefind --site "$dir/html" > "$dir/build-pagefind.log" 2>&1)
  grep -E "Elapsed|Maximum resident" "$dir/build-soi.time" "$dir/build-pagefind.time"
done

echo "== browsers"
node tests/e2e/compare.mjs "$OUT" $SIZES
