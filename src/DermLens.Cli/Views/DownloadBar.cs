using System.Globalization;
using DermLens.Models;
using Spectre.Console;

namespace DermLens.Cli.Views;

/// <summary>A bar in a progress display for a download (ImageNet weights), added when the first bytes are reported.</summary>
static class DownloadBar
{
    /// <summary>Reports a download as a task of ctx, added on the first report; a job that downloads nothing adds none.</summary>
    public static IProgress<DownloadProgress> In(ProgressContext ctx)
    {
        ProgressTask? task = null;
        return new SyncProgress<DownloadProgress>(p =>
        {
            task ??= ctx.AddTask(Describe(p), maxValue: Math.Max(1, p.Total ?? 1));
            task.Description = Describe(p);
            if (p.Total is { } total)
            {
                task.MaxValue = Math.Max(1, total);
                task.Value = p.Received;
            }
            else task.IsIndeterminate = true;
            if (p.Total == p.Received) task.StopTask();
        });
    }

    static string Describe(DownloadProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"Downloading {p.Name}  {p.Received / 1e6:F1}{(p.Total is { } total ? $"/{total / 1e6:F1}" : "")} MB").EscapeMarkup();
}
