#!/usr/bin/env bash
# Benchmark bangvang against Hugo on the same generated honour roll.
#   bench/run.sh                          # 1k, 10k, 50k people, 5 runs each
#   bench/run.sh --sizes 1000,10000 --runs 3
# Installs Debian's hugo if missing, builds bangvang in release mode, then
# runs bench/run.py (see its --help); the corpus generator is
# bench/gen_corpus.py. A benchmark, not a test: nothing fails on a slow
# machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/need-hugo.sh
cargo build --release --quiet
exec python3 bench/run.py "$@"
