#!/bin/bash
# Runs ham10000 benchmark rows one after another, alone on the machine: bench/ham10000.sh CONFIG|peer[:EPOCHS[:HxW]] ...
# e.g. bench/ham10000.sh peer:4:96x128 s-plain s-plain-tta. Each row lands in bench/results/ham10000.{md,json,png} as it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build -c Release src/DermLens.Cli 2>&1 | grep -E " error|rror\(s\)" || true
dotnet build -c Release bench/DermLens.Bench 2>&1 | grep -E " error|rror\(s\)" || true
bench=bench/DermLens.Bench/bin/Release/net10.0/DermLens.Bench
for row in "$@"; do
  echo "== $row: $(date -u +%H:%M) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $row == peer* ]]; then
    IFS=: read -r _ epochs size <<<"$row"
    "$bench" ham10000 --peer --epochs "${epochs:-6}" --size "${size:-150x200}" | grep ": balanced accuracy"
  else
    "$bench" ham10000 --config "$row" | grep ": balanced accuracy"
  fi
done
