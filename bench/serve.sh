#!/usr/bin/env bash
# Edit-to-visible latency of `bangvang serve` against `hugo server`.
#   bench/serve.sh                        # 1k, 10k, 50k people, 15 edits each
#   bench/serve.sh --sizes 1000 --edits 5
# Installs Debian's hugo if missing, builds bangvang in release mode, then
# runs bench/serve.py (see its --help).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/need-hugo.sh
cargo build --release --quiet
exec python3 bench/serve.py "$@"
