#!/bin/bash
# The CAM-quality benchmark (issue 16): every method, target layer and smoothing scored by `explain --score` on the
# masked test images of one HAM10000 run, alone on the machine. bench/cam-quality.sh RUN [LIMIT]
# Each variant's terminal output and CSVs land in bench/results/cam-quality/<variant>/; the summary is cam-quality.md.
set -euo pipefail
cd "$(dirname "$0")/.."
run=$1; limit=${2:-120}
dotnet build -c Release src/DermLens.Cli 2>&1 | grep -E " error|rror\(s\)" || true
dermlens=src/DermLens.Cli/bin/Release/net10.0/dermlens
out=bench/results/cam-quality
variant() {
  local name=$1; shift
  echo "== $name: $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  mkdir -p "$out/$name"
  local start=$SECONDS
  COLUMNS=160 "$dermlens" explain --run "$run" --score --limit "$limit" "$@" >"$out/$name/explain.txt" 2>&1
  echo "$* : $((SECONDS - start)) s" >>"$out/$name/explain.txt"
  cp "$run/cam_quality.csv" "$run/cam_quality_vs_gaussian.csv" "$out/$name/"
  tail -3 "$out/$name/explain.txt"
}
variant layer4 --methods gradcam,gradcam++,hirescam,layercam,scorecam,guided,guided-gradcam
variant fused --layer layer3+layer4 --methods gradcam,hirescam,layercam
variant layer3 --layer layer3 --methods gradcam,layercam
variant eigen --smooth eigen --methods gradcam,layercam
variant fused-aug --layer layer3+layer4 --smooth aug --methods layercam,gradcam
