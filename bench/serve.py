#!/usr/bin/env python3
"""Edit-to-visible latency of `bangvang serve` against `hugo server`.

For each size, the same corpus (bench/gen_corpus.py) is served by both, on
127.0.0.1, as an officer would run them (no extra flags). Then, --edits
times each, one profile file is changed the way an editor saves it (the
whole file written again, a new sentence at the end of its text) and the
profile's page is asked for every 5 ms until the sentence is in it: the
time from the write to that answer is one sample. The two servers run one
after the other, never together. The table shows the median (and the
slowest) sample, and bangvang's peak memory while serving beside the peak
of a full `bangvang build` of the same corpus (from GNU time).

  bench/serve.sh                     # 1k, 10k, 50k people, 15 edits each
  bench/serve.sh --sizes 1000 --edits 5
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return None


def wait_for(url, timeout=600):
    started = time.time()
    while time.time() - started < timeout:
        if fetch(url) is not None:
            return
        time.sleep(0.05)
    sys.exit(f"no answer from {url} after {timeout} s")


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(page_url, path, edits):
    """Edits `path` `edits` times; the latency of each until `page_url` shows it."""
    original = open(path, encoding="utf-8").read()
    samples = []
    try:
        for i in range(edits):
            marker = f"Dấu kiểm tra số {i} lúc {time.time_ns()}."
            started = time.perf_counter()
            with open(path, "w", encoding="utf-8") as f:
                f.write(original.rstrip("\n") + f"\n\n{marker}\n")
            while True:
                body = fetch(page_url)
                if body is not None and marker in body:
                    break
                if time.perf_counter() - started > 120:
                    sys.exit(f"{page_url} did not show the edit within 120 s")
                time.sleep(0.005)
            samples.append((time.perf_counter() - started) * 1000)
            time.sleep(0.5)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
    return samples


def first_profile(content):
    names = sorted(n for n in os.listdir(content) if n.endswith(".md") and not n.startswith("_"))
    return names[len(names) // 2]


def bangvang_serve(a, corpus, n):
    site = os.path.join(corpus, "bangvang")
    name = first_profile(os.path.join(site, "content", "people"))
    port = free_port()
    proc = subprocess.Popen(
        [a.bangvang, "serve", "--root", site, "--port", str(port), "--now", "2026-11-21"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = ""
        while "http://" not in line:
            line = proc.stdout.readline()
            if not line:
                sys.exit("bangvang serve ended before serving")
        base = re.search(r"http://\S+", line).group(0)
        page = f"{base}ca-nhan/{name[:-3]}/"
        wait_for(page)
        samples = measure(page, os.path.join(site, "content", "people", name), a.edits)
        return samples, peak_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()


def hugo_server(a, corpus, n):
    site = os.path.join(corpus, "hugo")
    name = first_profile(os.path.join(site, "content", "nguoi"))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen(
        ["hugo", "server", "-s", site, "--bind", "127.0.0.1", "--port", str(port), "--baseURL", base],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = f"{base}nguoi/{name[:-3]}/"
        wait_for(page, timeout=1200)
        samples = measure(page, os.path.join(site, "content", "nguoi", name), a.edits)
        return samples, peak_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait()


def build_peak(a, corpus):
    out = tempfile.mkdtemp(prefix="bangvang-bench-out")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%M", a.bangvang, "build", "--root",
                        os.path.join(corpus, "bangvang"), "--output", os.path.join(out, "public"),
                        "--now", "2026-11-21"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(t.read().split()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,50000", help="numbers of people, comma-separated")
    ap.add_argument("--edits", type=int, default=15)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "bangvang-bench"))
    ap.add_argument("--gen", default=os.path.join(ROOT, "bench", "gen_corpus.py"))
    ap.add_argument("--bangvang", default=os.path.join(ROOT, "target", "release", "bangvang"))
    ap.add_argument("--no-hugo", action="store_true", help="measure bangvang only")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    rows = []
    for n in [int(x) for x in a.sizes.split(",")]:
        corpus = os.path.join(a.work, f"n{n}")
        if not os.path.isdir(os.path.join(corpus, "bangvang")):
            print(f"generating {n} people …", flush=True)
            subprocess.run([sys.executable, a.gen, "--n", str(n), "--out", corpus], check=True, stdout=subprocess.DEVNULL)
        b, b_peak = bangvang_serve(a, corpus, n)
        print(f"  {n} people: bangvang serve median {statistics.median(b):.0f} ms", flush=True)
        h = None
        if not a.no_hugo:
            h, _ = hugo_server(a, corpus, n)
            print(f"  {n} people: hugo server median {statistics.median(h):.0f} ms", flush=True)
        rows.append((n, b, b_peak, build_peak(a, corpus), h))
    print()
    print("| people | bangvang serve: median (slowest) | hugo server: median (slowest) | ratio | serve peak MiB | build peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n, b, b_peak, build, h in rows:
        hugo = f"{statistics.median(h):.0f} ms ({max(h):.0f})" if h else "–"
        ratio = f"{statistics.median(b) / statistics.median(h):.3f}" if h else "–"
        print(f"| {n:,} | {statistics.median(b):.0f} ms ({max(b):.0f}) | {hugo} | {ratio} | {b_peak:.0f} | {build:.0f} |")


if __name__ == "__main__":
    main()
