#!/usr/bin/python3
"""The PyTorch peer of DermLens's `ham10000` benchmark: what a user would otherwise do.

A plain torchvision fine-tune of the same ImageNet ResNet-18 that DermLens starts from (its torchvision-named
backbone state dict, converted by DermLens into its cache), on the same lesion-grouped split (DermLens's split.csv):
SGD with momentum 0.9 and weight decay 1e-4, cosine LR from --lr, cross-entropy, random horizontal and vertical flips,
native 150x200 input, batch 32, a fixed number of epochs, the last epoch's model. Writes predictions.csv in DermLens's
format (id,true,predicted,<class probabilities>) for the test part and prints one JSON line with the timing, so the
benchmark scores both with one implementation of the metrics.

    /usr/bin/python3 bench/ham10000_pytorch.py --data ../shared/data/ham10000-train --split RUN/split.csv \
        --weights ~/.cache/dermlens/pretrained/resnet18-mlnet-0.23.1-rgb.pt --mean 0.483,0.455,0.404 --std 0.226 \
        --epochs 6 --out peer/predictions.csv
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np
import torch
import torchvision
from PIL import Image


def read_split(path):
    rows = list(csv.DictReader(open(path, newline="")))
    classes = [name for _, name in sorted({(int(r["label"]), r["class"]) for r in rows})]
    return rows, classes


def load_images(folder, ids, size):
    """All images as one uint8 tensor (N, 3, H, W), resized to size if they are not already."""
    height, width = size
    out = torch.empty((len(ids), 3, height, width), dtype=torch.uint8)
    for i, image_id in enumerate(ids):
        with Image.open(os.path.join(folder, "images", image_id + ".jpg")) as image:
            image = image.convert("RGB")
            if image.size != (width, height):
                image = image.resize((width, height), Image.BILINEAR)
            out[i] = torch.from_numpy(np.asarray(image).copy()).permute(2, 0, 1)
    return out


def normalise(images, mean, std):
    return (images.float().div_(255) - mean) / std


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--split", required=True)
    parser.add_argument("--weights", required=True)
    parser.add_argument("--mean", required=True)
    parser.add_argument("--std", required=True)
    parser.add_argument("--blocks", choices=["mlnet", "torchvision"], default="mlnet")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--size", default="150x200")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    size = tuple(int(v) for v in args.size.split("x")) if "x" in args.size else (int(args.size),) * 2
    mean = torch.tensor([float(v) for v in args.mean.split(",")]).view(1, 3, 1, 1)
    std_values = [float(v) for v in args.std.split(",")]
    std = torch.tensor(std_values * (3 if len(std_values) == 1 else 1)).view(1, 3, 1, 1)

    rows, classes = read_split(args.split)
    train = [r for r in rows if r["part"] == "train"]
    test = [r for r in rows if r["part"] == "test"]
    started = time.time()
    train_images = load_images(args.data, [r["id"] for r in train], size)
    test_images = load_images(args.data, [r["id"] for r in test], size)
    train_labels = torch.tensor([int(r["label"]) for r in train])
    load_seconds = time.time() - started

    # ML.NET's ImageNet "ResNet-18" (a CNTK export) has three blocks in layer4; DermLens calls it resnet18-mlnet.
    blocks = [2, 2, 2, 3] if args.blocks == "mlnet" else [2, 2, 2, 2]
    model = torchvision.models.resnet.ResNet(torchvision.models.resnet.BasicBlock, blocks, num_classes=len(classes))
    missing, unexpected = model.load_state_dict(torch.load(args.weights), strict=False)
    assert set(missing) == {"fc.weight", "fc.bias"} and not unexpected, (missing, unexpected)
    model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=1e-4)
    steps_per_epoch = len(train) // args.batch
    total_steps = steps_per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: 0.5 * (1 + math.cos(math.pi * step / total_steps)))
    loss_function = torch.nn.CrossEntropyLoss()

    train_started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(train))
        loss_sum, correct, seen, epoch_started = 0.0, 0, 0, time.time()
        for step in range(steps_per_epoch):
            index = order[step * args.batch:(step + 1) * args.batch]
            x = normalise(train_images[index], mean, std)
            flip_h = torch.rand(len(index)) < 0.5
            flip_v = torch.rand(len(index)) < 0.5
            x[flip_h] = x[flip_h].flip(3)
            x[flip_v] = x[flip_v].flip(2)
            y = train_labels[index]
            logits = model(x.contiguous(memory_format=torch.channels_last))
            loss = loss_function(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            loss_sum += loss.item() * len(index)
            correct += (logits.argmax(1) == y).sum().item()
            seen += len(index)
        print(json.dumps({"epoch": epoch + 1, "train_loss": loss_sum / seen, "train_accuracy": correct / seen,
                          "seconds": time.time() - epoch_started}), flush=True)
    train_seconds = time.time() - train_started

    model.eval()
    probabilities = []
    with torch.no_grad():
        for start in range(0, len(test), 64):
            x = normalise(test_images[start:start + 64], mean, std).contiguous(memory_format=torch.channels_last)
            probabilities.append(model(x).softmax(1))
    probabilities = torch.cat(probabilities)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".tmp", "w", newline="") as f:
        f.write("id,true,predicted," + ",".join(classes) + "\n")
        for r, p in zip(test, probabilities.tolist()):
            predicted = classes[max(range(len(classes)), key=lambda c: p[c])]
            f.write(f"{r['id']},{r['class']},{predicted}," + ",".join(f"{v:.6f}" for v in p) + "\n")
    os.replace(args.out + ".tmp", args.out)
    print(json.dumps({"train_seconds": train_seconds, "load_seconds": load_seconds,
                      "images_per_second": steps_per_epoch * args.batch * args.epochs / train_seconds,
                      "train_images": len(train), "test_images": len(test), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
