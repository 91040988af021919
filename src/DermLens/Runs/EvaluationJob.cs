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
    public Action<string> Message { get; init; } = _ => { };
    public IProgress<(int Done, int Total)>? Progress { get; init; }
    public string Device { get; init; } = "cpu";

    public ClassificationMetrics Run(CancellationToken ct = default)
    {
        var config = run.LoadConfig();
        var device = Devices.Parse(Device);
        var (dataset, samples) = Samples(config);
        var model = Checkpoint.Load(run.Model, config.Arch, config.Classes.Count);
        var loader = PipelineFactory.Evaluation(samples, PipelineFactory.Cache(dataset, config), config);
        var predictions = Inference.Predict(model, loader, device, config.Train.Loss, Progress, ct);
        foreach (var (file, reason) in loader.Unreadable) Message($"Skipped unreadable image {file}: {reason}");
        if (predictions.Samples.Count == 0) throw new DermLensException("No test image could be read.");

        var metrics = ClassificationMetrics.Compute(predictions.Truth, predictions.Probabilities, config.Classes);
        metrics.Save(run.Metrics);
        metrics.ConfusionMatrix.SaveCsv(run.File("confusion_matrix.csv"));
        ConfusionMatrixPlot.Save(metrics.ConfusionMatrix, run.File("confusion_matrix.png"));
        ConfusedPairs.SaveCsv(metrics.ConfusedPairs, run.File("confused_pairs.csv"));
        PredictionsCsv.Save(predictions, config.Classes, run.File(PredictionsCsv.FileName));
        Message(string.Create(CultureInfo.InvariantCulture,
            $"Evaluated {metrics.Count} images: top-1 {metrics.Top1Accuracy:P1}, balanced accuracy {metrics.BalancedAccuracy:P1}"));
        return metrics;
    }

    (Dataset Dataset, IReadOnlyList<Sample> Samples) Samples(RunConfig config)
    {
        if (dataOverride == null)
        {
            var dataset = DataSources.Open(config.Data, config.Format);
            return (dataset, Split.Load(run.Split, dataset).Test);
        }
        var other = DataSources.Open(dataOverride, formatOverride);
        var unknown = other.Classes.Where(c => !config.Classes.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new DermLensException($"{dataOverride} has classes the model was not trained on: {string.Join(", ", unknown)}. " +
                                        $"The model knows: {string.Join(", ", config.Classes)}.");
        var remapped = other.Samples
            .Select(s => s with { Label = config.Classes.ToList().IndexOf(other.Classes[s.Label]) })
            .ToList();
        return (other, remapped);
    }
}
