using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Data;
using DermLens.Imaging;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Bench;

/// <summary>
/// Input-pipeline throughput (decode a 600x450 JPEG + augment to 224 px, all cores), with no cache and with the
/// decoded-image cache warm (every epoch after the first), beside ResNet-18 training throughput at 224 px in the
/// precision `--precision auto` picks on this machine (channels-last, as training runs), and training fed by the real loader.
/// </summary>
static class PipelineBenchmark
{
    const int Size = 224, BatchSize = 16;

    public static string Run(string[] args)
    {
        var images = Directory.GetFiles(Path.Combine(Shared.Find(), "roi-samples", "images"), "*.jpg").Order().ToArray();
        var samples = Enumerable.Range(0, 320).Select(i => new Sample($"s{i}", i % 2, images[i % images.Length])).ToArray();
        var dataset = new Dataset("bench", "", ["a", "b"], samples);
        var norm = Normalisation.ImageNet;
        var augmenter = new Augmenter(AugmentationOptions.Default, Size);

        // Byte budget 0: nothing is cached, every image is decoded from its JPEG every time.
        BatchLoader Loader() => new(samples, new ImageCache(dataset, int.MaxValue, byteBudget: 0), augmenter.Apply, Size,
            norm.Mean, norm.Std, BatchSize, new ShuffleSampler(samples.Length, 0), 0);

        Loader().Epoch(0).Take(2).ToList(); // warm-up
        var clock = Stopwatch.StartNew();
        int count = Loader().Epoch(1).Sum(b => b.Count);
        double pipelinePerSecond = count / clock.Elapsed.TotalSeconds;

        // The cache training uses: images kept at working size (short side 1.15 x the input) after their first decode.
        var cache = new ImageCache(dataset, (int)Math.Ceiling(Size * 1.15));
        BatchLoader CachedLoader() => new(samples, cache, augmenter.Apply, Size, norm.Mean, norm.Std, BatchSize,
            new ShuffleSampler(samples.Length, 0), 0);
        CachedLoader().Epoch(0).ToList(); // fills the cache
        clock.Restart();
        int cachedCount = CachedLoader().Epoch(1).Sum(b => b.Count);
        double cachedPerSecond = cachedCount / clock.Elapsed.TotalSeconds;

        var (precision, reason) = PrecisionChoice.Resolve("auto", CPU);
        var model = ModelRegistry.Create("resnet18", 10);
        ChannelsLast.Apply(model);
        MixedPrecision.Apply(model, precision);
        using var optimizer = new MomentumSgd(model.parameters(), 0.01, 0.9, 1e-4);
        var loss = nn.CrossEntropyLoss();
        var x = randn(BatchSize, 3, Size, Size);
        var y = randint(0, 10, [BatchSize]);
        void Step(Tensor input, Tensor labels)
        {
            using var scope = NewDisposeScope();
            optimizer.ZeroGrad();
            loss.forward(model.forward(input), labels).backward();
            optimizer.Step();
        }
        model.train();
        for (int i = 0; i < 2; i++) Step(x, y);
        var steps = new List<double>();
        for (int i = 0; i < 8; i++)
        {
            clock.Restart();
            Step(x, y);
            steps.Add(clock.Elapsed.TotalMilliseconds);
        }
        double medianStep = steps.Order().ElementAt(steps.Count / 2);
        double trainPerSecond = BatchSize / (medianStep / 1000);

        clock.Restart();
        int fed = 0;
        foreach (var batch in Loader().Epoch(2).Take(8))
        {
            using var scope = NewDisposeScope();
            Step(batch.ImagesTensor(CPU), batch.LabelsTensor(CPU));
            fed += batch.Count;
        }
        double fedPerSecond = fed / clock.Elapsed.TotalSeconds;

        var s = new StringBuilder();
        s.AppendLine("# Input pipeline vs ResNet-18 training, 224 px");
        s.AppendLine();
        s.AppendLine($"Machine: {CpuInfo.ModelName()}, {Environment.ProcessorCount} cores, torch threads {get_num_threads()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
                     $"load average before {Shared.LoadAverage()}.");
        s.AppendLine($"Training precision: {PrecisionChoice.NameOf(precision)} ({reason}), channels-last.");
        s.AppendLine("Pipeline: decode a 600x450 JPEG (roi-samples) + random resized crop, flips, rotation, colour jitter, normalise; all cores.");
        s.AppendLine();
        s.AppendLine("| measure | images/s |");
        s.AppendLine("|---|---|");
        s.AppendLine(Row("input pipeline alone, no cache (first epoch)", pipelinePerSecond));
        s.AppendLine(Row("input pipeline alone, decoded-image cache warm (later epochs)", cachedPerSecond));
        s.AppendLine(Row($"ResNet-18 train step alone (batch {BatchSize}, median of {steps.Count}: {medianStep:F0} ms)", trainPerSecond));
        s.AppendLine(Row("ResNet-18 training fed by the loader (8 batches)", fedPerSecond));
        s.AppendLine();
        s.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Pipeline / training = {pipelinePerSecond / trainPerSecond:F1}x without cache, {cachedPerSecond / trainPerSecond:F1}x with it (target >= 3x). " +
            $"Fed / alone = {fedPerSecond / trainPerSecond:F2}."));
        return s.ToString();
    }

    static string Row(string what, double perSecond) => string.Create(CultureInfo.InvariantCulture, $"| {what} | {perSecond:F1} |");
}
