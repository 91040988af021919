using DermLens.Evaluation;
using DermLens.Interpretation;

namespace DermLens.Tests.Interpretation;

public class CaseStudySelectionTests
{
    static readonly string[] Classes = ["Acne", "Blister", "Crust"];

    /// <summary>A row whose predicted class gets probability p and the true class the rest.</summary>
    static PredictionRow Row(string id, int truth, int predicted, float p)
    {
        var probabilities = new float[Classes.Length];
        probabilities[predicted] = p;
        probabilities[truth] += 1 - p;
        return new PredictionRow(id, truth, predicted, probabilities);
    }

    // Acne->Blister 4, Blister->Acne 2 (pair of 6); Crust->Blister 2; Acne->Crust 1; and two correct rows.
    static readonly PredictionRow[] Rows =
    [
        Row("ab1", 0, 1, 0.6f), Row("ab2", 0, 1, 0.9f), Row("ab3", 0, 1, 0.7f), Row("ab4", 0, 1, 0.55f),
        Row("ba1", 1, 0, 0.5f), Row("ba2", 1, 0, 0.8f),
        Row("cb1", 2, 1, 0.6f), Row("cb2", 2, 1, 0.7f),
        Row("ac1", 0, 2, 0.9f),
        Row("aa", 0, 0, 1f), Row("bb", 1, 1, 1f),
    ];

    [Fact]
    public void Pairs_reaching_the_threshold_show_their_most_confident_mistakes_each_way()
    {
        var plan = CaseStudySelection.Choose(Rows, Classes, minErrors: 5, perDirection: 2);

        Assert.False(plan.BelowThreshold);
        Assert.Equal([new ConfusedPair("Acne", "Blister", 6, 4, 2)], plan.Pairs);
        Assert.Equal(["ab2", "ab3", "ba2", "ba1"], plan.Picks.Select(p => p.Row.Id));
        Assert.All(plan.Picks, p => Assert.Equal(plan.Pairs[0], p.Pair));
    }

    [Fact]
    public void Without_a_pair_at_the_threshold_the_most_confused_pairs_are_taken_and_flagged()
    {
        var plan = CaseStudySelection.Choose(Rows, Classes, minErrors: 10, perDirection: 1, fallbackPairs: 2);

        Assert.True(plan.BelowThreshold);
        Assert.Equal([("Acne", "Blister", 6), ("Crust", "Blister", 2)], plan.Pairs.Select(p => (p.A, p.B, p.Count)));
        Assert.Equal(["ab2", "ba2", "cb2"], plan.Picks.Select(p => p.Row.Id));
    }

    [Fact]
    public void At_most_max_pairs_are_studied_the_most_confused_first()
    {
        var plan = CaseStudySelection.Choose(Rows, Classes, minErrors: 1, perDirection: 1, maxPairs: 2);

        Assert.Equal([("Acne", "Blister"), ("Crust", "Blister")], plan.Pairs.Select(p => (p.A, p.B)));
        Assert.Equal(["ab2", "ba2", "cb2"], plan.Picks.Select(p => p.Row.Id));
    }

    [Fact]
    public void A_model_without_errors_gives_nothing_to_study()
    {
        var plan = CaseStudySelection.Choose([Row("aa", 0, 0, 1f), Row("cc", 2, 2, 0.9f)], Classes, minErrors: 5, perDirection: 3);
        Assert.Empty(plan.Pairs);
        Assert.Empty(plan.Picks);
    }

    [Fact]
    public void Thresholds_below_one_are_refused()
    {
        Assert.Throws<DermLensException>(() => CaseStudySelection.Choose(Rows, Classes, minErrors: 0, perDirection: 3));
        Assert.Throws<DermLensException>(() => CaseStudySelection.Choose(Rows, Classes, minErrors: 5, perDirection: 0));
        Assert.Throws<DermLensException>(() => CaseStudySelection.Choose(Rows, Classes, minErrors: 5, perDirection: 1, maxPairs: 0));
    }
}
