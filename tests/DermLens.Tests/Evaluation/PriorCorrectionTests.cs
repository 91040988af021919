using DermLens.Data;
using DermLens.Evaluation;
using static TorchSharp.torch;

namespace DermLens.Tests.Evaluation;

public class PriorCorrectionTests
{
    static Predictions Validation(int[] truth, float[][] probabilities) =>
        new(truth.Select((t, i) => new Sample($"{i}", t, $"{i}.png")).ToArray(), truth, probabilities);

    [Fact]
    public void Fit_picks_the_smallest_tau_that_stops_the_majority_class_winning_every_image()
    {
        // Every image leans to class 0, the minority ones less: dividing by prior^tau flips them once 4^tau > 0.6/0.4,
        // i.e. from tau 0.3, and would flip the majority ones too only past 4^tau = 9.
        var validation = Validation([0, 0, 0, 1], [[0.9f, 0.1f], [0.9f, 0.1f], [0.9f, 0.1f], [0.6f, 0.4f]]);
        var (correction, before, after) = PriorCorrection.Fit(validation, [0.8f, 0.2f]);
        Assert.Equal(0.3, correction.Tau, 9);
        Assert.Equal(0.5, before, 9);
        Assert.Equal(1.0, after, 9);
    }

    [Fact]
    public void Fit_keeps_tau_0_when_no_correction_helps()
    {
        var validation = Validation([0, 1], [[0.9f, 0.1f], [0.2f, 0.8f]]);
        Assert.Equal(0, PriorCorrection.Fit(validation, [0.8f, 0.2f]).Correction.Tau);
    }

    [Fact]
    public void Tau_1_turns_probabilities_equal_to_the_prior_into_uniform_ones_that_still_sum_to_1()
    {
        using var probabilities = tensor(new[] { 0.7f, 0.2f, 0.1f, 0.3f, 0.3f, 0.4f }, [2, 3]);
        using var corrected = new PriorCorrection(1, [0.7f, 0.2f, 0.1f]).Apply(probabilities);
        var rows = corrected.data<float>().ToArray();
        Assert.All(rows.Take(3), p => Assert.Equal(1 / 3f, p, 5));
        Assert.Equal(1f, rows.Skip(3).Sum(), 5);
        Assert.True(rows[5] > rows[3], "the rarest class gains most");
    }

    [Fact]
    public void Priors_are_label_shares_and_a_class_without_labels_stays_finite()
    {
        var priors = PriorCorrection.PriorsOf([0, 0, 0, 1], 3);
        Assert.Equal(1f, priors.Sum(), 5);
        Assert.Equal(3 / 4.5f, priors[0], 5);
        Assert.Equal(0.5f / 4.5f, priors[2], 5);
    }

    [Theory]
    [InlineData("none", 0.0)]
    [InlineData("auto", null)]
    [InlineData("0.75", 0.75)]
    public void A_setting_names_no_correction_a_fitted_one_or_a_given_tau(string setting, double? tau) =>
        Assert.Equal(tau, PriorCorrection.ParseSetting(setting));

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("strong")]
    public void A_bad_setting_is_refused_naming_the_option(string setting) =>
        Assert.StartsWith("--prior-correction", Assert.Throws<DermLensException>(() => PriorCorrection.ParseSetting(setting)).Message);
}
