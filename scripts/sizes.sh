#!/usr/bin/env bash
# Prints the sizes BENCHMARKS.md reports: index files of the demo corpus and the
# web app (raw and gzipped). Run after scripts/run.sh or scripts/test.sh has built
# target/site (index and app).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
row() { printf '| %s | %s | %s |\n' "$1" "$(wc -c <"$2")" "$(gzip -9c "$2" | wc -c)"; }
echo "| file | bytes | gzip -9 bytes |"
echo "|---|---:|---:|"
for f in target/site/index/*; do row "index/$(basename "$f")" "$f"; done
for f in dist/*.wasm dist/*.js dist/*.css; do row "app: $(basename "$f" | sed -E 's/-[0-9a-f]{16}//')" "$f"; done
