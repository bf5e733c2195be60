#!/usr/bin/env bash
# Issue 19's statistics benchmark: Peel's import, measures, ward page and ward dashboard
# (peel bench stats),
# then DuckDB (PyPI duckdb) computing the same counts, harm and rates from the same placed rows.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import duckdb" 2>/dev/null || python3 -m pip install --quiet duckdb
cargo build --release -p peel-cli
rows="$(mktemp -d)"
trap 'rm -rf "$rows"' EXIT
"${CARGO_TARGET_DIR:-target}/release/peel" bench stats --duckdb "$rows" "$@"
python3 bench/stats_duckdb.py "$rows"
