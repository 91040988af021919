using System.Text.Json.Serialization;

namespace DermLens.Evaluation;

/// <summary>One class scored against the rest; null where a value is undefined (no positives, no negatives, never predicted).</summary>
/// <param name="Class">The class name.</param>
/// <param name="Support">Samples whose true class this is.</param>
/// <param name="Predicted">Samples predicted as this class.</param>
/// <param name="Precision">Share of the class's predictions that were right; null when never predicted.</param>
/// <param name="Recall">Sensitivity: share of the class's samples found; null when the class has no samples.</param>
/// <param name="Specificity">Share of other classes' samples not predicted as this one; null when every sample is of this class.</param>
/// <param name="F1">2TP / (2TP + FP + FN); null when the class neither occurs nor is predicted.</param>
/// <param name="Auc">One-vs-rest ROC AUC on this class's probability; null without both positives and negatives.</param>
public sealed record ClassMetrics(string Class, int Support, int Predicted, double? Precision, double? Recall,
    double? Specificity, double? F1, double? Auc)
{
    [JsonIgnore] public double? Sensitivity => Recall;

    internal static ClassMetrics From(ConfusionMatrix matrix, int c, double? auc)
    {
        int truePositives = matrix[c, c];
        int support = matrix.RowTotal(c), predicted = matrix.ColumnTotal(c);
        int falsePositives = predicted - truePositives, falseNegatives = support - truePositives;
        int negatives = matrix.Total - support;
        int trueNegatives = negatives - falsePositives;
        return new ClassMetrics(
            matrix.Classes[c], support, predicted,
            Precision: Ratio(truePositives, predicted),
            Recall: Ratio(truePositives, support),
            Specificity: Ratio(trueNegatives, negatives),
            F1: Ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
            Auc: auc);
    }

    static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}
