#!/usr/bin/env python3
"""Times whole builds of bangvang and Hugo on the same synthetic honour roll.

The corpus comes from bench/gen_corpus.py, which writes the same
people, units, movements, collectives and commendations for both generators.
Each size is built once by each (warm-up, discarded), then `--runs` times,
alternating bangvang and Hugo so that both see the same machine state. Every
run starts from an empty output folder. Wall time, CPU time (user + system)
and peak memory come from GNU time (/usr/bin/time -f). The table shows
medians and the ratio bangvang / Hugo.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-o", t.name, "-f", "%e %U %S %M"] + cmd
        proc = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
        wall, user, system, rss_kb = t.read().split()[-4:]
        return float(wall), float(user) + float(system), int(rss_kb) / 1024


def count_pages(out):
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,50000", help="numbers of people, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "bangvang-bench"), help="where corpora and outputs go")
    ap.add_argument("--out", help="where the outputs go (default: under --work); /dev/shm/… measures without the disk")
    ap.add_argument("--gen", default=os.path.join(ROOT, "bench", "gen_corpus.py"))
    ap.add_argument("--bangvang", default=os.path.join(ROOT, "target", "release", "bangvang"))
    ap.add_argument("--json", help="also write the results as JSON to this file")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {os.cpu_count()} cores; {hugo_version}; outputs in {a.out or a.work}")
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        corpus = os.path.join(a.work, f"n{n}")
        if not os.path.isdir(os.path.join(corpus, "bangvang")):
            print(f"generating {n} people …", flush=True)
            subprocess.run([sys.executable, a.gen, "--n", str(n), "--out", corpus], check=True, stdout=subprocess.DEVNULL)
        out = os.path.join(a.out or a.work, f"out{n}")
        cmds = {
            "bangvang": [a.bangvang, "build", "--root", os.path.join(corpus, "bangvang"), "--output", os.path.join(out, "bangvang"), "--now", "2026-11-21"],
            "hugo": ["hugo", "--quiet", "-s", os.path.join(corpus, "hugo"), "-d", os.path.join(out, "hugo")],
        }
        samples = {k: [] for k in cmds}
        for run in range(a.runs + 1):
            for name in (["bangvang", "hugo"] if run % 2 == 0 else ["hugo", "bangvang"]):
                shutil.rmtree(os.path.join(out, name), ignore_errors=True)
                s = timed(cmds[name])
                if run > 0:
                    samples[name].append(s)
            print(f"  {n} people, run {run}/{a.runs}: " + ", ".join(f"{k} {v[-1][0]:.2f}s" for k, v in samples.items() if v), flush=True)
        med = {k: tuple(statistics.median(x[i] for x in v) for i in range(3)) for k, v in samples.items()}
        pages = {k: count_pages(os.path.join(out, k)) for k in cmds}
        results.append({"people": n, "pages": pages, "median": med, "runs": a.runs})
    print()
    print("| people | bangvang pages | bangvang wall | CPU | peak MB | Hugo pages | Hugo wall | CPU | peak MB | wall ratio | memory ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        b, h = r["median"]["bangvang"], r["median"]["hugo"]
        print(f"| {r['people']:,} | {r['pages']['bangvang']:,} | {b[0]:.2f} s | {b[1]:.2f} s | {b[2]:.0f} | {r['pages']['hugo']:,} | {h[0]:.2f} s | {h[1]:.2f} s | {h[2]:.0f} | {b[0] / h[0]:.2f} | {b[2] / h[2]:.2f} |")
    if len(results) > 1:
        by = {r["people"]: r["median"]["bangvang"][0] for r in results}
        if 10000 in by and 50000 in by:
            print(f"\nbangvang 50k / 10k wall time: {by[50000] / by[10000]:.2f}×")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
