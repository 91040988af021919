using System.ComponentModel;
using DermLens.Cli.Views;
using DermLens.Runs;
using DermLens.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens lr-find`: the learning-rate range test on the model, data and recipe `train` would start from, with a plot and suggestions.</summary>
sealed class LrFindCommand : Command<LrFindCommand.Settings>
{
    /// <summary>The sweep's own options beside train's: with the same options, lr-find sweeps what `train --lr auto` sweeps.</summary>
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("--out <RUN>"), Description("Run folder to write lr_find.csv and lr_find.png into")] public string Out { get; init; } = "";
        [CommandOption("--iterations <N>"), Description("Mini-batches in the sweep"), DefaultValue(100)] public int Iterations { get; init; }
        [CommandOption("--start-lr <RATE>"), DefaultValue(1e-7)] public double StartLr { get; init; }
        [CommandOption("--end-lr <RATE>"), DefaultValue(10.0)] public double EndLr { get; init; }

        public override ValidationResult Validate() => RequireDataAndOut(Out, "--out <RUN>");
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken ct)
    {
        var options = new LrFinderOptions { Iterations = s.Iterations, StartLr = s.StartLr, EndLr = s.EndLr };
        var outcome = LrFinderView.Run((progress, download, message) =>
            new LrFindJob(s.ToRequest(s.Out), options) { Progress = progress, Download = download, Message = message }.Run(ct));
        LrFinderView.Print(outcome.Result);
        AnsiConsole.MarkupLineInterpolated($"Plot: [bold]{outcome.PlotPath}[/]  (data: {outcome.CsvPath})");
        return 0;
    }
}
