#!/usr/bin/env bash
# The project's one test command (CI runs it through .ci/run).
# Formatting, lints, every unit and integration test, then the browser test
# of the search (which installs Debian's chromium if it is missing).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
bash scripts/browser-test.sh
