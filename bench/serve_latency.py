#!/usr/bin/env python3
"""Time from saving one post to the live-reload event, in `warta serve`.

Usage: bench/serve_latency.py N [SAVES]   (N posts from bench/kit/gen_corpus.py)

Builds warta (release), generates the N-post corpus into target/bench-work,
starts `warta serve --port 0` on 127.0.0.1, opens the event stream like a
browser tab, then SAVES times (default 15) edits one post (alternating
between two posts, each save a real change to the body) and measures the
wall time from the write to the `data: reload` event, and the CPU time the
server spent on that save (all its threads, from /proc/PID/task/*/schedstat,
from the write to the next one: wall times on a shared machine swing with
the load, CPU time much less). Prints the medians and the 90th percentile
and appends them to bench/results.md (RESULTS=0: print only).

WARTA=/path/to/warta times that binary instead of building this checkout
(to compare an earlier release in the same session: run the two in turns).
"""
import os, socket, statistics, subprocess, sys, time, datetime

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KIT = os.path.join(REPO, "bench", "kit")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
SAVES = int(sys.argv[2]) if len(sys.argv) > 2 else 15
work = os.path.join(REPO, "target", "bench-work", f"serve-{N}")

binary = os.environ.get("WARTA")
if binary is None:
    subprocess.run(["cargo", "build", "--release", "-q"], cwd=REPO, check=True)
    binary = os.path.join(REPO, "target", "release", "warta")
if not os.path.isdir(os.path.join(work, "content")):
    subprocess.run([sys.executable, os.path.join(KIT, "gen_corpus.py"), "--posts", str(N),
                    "--seed", "42", "--layout", "warta", "--out", work], check=True, stdout=subprocess.DEVNULL)
posts = sorted(os.listdir(os.path.join(work, "content", "berita")))
targets = [os.path.join(work, "content", "berita", posts[len(posts) // 2]),
           os.path.join(work, "content", "berita", posts[len(posts) // 3])]
originals = {t: open(t, encoding="utf-8").read() for t in targets}

server = subprocess.Popen([binary, "serve", "--port", "0", "--root", work],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "LANG": "C"})
try:
    port = None
    started = time.time()
    while port is None:
        line = server.stdout.readline()
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        if time.time() - started > 300:
            sys.exit("serve did not start")
    first_build = time.time() - started
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__warta/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    stream = sock.makefile("rb")
    while not stream.readline().startswith(b": warta"):
        pass
    def cpu_ms():
        """CPU time of every thread of the server so far, in ms."""
        total = 0
        task = f"/proc/{server.pid}/task"
        for t in os.listdir(task):
            try:
                total += int(open(f"{task}/{t}/schedstat").read().split()[0])
            except OSError:
                pass  # a thread that ended meanwhile
        return total / 1e6
    times, cpus = [], []
    for i in range(SAVES):
        target = targets[i % 2]
        time.sleep(0.5)  # let the previous burst settle, as between a writer's saves
        if i > 0:
            cpus.append(cpu_ms() - c0)
        c0 = cpu_ms()
        text = originals[target] + f"\nTambahan catatan ke-{i}.\n"
        t0 = time.perf_counter()
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        while True:
            line = stream.readline()
            if line.strip() == b"data: reload":
                break
        times.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.5)
    cpus.append(cpu_ms() - c0)
finally:
    server.kill()
    for t, s in originals.items():
        open(t, "w", encoding="utf-8").write(s)

times.sort()
median = statistics.median(times)
p90 = times[max(int(len(times) * 0.9) - 1, 0)]
cpu = statistics.median(cpus)
line = (f"| {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} | {N} | {SAVES} | {median:.0f} | {p90:.0f} | "
        f"{cpu:.1f} | {first_build:.1f} s | {os.path.basename(binary) if 'WARTA' in os.environ else 'this checkout'} |")
print("| date (UTC) | posts | saves | median save→reload (ms) | p90 (ms) | CPU per save (ms) | first build | binary |")
print("|---|---:|---:|---:|---:|---:|---:|---|")
print(line)
print("note: includes the quiet window that merges an editor's burst of events into one rebuild")
if os.environ.get("RESULTS") == "0":
    sys.exit(0)
with open(os.path.join(REPO, "bench", "results.md"), "a", encoding="utf-8") as f:
    f.write(f"\n### serve: save → reload, N = {N}\n\n| date (UTC) | posts | saves | median (ms) | p90 (ms) | CPU per save (ms) | first build | binary |\n"
            f"|---|---:|---:|---:|---:|---:|---:|---|\n{line}\n")
