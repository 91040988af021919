using DermLens.Interpretation.Quality;

namespace DermLens.Tests.Interpretation.Quality;

public class RelativeToGaussianTests
{
    static IReadOnlyDictionary<string, double[]> Scores(Func<int, double> perImage, int images) =>
        CamQualityMetric.All.ToDictionary(m => m.Column, m => Enumerable.Range(0, images).Select(i => perImage(i) + m.Column.Length).ToArray());

    // Ten images of six lesions: the bootstrap resamples lesions.
    static readonly string[] Lesions = ["a", "a", "b", "c", "c", "c", "d", "e", "f", "f"];

    [Fact]
    public void The_gaussian_differs_from_itself_by_exactly_zero_and_a_shifted_gaussian_by_its_shift()
    {
        var rng = new Random(1);
        var gaussian = Scores(_ => rng.NextDouble(), Lesions.Length);
        var shifted = gaussian.ToDictionary(s => s.Key, s => s.Value.Select(v => v + 0.125).ToArray());
        var perImage = new Dictionary<string, IReadOnlyDictionary<string, double[]>>
        {
            ["shifted"] = shifted,
            [CamQuality.GaussianBaseline] = gaussian,
        };

        var differences = RelativeToGaussian.Compute(perImage, Lesions, resamples: 200, seed: 3);

        Assert.Equal(2 * CamQualityMetric.All.Count, differences.Count);
        Assert.All(differences.Where(d => d.Method == CamQuality.GaussianBaseline), d =>
        {
            Assert.Equal((0.0, 0.0, 0.0), (d.Difference, d.Low, d.High));
            Assert.Equal(GaussianDifference.Unclear, d.Verdict);
        });
        Assert.All(differences.Where(d => d.Method == "shifted"), d =>
        {
            Assert.Equal(0.125, d.Difference, 12);
            Assert.Equal(0.125, d.Low, 12);
            Assert.Equal(0.125, d.High, 12);
            // A higher score is better except for deletion and ROAD MoRF, where the same shift is worse.
            Assert.Equal(CamQualityMetric.Named(d.Metric).HigherIsBetter ? GaussianDifference.Better : GaussianDifference.Worse, d.Verdict);
        });
    }

    [Fact]
    public void Differences_that_straddle_zero_give_no_verdict_and_round_trip_through_their_file()
    {
        var gaussian = Scores(_ => 0.5, Lesions.Length);
        var mixed = Scores(i => 0.5 + (i % 2 == 0 ? 0.2 : -0.2), Lesions.Length);
        var perImage = new Dictionary<string, IReadOnlyDictionary<string, double[]>>
        {
            ["mixed"] = mixed,
            [CamQuality.GaussianBaseline] = gaussian,
        };

        var differences = RelativeToGaussian.Compute(perImage, Lesions, resamples: 500, seed: 3);

        Assert.All(differences.Where(d => d.Method == "mixed"), d =>
        {
            Assert.True(d.Low < 0 && d.High > 0, $"{d.Metric}: [{d.Low}, {d.High}]");
            Assert.Equal(GaussianDifference.Unclear, d.Verdict);
        });
        using var dir = new TempDir();
        GaussianDifference.Save(dir["vs.csv"], differences);
        var loaded = GaussianDifference.Load(dir["vs.csv"]);
        Assert.Equal(differences.Select(d => (d.Method, d.Metric, d.Verdict)), loaded.Select(d => (d.Method, d.Metric, d.Verdict)));
        Assert.Equal(differences.Select(d => d.Difference), loaded.Select(d => d.Difference), (a, b) => Math.Abs(a - b) < 1e-5);
    }
}
