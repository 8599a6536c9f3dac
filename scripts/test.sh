#!/usr/bin/env bash
# The project's one test command (CI runs it through .ci/run).
# Formatting, lints, then every unit and integration test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo test
