using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Reporting;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens demo`: synthetic data → train → evaluate → predict → case studies → report, in a few minutes on a laptop CPU.</summary>
sealed class DemoCommand : Command<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--out <DIR>"), Description("Where to put the data and the run"), DefaultValue("dermlens-demo")]
        public string Out { get; init; } = "dermlens-demo";
        [CommandOption("--per-class <N>"), DefaultValue(120)] public int PerClass { get; init; }
        [CommandOption("--epochs <N>"), Description("default 14 (the demo recipe's)")] public int? Epochs { get; init; }
        [CommandOption("--image-size <PX|HxW>"), Description("Model input: a side or height x width (the synthetic photos stay square; default 64)")] public string? ImageSize { get; init; }
        [CommandOption("--seed <N>"), DefaultValue(0)] public int Seed { get; init; }

        /// <summary>The demo recipe with this demo's epochs, size and seed; patience follows the epochs.</summary>
        public TrainOptions ToOptions()
        {
            var o = Recipes.Preset("demo");
            int epochs = Epochs ?? o.Epochs;
            return o with { Epochs = epochs, Patience = epochs, ImageSize = ImageSize == null ? o.ImageSize : InputSize.Parse(ImageSize), Seed = Seed };
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var data = Path.Combine(settings.Out, "data");
        var runPath = Path.Combine(settings.Out, "run");
        AnsiConsole.Write(new Rule("[bold]1. Synthetic lesions[/]").LeftJustified());
        var options = settings.ToOptions();
        var inputSize = options.ImageSize;
        SynthCommand.Generate(data, new SyntheticOptions(settings.PerClass, Math.Max(inputSize.Height, inputSize.Width) * 5 / 4, settings.Seed), ct);

        AnsiConsole.Write(new Rule("[bold]2. Train ResNet-18 and evaluate on the held-out test split[/]").LeftJustified());
        var outcome = TrainCommand.Train(new TrainRequest { Data = data, Arch = "resnet18", Out = runPath, Train = options, Overwrite = true }, ct);
        var metrics = outcome.TestMetrics ?? throw new InvalidOperationException("The demo's default split always has a test part.");
        MetricsView.Print(metrics);
        double chance = 1.0 / metrics.PerClass.Count;
        AnsiConsole.MarkupLineInterpolated(
            $"Test accuracy [bold]{metrics.Top1Accuracy:P1}[/] (chance: {chance:P0}), balanced accuracy [bold]{metrics.BalancedAccuracy:P1}[/]");

        AnsiConsole.Write(new Rule("[bold]3. Predict a few test images[/]").LeftJustified());
        var examples = Data.Split.Load(outcome.Run.Split, Data.DataSources.Open(data)).Test.Take(3).Select(s => s.Location).ToArray();
        using (var predictor = new Predictor(outcome.Run))
            foreach (var image in examples)
            {
                var p = predictor.Predict(image, 2);
                AnsiConsole.MarkupLineInterpolated($"{Path.GetFileName(image)}: {string.Join("  ·  ", p.Top.Select(t => $"{t.Class} {t.Probability:F3}"))}");
            }

        var run = outcome.Run;
        AnsiConsole.Write(new Rule("[bold]4. Case studies of the most-confused pairs: Grad-CAM and Guided Backprop[/]").LeftJustified());
        // Two pairs, two images each way: at most eight panels keep this step to seconds.
        CaseStudyCommand.Study(new CaseStudyJob(run) { PerDirection = 2, FallbackPairs = 2, MaxPairs = 2 }, ct);

        AnsiConsole.Write(new Rule("[bold]5. Report[/]").LeftJustified());
        var report = new RunReport(run).Write();
        ReportCommand.Print(report);

        AnsiConsole.Write(new Rule("[bold]Where everything is[/]").LeftJustified());
        var files = new Table().Border(TableBorder.Rounded).AddColumns("what", "file");
        files.AddRow("synthetic images + masks", Path.GetFullPath(data));
        files.AddRow("best checkpoint (PyTorch state dict)", run.Model);
        foreach (var (what, file) in new[]
                 {
                     ("configuration", run.Config), ("train/validation/test split", run.Split), ("metrics", run.Metrics),
                     ("confusion matrix", run.ConfusionMatrixPlot), ("most-confused pairs", run.ConfusedPairs),
                     ("per-image predictions", run.Predictions), ("training curves", run.TrainingCurves),
                     ("learning-rate schedule", run.LrSchedule), ("case-study panels", Path.Combine(run.CaseStudies, CaseStudyJob.IndexName)),
                     ("log", run.Log),
                 })
            files.AddRow(what, file);
        AnsiConsole.Write(files);
        AnsiConsole.MarkupLineInterpolated($"Next: [bold]dermlens explain --run {runPath} IMAGE...[/] or [bold]dermlens predict --run {runPath} IMAGE...[/]");
        AnsiConsole.MarkupLineInterpolated($"Open the report: [bold]{report.Path}[/]");
        return 0;
    }
}
