#!/usr/bin/python3
"""Turns the runs that bench/speed.sh collected into bench/results/speed.md (the part above the findings marker).

Each number is the median over rounds of one process's median; min-max are the lowest and highest of those medians.
Achieved GFLOP/s: 2 x multiply-adds of the convolutions and linear layers (counted by bench/speed_pytorch.py --flops)
per image, x3 for a training step (forward, and backward's two products), over the step's median time.
"""
import json
import os
import statistics
import sys

work, results, marker, cpu, cores, started, load_before, load_after, bf16_flags, native_bf16 = sys.argv[1:]
runs = [json.loads(line) for line in open(os.path.join(work, "runs.jsonl"))]
flops = {r["model"]: r["forward_gflops_per_image"] for r in map(json.loads, open(os.path.join(work, "flops.jsonl")))}
rounds = max(r["round"] for r in runs)
version = next(r["result"]["framework"] for r in runs if r["result"]["framework"].startswith("pytorch"))


def medians(config, model=None, mode=None):
    return [r["result"]["median_ms"] for r in runs if r["config"] == config
            and (model is None or r["result"].get("model") == model) and (mode is None or r.get("mode") == mode)]


peak = {p: statistics.median(r["result"]["gflops"] for r in runs if r["config"] == f"matmul {p}") for p in ("fp32", "bf16")}
emulated = native_bf16 != "yes"
configs = list(dict.fromkeys((r["config"], r["mode"], r["precision"]) for r in runs if "mode" in r))

lines = [
    "# Speed: DermLens against PyTorch, training step and inference, fp32 and bf16",
    "",
    f"ResNet training step (forward, cross-entropy, backward, SGD momentum 0.9 / weight decay 1e-4) on a random batch "
    f"of 16 at 224 px, and inference (eval-mode forward under no_grad) on a batch of 32, 1000 classes, both at 2 intra-op "
    f"threads: DermLens's own ResNet and MomentumSgd (TorchSharp 0.107, libtorch 2.10) against torchvision's ResNet and "
    f"torch.optim.SGD ({version}, Debian). DermLens bf16: convolutions and linear layers compute in bf16 from fp32 master "
    f"weights (`--precision bf16`); PyTorch bf16: `torch.autocast('cpu', torch.bfloat16)`. Configurations interleaved, "
    f"{rounds} round(s); each number is the median over rounds of one process's median"
    + (" (bf16 rows: 1 warm-up + 2 steps, emulated)." if emulated else "."),
    "",
    f"Machine: {cpu}, {cores} cores; bf16-related CPU flags: {bf16_flags}"
    + (" — **no bf16 units: bf16 is emulated here**" if emulated else "")
    + f"; {started}; load average {load_before} before, {load_after} after.",
    "",
    "Matmul peak (DermLens's libtorch, NxN): " + ", ".join(
        f"{p} {peak[p]:.1f} GFLOP/s (N = {next(r['result']['n'] for r in runs if r['config'] == f'matmul {p}')})" for p in ("fp32", "bf16")) + ".",
    "",
]
for mode, title in (("train", "Training step, batch 16"), ("infer", "Inference, batch 32")):
    batch = 16 if mode == "train" else 32
    factor = 3 if mode == "train" else 1
    lines += [f"## {title}", "",
              "| model | configuration | ms per step | min-max | images/s | vs DermLens fp32 | vs PyTorch best, same precision | achieved GFLOP/s | of peak |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for model in ("resnet18", "resnet50"):
        own = {c: medians(c[0], model, mode) for c in configs if c[1] == mode}
        med = {c: statistics.median(v) for c, v in own.items() if v}
        dermlens_fp32 = next(m for c, m in med.items() if c[0].startswith("DermLens fp32") and "contiguous" not in c[0])
        best = {p: min((m for c, m in med.items() if c[0].startswith("PyTorch") and c[2] == p), default=float("nan"))
                for p in ("fp32", "bf16")}
        for c, m in med.items():
            name, _, precision = c
            achieved = flops[model] * factor * batch / (m / 1000)
            lines.append(
                f"| {model} | {name}{' (emulated)' if emulated and precision == 'bf16' else ''} | {m:.0f} | "
                f"{min(own[c]):.0f}-{max(own[c]):.0f} | {batch / (m / 1000):.1f} | {m / dermlens_fp32:.2f} | "
                f"{m / best[precision]:.2f} | {achieved:.0f} | {'—' if emulated and precision == 'bf16' else f'{achieved / peak[precision]:.0%}'} |")
    lines.append("")
lines += [
    "Ratios are of times (lower is faster): \"vs PyTorch best\" divides by PyTorch's fastest configuration of the same "
    f"precision for that model. FLOPs per image (forward): " +
    ", ".join(f"{m} {g:.2f} GFLOP" for m, g in flops.items()) + ".",
    "",
]
kept = ""
if os.path.exists(results):
    text = open(results).read()
    if marker in text:
        kept = text[text.index(marker):]
body = "\n".join(lines) + "\n" + (kept or marker + "\n")
tmp = results + ".tmp"
with open(tmp, "w") as f:
    f.write(body)
os.replace(tmp, results)
print(body)
