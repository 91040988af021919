using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class ReferralRuleTests
{
    static readonly string[] Classes = ["bcc", "mel", "nv"];

    // Malignant (bcc + mel) scores: 0.7 mel, 0.5 nv, 0.4 bcc, 0.2 nv, 0.2 mel (a tie), 0.1 nv.
    static readonly int[] Truth = [1, 2, 0, 2, 1, 2];
    static readonly float[][] Probabilities =
        [[0.1f, 0.6f, 0.3f], [0.2f, 0.3f, 0.5f], [0.3f, 0.1f, 0.6f], [0.05f, 0.15f, 0.8f], [0f, 0.2f, 0.8f], [0f, 0.1f, 0.9f]];

    static double Score(int sample) => ReferralRule.MalignantScore(Probabilities[sample], [0, 1]);

    [Fact]
    public void The_malignant_score_sums_the_chosen_classes()
    {
        Assert.Equal(0.45, ReferralRule.MalignantScore([0.1f, 0.2f, 0.3f, 0.15f, 0.25f], [0, 1, 3]), 6);
        Assert.Equal(0.0, ReferralRule.MalignantScore([0.5f, 0.5f], []));
    }

    [Fact]
    public void Fitting_takes_the_highest_threshold_that_reaches_the_target_sensitivity()
    {
        var rule = ReferralRule.Fit(["mel", "bcc"], Truth, Probabilities, Classes, 0.6);
        Assert.Equal(["bcc", "mel"], rule.Classes);
        Assert.Equal(0.6, rule.TargetSensitivity);
        Assert.Equal(Score(2), rule.Threshold);
        Assert.Equal([true, true, true, false, false, false], Probabilities.Select(row => rule.Refer(row, Classes)));
    }

    [Fact]
    public void Full_sensitivity_takes_the_whole_tie_of_the_lowest_malignant_score()
    {
        var rule = ReferralRule.Fit(["bcc", "mel"], Truth, Probabilities, Classes, 1);
        Assert.Equal(Score(4), rule.Threshold);
        Assert.True(rule.Refer(Probabilities[3], Classes), "the benign sample tied with the last malignant one is referred too");
        Assert.False(rule.Refer(Probabilities[5], Classes));
    }

    [Fact]
    public void Fitting_needs_malignant_and_benign_samples_and_a_sensitivity_in_the_half_open_unit_interval()
    {
        var noMalignant = Assert.Throws<DermLensException>(() => ReferralRule.Fit(["bcc"], [2, 2], [[0.1f, 0.1f, 0.8f], [0.2f, 0f, 0.8f]], Classes, 0.9));
        Assert.Contains("bcc", noMalignant.Message);
        Assert.Throws<DermLensException>(() => ReferralRule.Fit(["bcc", "mel"], [0, 1], [[0.8f, 0.1f, 0.1f], [0.2f, 0.7f, 0.1f]], Classes, 0.9));
        Assert.Throws<DermLensException>(() => ReferralRule.Fit(["mel"], Truth, Probabilities, Classes, 0));
        Assert.Throws<DermLensException>(() => ReferralRule.Fit(["melanoma"], Truth, Probabilities, Classes, 0.9));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.0001)]
    [InlineData(double.NaN)]
    public void A_target_sensitivity_outside_zero_to_one_is_refused_in_one_line(double target)
    {
        var e = Assert.Throws<DermLensException>(() => ReferralRule.CheckTargetSensitivity(target));
        Assert.Contains("(0, 1]", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Target_sensitivities_in_the_interval_pass()
    {
        ReferralRule.CheckTargetSensitivity(1);
        ReferralRule.CheckTargetSensitivity(0.95);
        ReferralRule.CheckTargetSensitivity(1e-6);
    }

    [Fact]
    public void Malignant_classes_parse_case_insensitively_into_the_models_names_and_order()
    {
        Assert.Equal(["akiec", "bcc", "mel"], ReferralRule.ParseClasses("MEL, bcc,Akiec", ScreeningPredictions.Classes));
        Assert.Equal(["mel"], ReferralRule.ParseClasses("mel,mel,", ScreeningPredictions.Classes));
    }

    [Fact]
    public void Unknown_malignant_classes_are_named_beside_the_known_ones_in_one_line()
    {
        var e = Assert.Throws<DermLensException>(() => ReferralRule.ParseClasses("mel,melanoma,scc", ScreeningPredictions.Classes));
        Assert.Contains("'melanoma', 'scc'", e.Message);
        Assert.Contains("akiec, bcc, bkl, mel, nv", e.Message);
        Assert.DoesNotContain("'mel'", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void No_class_or_every_class_is_not_a_malignant_set()
    {
        Assert.Throws<DermLensException>(() => ReferralRule.ParseClasses(" , ", ScreeningPredictions.Classes));
        Assert.Throws<DermLensException>(() => ReferralRule.ParseClasses("bcc,mel,nv", Classes));
    }

    [Fact]
    public void A_rule_on_a_class_the_model_lacks_cannot_refer()
    {
        var rule = new ReferralRule(["scc"], 0.9, 0.3);
        var e = Assert.Throws<DermLensException>(() => rule.Refer([0.2f, 0.3f, 0.5f], Classes));
        Assert.Contains("'scc'", e.Message);
    }
}
