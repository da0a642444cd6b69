#!/usr/bin/env bash
# bench/images.sh [N]
#
# The image pipeline on N (default 50) phone photos: 4000 x 3000 JPEGs at
# quality 92 with EXIF orientation and GPS (examples/phone_photos.rs), one
# per post bundle of a copy of tests/fixtures/minimal.
#
#   1. builds warta and the photo generator (cargo, release);
#   2. a cold build (no .warta-cache, no public/), then a warm one (cache
#      kept, public/ deleted), each after `sync`, timed by /usr/bin/time;
#   3. prints a Markdown table and appends it to bench/images.md:
#      input bytes, the 960-wide WebPs against their originals (goal: at
#      most 5 % on average), all published photo bytes, photos per second
#      cold, and the warm build's wall time against the cold one (goal:
#      at most 5 %). Ratios count; absolute times vary with the machine.
#
# Environment: WORK (default $REPO/target/bench-work/images).
set -euo pipefail

N=${1:-50}
case $N in ''|*[!0-9]*|0) echo "N must be a positive number" >&2; exit 2 ;; esac
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$REPO/target/bench-work/images}
SITE=$WORK/site
RESULTS=$REPO/bench/images.md
log() { echo "[bench-images] $*" >&2; }

log "building warta and the generator (release)"
(cd "$REPO" && cargo build --release --quiet && cargo build --release --quiet --example phone_photos)
WARTA=$REPO/target/release/warta
GEN=$REPO/target/release/examples/phone_photos

rm -rf "$SITE"
mkdir -p "$WORK"
cp -r "$REPO/tests/fixtures/minimal" "$SITE"
if [ ! -f "$WORK/photos/foto-$(printf %02d $((N - 1))).jpg" ]; then
  log "writing $N photos into $WORK/photos"
  rm -rf "$WORK/photos"
  "$GEN" "$WORK/photos" "$N"
fi
for i in $(seq 0 $((N - 1))); do
  n=$(printf %02d "$i")
  d="$SITE/content/berita/2025-01-01-foto-$n"
  mkdir -p "$d"
  cp "$WORK/photos/foto-$n.jpg" "$d/foto.jpg"
  printf '+++\ntitle = "Foto %s"\ndate = 2025-01-01T08:00:00+07:00\nimage = "foto.jpg"\nimage_alt = "Foto uji %s"\n+++\n\nFoto dari ponsel.\n' "$n" "$n" > "$d/index.md"
done

timed() { # label -> prints wall seconds
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time-$1" "$WARTA" build --root "$SITE" > "$WORK/out-$1" 2>&1
  cut -d' ' -f1 "$WORK/time-$1"
}

rm -rf "$SITE/.warta-cache" "$SITE/public"
log "cold build"
COLD=$(timed cold)
rm -rf "$SITE/public"
log "warm build"
WARM=$(timed warm)

IN=$(cat "$SITE"/content/berita/*/foto.jpg | wc -c)
W960=$(cat "$SITE"/public/berita/foto-*/foto-960w.webp | wc -c)
OUT=$(find "$SITE/public/berita" -name 'foto-*w.*' -o -name 'foto-og.jpg' | xargs cat | wc -c)
RATIOS=$(for i in $(seq 0 $((N - 1))); do
  n=$(printf %02d "$i")
  echo "$(stat -c %s "$SITE/public/berita/foto-$n/foto-960w.webp") $(stat -c %s "$SITE/content/berita/2025-01-01-foto-$n/foto.jpg")"
done | awk '{ s += $1 / $2 } END { printf "%.2f", 100 * s / NR }')
read -r CU CS CM < <(cut -d' ' -f2-4 "$WORK/time-cold")
TABLE=$(cat <<EOF

## $(date -u +%Y-%m-%d) · $N photos · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) · $(nproc) cores · load $(cut -d' ' -f1-3 /proc/loadavg) · $(git -C "$REPO" rev-parse --short HEAD)

| measure | value | goal |
|---|---|---|
| input (phone JPEGs) | $(awk "BEGIN{printf \"%.1f MB\", $IN/1e6}") | |
| 960-wide WebP / original, mean per photo | $RATIOS % | ≤ 5 % |
| 960-wide WebPs, all | $(awk "BEGIN{printf \"%.2f MB (%.2f %% of input)\", $W960/1e6, 100*$W960/$IN}") | |
| all published photo files (WebP and JPEG at each width, sharing JPEGs) | $(awk "BEGIN{printf \"%.1f MB (%.1f %% of input)\", $OUT/1e6, 100*$OUT/$IN}") | |
| cold build, wall (user + sys CPU, max RSS) | ${COLD} s (${CU} + ${CS} s, $((CM / 1024)) MiB) | |
| photos per second, cold | $(awk "BEGIN{printf \"%.2f\", $N/$COLD}") | |
| warm build (cache kept), wall | ${WARM} s | |
| warm / cold | $(awk "BEGIN{printf \"%.1f %%\", 100*$WARM/$COLD}") | ≤ 5 % |
EOF
)
echo "$TABLE"
echo "$TABLE" >> "$RESULTS"
log "appended to $RESULTS"
