#!/usr/bin/env bash
# Browser tests of the search and of serve's reload: installs what they need on a fresh machine
# (Debian's chromium, never a browser downloaded by a test tool; the pinned
# playwright-core from npm), builds the example site, serves it on 127.0.0.1
# under its sub-path and types queries into the search box.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "browser-test: installing Debian's chromium"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi
command -v node >/dev/null || { echo "browser-test: node (>= 20) is required" >&2; exit 1; }

( cd tests/browser && if [ ! -d node_modules/playwright-core ]; then npm ci --no-audit --no-fund --ignore-scripts; fi )

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- build --now 2026-11-21 --output "$out/public" >/dev/null
node tests/browser/search.test.js --site "$out/public" --base /vinh-danh/
# serve: an edit reloads the open page, a mistake shows over it, the fix clears it.
mkdir -p "$out/site"
cp -r site.toml content "$out/site/"
cargo build --quiet --release
node tests/browser/reload.test.js --bangvang target/release/bangvang --site "$out/site"
