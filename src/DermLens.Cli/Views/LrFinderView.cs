using System.Globalization;
using DermLens.Models;
using DermLens.Reporting;
using DermLens.Training;
using Spectre.Console;

namespace DermLens.Cli.Views;

/// <summary>A progress bar for the LR range test and a table of its suggestions.</summary>
static class LrFinderView
{
    /// <summary>Runs work with a bar for the sweep, a bar for a download of ImageNet weights, and its messages printed in grey.</summary>
    public static T Run<T>(Func<IProgress<(int Step, int Steps, double Lr, double Loss)>, IProgress<DownloadProgress>, Action<string>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("LR range test");
                var progress = new SyncProgress<(int Step, int Steps, double Lr, double Loss)>(p =>
                {
                    task.MaxValue = p.Steps;
                    task.Value = p.Step;
                    task.Description = $"LR range test  lr {RateText.Format(p.Lr)}  loss {p.Loss.ToString("F3", CultureInfo.InvariantCulture)}";
                });
                result = work(progress, DownloadBar.In(ctx), message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
                task.StopTask();
            });
        return result;
    }

    public static void Print(LrFinderResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Suggested learning rates").AddColumns("rule", "learning rate", "how it is read");
        table.AddRow("[bold]valley[/] (suggested)", $"[bold]{RateText.Format(result.Valley)}[/]", "half-way along the longest fall of the smoothed loss");
        table.AddRow("steepest", RateText.Format(result.Steepest), "where the loss falls fastest against log LR, before its minimum");
        table.AddRow("minimum/10", RateText.Format(result.Minimum), $"a tenth of the rate at the lowest loss ({RateText.Format(result.MinimumLossLr)})");
        AnsiConsole.Write(table);
        var end = result.Stop switch
        {
            LrFinderStop.Diverged => "stopped when the loss diverged",
            LrFinderStop.Interrupted => "interrupted",
            _ => "reached the end LR",
        };
        AnsiConsole.MarkupLineInterpolated($"Swept {result.Lrs.Count} mini-batches from {RateText.Format(result.Lrs[0])} to {RateText.Format(result.Lrs[^1])}; {end}.");
    }
}
