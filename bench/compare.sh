#!/usr/bin/env bash
# bench/compare.sh OLD NEW N [RUNS]
#
# Compares two warta binaries (say, a release build of an earlier commit
# and of this one) on the same seeded N-post corpus, interleaved
# (old, new, old, new, ...) so that the load of a shared machine falls on
# both alike: 1 untimed warm-up each, then RUNS (default 5) timed runs each,
# output deleted and `sync` run outside the timed region, timed by
# /usr/bin/time -v. Prints the medians of wall time and peak memory and the
# ratios new/old: a change "within 5 %" keeps both at or under 1.05.
#
# Environment: WORK (default $REPO/target/bench-work), SEED (default 42).
set -euo pipefail

OLD=${1:?usage: bench/compare.sh OLD NEW N [RUNS]}
NEW=${2:?usage: bench/compare.sh OLD NEW N [RUNS]}
N=${3:?usage: bench/compare.sh OLD NEW N [RUNS]}
RUNS=${4:-5}
case $N in ''|*[!0-9]*) echo "N must be a number" >&2; exit 2 ;; esac
case $RUNS in ''|*[!0-9]*|0) echo "RUNS must be a positive number" >&2; exit 2 ;; esac

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${WORK:-$REPO/target/bench-work}
SEED=${SEED:-42}
SITE=$WORK/compare-$N-$SEED
mkdir -p "$WORK"

if [ ! -f "$SITE/corpus-manifest.json" ]; then
  echo "[compare] generating the $N-post corpus (seed $SEED) in $SITE" >&2
  rm -rf "$SITE"
  python3 "$REPO/bench/kit/gen_corpus.py" --posts "$N" --seed "$SEED" --layout warta \
      --out "$SITE" --manifest "$SITE/corpus-manifest.json.tmp"
  mv "$SITE/corpus-manifest.json.tmp" "$SITE/corpus-manifest.json"
fi

median() { sort -g | awk '{a[NR]=$1} END{ if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
to_sec() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }

declare -A WALL RSS
run() {  # name binary timed?
  local out=$WORK/compare-out-$1 log=$WORK/compare-$1.time
  rm -rf "$out" "$SITE/.warta-cache"
  sync
  /usr/bin/time -v "$2" build --root "$SITE" --output "$out" >/dev/null 2>"$log"
  if [ "$3" = 1 ]; then
    WALL[$1]+="$(grep 'Elapsed (wall' "$log" | awk '{print $NF}' | to_sec) "
    RSS[$1]+="$(grep 'Maximum resident' "$log" | awk '{print $NF}') "
  fi
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
run old "$OLD" 0
run new "$NEW" 0
for _ in $(seq "$RUNS"); do
  run old "$OLD" 1
  run new "$NEW" 1
done

mw() { tr ' ' '\n' <<<"${WALL[$1]}" | grep . | median; }
mr() { tr ' ' '\n' <<<"${RSS[$1]}" | grep . | median | awk '{printf "%.0f", $1/1024}'; }
echo "N = $N posts, $RUNS runs each, interleaved; load before: $LOAD_START, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| binary | median wall (s) | median max RSS (MiB) | all runs, wall s |"
echo "|---|---:|---:|---|"
for b in old new; do
  echo "| $b | $(mw $b) | $(mr $b) | ${WALL[$b]}|"
done
echo
awk -v o="$(mw old)" -v n="$(mw new)" 'BEGIN{printf "- wall new/old = %.3f\n", n/o}'
awk -v o="$(mr old)" -v n="$(mr new)" 'BEGIN{printf "- peak memory new/old = %.3f\n", n/o}'
