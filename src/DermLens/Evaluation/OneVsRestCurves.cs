namespace DermLens.Evaluation;

/// <summary>
/// The ROC and precision-recall curves of one named score against the rest: a class's probability, or the malignant
/// score of a set of classes; a curve is null where the set cannot define it.
/// </summary>
/// <param name="Name">The class name, or <see cref="MalignantName"/>.</param>
/// <param name="Positives">The classes counted positive: the one class, or the malignant set in class order.</param>
public sealed record OneVsRestCurves(string Name, IReadOnlyList<string> Positives, RocCurve? Roc, PrecisionRecallCurve? PrecisionRecall)
{
    /// <summary>The name of the malignant-vs-rest curves in roc.csv and pr.csv.</summary>
    public const string MalignantName = "malignant";

    /// <summary>Each class's curves, in class order, scoring samples by that class's probability.</summary>
    public static IReadOnlyList<OneVsRestCurves> PerClass(int[] truth, float[][] probabilities, IReadOnlyList<string> classes)
    {
        if (truth.Length != probabilities.Length)
            throw new ArgumentException($"{truth.Length} true labels but {probabilities.Length} probability rows.");
        return classes.Select((name, c) => Of(name, [name], probabilities.Select(row => (double)row[c]).ToArray(),
            truth.Select(t => t == c).ToArray())).ToArray();
    }

    /// <summary>The curves of the malignant score (<see cref="ReferralRule.MalignantScore"/>) of <paramref name="malignant"/> against the other classes.</summary>
    public static OneVsRestCurves Malignant(int[] truth, float[][] probabilities, IReadOnlyList<string> classes, IReadOnlyList<string> malignant)
    {
        var indices = ReferralRule.ClassIndices(malignant, classes);
        var (scores, isMalignant) = ReferralRule.MalignantVersusRest(truth, probabilities, indices);
        return Of(MalignantName, indices.Select(c => classes[c]).ToArray(), scores, isMalignant);
    }

    static OneVsRestCurves Of(string name, IReadOnlyList<string> positives, double[] scores, bool[] positive) =>
        new(name, positives, RocCurve.Of(scores, positive), PrecisionRecallCurve.Of(scores, positive));
}
