#!/usr/bin/env bash
# Peel's person linkage beside Splink 5 (DuckDB) on the same files, one after the other, in one
# run: FEBRL datasets 1-3 and a 200,000-record FEBRL-like synthetic set (with --large, also
# 1,000,000 records, Peel only: Splink needs more memory than this machine should give it).
# Both use the comparisons and blocking rules of examples/link/febrl.toml; both are scored by
# `peel link eval` at probability 0.5.
# Usage: bash bench/link-compare.sh [--large]   (run from the repository root)
set -euo pipefail
venv="${PEEL_LINK_VENV:-target/link-venv}"
data=target/link-data
shared=../shared
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet 'splink==5.*' numpy pandas
fi
cargo build --release -p peel-cli --quiet
peel=./target/release/peel
mkdir -p "$data"
sizes=(200000)
if [ "${1:-}" = "--large" ]; then sizes+=(1000000); fi
for n in "${sizes[@]}"; do
  if [ ! -f "$data/synth_$n.csv" ]; then
    "$venv/bin/python" "$shared/tools/gen_people.py" "$n" --seed 42 --out "$data/synth_$n.csv"
  fi
  if [ ! -f "$data/synth_${n}_true_links.csv" ]; then
    "$venv/bin/python" bench/truth_from_ids.py "$data/synth_$n.csv" "$data/synth_${n}_true_links.csv"
  fi
done

measure() { # label, output dir, command...
  local label="$1" out="$2"; shift 2
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" > "$out.log" 2>&1
  read -r seconds kib < "$out.time"
  echo "$label $seconds $((kib / 1024))"
}

printf '%-16s %-7s %9s %9s %s\n' dataset tool seconds peak_mib "precision recall f1"
run() { # name, file, truth, with_splink
  local name="$1" file="$2" truth="$3" splink="$4" out
  out="$(mktemp -d)"
  read -r _ s m < <(measure peel "$out/peel" "$peel" link dedupe "$file" \
    --config examples/link/febrl.toml --out "$out/peel")
  printf '%-16s %-7s %9s %9s %s\n' "$name" peel "$s" "$m" \
    "$("$peel" link eval --pairs "$out/peel/pairs.csv" --truth "$truth" 2>/dev/null)"
  if [ "$splink" = yes ]; then
    read -r _ s m < <(measure splink "$out/splink" "$venv/bin/python" bench/splink_febrl.py \
      "$file" "$out/splink")
    printf '%-16s %-7s %9s %9s %s\n' "$name" splink "$s" "$m" \
      "$("$peel" link eval --pairs "$out/splink/pairs.csv" --truth "$truth" 2>/dev/null)"
  fi
  rm -rf "$out"
}
for d in 1 2 3; do
  run "febrl$d" "$shared/data/linkage/dataset$d.csv" "$shared/data/linkage/dataset${d}_true_links.csv" yes
done
run synth_200000 "$data/synth_200000.csv" "$data/synth_200000_true_links.csv" yes
if [ "${1:-}" = "--large" ]; then
  run synth_1000000 "$data/synth_1000000.csv" "$data/synth_1000000_true_links.csv" no
fi
echo "splink $("$venv/bin/python" -c 'import splink; print(splink.__version__)'), $(nproc) cores, $(uname -m)"
