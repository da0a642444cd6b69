#!/usr/bin/env bash
# bench/search.sh [N] [THROTTLE]
#
# The search page, /cari/, on a phone-like CPU: builds content-example and
# the seeded N-post corpus (default 1000, bench/kit/gen_corpus.py)
# with the release warta, then runs bench/search.mjs on each: the index's
# size against all the HTML of the site, and how long a query takes in
# headless Chromium with the CPU slowed THROTTLE times (default 4, a
# mid-range phone). Needs what the browser tests need (Chromium,
# tests/browser/node_modules). Writes only under target/bench-work/.
set -euo pipefail

N=${1:-1000}
THROTTLE=${2:-4}
REPO=$(cd "$(dirname "$0")/.." && pwd)
KIT=$REPO/bench/kit
WORK=${WORK:-$REPO/target/bench-work}
SITE=$WORK/search-$N
mkdir -p "$WORK"

( cd "$REPO" && cargo build --release --quiet )
WARTA=$REPO/target/release/warta
if [ ! -d "$SITE/content" ]; then
  python3 "$KIT/gen_corpus.py" --posts "$N" --seed 42 --layout warta --out "$SITE" >/dev/null
fi
"$WARTA" build --root "$REPO/content-example" --output "$WORK/search-example-out" >/dev/null
"$WARTA" build --root "$SITE" --output "$SITE-out" >/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); warta $(git -C "$REPO" rev-parse --short HEAD)"
echo
node "$REPO/bench/search.mjs" "$WORK/search-example-out" --throttle="$THROTTLE"
echo
node "$REPO/bench/search.mjs" "$SITE-out" --throttle="$THROTTLE"
