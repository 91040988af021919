using DermLens.Evaluation;

namespace DermLens.Interpretation;

/// <summary>One misclassified test image chosen for a case study, with the confused pair it illustrates.</summary>
public sealed record CaseStudyPick(ConfusedPair Pair, PredictionRow Row);

/// <summary>
/// The pairs a case study covers and the images it shows. <see cref="BelowThreshold"/> is set when no pair reached
/// the error threshold and the most-confused pairs were taken instead.
/// </summary>
public sealed record CaseStudyPlan(IReadOnlyList<ConfusedPair> Pairs, bool BelowThreshold, IReadOnlyList<CaseStudyPick> Picks);

/// <summary>Chooses the confused pairs and misclassified images of a case study from a run's test predictions.</summary>
public static class CaseStudySelection
{
    /// <summary>
    /// The pairs with at least minErrors errors (both directions together, as the study counted them), most confused
    /// first; for each, up to perDirection misclassified images each way, the most confident mistakes first. When no
    /// pair reaches minErrors, the fallbackPairs most-confused pairs are taken instead: there is still something to
    /// look at, and the plan says the threshold was not met. At most maxPairs pairs are kept either way.
    /// </summary>
    public static CaseStudyPlan Choose(IReadOnlyList<PredictionRow> rows, IReadOnlyList<string> classes, int minErrors,
        int perDirection, int fallbackPairs = 3, int maxPairs = int.MaxValue)
    {
        if (minErrors < 1) throw new DermLensException($"The minimum number of errors per pair must be at least 1, got {minErrors}.");
        if (perDirection < 1) throw new DermLensException($"The images per direction must be at least 1, got {perDirection}.");
        if (maxPairs < 1) throw new DermLensException($"The most pairs to study must be at least 1, got {maxPairs}.");
        var matrix = ConfusionMatrix.From(rows.Select(r => r.True).ToArray(), rows.Select(r => r.Predicted).ToArray(), classes);
        var pairs = ConfusedPairs.From(matrix, minErrors);
        var belowThreshold = pairs.Count == 0;
        if (belowThreshold) pairs = ConfusedPairs.From(matrix).Take(fallbackPairs).ToArray();
        pairs = pairs.Take(maxPairs).ToArray();

        var index = classes.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        var picks = new List<CaseStudyPick>();
        foreach (var pair in pairs)
            foreach (var (actual, predicted) in new[] { (index[pair.A], index[pair.B]), (index[pair.B], index[pair.A]) })
                picks.AddRange(rows
                    .Where(r => r.True == actual && r.Predicted == predicted)
                    .OrderByDescending(r => r.Probabilities[predicted])
                    .ThenBy(r => r.Id, StringComparer.Ordinal)
                    .Take(perDirection)
                    .Select(r => new CaseStudyPick(pair, r)));
        return new CaseStudyPlan(pairs, belowThreshold, picks);
    }
}
