#!/usr/bin/python3
"""One ResNet training step in PyTorch (Debian's python3-torch), the peer of DermLens's `speed` benchmark.

Times forward + cross-entropy + backward + SGD (momentum 0.9, weight decay 1e-4) on a random batch,
and prints one JSON line: the median ms per step and the median of each phase.
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
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = getattr(torchvision.models, args.model)(num_classes=1000)
    x = torch.randn(args.batch, 3, args.size, args.size)
    y = torch.randint(0, 1000, (args.batch,))
    if args.channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
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
        "threads": torch.get_num_threads(),
        "median_ms": statistics.median(totals),
        "phases_ms": {k: statistics.median(v) for k, v in phases.items()},
        "page_faults_per_step": statistics.median(faults),
        "cpu_ms_per_step": statistics.median(cpu),
        "steps_ms": [round(t, 1) for t in totals],
    }))


if __name__ == "__main__":
    main()
