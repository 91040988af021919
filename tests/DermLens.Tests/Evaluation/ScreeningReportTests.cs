using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class ScreeningReportTests
{
    static readonly string[] Classes = ScreeningPredictions.Classes;
    static readonly string[] Malignant = ScreeningPredictions.Malignant;

    static (double[] Scores, bool[] IsMalignant) MalignantVersusRest(int[] truth, float[][] probabilities) =>
        (probabilities.Select(row => ReferralRule.MalignantScore(row, [0, 1, 3])).ToArray(), truth.Select(t => t is 0 or 1 or 3).ToArray());

    [Fact]
    public void Reports_the_malignant_auc_and_the_most_sensitive_point_at_each_target_specificity()
    {
        var (truth, probabilities) = ScreeningPredictions.Make(500, seed: 11);
        var report = ScreeningReport.Compute(truth, probabilities, Classes, ["MEL", "akiec", "bcc"]);
        var (scores, isMalignant) = MalignantVersusRest(truth, probabilities);

        Assert.Equal(Malignant, report.MalignantClasses);
        Assert.Equal(500, report.Count);
        Assert.Equal(isMalignant.Count(m => m), report.MalignantCount);
        Assert.Equal(RankAuc.Compute(scores, isMalignant), report.Auc);
        Assert.Equal([0.80, 0.90, 0.95], report.AtSpecificity.Select(p => p.TargetSpecificity));
        foreach (var point in report.AtSpecificity)
        {
            var expected = OperatingPoints.AtSpecificity(scores, isMalignant, point.TargetSpecificity)!;
            Assert.Equal((expected.Threshold, expected.Sensitivity, expected.Specificity), (point.Threshold, point.Sensitivity, point.Specificity));
            Assert.True(point.Specificity >= point.TargetSpecificity);
        }
        Assert.Null(report.Referral);
    }

    [Fact]
    public void A_referral_rule_fitted_on_validation_is_scored_on_the_test_set()
    {
        var (validationTruth, validationProbabilities) = ScreeningPredictions.Make(400, seed: 1);
        var (truth, probabilities) = ScreeningPredictions.Make(300, seed: 2);
        var rule = ReferralRule.Fit(Malignant, validationTruth, validationProbabilities, Classes, 0.9);
        var outcome = ScreeningReport.Compute(truth, probabilities, Classes, Malignant, rule).Referral!;

        var referred = probabilities.Select(row => rule.Refer(row, Classes)).ToArray();
        var (_, isMalignant) = MalignantVersusRest(truth, probabilities);
        Assert.Equal((0.9, rule.Threshold), (outcome.TargetSensitivity, outcome.Threshold));
        Assert.Equal((double)referred.Where((r, i) => r && isMalignant[i]).Count() / isMalignant.Count(m => m), outcome.Sensitivity);
        Assert.Equal((double)referred.Where((r, i) => !r && !isMalignant[i]).Count() / isMalignant.Count(m => !m), outcome.Specificity);
        Assert.Equal((double)referred.Count(r => r) / truth.Length, outcome.ReferRate);
    }

    [Fact]
    public void A_set_without_malignant_samples_reports_what_it_can()
    {
        var report = ScreeningReport.Compute([2, 4, 4], [[0.1f, 0.1f, 0.6f, 0.1f, 0.1f], [0, 0, 0.5f, 0.2f, 0.3f], [0, 0, 0, 0, 1]],
            Classes, Malignant, new ReferralRule(Malignant, 0.9, 0.25));
        Assert.Null(report.Auc);
        Assert.Empty(report.AtSpecificity);
        Assert.Equal(new ReferralOutcome(0.9, 0.25, null, 2 / 3.0, 1 / 3.0), report.Referral);
    }

    [Fact]
    public void A_rule_on_other_classes_is_a_wiring_error()
    {
        var (truth, probabilities) = ScreeningPredictions.Make(50, seed: 4);
        Assert.Throws<ArgumentException>(() =>
            ScreeningReport.Compute(truth, probabilities, Classes, Malignant, new ReferralRule(["mel"], 0.9, 0.3)));
    }

    [Fact]
    public void Saves_camel_case_json_that_loads_back_unchanged()
    {
        using var dir = new TempDir();
        var (truth, probabilities) = ScreeningPredictions.Make(200, seed: 5);
        var rule = ReferralRule.Fit(Malignant, truth, probabilities, Classes, 0.95);
        var report = ScreeningReport.Compute(truth, probabilities, Classes, Malignant, rule);
        report.Save(dir["run/screening.json"]);

        var json = File.ReadAllText(dir["run/screening.json"]);
        foreach (var key in new[] { "malignantClasses", "malignantCount", "auc", "atSpecificity", "targetSpecificity", "referral", "referRate" })
            Assert.Contains($"\"{key}\"", json);
        Assert.DoesNotContain("NaN", json);
        var loaded = ScreeningReport.Load(dir["run/screening.json"]);
        Assert.Equal(report.ToJson(), loaded.ToJson());
        Assert.Equal(report.AtSpecificity, loaded.AtSpecificity);
        Assert.Equal(report.Referral, loaded.Referral);
    }

    [Fact]
    public void A_threshold_that_refers_nobody_is_written_as_infinity_and_read_back()
    {
        using var dir = new TempDir();
        // The top score is benign, so no threshold reaches specificity 0.8 with two benign samples but +∞.
        var report = ScreeningReport.Compute([4, 3, 4], [[0, 0, 0, 0.9f, 0.1f], [0, 0, 0, 0.6f, 0.4f], [0, 0, 0, 0.1f, 0.9f]], Classes, Malignant);
        Assert.Equal(double.PositiveInfinity, report.AtSpecificity[0].Threshold);
        report.Save(dir["screening.json"]);
        Assert.Contains("\"Infinity\"", File.ReadAllText(dir["screening.json"]));
        Assert.Equal(double.PositiveInfinity, ScreeningReport.Load(dir["screening.json"]).AtSpecificity[0].Threshold);
    }

    [Fact]
    public void A_missing_or_broken_file_is_an_error_naming_it()
    {
        using var dir = new TempDir();
        Assert.Contains("screening.json", Assert.Throws<DermLensException>(() => ScreeningReport.Load(dir["screening.json"])).Message);
        File.WriteAllText(dir["screening.json"], "{ not json");
        Assert.Contains("screening.json", Assert.Throws<DermLensException>(() => ScreeningReport.Load(dir["screening.json"])).Message);
    }
}
