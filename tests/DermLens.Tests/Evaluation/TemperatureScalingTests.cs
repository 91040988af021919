using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class TemperatureScalingTests
{
    /// <summary>Labels drawn from softmax(z / trueTemperature), scores given as softmax(z): an over-confident network whose
    /// right temperature is known.</summary>
    static (int[] Truth, float[][] Scores) OverConfident(double trueTemperature, int samples, int classes, int seed)
    {
        var rng = new Random(seed);
        var truth = new int[samples];
        var scores = new float[samples][];
        for (int i = 0; i < samples; i++)
        {
            var z = Enumerable.Range(0, classes).Select(_ => 3 * Gaussian(rng)).ToArray();
            scores[i] = Softmax(z, 1).Select(p => (float)p).ToArray();
            var calibrated = Softmax(z, trueTemperature);
            double u = rng.NextDouble(), cumulative = 0;
            truth[i] = classes - 1;
            for (int c = 0; c < classes; c++)
                if ((cumulative += calibrated[c]) > u) { truth[i] = c; break; }
        }
        return (truth, scores);
    }

    static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    static double[] Softmax(double[] z, double temperature)
    {
        var e = z.Select(v => Math.Exp(v / temperature)).ToArray();
        return e.Select(v => v / e.Sum()).ToArray();
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(0.6)]
    public void Fit_recovers_the_temperature_the_labels_were_drawn_with(double trueTemperature)
    {
        var (truth, scores) = OverConfident(trueTemperature, samples: 6000, classes: 4, seed: 3);
        var (scaling, before, after) = TemperatureScaling.Fit(truth, scores, sigmoid: false);
        Assert.InRange(scaling.Temperature, trueTemperature * 0.9, trueTemperature * 1.1);
        Assert.True(after < before, $"log loss {before} before, {after} after");
    }

    [Fact]
    public void Fit_recovers_the_temperature_of_a_sigmoid_run()
    {
        // Two classes scored by sigmoid: class 1 with sigmoid(z), class 0 with its complement, labels from sigmoid(z / 2).
        var rng = new Random(5);
        var z = Enumerable.Range(0, 6000).Select(_ => 4 * Gaussian(rng)).ToArray();
        var truth = z.Select(v => rng.NextDouble() < 1 / (1 + Math.Exp(-v / 2)) ? 1 : 0).ToArray();
        var scores = z.Select(v => 1 / (1 + Math.Exp(-v))).Select(p => new[] { (float)(1 - p), (float)p }).ToArray();
        var (scaling, _, _) = TemperatureScaling.Fit(truth, scores, sigmoid: true);
        Assert.InRange(scaling.Temperature, 1.8, 2.2);
    }

    [Fact]
    public void Scaling_keeps_each_rows_ranking_and_temperature_1_changes_nothing()
    {
        float[][] rows = [[0.7f, 0.2f, 0.1f], [0.05f, 0.15f, 0.8f]];
        var softened = ScoreRows.Map(rows, t => new TemperatureScaling(3).Apply(t, sigmoid: false));
        var unchanged = ScoreRows.Map(rows, t => new TemperatureScaling(1).Apply(t, sigmoid: false));
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.Equal(Predictions.ArgMax(rows[r]), Predictions.ArgMax(softened[r]));
            Assert.True(softened[r].Max() < rows[r].Max(), "a temperature above 1 softens the top score");
            Assert.Equal(1f, softened[r].Sum(), 4);
            for (int c = 0; c < 3; c++) Assert.Equal(rows[r][c], unchanged[r][c], 5);
        }
    }

    [Fact]
    public void On_held_out_data_scaling_fitted_on_validation_lowers_the_calibration_error()
    {
        var (validationTruth, validationScores) = OverConfident(2, samples: 3000, classes: 5, seed: 11);
        var (testTruth, testScores) = OverConfident(2, samples: 3000, classes: 5, seed: 12);
        var (scaling, _, _) = TemperatureScaling.Fit(validationTruth, validationScores, sigmoid: false);
        var calibrated = ScoreRows.Map(testScores, t => scaling.Apply(t, sigmoid: false));
        var summary = CalibrationSummary.Measure(scaling.Temperature, testTruth, testScores, calibrated,
            Enumerable.Range(0, testTruth.Length).Select(i => $"{i}").ToArray(), resamples: 200);
        Assert.True(summary.EceAfter < summary.EceBefore / 2, $"ECE {summary.EceBefore} before, {summary.EceAfter} after");
        Assert.True(summary.LogLossAfter < summary.LogLossBefore);
        Assert.NotNull(summary.EceChange);
        Assert.True(summary.EceChange!.High < 0, "the improvement's interval excludes zero");
        Assert.Equal(testTruth.Length, summary.BinsAfter.Sum(b => b.Count));
    }

    [Fact]
    public void Fit_without_validation_images_says_so()
    {
        var error = Assert.Throws<DermLensException>(() => TemperatureScaling.Fit([], [], sigmoid: false));
        Assert.Contains("validation", error.Message);
    }
}
