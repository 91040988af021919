#!/usr/bin/env bash
# One training step of ResNet-18 and ResNet-50 (batch 16, 224 px, 2 threads) in DermLens and in Debian's PyTorch,
# each in its default memory format and in the other one, run interleaved (every configuration once per round) so
# that load from other work on the machine falls on all alike; writes the table to bench/results/speed.md, keeping
# its hand-written part below the marker line.
#
#   bench/speed.sh [ROUNDS]            ROUNDS defaults to 3
#
# Needs Debian's python3-torch and python3-torchvision (/usr/bin/python3). OpenBLAS's core-type override, set on
# some machines here for older builds, is lifted for these processes only.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
python=/usr/bin/python3
results=bench/results/speed.md
marker='<!-- findings: everything below this line is kept by bench/speed.sh -->'
"$python" -c "import torch, torchvision" || { echo "needs Debian's python3-torch and python3-torchvision" >&2; exit 1; }

dotnet build -c Release bench/DermLens.Bench 2>&1 | grep -E " error|rror\(s\)" || true
bench_bin=bench/DermLens.Bench/bin/Release/net10.0/DermLens.Bench
[ -x "$bench_bin" ] || { echo "build failed: $bench_bin missing" >&2; exit 1; }

# The DermLens benchmark saves its own one-run report as $results; keep the real file aside and put it back.
work=$(mktemp -d)
[ -f "$results" ] && cp "$results" "$work/previous.md"
restore() { [ -f "$work/previous.md" ] && cp "$work/previous.md" "$results"; return 0; }
trap 'restore; rm -rf "$work"' EXIT

declare -A steps=([resnet18]="--warmup 3 --steps 10" [resnet50]="--warmup 2 --steps 6")
# name | command (the model's options are appended)
configs=(
  "DermLens (default: channels-last)|$bench_bin speed"
  "DermLens --contiguous|$bench_bin speed --contiguous"
  "PyTorch (default: contiguous)|$python bench/speed_pytorch.py"
  "PyTorch channels-last|$python bench/speed_pytorch.py --channels-last"
)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
for round in $(seq "$rounds"); do
    for model in resnet18 resnet50; do
        for config in "${configs[@]}"; do
            name=${config%%|*}
            command=${config#*|}
            line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $command --model "$model" --threads 2 ${steps[$model]} | head -1)
            echo "{\"config\": \"$name\", \"result\": $line}" >> "$work/runs.jsonl"
            echo "round $round $model $name: $(echo "$line" | cut -c1-120)"
        done
    done
done
restore

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
"$python" - "$work" "$results" "$marker" "$cpu" "$(nproc)" "$started" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, os, statistics, sys
work, results, marker, cpu, cores, started, load_before, load_after = sys.argv[1:]
runs = [json.loads(l) for l in open(os.path.join(work, "runs.jsonl"))]
configs = list(dict.fromkeys(r["config"] for r in runs))
reference = "PyTorch (default: contiguous)"
version = next(r["result"]["framework"] for r in runs if r["config"] == reference)
lines = [
    "# Speed: one training step, DermLens against PyTorch",
    "",
    f"Forward, cross-entropy, backward and an SGD step (momentum 0.9, weight decay 1e-4) on a random batch of 16 at "
    f"224 px, 1000 classes, both at 2 intra-op threads; DermLens's own ResNet and MomentumSgd (TorchSharp 0.107, "
    f"libtorch 2.10) against torchvision's ResNet and torch.optim.SGD ({version}, Debian). Each framework in its "
    f"default memory format and in the other. Runs interleaved (every configuration once per round); each number is "
    f"the median over rounds of one process's median ms per step (ResNet-18: 3 warm-up + 10 timed steps, "
    f"ResNet-50: 2 + 6), with the lowest and highest of those medians; the ratio is to PyTorch's default, per round.",
    "",
    f"Machine: {cpu}, {cores} cores; {started}; {len(runs) // (2 * len(configs))} rounds; load average "
    f"{load_before} before, {load_after} after (other work may share these cores).",
    "",
    "| model | configuration | ms per step | min-max | ratio to PyTorch default | ratio min-max (per round) | forward | backward | optimizer | page faults | CPU ms |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
]
for model in ("resnet18", "resnet50"):
    ref = [r["result"]["median_ms"] for r in runs if r["config"] == reference and r["result"]["model"] == model]
    for config in configs:
        rs = [r["result"] for r in runs if r["config"] == config and r["result"]["model"] == model]
        ms = [r["median_ms"] for r in rs]
        per_round = [a / b for a, b in zip(ms, ref)]
        ph = {k: statistics.median(r["phases_ms"][k] for r in rs) for k in ("forward", "backward", "optimizer")}
        faults = statistics.median(r["page_faults_per_step"] for r in rs)
        cpu_ms = statistics.median(r["cpu_ms_per_step"] for r in rs)
        lines.append(f"| {model} | {config} | {statistics.median(ms):.0f} | {min(ms):.0f}-{max(ms):.0f} | "
                     f"{statistics.median(ms) / statistics.median(ref):.2f} | {min(per_round):.2f}-{max(per_round):.2f} | "
                     f"{ph['forward']:.0f} | {ph['backward']:.0f} | {ph['optimizer']:.0f} | {faults:.0f} | {cpu_ms:.0f} |")
lines.append("")
lines.append("Phases in ms (forward includes the loss and zero_grad); page faults are minor faults per step; CPU ms is "
             "this process's CPU time per step (both threads, user + system).")
kept = ""
if os.path.exists(results):
    text = open(results).read()
    if marker in text:
        kept = text[text.index(marker):]
body = "\n".join(lines) + "\n\n" + (kept or marker + "\n")
tmp = results + ".tmp"
with open(tmp, "w") as f:
    f.write(body)
os.replace(tmp, results)
print(body)
PY
rm -f "$work/previous.md"
