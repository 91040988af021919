using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class PrecisionRecallCurveTests
{
    [Fact]
    public void Average_precision_of_scikit_learns_docstring_example_is_five_sixths()
    {
        // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333: recall 0.5 at precision 1, then
        // recall 1 at precision 2/3; the negative at 0.4 adds no recall and so nothing.
        var curve = PrecisionRecallCurve.Of([0.1, 0.4, 0.35, 0.8], [false, false, true, true])!;
        Assert.Equal(
            [new PrecisionRecallPoint(double.PositiveInfinity, 0, 1), new PrecisionRecallPoint(0.8, 0.5, 1),
             new PrecisionRecallPoint(0.4, 0.5, 0.5), new PrecisionRecallPoint(0.35, 1, 2 / 3.0), new PrecisionRecallPoint(0.1, 1, 0.5)],
            curve.Points);
        Assert.Equal(5 / 6.0, curve.AveragePrecision, 15);
    }

    [Fact]
    public void A_tie_reaches_its_recall_at_the_precision_of_the_whole_tie()
    {
        // One positive and two negatives tie at 0.7: recall 0.5 at precision 1/3, then recall 1 at precision 1/2.
        var curve = PrecisionRecallCurve.Of([0.7, 0.7, 0.7, 0.2], [true, false, false, true])!;
        Assert.Equal(3, curve.Points.Count);
        Assert.Equal(0.5 * (1 / 3.0) + 0.5 * 0.5, curve.AveragePrecision, 15);
    }

    [Fact]
    public void Separable_scores_and_a_set_without_negatives_give_one()
    {
        Assert.Equal(1.0, PrecisionRecallCurve.Of([0.1, 0.2, 0.8, 0.9], [false, false, true, true])!.AveragePrecision);
        Assert.Equal(1.0, PrecisionRecallCurve.Of([0.3, 0.6], [true, true])!.AveragePrecision);
    }

    [Fact]
    public void Undefined_without_positives()
    {
        Assert.Null(PrecisionRecallCurve.Of([0.1, 0.2], [false, false]));
    }
}
