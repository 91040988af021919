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
        var only = args.FirstOrDefault();

        var s = new StringBuilder();
        s.AppendLine("# Training recipes: baseline vs research");
        s.AppendLine();
        s.AppendLine($"Machine: {Environment.ProcessorCount} cores, CPU, {DateTime.UtcNow:yyyy-MM-dd}. Seed 0, one run each (no error bars).");
        s.AppendLine("baseline: constant LR 0.01, one stage, cross-entropy. research: LR range test (valley), 2 head epochs with the");
        s.AppendLine("backbone frozen, then all layers with LRs spread 10x over 3 layer groups and SGDR (cycles 1+2+4 epochs), BCE-with-logits.");
        s.AppendLine("Times are wall-clock seconds of training (research includes its LR search); eta as in the research system's tables.");
        s.AppendLine();
        s.AppendLine("| data | recipe | test top-1 | test balanced acc. | epochs | train time (s) | best val. acc. | eta |");
        s.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var c in cases.Where(c => only == null || c.Name.StartsWith(only)))
        {
            var baseline = Train(c, "baseline", Path.Combine(work, "runs", Slug(c.Name), "baseline"));
            var research = Train(c, "research", Path.Combine(work, "runs", Slug(c.Name), "research"));
            double target = baseline.History.Max(e => e.ValidationAccuracy);
            double baselineTime = TimeToReach(baseline, target) ?? double.NaN;
            double? researchTime = TimeToReach(research, target);
            string eta = researchTime is { } t ? (baselineTime / t).ToString("F2", CultureInfo.InvariantCulture) : "not reached";
            s.AppendLine(Row(c.Name, "baseline", baseline, "—"));
            s.AppendLine(Row(c.Name, "research", research, eta));
            Console.WriteLine(s.ToString().Split('\n')[^3]);
        }
        return s.ToString();
    }

    sealed record Result(double Top1, double Balanced, int Epochs, double Seconds, double SearchSeconds, IReadOnlyList<EpochRecord> History);

    static Result Train(Case c, string recipe, string output)
    {
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var options = Recipes.Preset(recipe, c.Options) with
        {
            // The case's sizes stay; the recipe decides schedule, stages, loss and learning rate.
            ImageSize = c.Options.ImageSize, BatchSize = c.Options.BatchSize, MinCropScale = c.Options.MinCropScale,
            LearningRate = recipe == "research" ? 0 : 0.01,
        };
        var clock = Stopwatch.StartNew();
        var outcome = new TrainingJob(new TrainRequest
        {
            Data = c.Data, Arch = c.Arch, Out = output, Pretrained = c.Pretrained, Train = options,
        }) { Message = m => Console.WriteLine($"  [{recipe}] {m}") }.Run();
        double seconds = outcome.Training.History.Sum(e => e.Seconds) + outcome.LrSearch.TotalSeconds;
        Console.WriteLine($"  {recipe}: {clock.Elapsed.TotalSeconds:F0} s wall including evaluation");
        return new Result(outcome.TestMetrics.Top1Accuracy, outcome.TestMetrics.BalancedAccuracy, outcome.Training.History.Count,
            seconds, outcome.LrSearch.TotalSeconds, outcome.Training.History);
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

    static string Row(string data, string recipe, Result r, string eta) => string.Create(CultureInfo.InvariantCulture,
        $"| {data} | {recipe} | {r.Top1:P1} | {r.Balanced:P1} | {r.Epochs} | {r.Seconds:F0} | {r.History.Max(e => e.ValidationAccuracy):P1} | {eta} |");

    static string Slug(string name) => new(name.TakeWhile(ch => ch != ',').Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray());
}
