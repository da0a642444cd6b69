#!/usr/bin/env bash
# bench/search-eval.sh
#
# Search quality beside Pagefind: builds content-example and the seeded
# 1,000-post corpus (bench/kit/gen_corpus.py) with warta, installs
# Pagefind from npm under target/bench-work/pf (once), and runs
# bench/search-eval.mjs on both (recall@5 and MRR over
# bench/search/queries.json). Needs what the browser tests need. Writes
# only under target/bench-work/. WARTA=path/to/warta to use another build
# (default: the release build, made here).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
KIT=$REPO/bench/kit
WORK=${WORK:-$REPO/target/bench-work}
mkdir -p "$WORK/pf"
if [ -z "${WARTA:-}" ]; then
  ( cd "$REPO" && cargo build --release --quiet )
  WARTA=$REPO/target/release/warta
fi
PAGEFIND=$WORK/pf/node_modules/.bin/pagefind
if [ ! -x "$PAGEFIND" ]; then
  ( cd "$WORK/pf" && npm init -y >/dev/null && npm install --no-audit --no-fund pagefind@1.6.0 >/dev/null )
fi
SITE=$WORK/search-1000
if [ ! -d "$SITE/content" ]; then
  python3 "$KIT/gen_corpus.py" --posts 1000 --seed 42 --layout warta --out "$SITE" >/dev/null
fi
"$WARTA" build --root "$REPO/content-example" --output "$WORK/eval-example" >/dev/null
"$WARTA" build --root "$SITE" --output "$WORK/eval-1000" >/dev/null
echo "warta $(git -C "$REPO" rev-parse --short HEAD), $("$PAGEFIND" --version)"
node "$REPO/bench/search-eval.mjs" --example="$WORK/eval-example" --corpus="$WORK/eval-1000" --pagefind="$PAGEFIND"
