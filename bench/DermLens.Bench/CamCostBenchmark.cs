using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Interpretation;
using DermLens.Models;
using static TorchSharp.torch;

namespace DermLens.Bench;

/// <summary>
/// What each CAM method, layer spec and smoothing costs per image, relative to one plain forward + backward of the same
/// images: every variant and the baseline timed in turn in each round, so load on a shared machine hits all alike, and
/// the fastest round reported beside the median, the one least disturbed by other jobs.
/// </summary>
static class CamCostBenchmark
{
    const int Classes = 10;

    /// <summary>
    /// Arguments: image size (160), images per batch (1), timed rounds (7), of which Score-CAM (hundreds of forward passes)
    /// joins the first few (2); one warm-up round is not counted.
    /// </summary>
    public static string Run(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        var (size, batchSize, rounds, scoreRounds) = (Arg(0, 160), Arg(1, 1), Arg(2, 7), Arg(3, 2));

        random.manual_seed(0);
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(Classes);
        var (last, fused) = (arch.TargetLayer, arch.FusedTargetLayers);
        var variants = new (string Label, Explainer Explainer)[]
        {
            ($"gradcam {last}", new GradCam(model, last)),
            ($"gradcam++ {last}", new GradCamPlusPlus(model, last)),
            ($"hirescam {last}", new HiResCam(model, last)),
            ($"layercam {last}", new LayerCam(model, last)),
            ($"layercam {fused}", new LayerCam(model, fused)),
            ($"gradcam {last}, eigen", new GradCam(model, last, CamSmoothing.Eigen)),
            ($"layercam {fused}, eigen", new LayerCam(model, fused, CamSmoothing.Eigen)),
            ($"gradcam {last}, aug", new GradCam(model, last, CamSmoothing.Augment)),
            ($"layercam {fused}, aug", new LayerCam(model, fused, CamSmoothing.Augment)),
            ($"scorecam {last}", new ScoreCam(model, last)),
        };
        using var timing = new ExplainTiming(model, batchSize, Classes);

        double Forward(Tensor images)
        {
            var clock = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.call(images);
            return clock.Elapsed.TotalMilliseconds;
        }

        var wall = Stopwatch.StartNew();
        var (plain, forward) = (new List<double>(), new List<double>());
        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round <= rounds; round++)
        {
            using var scope = NewDisposeScope();
            var images = randn(batchSize, 3, size, size);
            var (baseline, inference) = (timing.ForwardBackward(images), Forward(images));
            var measured = variants.Select(v => v.Explainer is ScoreCam && round > scoreRounds ? double.NaN : timing.Explain(v.Explainer, images)).ToArray();
            if (round == 0) continue;
            plain.Add(baseline);
            forward.Add(inference);
            for (var i = 0; i < variants.Length; i++)
                if (!double.IsNaN(measured[i])) times[i].Add(measured[i]);
        }

        double Median(List<double> ms) => ms.Order().ElementAt(ms.Count / 2) / batchSize;
        double Fastest(List<double> ms) => ms.Min() / batchSize;
        var (plainMedian, plainFastest) = (Median(plain), Fastest(plain));
        var s = new StringBuilder();
        s.AppendLine(Invariant($"# What a CAM costs: ResNet-18 at {size} px, batch {batchSize}, CPU"));
        s.AppendLine();
        s.AppendLine(Invariant($"Machine: {Environment.ProcessorCount} cores shared with other jobs (load average {Shared.LoadAverage()} at the end), torch threads {get_num_threads()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        s.AppendLine(Invariant($"Command: `dotnet run --project bench/DermLens.Bench -c Release -- cam-cost {size} {batchSize} {rounds} {scoreRounds}` ({wall.Elapsed.TotalSeconds:F0} s)."));
        s.AppendLine("Model: torchvision-layout ResNet-18 with random weights (seeded), 10 classes, eval mode; inputs are random normal tensors; each image is explained for a fixed class.");
        s.AppendLine(Invariant($"Each round times one plain forward + backward (the target logits' gradients into every parameter, as a training step) and then every variant on the same images; 1 warm-up round not counted; {rounds} rounds ({scoreRounds} for Score-CAM). Ratios are to the baseline's own median or fastest round."));
        s.AppendLine();
        s.AppendLine("| method, layer(s), smoothing | median ms per image | x forward + backward | fastest ms per image | x forward + backward |");
        s.AppendLine("|---|---|---|---|---|");
        s.AppendLine(Invariant($"| plain forward + backward | {plainMedian:F1} | 1.00 | {plainFastest:F1} | 1.00 |"));
        s.AppendLine(Invariant($"| plain forward, no gradients | {Median(forward):F1} | {Median(forward) / plainMedian:F2} | {Fastest(forward):F1} | {Fastest(forward) / plainFastest:F2} |"));
        for (var i = 0; i < variants.Length; i++)
        {
            var (median, fastest) = (Median(times[i]), Fastest(times[i]));
            s.AppendLine(Invariant($"| {variants[i].Label} | {median:F1} | {median / plainMedian:F2} | {fastest:F1} | {fastest / plainFastest:F2} |"));
        }
        return s.ToString();
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
