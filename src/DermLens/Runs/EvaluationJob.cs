using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Reporting;
using DermLens.Training;

namespace DermLens.Runs;

/// <summary>
/// The `evaluate` verb as a library call: scores a run's best model on its test split (or on other
/// data with the same class names) and writes metrics.json, confusion matrix, confused pairs, predictions.
/// </summary>
public sealed class EvaluationJob(RunFolder run, string? dataOverride, string? formatOverride = null)
{
    /// <summary>Receives human-readable events (also appended to the run's log.txt).</summary>
    public Action<string> Message { get; init; } = _ => { };
    public IProgress<(int Done, int Total)>? Progress { get; init; }
    /// <summary>Device, precision, and what to score with instead of the run's stored preprocessing, TTA, snapshots and prior correction.</summary>
    public InferenceOptions Options { get; init; } = new();

    public ClassificationMetrics Run(CancellationToken ct = default)
    {
        using var model = RunModel.Open(run, Options, Log);
        var config = model.Config;
        if (model.PreprocessWarning != null) Log(model.PreprocessWarning);
        var (dataset, samples) = Samples(config);
        Log($"Precision: {model.PrecisionReason}");
        if (model.Tta.ViewCount > 1 || model.MemberCount > 1)
            Log($"Scores averaged over {model.Tta.ViewCount} test-time view(s) ({model.Tta.Name}) x {model.MemberCount} network(s)");
        var cache = PipelineFactory.OnePassCache(dataset, config);
        var loader = PipelineFactory.Evaluation(samples, cache, config);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var raw = Inference.Predict(model.RawProbabilities, loader, model.Device, Progress, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var (file, reason) in loader.Unreadable) Log($"Skipped unreadable image {file}: {reason}");
        foreach (var line in cache.PreprocessNotes.LogLines("evaluated images")) Log(line);
        if (raw.Samples.Count == 0) throw new DermLensException("No test image could be read.");
        var predictions = raw with { Probabilities = model.Corrected(raw.Probabilities) };
        var groups = Groups(predictions);

        var metrics = ClassificationMetrics.Compute(predictions.Truth, predictions.Probabilities, config.Classes) with
        {
            Intervals = Intervals(predictions, groups, config.Classes.Count),
            Calibration = config.Calibration is { } scaling
                ? CalibrationSummary.Measure(scaling.Temperature, predictions.Truth, model.Corrected(raw.Probabilities, calibrated: false), predictions.Probabilities, groups.Ids)
                : null,
        };
        metrics.Save(run.Metrics);
        metrics.ConfusionMatrix.SaveCsv(run.ConfusionMatrixCsv);
        ConfusionMatrixPlot.Save(metrics.ConfusionMatrix, run.ConfusionMatrixPlot);
        ConfusedPairs.SaveCsv(metrics.ConfusedPairs, run.ConfusedPairs);
        PredictionsCsv.Save(predictions, config.Classes, run.Predictions);
        if (metrics.Calibration is { } calibration)
        {
            ReliabilityDiagramPlot.Save(calibration, run.ReliabilityPlot);
            var change = calibration.EceChange is { } c
                ? string.Create(CultureInfo.InvariantCulture, $" (change {c.Value:+0.0000;-0.0000} [{c.Low:+0.0000;-0.0000}, {c.High:+0.0000;-0.0000}])")
                : "";
            Log(string.Create(CultureInfo.InvariantCulture,
                $"Calibration: temperature {calibration.Temperature:0.###}; ECE {calibration.EceBefore:0.0000} before, {calibration.EceAfter:0.0000} after{change}; " +
                $"log loss {calibration.LogLossBefore:0.0000} before, {calibration.LogLossAfter:0.0000} after"));
        }
        else
        {
            File.Delete(run.ReliabilityPlot);
            Log("Calibration: none (the run stores no temperature; evaluate --calibration temperature fits one on its validation part)");
        }
        var interval = metrics.Intervals is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $" [{ci.BalancedAccuracy.Low:P1}, {ci.BalancedAccuracy.High:P1}] over {ci.Groups} {ci.Unit}")
            : "";
        Log(string.Create(CultureInfo.InvariantCulture,
            $"Evaluated {metrics.Count} images{(dataOverride == null ? " of the run's test part" : $" of {dataOverride}")}: top-1 {metrics.Top1Accuracy:P1}, balanced accuracy {metrics.BalancedAccuracy:P1}{interval}; " +
            $"{metrics.Count / Math.Max(seconds, 1e-9):F1} images/s ({seconds:F1} s, decoding included)"));
        return metrics;
    }

    /// <summary>Lesion-resampled intervals where the samples know their lesion, image-resampled otherwise; none (and a log
    /// line saying why) where too few units hold the classes for a bootstrap.</summary>
    BootstrapIntervals? Intervals(Predictions predictions, (string[] Ids, string Unit) groups, int classCount)
    {
        try
        {
            return GroupBootstrap.Compute(predictions.Truth, predictions.Probabilities, groups.Ids, classCount) with { Unit = groups.Unit };
        }
        catch (DermLensException e)
        {
            Log($"No intervals: {e.Message}");
            return null;
        }
    }

    /// <summary>What the bootstrap resamples: each sample's lesion where the data knows lesions, else the image itself.</summary>
    static (string[] Ids, string Unit) Groups(Predictions predictions) =>
        (predictions.Samples.Select(s => s.Group ?? s.Id).ToArray(), predictions.Samples.Any(s => s.Group != null) ? "lesions" : "images");

    void Log(string message)
    {
        run.AppendLog(message);
        Message(message);
    }

    (Dataset Dataset, IReadOnlyList<Sample> Samples) Samples(RunConfig config)
    {
        if (dataOverride == null)
        {
            var dataset = DataSources.Open(config.Data, config.Format);
            var test = Split.Load(run.Split, dataset).Test;
            if (test.Count == 0)
                throw new DermLensException($"{run.Path} has no test part{(config.TestData == null ? "" : $" (it was tested on {config.TestData})")}; " +
                                            $"evaluate it on other data with: dermlens evaluate --run {run.Path} --data DIR");
            return (dataset, test);
        }
        var other = DataSources.Open(dataOverride, formatOverride);
        return (other, TestSet.Relabel(other, config.Classes, dataOverride));
    }
}
