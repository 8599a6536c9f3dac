#!/usr/bin/env bash
# Search benchmark: bangvang's index against Pagefind 1.6.0's on the same site.
#   bench/search.sh                 # 10,000 people
#   bench/search.sh --n 1000
#   bench/search.sh --key-ms 300    # type the first-query probes at 300 ms a key
# Installs Pagefind (its npm package ships its binary) and playwright-core
# into ~/.cache/bangvang-bench, generates a corpus with bench/gen_corpus.py,
# builds it with bangvang (release), runs Pagefind on the built site, draws a
# query set from the corpus (bench/search_queries.py) and measures both
# engines in Debian's chromium (bench/search.js): index size and files,
# first-query bytes, time from the last keystroke to results, recall@1 and
# recall@5 per query type. A benchmark, not a test: it fails only on errors.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
n=10000
key_ms=220
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n="$2"; shift 2 ;;
    --key-ms) key_ms="$2"; shift 2 ;;
    *) echo "usage: bench/search.sh [--n PEOPLE] [--key-ms MS]" >&2; exit 2 ;;
  esac
done
cache="${BANGVANG_BENCH_CACHE:-$HOME/.cache/bangvang-bench}"
mkdir -p "$cache"
pw="$(node -p 'require("./tests/browser/package.json").dependencies["playwright-core"]')"
if [ ! -x "$cache/node_modules/.bin/pagefind" ] || [ ! -d "$cache/node_modules/playwright-core" ]; then
  echo "search bench: installing pagefind@1.6.0 and playwright-core@$pw into $cache"
  [ -f "$cache/package.json" ] || echo '{"private": true}' > "$cache/package.json"
  ( cd "$cache" && npm install --no-audit --no-fund "pagefind@1.6.0" "playwright-core@$pw" >/dev/null )
fi
[ -x /usr/bin/chromium ] || { echo "search bench: Debian's chromium is needed (scripts/browser-test.sh installs it)" >&2; exit 1; }

work="$cache/run-$n"
rm -rf "$work"; mkdir -p "$work"
python3 bench/gen_corpus.py --n "$n" --out "$work/corpus" >/dev/null
cargo build --release --quiet
target/release/bangvang build --root "$work/corpus/bangvang" --output "$work/site" >"$work/build.log" 2>&1
"$cache/node_modules/.bin/pagefind" --site "$work/site" --output-subdir pagefind >"$work/pagefind.log" 2>&1
python3 bench/search_queries.py --corpus "$work/corpus/bangvang" --out "$work/queries.json"
NODE_PATH="$cache/node_modules" node bench/search.js --site "$work/site" --queries "$work/queries.json" --pagefind --key-ms "$key_ms" | tee "$work/report.txt"
