using DermLens.Data;
using DermLens.Models;
using DermLens.Reporting;
using DermLens.Training;
using TorchSharp;

namespace DermLens.Runs;

/// <summary>
/// The `lr-find` verb as a library call: open the data, split it as training would, sweep the learning rate over the
/// training part on the model, loss, augmentation and first stage the same request would train (fresh, ImageNet or a
/// checkpoint; a head stage sweeps the head only), and write lr_find.csv and lr_find.png into the run folder.
/// </summary>
public sealed class LrFindJob(TrainRequest request, LrFinderOptions options)
{
    /// <summary>Receives human-readable events (also appended to log.txt).</summary>
    public Action<string> Message { get; init; } = _ => { };
    public IProgress<(int Step, int Steps, double Lr, double Loss)>? Progress { get; init; }
    /// <summary>Receives the progress of downloading ImageNet weights that are not in the cache yet.</summary>
    public IProgress<DownloadProgress>? Download { get; init; }

    public LrFindOutcome Run(CancellationToken ct = default)
    {
        options.Validate();
        request.Check();
        var arch = request.Architecture();
        var device = Devices.Parse(request.Train.Device);
        var precision = PrecisionChoice.Resolve(request.Train.Precision, device);
        var dataset = request.OpenData();
        // The same split as `train` with this seed, so the sweep never sees the test images.
        var split = request.MakeSplit(dataset);
        var config = request.ConfigFor(dataset, arch, precision.Precision);
        var run = RunFolder.Create(request.Out);
        Log(run, $"LR range test: {dataset.Format} at {request.Data}, {arch.Name}, {options.Iterations} iterations from {RateText.Format(options.StartLr)} to {RateText.Format(options.EndLr)}");
        Log(run, $"Precision: {precision.Reason}");

        // The model and loss `train` would start from, so the suggestion fits the run it is for.
        var o = config.Train;
        using var model = request.StartingModel(arch, dataset.Classes.Count, m => Log(run, m), Download, ct);
        using var loss = ClassificationLoss.For(o, split.Train.Select(s => s.Label).ToArray(), dataset.Classes.Count, device);
        var cache = PipelineFactory.Cache(dataset, config);
        var loader = PipelineFactory.Training(split.Train, cache, config);
        // Like `train --lr auto`: with a head stage first, only the head trains during the sweep.
        var groups = new LayerGroups(model, arch.LayerGroups.Length, arch.GroupOf);
        var result = LrFinder.RunForTraining(model, groups, o, loader, loss.Compute, device, options, Progress, ct);
        if (cache.Unreadable.Count > 0) Log(run, $"{cache.Unreadable.Count} unreadable image(s) skipped");
        foreach (var line in cache.PreprocessNotes.LogLines("training images")) Log(run, line);

        var csv = run.LrFindCsv;
        var plot = run.LrFindPlot;
        result.SaveCsv(csv);
        LrFinderPlot.Save(result, plot);
        Log(run, $"LR range test {result.Stop.ToString().ToLowerInvariant()} after {result.Lrs.Count} mini-batches at LR {RateText.Format(result.Lrs[^1])}; " +
                 $"suggestions: valley {RateText.Format(result.Valley)}, steepest {RateText.Format(result.Steepest)}, minimum/10 {RateText.Format(result.Minimum)}");
        return new LrFindOutcome(run, result, csv, plot);
    }

    void Log(RunFolder run, string message)
    {
        run.AppendLog(message);
        Message(message);
    }
}

/// <summary>The result of <see cref="LrFindJob.Run"/>: the run folder, the sweep and where its CSV and plot were written.</summary>
public sealed record LrFindOutcome(RunFolder Run, LrFinderResult Result, string CsvPath, string PlotPath);
