#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 600), one after another,
# seeded from the repository's own sites, and prints each target's
# executions. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz --locked`). Crashes land in
# fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
TARGETS=${TARGETS:-front_matter profile markdown site}
seed() {
  mkdir -p "fuzz/corpus/$1"
  shift
  for f in "$@"; do cp "$f" "fuzz/corpus/${target}/seed-$(basename "$f")-$RANDOM" 2>/dev/null || true; done
}
for target in $TARGETS; do
  case $target in
    front_matter|markdown) seed "$target" content-example/content/*/*.md content-example/content/*/*/index.md ;;
    profile) seed "$target" content-example/profile.toml tests/fixtures/minimal/profile.toml ;;
    site) seed "$target" tests/fixtures/minimal/content/berita/*.md ;;
  esac
  log="fuzz/artifacts/$target.log"
  mkdir -p "fuzz/artifacts/$target"
  cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=4096 \
    -artifact_prefix="fuzz/artifacts/$target/" -print_final_stats=1 >"$log" 2>&1 || {
      echo "$target: CRASH, see $log and fuzz/artifacts/$target/"; continue; }
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | grep -oE 'cov: [0-9]+' | head -1)
  echo "$target: ${execs:-?} executions in ${SECONDS_EACH}s, ${cov:-cov: ?}, no crash"
done
