using DermLens.Interpretation;
using DermLens.Interpretation.Quality;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class ExplainScoreCliTests
{
    [Fact]
    public void Explain_score_writes_cam_quality_csv_with_every_method_and_both_baselines_and_their_differences_from_the_gaussian()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        CliRunner.TrainTinyRun(data, run);

        // One test image loses its mask: it is counted and left out, as HAM10000 downloads without segmentations are.
        var testId = File.ReadLines(Path.Combine(run, "split.csv")).Select(l => l.Split(',')).First(c => c[^1] == "test")[0];
        File.Delete(Path.Combine(data, "masks", testId));

        var score = CliRunner.Run("explain", "--run", run, "--score", "--limit", "3", "--batch-size", "2", "--steps", "4");

        Assert.True(score.ExitCode == 0, score.ToString());
        Assert.Contains("pointing", score.Output);
        Assert.Contains(CamQuality.GaussianBaseline, score.Output);
        Assert.Contains("have no lesion mask", score.Output);
        var rows = CamQuality.Load(Path.Combine(run, "cam_quality.csv"));
        Assert.Equal([.. ExplanationMethods.Names, CamQuality.RandomBaseline, CamQuality.GaussianBaseline], rows.Select(r => r.Method));
        Assert.All(rows, r =>
        {
            Assert.Equal(3, r.Images);
            Assert.InRange(r.PointingGame, 0, 1);
            Assert.InRange(r.EnergyInMask, 0, 1);
            Assert.InRange(r.DeletionAuc, 0, 1);
            Assert.InRange(r.InsertionAuc, 0, 1);
            Assert.InRange(r.RoadMostRelevantFirst, 0, 1);
            Assert.InRange(r.RoadLeastRelevantFirst, 0, 1);
        });
        var differences = GaussianDifference.Load(Path.Combine(run, "cam_quality_vs_gaussian.csv"));
        Assert.Equal(rows.Count * CamQualityMetric.All.Count, differences.Count);
        Assert.All(differences.Where(d => d.Method == CamQuality.GaussianBaseline), d => Assert.Equal((0.0, 0.0, 0.0), (d.Difference, d.Low, d.High)));
        Assert.Contains("minus the centred Gaussian", score.Output);

        var chosen = CliRunner.Run("explain", "--run", run, "--score", "--limit", "2", "--steps", "2", "--methods", "layercam,gradcam",
            "--layer", "fused", "--smooth", "eigen");
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        Assert.Equal(["layercam", "gradcam", CamQuality.RandomBaseline, CamQuality.GaussianBaseline],
            CamQuality.Load(Path.Combine(run, "cam_quality.csv")).Select(r => r.Method));

        var both = CliRunner.Run("explain", "--run", run, "--score", Directory.GetFiles(Path.Combine(data, "Ulcer"))[0]);
        Assert.NotEqual(0, both.ExitCode);
        Assert.Contains("no image files", both.Output);
        var neither = CliRunner.Run("explain", "--run", run);
        Assert.NotEqual(0, neither.ExitCode);
        Assert.Contains("or --score", neither.Output);
        var methodsWithoutScore = CliRunner.Run("explain", "--run", run, "--methods", "gradcam", Directory.GetFiles(Path.Combine(data, "Ulcer"))[0]);
        Assert.NotEqual(0, methodsWithoutScore.ExitCode);
        Assert.Contains("--methods chooses what --score measures", methodsWithoutScore.Output);
    }
}
