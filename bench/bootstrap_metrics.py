#!/usr/bin/python3
"""Accuracy and balanced accuracy of a run's predictions.csv with 95 % bootstrap intervals resampled by lesion.

    bench/bootstrap_metrics.py RUN [RUN ...]      (2,000 resamples, seed 0; groups from RUN/split.csv)

Prints one line per run. A stopgap until `evaluate` reports intervals itself (issue 13).
"""
import csv
import random
import sys


def metrics(rows):
    accuracy = sum(t == p for t, p, _ in rows) / len(rows)
    classes = sorted({t for t, _, _ in rows})
    recalls = [sum(p == c for t, p, _ in rows if t == c) / sum(t == c for t, _, _ in rows) for c in classes]
    return accuracy, sum(recalls) / len(recalls)


def interval(values):
    ordered = sorted(values)
    return ordered[int(0.025 * len(ordered))], ordered[int(0.975 * len(ordered)) - 1]


def main():
    for run in sys.argv[1:]:
        groups = {r["id"]: r["group"] for r in csv.DictReader(open(f"{run}/split.csv"))}
        rows = [(r["true"], r["predicted"], groups[r["id"]]) for r in csv.DictReader(open(f"{run}/predictions.csv"))]
        by_group = {}
        for row in rows:
            by_group.setdefault(row[2], []).append(row)
        keys = sorted(by_group)
        rng = random.Random(0)
        draws = []
        while len(draws) < 2000:
            sample = [row for k in rng.choices(keys, k=len(keys)) for row in by_group[k]]
            if len({t for t, _, _ in sample}) == len({t for t, _, _ in rows}):
                draws.append(metrics(sample))
        acc, bal = metrics(rows)
        (al, ah), (bl, bh) = (interval([d[i] for d in draws]) for i in (0, 1))
        print(f"{run}: {len(rows)} images, {len(keys)} lesions; accuracy {acc:.3f} [{al:.3f}, {ah:.3f}], "
              f"balanced accuracy {bal:.3f} [{bl:.3f}, {bh:.3f}]")


if __name__ == "__main__":
    main()
