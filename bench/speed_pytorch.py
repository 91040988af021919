#!/usr/bin/python3
"""One ResNet training step in PyTorch (Debian's python3-torch), the peer of DermLens's `speed` benchmark.

Times forward + cross-entropy + backward + SGD (momentum 0.9, weight decay 1e-4) on a random batch,
and prints one JSON line: the median ms per step and the median of each phase. --bf16 runs the step under
CPU autocast to bfloat16 (fp32 weights, PyTorch's mixed precision); --infer times an eval-mode forward under
no_grad instead; --flops prints the forward FLOPs per image (multiply-adds of convolutions and linear layers x 2).
Run with Debian's interpreter: /usr/bin/python3 bench/speed_pytorch.py --model resnet50
"""
import argparse
import json
import resource
import statistics
import time

import torch
import torchvision


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="resnet18", choices=["resnet18", "resnet50"])
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--channels-last", action="store_true")
    parser.add_argument("--bf16", action="store_true")
    parser.add_argument("--infer", action="store_true")
    parser.add_argument("--flops", action="store_true")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = getattr(torchvision.models, args.model)(num_classes=1000)
    x = torch.randn(args.batch, 3, args.size, args.size)
    y = torch.randint(0, 1000, (args.batch,))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    if args.flops:
        print(json.dumps({"model": args.model, "size": args.size, "forward_gflops_per_image": forward_flops(model, args.size) / 1e9}))
        return
    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16)
    if args.infer:
        infer(model, x, args, autocast)
        return
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    loss_fn = torch.nn.CrossEntropyLoss()

    phases = {"forward": [], "backward": [], "optimizer": []}
    totals = []
    faults = []
    cpu = []
    for i in range(args.warmup + args.steps):
        faults_before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        cpu_before = time.process_time()
        t0 = time.perf_counter()
        optimizer.zero_grad()
        with autocast:
            loss = loss_fn(model(x), y)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        optimizer.step()
        t3 = time.perf_counter()
        del loss
        step_faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults_before
        step_cpu = (time.process_time() - cpu_before) * 1000
        if i >= args.warmup:
            phases["forward"].append((t1 - t0) * 1000)
            phases["backward"].append((t2 - t1) * 1000)
            phases["optimizer"].append((t3 - t2) * 1000)
            totals.append((t3 - t0) * 1000)
            faults.append(step_faults)
            cpu.append(step_cpu)

    print(json.dumps({
        "framework": "pytorch " + torch.__version__,
        "model": args.model,
        "precision": "bf16 autocast" if args.bf16 else "fp32",
        "threads": torch.get_num_threads(),
        "median_ms": statistics.median(totals),
        "phases_ms": {k: statistics.median(v) for k, v in phases.items()},
        "page_faults_per_step": statistics.median(faults),
        "cpu_ms_per_step": statistics.median(cpu),
        "steps_ms": [round(t, 1) for t in totals],
    }))


def infer(model, x, args, autocast):
    model.eval()
    totals = []
    with torch.no_grad(), autocast:
        for i in range(args.warmup + args.steps):
            t0 = time.perf_counter()
            model(x).sum().item()
            if i >= args.warmup:
                totals.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(totals)
    print(json.dumps({
        "framework": "pytorch " + torch.__version__,
        "model": args.model,
        "mode": "infer",
        "precision": "bf16 autocast" if args.bf16 else "fp32",
        "threads": torch.get_num_threads(),
        "median_ms": median,
        "images_per_second": args.batch / (median / 1000),
        "steps_ms": [round(t, 1) for t in totals],
    }))


def forward_flops(model, size):
    """2 x multiply-adds of every convolution and linear layer for one image (BatchNorm, ReLU, pooling left out)."""
    total = [0]

    def count(module, inputs, output):
        if isinstance(module, torch.nn.Conv2d):
            kh, kw = module.kernel_size
            total[0] += 2 * output.numel() * (module.in_channels // module.groups) * kh * kw
        elif isinstance(module, torch.nn.Linear):
            total[0] += 2 * output.numel() * module.in_features

    hooks = [m.register_forward_hook(count) for m in model.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    model.eval()
    with torch.no_grad():
        model(torch.randn(1, 3, size, size))
    for h in hooks:
        h.remove()
    return total[0]


if __name__ == "__main__":
    main()
