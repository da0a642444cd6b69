#!/usr/bin/env python3
"""bench/scaling.py [SIZES...] — does any stage of `warta build` grow faster
than posts x log(posts)?

Builds the seeded corpus (bench/kit/gen_corpus.py, seed 42; a smaller corpus
is a prefix of a larger one) at each size (default 1000 10000 50000) with
`WARTA_TIMINGS=1`, which makes warta print each stage's wall time, and
`/usr/bin/time -v` for the peak memory. Runs are interleaved across sizes
(RUNS rounds, default 3; medians). For each step from one size to the next it
prints how much every stage grew against how much the posts grew, and fails
(exit 1) when a stage that takes at least 5 % of the larger build grew more
than 1.5 x n log n would (a quadratic step at 10x the posts grows ~10x more
than that; noise on a shared machine stays well under 1.5).

Environment: WARTA_BIN (default: cargo build --release of this checkout),
WORK (default target/bench-work), RUNS (default 3), SKIP_GEN=1 (reuse
corpora already generated), OUT (where to build, default WORK/out-scaling).
Appends its table to docs/PERFORMANCE.md.
"""

import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN = REPO / "bench" / "kit" / "gen_corpus.py"
WORK = Path(os.environ.get("WORK", REPO / "target" / "bench-work"))
RUNS = int(os.environ.get("RUNS", "3"))
OUT = Path(os.environ.get("OUT", WORK / "out-scaling"))
LIMIT = 1.5  # growth beyond n log n that fails the run
SHARE = 0.05  # stages below this share of the larger build are not judged


def log(msg):
    print(f"[scaling] {msg}", file=sys.stderr, flush=True)


def corpus(n):
    site = WORK / f"scaling-{n}"
    manifest = site / "corpus-manifest.json"
    if os.environ.get("SKIP_GEN") == "1" and manifest.exists():
        if json.loads(manifest.read_text())["posts"] == n:
            return site
    log(f"generating {n} posts into {site}")
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run(
        [sys.executable, str(GEN), "--posts", str(n), "--seed", "42",
         "--layout", "warta", "--out", str(site), "--manifest", str(manifest)],
        check=True, stdout=subprocess.DEVNULL)
    return site


def warta_binary():
    if os.environ.get("WARTA_BIN"):
        return Path(os.environ["WARTA_BIN"]).resolve()
    log("building warta (cargo build --release)")
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    return REPO / "target" / "release" / "warta"


def build(warta, site):
    """One cold build: {stage: ms}, plus 'total' (wall ms) and 'rss' (MiB)."""
    shutil.rmtree(OUT, ignore_errors=True)
    subprocess.run(["sync"], check=False)
    timef = WORK / "scaling-time.txt"
    env = dict(os.environ, WARTA_TIMINGS="1")
    start = time.monotonic()
    done = subprocess.run(
        ["/usr/bin/time", "-v", "-o", str(timef), str(warta), "build",
         "--root", str(site), "--output", str(OUT)],
        env=env, capture_output=True, text=True)
    wall = (time.monotonic() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"warta build failed on {site}:\n{done.stdout}\n{done.stderr}")
    line = next((l for l in done.stderr.splitlines() if l.startswith("warta-timings ")), None)
    if line is None:
        sys.exit("this warta prints no stage timings (WARTA_TIMINGS=1): too old a binary")
    stages = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timef.read_text()).group(1))
    stages["total"] = wall
    stages["rss"] = rss / 1024
    return stages


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]
    sizes.sort()
    WORK.mkdir(parents=True, exist_ok=True)
    warta = warta_binary()
    sites = {n: corpus(n) for n in sizes}
    runs = {n: [] for n in sizes}
    for n in sizes:  # warm-up, not counted
        build(warta, sites[n])
    for r in range(RUNS):
        for n in sizes:
            t = build(warta, sites[n])
            log(f"round {r + 1}/{RUNS}, {n} posts: {t['total']:.0f} ms, {t['rss']:.0f} MiB")
            runs[n].append(t)
    shutil.rmtree(OUT, ignore_errors=True)
    stages = [k for k in runs[sizes[0]][0] if k not in ("total", "rss")] + ["total"]
    med = {n: {k: statistics.median(t[k] for t in runs[n]) for k in stages + ["rss"]} for n in sizes}

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    lines = [f"### Scaling, {' / '.join(f'{n:,}' for n in sizes)} posts, {RUNS} rounds — "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "",
             f"CPU: {cpu}, {os.cpu_count()} cores; load average after: {open('/proc/loadavg').read().split()[0]}; "
             f"warta {commit}; `WARTA_TIMINGS=1` stage times, medians (ms)", "",
             "| stage | " + " | ".join(f"{n:,} posts" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for k in stages + ["rss"]:
        unit = " (MiB)" if k == "rss" else ""
        lines.append(f"| {k}{unit} | " + " | ".join(f"{med[n][k]:.0f}" for n in sizes) + " |")
    lines.append("")
    failed = False
    for a, b in zip(sizes, sizes[1:]):
        nlogn = (b * math.log(b)) / (a * math.log(a))
        lines.append(f"From {a:,} to {b:,} posts (x{b / a:g}; n log n grows x{nlogn:.1f}):")
        for k in stages + ["rss"]:
            if med[a][k] <= 0:
                continue
            growth = med[b][k] / med[a][k]
            judged = k in ("total", "rss") or med[b][k] >= SHARE * med[b]["total"]
            bad = judged and k != "rss" and growth > LIMIT * nlogn
            failed |= bad
            verdict = "**FAIL**" if bad else ("ok" if judged else "not judged (small)")
            lines.append(f"- {k}: x{growth:.1f} ({growth / nlogn:.2f} of n log n) {verdict}")
        lines.append("")
    table = "\n".join(lines) + "\n"
    print(table)
    perf = REPO / "docs" / "PERFORMANCE.md"
    text = perf.read_text() if perf.exists() else ""
    if "## Results: bench/scaling.py" not in text:
        text += "\n## Results: bench/scaling.py\n\nAppended by `bench/scaling.py`.\n\n"
    perf.write_text(text + table + "\n")
    log(f"appended to {perf}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
