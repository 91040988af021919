#!/usr/bin/env bash
# DermLens against Debian's PyTorch on the same CPU, side by side in one run: a ResNet-18 / ResNet-50 training step
# (batch 16, 224 px) and inference (batch 32, 224 px), each in fp32 (both memory formats) and bf16 (DermLens: fp32
# master weights; PyTorch: CPU autocast), plus the machine's matmul peak in fp32 and bf16, so that each step's
# achieved FLOP/s can be read against it. Configurations run interleaved (every one once per round) so that load from
# other work falls on all alike; writes bench/results/speed.md, keeping its hand-written part below the marker line.
#
#   bench/speed.sh [ROUNDS]            ROUNDS defaults to 2
#
# On a CPU without bf16 units (no amx_bf16 / avx512_bf16 flag) bf16 is emulated and 10-50x slower than fp32 (a
# ResNet-18 bf16 step at batch 16 takes about 45 s): its configurations then run for ResNet-18 only, in the first round
# only, 1 warm-up + 2 timed steps, and their rows say "emulated".
# Needs Debian's python3-torch and python3-torchvision (/usr/bin/python3). OpenBLAS's core-type override, set on
# some machines here for older builds, is lifted for these processes only.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
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

flags=$(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2)
bf16_flags=$(for f in amx_bf16 amx_tile avx512_bf16 avx512f; do [[ " $flags " == *" $f "* ]] && echo -n "$f "; done; true)
native_bf16=no
[[ " $flags " == *" amx_bf16 "* || " $flags " == *" avx512_bf16 "* ]] && native_bf16=yes

declare -A fp32_steps=([resnet18]="--warmup 3 --steps 10" [resnet50]="--warmup 2 --steps 6")
if [ "$native_bf16" = yes ]; then declare -A bf16_steps=([resnet18]="--warmup 3 --steps 10" [resnet50]="--warmup 2 --steps 6")
else declare -A bf16_steps=([resnet18]="--warmup 1 --steps 2" [resnet50]="--warmup 1 --steps 2"); fi
# name | mode | precision | command (the model's options are appended)
configs=(
  "DermLens fp32 (default: channels-last)|train|fp32|$bench_bin speed"
  "DermLens fp32 --contiguous|train|fp32|$bench_bin speed --contiguous"
  "DermLens bf16 (master weights, channels-last)|train|bf16|$bench_bin speed --precision bf16"
  "PyTorch fp32 (default: contiguous)|train|fp32|$python bench/speed_pytorch.py"
  "PyTorch fp32 channels-last|train|fp32|$python bench/speed_pytorch.py --channels-last"
  "PyTorch bf16 autocast|train|bf16|$python bench/speed_pytorch.py --bf16"
  "PyTorch bf16 autocast, channels-last|train|bf16|$python bench/speed_pytorch.py --bf16 --channels-last"
  "DermLens fp32 (channels-last)|infer|fp32|$bench_bin speed --infer --batch 32"
  "DermLens bf16 (channels-last)|infer|bf16|$bench_bin speed --infer --batch 32 --precision bf16"
  "PyTorch fp32 channels-last|infer|fp32|$python bench/speed_pytorch.py --infer --batch 32 --channels-last"
  "PyTorch bf16 autocast, channels-last|infer|bf16|$python bench/speed_pytorch.py --infer --batch 32 --bf16 --channels-last"
)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
for model in resnet18 resnet50; do
    "$python" bench/speed_pytorch.py --model "$model" --flops >> "$work/flops.jsonl"
done
for round in $(seq "$rounds"); do
    for precision in fp32 bf16; do
        [ "$precision" = bf16 ] && [ "$native_bf16" = no ] && [ "$round" -gt 1 ] && continue
        # 2048 reaches only ~85 % of what 4096 does here (and less than ResNet-18's convolutions), so 4096.
        n=4096
        [ "$precision" = bf16 ] && [ "$native_bf16" = no ] && n=512
        line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $bench_bin speed --peak --n $n --precision $precision --threads 2 --warmup 2 --steps 5 | head -1)
        echo "{\"config\": \"matmul $precision\", \"round\": $round, \"result\": $line}" >> "$work/runs.jsonl"
        echo "round $round peak $precision: $line"
    done
    for model in resnet18 resnet50; do
        for config in "${configs[@]}"; do
            IFS='|' read -r name mode precision command <<< "$config"
            steps=${fp32_steps[$model]}
            if [ "$precision" = bf16 ]; then
                [ "$native_bf16" = no ] && { [ "$round" -gt 1 ] || [ "$model" != resnet18 ]; } && continue
                steps=${bf16_steps[$model]}
            fi
            line=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $command --model "$model" --threads 2 $steps | head -1)
            echo "{\"config\": \"$name\", \"mode\": \"$mode\", \"precision\": \"$precision\", \"round\": $round, \"result\": $line}" >> "$work/runs.jsonl"
            echo "round $round $model $mode $name: $(echo "$line" | cut -c1-120)"
        done
    done
done
restore

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
"$python" bench/speed_table.py "$work" "$results" "$marker" "$cpu" "$(nproc)" "$started" "$load_before" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "${bf16_flags:-none}" "$native_bf16"
rm -f "$work/previous.md"
