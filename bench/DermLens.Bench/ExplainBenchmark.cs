using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Interpretation;
using DermLens.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Bench;

/// <summary>
/// Explaining many images with a ResNet-18. Timing: Grad-CAM and Guided Backprop per batch beside one plain forward +
/// backward of the same batch, interleaved, so load on a shared machine hits all three alike. Memory: the process's
/// peak and current RSS and the managed heap as both methods explain a growing number of images.
/// </summary>
static class ExplainBenchmark
{
    const int Classes = 10;
    const int WarmUp = 2;

    /// <summary>Arguments: timing size (112), timed batches (12), memory-run size (64), memory-run images (2000), batch size (16); the memory run goes first.</summary>
    public static string Run(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var (size, timedBatches, memorySize, total, batchSize) = (Arg(0, 112), Arg(1, 12), Arg(2, 64), Arg(3, 2000), Arg(4, 16));

        random.manual_seed(0);
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(Classes);
        var cam = new GradCam(model, arch.TargetLayer);
        var guided = new GuidedBackprop(model);
        using var timing = new ExplainTiming(model, batchSize, Classes);


        // Memory first: the larger timing images would otherwise set the peak before the first checkpoint.
        var wall = Stopwatch.StartNew();
        var memory = new List<(int Images, double PeakRss, double Rss, double Managed)>();
        var checkpoints = new[] { 100, 500, 1000, total };
        for (var done = 0; done < total;)
        {
            using var scope = NewDisposeScope();
            var images = randn(batchSize, 3, memorySize, memorySize);
            timing.Explain(cam, images);
            timing.Explain(guided, images);
            var before = done;
            done += batchSize;
            if (checkpoints.Any(n => before < n && done >= n)) memory.Add(Memory(done));
        }
        var memorySeconds = wall.Elapsed.TotalSeconds;

        wall.Restart();
        var (camMs, guidedMs, plainMs) = (new List<double>(), new List<double>(), new List<double>());
        for (var batch = 0; batch < WarmUp + timedBatches; batch++)
        {
            using var scope = NewDisposeScope();
            var images = randn(batchSize, 3, size, size);
            var (c, g, f) = (timing.Explain(cam, images), timing.Explain(guided, images), timing.ForwardBackward(images));
            if (batch < WarmUp) continue;
            camMs.Add(c);
            guidedMs.Add(g);
            plainMs.Add(f);
        }
        var timingSeconds = wall.Elapsed.TotalSeconds;

        double PerImage(List<double> ms) => ms.Order().ElementAt(ms.Count / 2) / batchSize;
        var (camPer, guidedPer, plainPer) = (PerImage(camMs), PerImage(guidedMs), PerImage(plainMs));
        var s = new StringBuilder();
        s.AppendLine(Invariant($"# Explaining many images: ResNet-18, batch {batchSize}, CPU"));
        s.AppendLine();
        s.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} cores shared with other jobs (load average {Shared.LoadAverage()} at the end), torch threads {get_num_threads()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        s.AppendLine(Invariant($"Command: `dotnet run --project bench/DermLens.Bench -c Release -- explain {size} {timedBatches} {memorySize} {total} {batchSize}` (timing {timingSeconds:F0} s, memory run {memorySeconds:F0} s)."));
        s.AppendLine("Model: torchvision-layout ResNet-18 with random weights (seeded), 10 classes, eval mode; inputs are random normal tensors; each image is explained for a fixed class.");
        s.AppendLine();
        s.AppendLine(Invariant($"## Time at {size} px"));
        s.AppendLine();
        s.AppendLine(Invariant($"Per batch, interleaved: Grad-CAM (layer4), Guided Backprop, and one plain forward + backward (the target logits' gradients into every parameter, as a training step computes them). {WarmUp} warm-up batches not counted; medians over {camMs.Count} batches."));
        s.AppendLine();
        s.AppendLine("| measure | ms per image |");
        s.AppendLine("|---|---|");
        s.AppendLine(Invariant($"| Grad-CAM | {camPer:F1} |"));
        s.AppendLine(Invariant($"| Guided Backprop | {guidedPer:F1} |"));
        s.AppendLine(Invariant($"| plain forward + backward | {plainPer:F1} |"));
        s.AppendLine();
        s.AppendLine(Invariant($"(Grad-CAM + Guided Backprop) / (forward + backward) = {(camPer + guidedPer) / plainPer:F2} (target <= 2)."));
        s.AppendLine();
        s.AppendLine(Invariant($"## Memory at {memorySize} px, {total} images"));
        s.AppendLine();
        s.AppendLine("| images explained (each by both methods) | peak RSS (MiB) | RSS now (MiB) | managed heap (MiB) |");
        s.AppendLine("|---|---|---|---|");
        foreach (var m in memory) s.AppendLine(Invariant($"| {m.Images} | {m.PeakRss:F0} | {m.Rss:F0} | {m.Managed:F1} |"));
        var (first, last) = (memory[0], memory[^1]);
        s.AppendLine();
        s.AppendLine(Invariant($"Peak RSS grew {last.PeakRss - first.PeakRss:F0} MiB from {first.Images} to {last.Images} images ({(last.PeakRss / first.PeakRss - 1) * 100:F1}%); this run came first in the process, before the timing phase."));
        return s.ToString();
    }

    static (int, double, double, double) Memory(int images)
    {
        using var process = Process.GetCurrentProcess();
        const double mib = 1 << 20;
        return (images, process.PeakWorkingSet64 / mib, process.WorkingSet64 / mib, GC.GetTotalMemory(forceFullCollection: false) / mib);
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
