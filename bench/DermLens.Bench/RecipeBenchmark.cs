using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Data.Synthetic;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Bench;

/// <summary>
/// Baseline against the research recipe on three data sets: test accuracy, balanced accuracy, wall time,
/// and the research system's speed-up eta = the baseline's time to its best validation accuracy divided
/// by the research recipe's time (LR search included) to reach that same accuracy.
/// </summary>
static class RecipeBenchmark
{
    sealed record Case(string Name, string Data, string Arch, bool Pretrained, TrainOptions Options);

    public static string Run(string[] args)
    {
        var work = Path.Combine(Path.GetTempPath(), "dermlens-recipe-bench");
        var synthetic = Path.Combine(work, "synthetic");
        if (!Directory.Exists(synthetic))
            SyntheticLesions.Generate(synthetic, new SyntheticOptions(60, 80, 0).WithConfounders(0.3));
        var shared = Shared.Find();
        var cases = new[]
        {
            new Case("synthetic lesions (confounders on), ResNet-18 from scratch, 64 px", synthetic, "resnet18", false,
                new TrainOptions { ImageSize = 64, BatchSize = 16, Epochs = 10, MinCropScale = 0.6 }),
            new Case("ham10000-dev, pretrained ResNet-18, 96 px", Path.Combine(shared, "ham10000-dev"), "resnet18", true,
                new TrainOptions { ImageSize = 96, BatchSize = 16, Epochs = 10 }),
            new Case("cifar-10-dev, ResNet-18 from scratch, 32 px", Path.Combine(shared, "cifar-10-dev"), "resnet18", false,
                new TrainOptions { ImageSize = 32, BatchSize = 64, Epochs = 6, MinCropScale = 0.6 }),
        };
        var only = CaseFilter(args);
        int seedsAt = Array.IndexOf(args, "--seeds");
        var seeds = seedsAt >= 0 ? args[seedsAt + 1].Split(',').Select(int.Parse).ToArray() : [0];

        var research = Recipes.Preset("research", new TrainOptions());
        var s = new StringBuilder();
        s.AppendLine("# Training recipes: baseline vs research");
        s.AppendLine();
        s.AppendLine($"`dotnet run --project bench/DermLens.Bench -c Release -- recipe {string.Join(' ', args)}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
                     $"{Environment.ProcessorCount} cores, CPU; load average at the start {Shared.LoadAverage()}. Seeds {string.Join(", ", seeds)} " +
                     "(the seed sets the split, the initialisation and the augmentation).");
        s.AppendLine();
        s.AppendLine("baseline: constant LR 0.01, one stage, cross-entropy, as many epochs as the case gives. research: LR range test " +
                     $"({research.LrRule} rule; with a pretrained backbone only the head trains during the sweep), {research.HeadEpochs} head epochs " +
                     $"with the backbone frozen (pretrained backbones only), then all layers with LRs spread {research.LrSpread}x over the layer groups and SGDR " +
                     $"({research.Cycles} cycles, first {research.CycleLength} epoch, x{research.CycleMult}), BCE-with-logits, early stopping after {research.Patience} epochs without a better validation loss " +
                     "(best checkpoint and early stopping judged at SGDR cycle ends).");
        s.AppendLine("Train time = LR search + the epochs' wall-clock seconds. eta = the baseline's time to its best validation accuracy / the research recipe's time " +
                     "(LR search included) to reach that same validation accuracy.");
        s.AppendLine();
        s.AppendLine("| data | seed | recipe | test top-1 | test balanced acc. | epochs | LR | train time (s) | best val. acc. | eta |");
        s.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var results = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../results", ResultsName(args) + ".md"));
        foreach (var c in cases.Where(c => only == null || c.Name.StartsWith(only)))
        {
            var pairs = new List<(Result Baseline, Result Research)>();
            foreach (var seed in seeds)
            {
                var folder = Path.Combine(work, "runs", Slug(c.Name), $"seed{seed}");
                var baseline = Train(c, "baseline", seed, Path.Combine(folder, "baseline"));
                var researched = Train(c, "research", seed, Path.Combine(folder, "research"));
                pairs.Add((baseline, researched));
                double target = baseline.History.Max(e => e.ValidationAccuracy);
                double baselineTime = TimeToReach(baseline, target) ?? double.NaN;
                double? researchTime = TimeToReach(researched, target);
                string eta = researchTime is { } t ? (baselineTime / t).ToString("F2", CultureInfo.InvariantCulture) : "not reached";
                s.AppendLine(Row(c.Name, seed.ToString(CultureInfo.InvariantCulture), "baseline", baseline, "—"));
                s.AppendLine(Row(c.Name, seed.ToString(CultureInfo.InvariantCulture), "research", researched, eta));
                // Each finished row pair is saved at once: a stopped benchmark keeps what it measured.
                File.WriteAllText(results, s.ToString());
            }
            if (seeds.Length > 1)
                s.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {c.Name} | mean | baseline / research | {pairs.Average(p => p.Baseline.Top1):P1} / {pairs.Average(p => p.Research.Top1):P1} | " +
                    $"{pairs.Average(p => p.Baseline.Balanced):P1} / {pairs.Average(p => p.Research.Balanced):P1} | | | " +
                    $"{pairs.Average(p => p.Baseline.Seconds):F0} / {pairs.Average(p => p.Research.Seconds):F0} | | |"));
            File.WriteAllText(results, s.ToString());
        }
        return s.ToString();
    }

    /// <summary>"recipe", or "recipe-CASE" for a run over one case, so that it does not overwrite the table of all cases.</summary>
    public static string ResultsName(string[] args) => CaseFilter(args) is { } only ? $"recipe-{Slug(only)}" : "recipe";

    /// <summary>The case-name prefix given on the command line: the first argument that is neither an option nor its value.</summary>
    static string? CaseFilter(string[] args) =>
        args.Where((a, i) => !a.StartsWith("--") && (i == 0 || !args[i - 1].StartsWith("--"))).FirstOrDefault();

    sealed record Result(double Top1, double Balanced, int Epochs, double Seconds, double SearchSeconds, double LearningRate, IReadOnlyList<EpochRecord> History);

    static Result Train(Case c, string recipe, int seed, string output)
    {
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var options = Recipes.Preset(recipe, c.Options) with
        {
            // The case's sizes stay; the recipe decides schedule, stages, loss and learning rate.
            ImageSize = c.Options.ImageSize, BatchSize = c.Options.BatchSize, MinCropScale = c.Options.MinCropScale,
            LearningRate = recipe == "research" ? null : 0.01, Seed = seed,
        };
        var clock = Stopwatch.StartNew();
        var outcome = new TrainingJob(new TrainRequest
        {
            Data = c.Data, Arch = c.Arch, Out = output, Pretrained = c.Pretrained, Train = options,
        }) { Message = m => Console.WriteLine($"  [{recipe}] {m}") }.Run();
        double seconds = outcome.Training.History.Sum(e => e.Seconds) + outcome.LrSearch.TotalSeconds;
        Console.WriteLine($"  {recipe}: {clock.Elapsed.TotalSeconds:F0} s wall including evaluation");
        var used = RunFolder.Open(output, requireModel: false).LoadConfig().Train.PeakLearningRate();
        var metrics = outcome.TestMetrics ?? throw new InvalidOperationException("The default split always has a test part.");
        return new Result(metrics.Top1Accuracy, metrics.BalancedAccuracy, outcome.Training.History.Count,
            seconds, outcome.LrSearch.TotalSeconds, used, outcome.Training.History);
    }

    /// <summary>Seconds (LR search included) until the first epoch whose validation accuracy reaches the target.</summary>
    static double? TimeToReach(Result r, double target)
    {
        double elapsed = r.SearchSeconds;
        foreach (var e in r.History)
        {
            elapsed += e.Seconds;
            if (e.ValidationAccuracy >= target - 1e-9) return elapsed;
        }
        return null;
    }

    static string Row(string data, string seed, string recipe, Result r, string eta) => string.Create(CultureInfo.InvariantCulture,
        $"| {data} | {seed} | {recipe} | {r.Top1:P1} | {r.Balanced:P1} | {r.Epochs} | {r.LearningRate:G3}{(r.SearchSeconds > 0 ? $" (search {r.SearchSeconds:F0} s)" : "")} | {r.Seconds:F0} | {r.History.Max(e => e.ValidationAccuracy):P1} | {eta} |");

    static string Slug(string name) => new(name.TakeWhile(ch => ch != ',').Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray());
}
