using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class OperatingPointTests
{
    // Four positives, six negatives; a positive and a negative tie at 0.8.
    //   threshold  ∞    0.9   0.8   0.7   0.6   0.5   0.4   0.3   0.2   0.1
    //   sens       0    1/4   2/4   2/4   3/4   3/4   4/4   4/4   4/4   4/4
    //   spec       1    6/6   5/6   4/6   4/6   3/6   3/6   2/6   1/6   0/6
    static readonly double[] Scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    static readonly bool[] Positive = [true, true, false, false, true, false, true, false, false, false];

    static OperatingPoint AtSpecificity(double target) => OperatingPoints.AtSpecificity(Scores, Positive, target)!;
    static OperatingPoint AtSensitivity(double target) => OperatingPoints.AtSensitivity(Scores, Positive, target)!;

    [Fact]
    public void At_a_specificity_the_most_sensitive_threshold_that_keeps_it()
    {
        Assert.Equal(new OperatingPoint(0.8, 0.5, 5 / 6.0), AtSpecificity(0.8));
        Assert.Equal(new OperatingPoint(0.6, 0.75, 4 / 6.0), AtSpecificity(0.6));
    }

    [Fact]
    public void A_tie_that_straddles_the_target_specificity_is_left_out_whole()
    {
        // Taking the 0.8 tie would drop specificity to 5/6 < 0.9, so sensitivity stays at the 0.9 step.
        Assert.Equal(new OperatingPoint(0.9, 0.25, 1), AtSpecificity(0.9));
        Assert.Equal(new OperatingPoint(0.9, 0.25, 1), AtSpecificity(1));
    }

    [Fact]
    public void A_specificity_met_exactly_counts_as_met()
    {
        Assert.Equal(new OperatingPoint(0.4, 1, 0.5), AtSpecificity(0.5));
    }

    [Fact]
    public void Of_equally_sensitive_thresholds_the_highest_is_chosen()
    {
        // 0.4 and 0.3 both reach sensitivity 1 with specificity at least 0.3; 0.4 keeps more negatives out.
        Assert.Equal(new OperatingPoint(0.4, 1, 0.5), AtSpecificity(0.3));
        Assert.Equal(new OperatingPoint(0.4, 1, 0.5), AtSpecificity(0));
    }

    [Fact]
    public void Nobody_is_referred_when_every_score_refers_too_many_negatives()
    {
        Assert.Equal(new OperatingPoint(double.PositiveInfinity, 0, 1), OperatingPoints.AtSpecificity([0.9, 0.5], [false, true], 1));
    }

    [Fact]
    public void At_a_sensitivity_the_highest_threshold_that_reaches_it()
    {
        Assert.Equal(new OperatingPoint(0.8, 0.5, 5 / 6.0), AtSensitivity(0.5));
        Assert.Equal(new OperatingPoint(0.6, 0.75, 4 / 6.0), AtSensitivity(0.6));
        Assert.Equal(new OperatingPoint(0.4, 1, 0.5), AtSensitivity(1));
        Assert.Equal(new OperatingPoint(0.9, 0.25, 1), AtSensitivity(0.25));
        Assert.Equal(new OperatingPoint(double.PositiveInfinity, 0, 1), AtSensitivity(0));
    }

    [Fact]
    public void A_tie_can_overshoot_the_target_sensitivity()
    {
        // Both positives tie with a negative at 0.5: half the sensitivity is not to be had without all of it.
        Assert.Equal(new OperatingPoint(0.5, 1, 0.5), OperatingPoints.AtSensitivity([0.5, 0.5, 0.5, 0.1], [true, false, true, false], 0.5));
        Assert.Equal(new OperatingPoint(0.8, 0.5, 5 / 6.0), AtSensitivity(0.3));
    }

    [Fact]
    public void Undefined_without_positives_or_negatives_and_targets_outside_the_unit_interval_are_refused()
    {
        Assert.Null(OperatingPoints.AtSpecificity([0.1, 0.2], [false, false], 0.9));
        Assert.Null(OperatingPoints.AtSensitivity([0.1, 0.2], [true, true], 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtSpecificity(1.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtSensitivity(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AtSensitivity(double.NaN));
    }
}
