#!/usr/bin/env bash
# bench/network.sh [VILLAGES] [POSTS] [PORTAL_VILLAGES]
#
# The kabupaten network (issue 14), timed by /usr/bin/time -v (wall, max RSS):
#
#   1. a network of VILLAGES (default 500) villages of POSTS (default 40) posts
#      each, one bench/kit/gen_corpus.py corpus per village (--seed = its
#      number), each with its own area code (20 villages a kecamatan) and
#      no base_url (the network gives it);
#   2. one village of VILLAGES x POSTS posts (the same total), seed 42;
#   3. `warta build --root NETWORK` and `warta build` of the one big village,
#      interleaved after an untimed warm-up of each, output deleted and `sync`
#      run before every run outside the timed region;
#   4. `warta portal --from` over PORTAL_VILLAGES (default 3600) built
#      villages: the profile.json, atom.xml and search index (cari/, merged
#      into the portal's) of one built village copied into that many
#      folders with their own area codes (a province, area code 35, 20
#      villages a kecamatan, 30 kecamatan a kabupaten).
#
# Prints a Markdown table and appends it to bench/results.md. The goals
# (issue 14): network / big village <= 1.5 (wall), network peak RSS <= 1 GiB,
# portal over 3,600 villages <= 60 s.
#
# Environment: WORK (default $REPO/target/bench-network; a tmpfs such as
#   /dev/shm/warta-network takes the disk out of the measurement), RUNS
#   (default 1), WARTA (a warta binary to time instead of building one),
#   SKIP_GEN=1 (reuse what is in $WORK), KEEP=1 (leave $WORK; by default the
#   corpora and outputs, a few GB at 500 villages, are removed at the end).
set -euo pipefail

VILLAGES=${1:-500}
POSTS=${2:-40}
PORTAL_VILLAGES=${3:-3600}
RUNS=${RUNS:-1}
for n in "$VILLAGES" "$POSTS" "$PORTAL_VILLAGES" "$RUNS"; do
  case $n in ''|*[!0-9]*) echo "arguments must be numbers" >&2; exit 2 ;; esac
done

REPO=$(cd "$(dirname "$0")/.." && pwd)
KIT=$REPO/bench/kit
WORK=${WORK:-$REPO/target/bench-network}
RESULTS=$REPO/bench/results.md
NET=$WORK/network
BIG=$WORK/big
PORTAL=$WORK/portal

log() { echo "[bench] $*" >&2; }
to_sec() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else if (NF==2) print $1*60+$2; else print $1 }'; }

mkdir -p "$WORK"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

if [ -z "${WARTA:-}" ]; then
  log "building warta (cargo build --release)"
  ( cd "$REPO" && cargo build --release --quiet )
  WARTA=$REPO/target/release/warta
fi

# ---- 1, 2. the corpora ------------------------------------------------------
if [ "${SKIP_GEN:-0}" = 1 ] && [ -d "$NET/desa" ] && [ -d "$BIG/content" ]; then
  log "reusing the corpora in $WORK"
else
  log "generating $VILLAGES villages x $POSTS posts and one village of $((VILLAGES * POSTS)) posts"
  rm -rf "$NET" "$BIG"
  python3 - "$KIT" "$NET" "$BIG" "$VILLAGES" "$POSTS" >"$WORK/gen.log" 2>&1 <<'PY'
import os, re, sys
kit, net, big, villages, posts = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
sys.path.insert(0, kit)
import gen_corpus

def code(i):
    """35.07.KK.2VVV: 20 villages a kecamatan, kecamatan from 10."""
    return f"35.07.{10 + i // 20:02d}.{2001 + i % 20}"

os.makedirs(net, exist_ok=True)
with open(os.path.join(net, "network.toml"), "w") as f:
    f.write('[network]\ntitle = "KIM Kabupaten Bangku Uji"\n'
            'base_url = "https://kim.bangku.example.id"\narea_code = "35.07"\n'
            'villages = ["desa/*"]\nhost = "none"\n')
for i in range(villages):
    out = os.path.join(net, "desa", f"d{i:04d}")
    gen_corpus.main(["--posts", str(posts), "--seed", str(i + 1), "--layout", "warta", "--out", out])
    toml = open(os.path.join(out, "warta.toml")).read()
    toml = re.sub(r'(?m)^base_url = .*\n', "", toml).replace("(korpus uji)", f"{i:04d}")
    open(os.path.join(out, "warta.toml"), "w").write(toml)
    prof = open(os.path.join(out, "profile.toml")).read()
    prof = prof.replace('area_code = "35.07.12.2003"', f'area_code = "{code(i)}"')
    prof = prof.replace('name = "Maju Bersama"', f'name = "Desa {i:04d}"')
    prof = prof.replace('district = "Contoh"', f'district = "Kecamatan {10 + i // 20}"')
    open(os.path.join(out, "profile.toml"), "w").write(prof)
gen_corpus.main(["--posts", str(villages * posts), "--seed", "42", "--layout", "warta", "--out", big])
PY
  # gen_corpus says what it wrote, one line a corpus: into $WORK/gen.log.
fi

# ---- 3. network vs one big village -----------------------------------------
# time_run NAME CMD... : one timed run (output removed and synced before);
# prints "wall_s rss_kib cpu_s" (user + sys) and keeps the command's output in $WORK/NAME.log.
time_run() {
  local name=$1; shift
  rm -rf "$NET/public" "$BIG/public" "$PORTAL/public"
  sync
  /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1 || {
    log "$name failed; see $WORK/$name.log"; tail -20 "$WORK/$name.log" >&2; exit 1; }
  local wall rss cpu
  wall=$(grep 'Elapsed (wall clock)' "$WORK/$name.time" | awk '{print $NF}' | to_sec)
  rss=$(grep 'Maximum resident' "$WORK/$name.time" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$WORK/$name.time")
  echo "$wall $rss $cpu"
}

log "warm-up"
time_run warmup-network "$WARTA" build --root "$NET" >/dev/null
NET_FILES=$(find "$NET/public" -type f | wc -l)
NET_BYTES=$(du -sb "$NET/public" | cut -f1)
time_run warmup-big "$WARTA" build --root "$BIG" >/dev/null
: >"$WORK/network.runs"; : >"$WORK/big.runs"
for r in $(seq "$RUNS"); do
  log "run $r/$RUNS"
  time_run network "$WARTA" build --root "$NET" >>"$WORK/network.runs"
  time_run big "$WARTA" build --root "$BIG" >>"$WORK/big.runs"
done
median_col() { awk -v c="$2" '{print $c}' "$1" | sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
NET_WALL=$(median_col "$WORK/network.runs" 1); NET_RSS=$(median_col "$WORK/network.runs" 2)
BIG_WALL=$(median_col "$WORK/big.runs" 1); BIG_RSS=$(median_col "$WORK/big.runs" 2)
NET_CPU=$(median_col "$WORK/network.runs" 3); BIG_CPU=$(median_col "$WORK/big.runs" 3)
NET_ALL=$(awk '{printf "%s%s", sep, $1; sep=", "}' "$WORK/network.runs")
BIG_ALL=$(awk '{printf "%s%s", sep, $1; sep=", "}' "$WORK/big.runs")

# ---- 4. the portal alone over PORTAL_VILLAGES built villages -----------------
log "building one village for the portal's $PORTAL_VILLAGES copies"
"$WARTA" build --root "$NET" --only 35.07.10.2001 >/dev/null
rm -rf "$PORTAL"
python3 - "$NET" "$PORTAL" "$PORTAL_VILLAGES" <<'PY'
import json, os, shutil, sys
net, portal, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
one = os.path.join(net, "public", "d0000")
profile = json.load(open(os.path.join(one, "profile.json")))
atom = open(os.path.join(one, "atom.xml")).read()
os.makedirs(portal, exist_ok=True)
with open(os.path.join(portal, "network.toml"), "w") as f:
    f.write('[network]\ntitle = "KIM Provinsi Bangku Uji"\n'
            'base_url = "https://kim.provinsi.example.id"\narea_code = "35"\n'
            'villages = ["desa/*"]\nhost = "none"\n')
src = os.path.join(net, "desa", "d0000")
for i in range(n):
    # 35.KK.DD.2VVV: 20 villages a kecamatan, 30 kecamatan a kabupaten.
    kab, rest = 1 + i // 600, i % 600
    code = f"35.{kab:02d}.{10 + rest // 20:02d}.{2001 + rest % 20}"
    name = f"v{i:04d}"
    d = os.path.join(portal, "desa", name)
    os.makedirs(d)
    shutil.copy(os.path.join(src, "warta.toml"), d)
    prof = open(os.path.join(src, "profile.toml")).read().replace('"35.07.10.2001"', f'"{code}"')
    open(os.path.join(d, "profile.toml"), "w").write(prof)
    built = os.path.join(portal, "built", name)
    os.makedirs(built)
    profile["profile"]["village"]["area_code"] = code
    profile["profile"]["village"]["district_code"] = code[:8]
    json.dump(profile, open(os.path.join(built, "profile.json"), "w"))
    open(os.path.join(built, "atom.xml"), "w").write(atom.replace("/d0000/", f"/{name}/"))
    shutil.copytree(os.path.join(one, "cari"), os.path.join(built, "cari"))
PY
read -r PORTAL_WALL PORTAL_RSS PORTAL_CPU < <(time_run portal "$WARTA" portal --root "$PORTAL" --from "$PORTAL/built" --output "$PORTAL/public")

ratio=$(awk -v a="$NET_WALL" -v b="$BIG_WALL" 'BEGIN{printf "%.2f", a/b}')
cpu_ratio=$(awk -v a="$NET_CPU" -v b="$BIG_CPU" 'BEGIN{printf "%.2f", a/b}')
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k/1024}'; }
TABLE=$(cat <<EOF

## network $(date -u +%Y-%m-%dT%H:%MZ): $VILLAGES villages x $POSTS posts, portal over $PORTAL_VILLAGES

Load at start: $LOAD_START; $(nproc) cores; median of $RUNS run(s) after a warm-up.

| run | wall (s) | CPU (s) | peak RSS (MiB) | every run's wall (s) | goal |
|---|---|---|---|---|---|
| \`warta build --root\` network, $VILLAGES villages ($NET_FILES files, $((NET_BYTES / 1048576)) MiB) | $NET_WALL | $NET_CPU | $(mib "$NET_RSS") | $NET_ALL | RSS <= 1024 |
| \`warta build\` one village of $((VILLAGES * POSTS)) posts | $BIG_WALL | $BIG_CPU | $(mib "$BIG_RSS") | $BIG_ALL | |
| network / one village | $ratio | $cpu_ratio | | | <= 1.5 |
| \`warta portal --from\` over $PORTAL_VILLAGES villages | $PORTAL_WALL | $PORTAL_CPU | $(mib "$PORTAL_RSS") | | <= 60 s |
EOF
)
echo "$TABLE"
echo "$TABLE" >>"$RESULTS"
if [ "${KEEP:-0}" != 1 ]; then
  rm -rf "$NET" "$BIG" "$PORTAL"
fi
