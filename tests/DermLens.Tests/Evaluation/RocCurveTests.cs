using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class RocCurveTests
{
    [Fact]
    public void Tied_scores_are_one_step_from_the_origin_to_the_corner()
    {
        // Positives score 0.9, 0.8, 0.3; negatives 0.8, 0.5. The 0.8 tie moves one positive and one negative at once.
        var roc = RocCurve.Of([0.9, 0.8, 0.8, 0.5, 0.3], [true, true, false, false, true])!;
        Assert.Equal(
            [new RocPoint(double.PositiveInfinity, 0, 0), new RocPoint(0.9, 0, 1 / 3.0), new RocPoint(0.8, 0.5, 2 / 3.0),
             new RocPoint(0.5, 1, 2 / 3.0), new RocPoint(0.3, 1, 1)],
            roc.Points);
        // Pairs won: 0.9 beats both negatives, 0.8 ties one and beats one, 0.3 beats none: 3.5 of 6.
        Assert.Equal(3.5 / 6, roc.Auc, 15);
    }

    [Fact]
    public void Its_area_equals_the_rank_auc_exactly_on_scores_with_many_ties()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var scores = Enumerable.Range(0, 300).Select(_ => random.Next(25) / 25.0).ToArray();
            var positive = scores.Select(s => random.NextDouble() < 0.2 + 0.6 * s).ToArray();
            Assert.Equal(RankAuc.Compute(scores, positive), RocCurve.Of(scores, positive)!.Auc);
        }
    }

    [Fact]
    public void Thresholds_fall_strictly_and_both_rates_never_fall()
    {
        var (truth, probabilities) = ScreeningPredictions.Make(400, seed: 3);
        var roc = RocCurve.Of(probabilities.Select(p => (double)p[3]).ToArray(), truth.Select(t => t == 3).ToArray())!;
        Assert.Equal(probabilities.Select(p => p[3]).Distinct().Count() + 1, roc.Points.Count);
        Assert.Equal((0.0, 0.0), (roc.Points[0].FalsePositiveRate, roc.Points[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (roc.Points[^1].FalsePositiveRate, roc.Points[^1].TruePositiveRate));
        for (int i = 1; i < roc.Points.Count; i++)
        {
            Assert.True(roc.Points[i].Threshold < roc.Points[i - 1].Threshold);
            Assert.True(roc.Points[i].FalsePositiveRate >= roc.Points[i - 1].FalsePositiveRate);
            Assert.True(roc.Points[i].TruePositiveRate >= roc.Points[i - 1].TruePositiveRate);
        }
    }

    [Fact]
    public void Undefined_without_positives_or_without_negatives()
    {
        Assert.Null(RocCurve.Of([0.1, 0.2], [false, false]));
        Assert.Null(RocCurve.Of([0.1, 0.2], [true, true]));
        Assert.Null(RocCurve.Of([], []));
    }

    [Fact]
    public void Mismatched_lengths_and_non_finite_scores_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RocCurve.Of([0.1, 0.2], [true]));
        Assert.Throws<ArgumentException>(() => RocCurve.Of([0.1, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => RocCurve.Of([0.1, double.PositiveInfinity], [true, false]));
    }
}
