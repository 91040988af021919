using System.Text.Json;

namespace DermLens.Evaluation;

/// <summary>Everything DermLens measures about a classifier on one labelled set; saved as a run folder's metrics.json.</summary>
/// <param name="Count">Samples scored.</param>
/// <param name="Top1Accuracy">Share of samples whose highest-scored class is the true one.</param>
/// <param name="TopK">The k of <see cref="TopKAccuracy"/> (the requested k, at most the number of classes).</param>
/// <param name="TopKAccuracy">Share of samples whose true class has fewer than k classes scored strictly above it.</param>
/// <param name="BalancedAccuracy">Mean recall over the classes that occur in the truth (ISIC's headline metric).</param>
/// <param name="MacroF1">Mean F1 over the classes that occur or are predicted.</param>
/// <param name="MacroAuc">Mean of the defined one-vs-rest AUCs; null when none is defined.</param>
/// <param name="ExpectedCalibrationError">ECE with 15 equal-width bins on the top probability.</param>
/// <param name="LogLoss">Mean -ln p(true class), each row normalised to sum 1 and p clipped at 1e-15.</param>
/// <param name="PerClass">One entry per class, in class order.</param>
/// <param name="ConfusionMatrix">Rows true class, columns predicted class.</param>
/// <param name="ConfusedPairs">All merged confused pairs, most confused first.</param>
public sealed record ClassificationMetrics(
    int Count,
    double Top1Accuracy,
    int TopK,
    double TopKAccuracy,
    double BalancedAccuracy,
    double MacroF1,
    double? MacroAuc,
    double ExpectedCalibrationError,
    double LogLoss,
    IReadOnlyList<ClassMetrics> PerClass,
    ConfusionMatrix ConfusionMatrix,
    IReadOnlyList<ConfusedPair> ConfusedPairs)
{
    public const int DefaultTopK = 3;

    /// <summary>95 % bootstrap intervals of the headline and per-class metrics, resampled by lesion where the data knows
    /// lesions; null in a metrics.json written before they existed, or where the set is too small for them.</summary>
    public BootstrapIntervals? Intervals { get; init; }

    /// <summary>Metrics by subgroup (metadata columns, estimated skin tone); null in a metrics.json written before they existed.</summary>
    public IReadOnlyList<SubgroupTable>? Subgroups { get; init; }

    /// <summary>What temperature scaling did on this set (ECE and log loss before and after); null for an uncalibrated run.</summary>
    public CalibrationSummary? Calibration { get; init; }
    const double MinProbability = 1e-15;

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>Scores probabilities (softmax or sigmoid outputs, one row per sample) against true labels; the prediction is the first highest score.</summary>
    public static ClassificationMetrics Compute(int[] truth, float[][] probabilities, IReadOnlyList<string> classes,
        int topK = DefaultTopK)
    {
        Validate(truth, probabilities, classes.Count);
        if (topK < 1) throw new ArgumentOutOfRangeException(nameof(topK), "k must be at least 1.");
        var k = Math.Min(topK, classes.Count);
        var n = truth.Length;
        var predicted = probabilities.Select(ArgMax).ToArray();
        var matrix = ConfusionMatrix.From(truth, predicted, classes);
        var aucs = RankAuc.OneVsRest(truth, probabilities, classes.Count);
        var perClass = Enumerable.Range(0, classes.Count).Select(c => ClassMetrics.From(matrix, c, aucs[c])).ToArray();
        var definedAucs = aucs.Where(a => a.HasValue).Select(a => a!.Value).ToArray();

        return new ClassificationMetrics(
            Count: n,
            Top1Accuracy: (double)matrix.Correct / n,
            TopK: k,
            TopKAccuracy: (double)Enumerable.Range(0, n).Count(i => RankOfTruth(probabilities[i], truth[i]) < k) / n,
            // Mean recall over the classes present: the per-class recalls already computed, not a second count.
            BalancedAccuracy: perClass.Where(m => m.Recall.HasValue).Average(m => m.Recall!.Value),
            MacroF1: perClass.Where(m => m.F1.HasValue).Average(m => m.F1!.Value),
            MacroAuc: definedAucs.Length == 0 ? null : definedAucs.Average(),
            ExpectedCalibrationError: CalibrationError.Expected(
                probabilities.Select(row => (double)row.Max()).ToArray(),
                Enumerable.Range(0, n).Select(i => predicted[i] == truth[i]).ToArray()),
            LogLoss: LogLossOf(truth, probabilities),
            PerClass: perClass,
            ConfusionMatrix: matrix,
            ConfusedPairs: Evaluation.ConfusedPairs.From(matrix));
    }

    /// <summary>Mean -ln p(true class), each row normalised to sum 1 and p clipped at 1e-15.</summary>
    public static double LogLossOf(int[] truth, float[][] probabilities) =>
        Enumerable.Range(0, truth.Length).Average(i => -Math.Log(NormalisedProbability(probabilities[i], truth[i])));

    /// <summary>Writes the metrics as indented JSON; undefined values are null, never NaN.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ClassificationMetrics Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"{path}: metrics file not found.");
        try
        {
            return JsonSerializer.Deserialize<ClassificationMetrics>(File.ReadAllText(path), JsonOptions)
                ?? throw new DermLensException($"{path}: metrics file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new DermLensException($"{path}: not a valid metrics file ({e.Message}).", e);
        }
    }

    static void Validate(int[] truth, float[][] probabilities, int classCount)
    {
        if (truth.Length == 0) throw new DermLensException("No samples to evaluate.");
        if (truth.Length != probabilities.Length)
            throw new DermLensException($"{truth.Length} true labels but {probabilities.Length} probability rows.");
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i].Length != classCount)
                throw new DermLensException(
                    $"Sample {i} has {probabilities[i].Length} class probabilities but there are {classCount} classes (model and dataset disagree).");
            foreach (var p in probabilities[i])
                if (!(p >= 0f && p <= 1f))
                    throw new DermLensException($"Sample {i} has probability {p}; expected values in [0, 1] (softmax or sigmoid outputs, not logits).");
        }
    }

    static int ArgMax(float[] row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
            if (row[c] > row[best]) best = c;
        return best;
    }

    /// <summary>How many classes score strictly above the true class, so ties never push the truth out of the top k.</summary>
    static int RankOfTruth(float[] row, int truth) => row.Count(p => p > row[truth]);

    static double NormalisedProbability(float[] row, int truth)
    {
        var sum = row.Sum(p => (double)p);
        return Math.Max(sum == 0 ? 0 : row[truth] / sum, MinProbability);
    }
}
