#!/usr/bin/env python3
"""The preview server under load and hostile clients, on 127.0.0.1 only.

Usage: bench/serve_load.py [--bin PATH] [--cmd 'shell command'] [--path /x] [--only-throughput]

Starts `warta serve --port 0` (default binary: target/debug/warta) on a
copy of tests/fixtures/minimal, or any server given with --cmd that prints
`http://127.0.0.1:PORT` on its first lines, always as
`sh -c 'ulimit -n 1024; exec ...'` (the file limit of many desktops), then:

1. throughput: 5,000 GETs of --path from 20 client threads, one request
   per connection (as the preview answers), requests/s and latency;
2. a dripping client: a header line every 0.5 s, never the blank line
   that ends the head; when (if) the server cuts it, while 20 normal
   requests are made meanwhile;
3. 1,000 idle connections (connected, half a request line sent), held
   open, then 200 normal requests one after the other: how many are
   answered, their latency, and how many idle ones the server closed.

Every loop is bounded; a request that takes over 5 s counts as failed.
"""
import argparse, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIMEOUT = 5.0


def get(port, path, host="127.0.0.1"):
    """One GET; returns (status, seconds) or (0, seconds) on failure."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
                if time.perf_counter() - t0 > TIMEOUT:
                    return 0, TIMEOUT
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
        return status, time.perf_counter() - t0
    except OSError:
        return 0, time.perf_counter() - t0


def pct(times, p):
    times = sorted(times)
    return times[min(len(times) - 1, int(len(times) * p))] * 1000 if times else float("nan")


def throughput(port, path, total=5000, threads=20):
    results, lock = [], threading.Lock()

    def worker(n):
        local = [get(port, path) for _ in range(n)]
        with lock:
            results.extend(local)

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(total // threads,)) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.perf_counter() - t0
    ok = [t for s, t in results if 200 <= s < 400]
    print(f"throughput: {len(ok)}/{len(results)} ok in {wall:.2f} s = {len(ok) / wall:.0f} req/s, "
          f"p50 {pct(ok, .5):.1f} ms, p99 {pct(ok, .99):.1f} ms")


def drip(port, path):
    s = socket.create_connection(("127.0.0.1", port), timeout=0.05)
    s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    t0 = time.perf_counter()
    cut, answer = None, b""
    normal = []

    def others():
        for _ in range(20):
            normal.append(get(port, path))
            time.sleep(0.25)

    side = threading.Thread(target=others)
    side.start()
    i = 0
    while time.perf_counter() - t0 < 30:
        try:
            s.sendall(f"X-Drip-{i}: a\r\n".encode())
            i += 1
            try:
                chunk = s.recv(4096)
                if not chunk:
                    cut = time.perf_counter() - t0
                    break
                answer += chunk
            except socket.timeout:
                pass
            time.sleep(0.5)
        except OSError:
            cut = time.perf_counter() - t0
            break
    side.join()
    s.close()
    ok = [t for st, t in normal if 200 <= st < 400]
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") if answer else "nothing"
    print(f"dripping client: {'cut after %.1f s' % cut if cut else 'still open after 30 s'} "
          f"({i} header lines sent; answer: {status}); meanwhile {len(ok)}/20 normal requests ok, "
          f"max {max(t for _, t in normal) * 1000:.0f} ms")


def idle(port, path, n=1000, requests=200):
    conns, failed_open = [], 0
    for _ in range(n):
        try:
            c = socket.create_connection(("127.0.0.1", port), timeout=2)
            c.sendall(b"GET / HT")
            conns.append(c)
        except OSError:
            failed_open += 1
    time.sleep(0.5)
    results = [get(port, path) for _ in range(requests)]
    closed = 0
    for c in conns:
        c.setblocking(False)
        try:
            if c.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        c.close()
    ok = [t for s, t in results if 200 <= s < 400]
    print(f"{n} idle connections ({failed_open} failed to open, {closed} closed by the server): "
          f"{len(ok)}/{requests} normal requests ok, p50 {pct(ok, .5):.1f} ms, "
          f"p99 {pct(ok, .99):.1f} ms, max {pct(ok, 1):.1f} ms")


def start(cmd):
    proc = subprocess.Popen(["sh", "-c", f"ulimit -n 1024; exec {cmd}"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env={**os.environ, "LANG": "C"})
    t0 = time.time()
    while time.time() - t0 < 120:
        line = proc.stdout.readline()
        if "http://127.0.0.1:" in line:
            port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()
            return proc, port
    proc.kill()
    sys.exit("server did not start")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "debug", "warta"))
    ap.add_argument("--cmd")
    ap.add_argument("--path", default="/berita/posyandu-krajan/")
    ap.add_argument("--only-throughput", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="warta-load-")
    try:
        site = os.path.join(work, "site")
        shutil.copytree(os.path.join(REPO, "tests", "fixtures", "minimal"), site)
        cmd = args.cmd or f"'{args.bin}' serve --port 0 --root '{site}'"
        proc, port = start(cmd)
        try:
            throughput(port, args.path)
            if not args.only_throughput:
                drip(port, args.path)
                idle(port, args.path)
                throughput(port, args.path)
        finally:
            proc.kill()
            proc.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
