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

        var subgroups = Subgroups(predictions, groups.Ids, dataset, config.Classes, ct);
        var metrics = ClassificationMetrics.Compute(predictions.Truth, predictions.Probabilities, config.Classes) with
        {
            Subgroups = subgroups,
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
        SaveCurvesAndScreening(predictions, config);
        SaveSubgroups(subgroups);
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

    /// <summary>Per-class and malignant-vs-rest ROC and precision-recall curves (CSV and PNG), and, where the run has
    /// malignant classes, the screening report: sensitivity at the usual specificities and what the referral rule does.</summary>
    void SaveCurvesAndScreening(Predictions predictions, RunConfig config)
    {
        var malignantClasses = config.ScreenedClasses();
        var perClass = OneVsRestCurves.PerClass(predictions.Truth, predictions.Probabilities, config.Classes);
        var malignant = malignantClasses == null ? null : OneVsRestCurves.Malignant(predictions.Truth, predictions.Probabilities, config.Classes, malignantClasses);
        var curves = malignant == null ? perClass : perClass.Append(malignant).ToArray();
        CurvesCsv.SaveRoc(curves, run.RocCsv);
        CurvesCsv.SavePrecisionRecall(curves, run.PrecisionRecallCsv);
        ScreeningReport? screening = null;
        if (malignantClasses != null)
        {
            screening = ScreeningReport.Compute(predictions.Truth, predictions.Probabilities, config.Classes, malignantClasses, config.Referral);
            screening.Save(run.Screening);
            foreach (var line in ScreeningLines(screening)) Log(line);
        }
        else File.Delete(run.Screening);
        RocCurvesPlot.Save(perClass, run.RocPlot, malignant, screening);
        PrecisionRecallPlot.Save(perClass, run.PrecisionRecallPlot, malignant);
    }

    static IEnumerable<string> ScreeningLines(ScreeningReport s)
    {
        var name = string.Join("+", s.MalignantClasses);
        if (s.Auc is { } auc)
        {
            var points = string.Join(", ", s.AtSpecificity.Select(p => string.Create(CultureInfo.InvariantCulture,
                $"sensitivity {p.Sensitivity:P1} at specificity {p.TargetSpecificity:0.00} (threshold {p.Threshold:0.####})")));
            yield return string.Create(CultureInfo.InvariantCulture, $"Screening {name} ({s.MalignantCount} of {s.Count} images): malignant-vs-rest AUC {auc:0.000}; {points}");
        }
        if (s.Referral is { } r)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"Referral rule (P ≥ {r.Threshold:0.####}, fitted for sensitivity {r.TargetSensitivity:P0} on validation): sensitivity {Share(r.Sensitivity)}, " +
                $"specificity {Share(r.Specificity)}, refers {r.ReferRate:P1} of the images");
    }

    static string Share(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "–";

    /// <summary>Metrics by every grouping the samples allow; none (and a log line saying why) where the bootstrap of a
    /// grouping cannot run.</summary>
    IReadOnlyList<SubgroupTable> Subgroups(Predictions predictions, string[] lesions, Dataset dataset, IReadOnlyList<string> classes, CancellationToken ct)
    {
        var groupings = SubgroupGroupings.Of(predictions.Samples, dataset, Log, ct);
        var tables = SubgroupMetrics.ComputeAll(predictions.Truth, predictions.Probabilities, lesions, classes, groupings);
        foreach (var t in tables)
        {
            var gap = t.BalancedAccuracyGap is { } g
                ? string.Create(CultureInfo.InvariantCulture, $"balanced accuracy gap {100 * g.Difference:0.0} points ({g.Highest} {g.HighestValue:P1}, {g.Lowest} {g.LowestValue:P1})")
                : "no two groups large enough to compare";
            var eo = t.LargestEqualOpportunity is { } e
                ? string.Create(CultureInfo.InvariantCulture, $"; largest equal-opportunity difference {e.Class} {100 * e.Gap.Difference:0.0} points ({e.Gap.Highest} vs {e.Gap.Lowest})")
                : "";
            Log($"Subgroups by {t.Grouping} ({t.Groups.Count} groups, {t.Groups.Count(x => x.TooFew)} too small): {gap}{eo}");
        }
        return tables;
    }

    /// <summary>subgroups.csv and one plot per grouping; the plot folder is filled beside the old one and swapped in, so it never mixes two evaluations.</summary>
    void SaveSubgroups(IReadOnlyList<SubgroupTable> tables)
    {
        SubgroupsCsv.Save(tables, run.SubgroupsCsv);
        var incoming = run.SubgroupPlots + ".incoming";
        if (Directory.Exists(incoming)) Directory.Delete(incoming, recursive: true);
        Directory.CreateDirectory(incoming);
        foreach (var table in tables)
            SubgroupPlot.Save(table, Path.Combine(incoming, Path.GetFileName(run.SubgroupPlot(table.Grouping))));
        if (Directory.Exists(run.SubgroupPlots)) Directory.Delete(run.SubgroupPlots, recursive: true);
        Directory.Move(incoming, run.SubgroupPlots);
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
