#!/usr/bin/env bash
# Peel's scam classifier and the scikit-learn baselines on the same split, in one run.
# Usage: bash bench/scam-baseline.sh [DATA_FILE]   (run from the repository root)
set -euo pipefail
data="${1:-../shared/data/text/uci_sms_spam/SMSSpamCollection}"
venv="${PEEL_BENCH_VENV:-target/bench-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet scikit-learn
fi
cargo build --release -p peel-cli --quiet
model="$(mktemp)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
echo "== Peel"
./target/release/peel triage train --data "$data" --out "$model"
taskset -c 0 ./target/release/peel triage eval --model "$model" --data "$data"
echo "== scikit-learn $("$venv/bin/python" -c 'import sklearn; print(sklearn.__version__)')"
taskset -c 0 "$venv/bin/python" bench/sklearn_scam.py "$data"
rm -f "$model"
