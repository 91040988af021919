using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Runs;

namespace DermLens.Tests.Runs;

/// <summary>What evaluate writes beside the metrics: curves, screening and subgroups, for the report and for other tools.</summary>
[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class EvaluationOutputsTests(TrainedRun trained)
{
    /// <summary>A copy of the shared run's config, model and split, so using it with other settings leaves the run the report tests read.</summary>
    internal static RunFolder Copy(TrainedRun trained)
    {
        var folder = trained.Scratch("copy");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "config.json", "model.pt", "split.csv" })
            File.Copy(Path.Combine(trained.Run.Path, file), Path.Combine(folder, file));
        return new RunFolder(folder);
    }

    [Fact]
    public void Evaluate_writes_curves_screening_of_the_runs_malignant_classes_and_subgroups_by_metadata_and_skin_tone()
    {
        var run = trained.Run;
        foreach (var file in new[] { run.RocCsv, run.RocPlot, run.PrecisionRecallCsv, run.PrecisionRecallPlot, run.Screening, run.SubgroupsCsv })
            Assert.True(File.Exists(file), $"{Path.GetFileName(file)} was not written");
        Assert.Equal(["Tumor", "Ulcer"], ScreeningReport.Load(run.Screening).MalignantClasses);
        var curves = CsvTable.Read(run.RocCsv);
        Assert.Contains(OneVsRestCurves.MalignantName, curves.Rows.Select(r => r[curves.Column("curve")]));

        var subgroups = ClassificationMetrics.Load(run.Metrics).Subgroups!;
        // The painted tone synthetic data records groups; its painted angle, a measurement, does not.
        Assert.Equal(["skin_tone", SubgroupGroupings.SkinToneName], subgroups.Select(t => t.Grouping));
        var estimated = subgroups.Single(t => t.Grouping == SubgroupGroupings.SkinToneName);
        Assert.All(estimated.Groups, g => Assert.Contains(g.Name, SkinTone.Categories.Append(Sample.Unknown)));
        Assert.Equal(ClassificationMetrics.Load(run.Metrics).Count, estimated.Groups.Sum(g => g.Images));
        foreach (var table in subgroups) Assert.True(File.Exists(run.SubgroupPlot(table.Grouping)), $"no plot for {table.Grouping}");
    }

    [Fact]
    public void Evaluate_refits_the_referral_rule_for_other_classes_without_storing_it_and_none_removes_the_screening()
    {
        var run = Copy(trained);
        var config = File.ReadAllText(run.Config);
        new EvaluationJob(run, dataOverride: null)
        {
            Options = new() { Scoring = new() { Malignant = "crust,erythema,alopecia,blister,acne", TargetSensitivity = 1.0 } },
        }.Run();
        var screening = ScreeningReport.Load(run.Screening);
        Assert.Equal(["Acne", "Alopecia", "Blister", "Crust", "Erythema"], screening.MalignantClasses.Order());
        var referral = Assert.IsType<ReferralOutcome>(screening.Referral);
        Assert.Equal(1.0, referral.TargetSensitivity);
        Assert.Contains("Referral rule: refer when P(", File.ReadAllText(run.Log));
        Assert.Equal(config, File.ReadAllText(run.Config));

        new EvaluationJob(run, dataOverride: null) { Options = new() { Scoring = new() { Malignant = "none" } } }.Run();
        Assert.False(File.Exists(run.Screening), "a stale screening of the earlier classes is left");
        Assert.True(File.Exists(run.RocCsv));
    }
}

[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class PredictorReferralTests(TrainedRun trained)
{
    [Fact]
    public void Predict_says_whether_the_runs_referral_rule_refers_each_image()
    {
        var run = EvaluationOutputsTests.Copy(trained);
        var config = run.LoadConfig();
        var images = Directory.GetFiles(Path.Combine(config.Data, "Tumor")).Take(4).ToArray();

        (config with { Referral = null }).Save(run.Config);
        using (var plain = new Predictor(run))
            Assert.All(plain.PredictAll(images, topK: config.Classes.Count), p => Assert.Null(p.Referral));

        (config with { Referral = new ReferralRule(["Tumor", "Ulcer"], 0.9, 0.2) }).Save(run.Config);
        using var predictor = new Predictor(run);
        foreach (var p in predictor.PredictAll(images, topK: config.Classes.Count))
        {
            var score = p.Top.Where(t => t.Class is "Tumor" or "Ulcer").Sum(t => (double)t.Probability);
            var referral = Assert.IsType<Referral>(p.Referral);
            Assert.Equal(score, referral.MalignantScore, 5);
            Assert.Equal(referral.MalignantScore >= 0.2, referral.Refer);
        }
    }
}

public class SubgroupGroupingsTests
{
    [Fact]
    public void Ham10000_gives_sex_age_band_site_and_diagnosis_method_then_the_estimated_skin_tone()
    {
        var dataset = DataSources.Open(SharedData.Ham10000);
        var samples = dataset.Samples.Take(60).ToArray();
        var log = new List<string>();
        var groupings = SubgroupGroupings.Of(samples, dataset, log.Add);

        Assert.Equal(["age band", "dx_type", "localization", "sex", SubgroupGroupings.SkinToneName], groupings.Select(g => g.Name));
        Assert.Equal(AgeBand.Bands, groupings[0].Order);
        Assert.Equal(SkinTone.Categories, groupings[^1].Order);
        Assert.All(groupings, g => Assert.Equal(samples.Length, g.Values.Count));
        Assert.Contains(groupings[^1].Values, v => SkinTone.Categories.Contains(v));
    }

    [Fact]
    public void Identifiers_and_measurements_are_left_out_with_a_reason_and_coded_types_kept()
    {
        var samples = Enumerable.Range(0, 30).Select(i => new Sample($"{i}", i % 2, $"{i}.png")
        {
            Metadata = new Dictionary<string, string> { ["patient"] = $"P{i}", ["ita_degrees"] = $"{i * 1.5}", ["fitzpatrick"] = $"{1 + i % 6}" },
        }).ToArray();
        var dataset = new Dataset("test", "/", ["a", "b"], samples, _ => new RgbImage(8, 8));
        var log = new List<string>();
        var groupings = SubgroupGroupings.Of(samples, dataset, log.Add);

        Assert.Equal(["fitzpatrick", SubgroupGroupings.SkinToneName], groupings.Select(g => g.Name));
        Assert.Contains(log, l => l.Contains("'ita_degrees'") && l.Contains("measurement"));
        Assert.Contains(log, l => l.Contains("'patient'") && l.Contains("more than"));
    }
}
