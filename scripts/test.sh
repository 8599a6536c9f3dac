#!/usr/bin/env bash
# The project's one test command (CI runs it through .ci/run).
# Formatting, lints, every unit and integration test, the fuzz targets
# compiled, the Debian package made and installed into a scratch root, then
# the browser tests of the search and of serve's reload (which install
# Debian's chromium if it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
# The fuzz targets use the library's testing entry points: keep them compiling.
cargo check --quiet --manifest-path fuzz/Cargo.toml
bash scripts/deb.sh --check
bash scripts/browser-test.sh
