using System.Globalization;
using DermLens.Models;
using DermLens.Training;
using Spectre.Console;

namespace DermLens.Cli.Views;

/// <summary>Progress bars for training: one bar per epoch with running loss, accuracy and ETA.</summary>
static class TrainingView
{
    /// <summary>Runs work with a bar per epoch, a bar for a download of ImageNet weights, and its messages printed in grey.</summary>
    public static T Run<T>(Func<IProgress<TrainProgress>, IProgress<DownloadProgress>, Action<string>, T> work)
    {
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask? current = null;
                string? currentKey = null;
                var progress = new SyncProgress<TrainProgress>(p =>
                {
                    var key = $"{p.Phase}{p.Epoch}";
                    if (key != currentKey)
                    {
                        current?.StopTask();
                        current = ctx.AddTask(Describe(p), maxValue: Math.Max(1, p.Steps));
                        currentKey = key;
                    }
                    current!.Description = Describe(p);
                    current.Value = p.Step;
                });
                result = work(progress, DownloadBar.In(ctx), message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
                current?.StopTask();
            });
        return result;
    }

    static string Describe(TrainProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Phase,-14} epoch {p.Epoch}/{p.Epochs}  loss {p.Loss:F3}  acc {p.Accuracy:P1}").EscapeMarkup();
}
