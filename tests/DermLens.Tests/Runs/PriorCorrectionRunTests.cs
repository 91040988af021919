using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Runs;
using DermLens.Training;
using static TorchSharp.torch;

namespace DermLens.Tests.Runs;

/// <summary>A tiny run trained with flips-only augmentation, --prior-correction auto and the default calibration (temperature).</summary>
[Trait("Category", "Slow")]
public class PriorCorrectionRunTests(PriorCorrectionRunTests.CorrectedRun trained) : IClassFixture<PriorCorrectionRunTests.CorrectedRun>
{
    public sealed class CorrectedRun : IDisposable
    {
        readonly TempDir dir = new();

        public CorrectedRun()
        {
            SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 6, Size: 40, Seed: 4));
            Outcome = new TrainingJob(new TrainRequest
            {
                Data = dir["data"], Arch = "resnet18", Out = dir["run"], TestFraction = 0.34, ValidationFraction = 0.2,
                Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8, Augment = "flips", PriorCorrection = "auto" },
            }).Run();
        }

        public TrainingOutcome Outcome { get; }
        public RunFolder Run => Outcome.Run;
        public void Dispose() => dir.Dispose();
    }

    [Fact]
    public void Training_stores_a_tau_from_the_grid_and_the_training_parts_class_shares()
    {
        var config = trained.Run.LoadConfig();
        var correction = Assert.IsType<PriorCorrection>(config.PriorCorrection);
        Assert.Contains(correction.Tau, PriorCorrection.Grid);
        var dataset = DataSources.Open(config.Data, config.Format);
        var train = Split.Load(trained.Run.Split, dataset).Train;
        for (int c = 0; c < config.Classes.Count; c++)
            Assert.Equal(train.Count(s => s.Label == c) / (float)train.Count, correction.Priors[c], 5);
        Assert.Equal("flips", config.Train.Augment);
        Assert.Contains("Prior correction: tau", File.ReadAllText(trained.Run.Log));
    }

    [Fact]
    public void A_run_with_a_correction_scores_the_uncorrected_probabilities_divided_by_prior_to_the_tau()
    {
        var config = trained.Run.LoadConfig();
        float[] priors = [0.5f, 0.3f, 0.2f];
        priors = Enumerable.Range(0, config.Classes.Count).Select(c => priors[c % priors.Length]).ToArray();
        using var plain = RunModel.Load(trained.Run, config: config with { PriorCorrection = null });
        using var corrected = RunModel.Load(trained.Run, config: config with { PriorCorrection = new PriorCorrection(1, priors) });
        using var noGrad = no_grad();
        using var images = randn(2, 3, 32, 32, generator: new TorchSharp.torch.Generator(6));
        var p = plain.Probabilities(images).data<float>().ToArray();
        var q = corrected.Probabilities(images).data<float>().ToArray();
        int classes = config.Classes.Count;
        for (int i = 0; i < 2; i++)
        {
            var weighted = Enumerable.Range(0, classes).Select(c => p[i * classes + c] / priors[c]).ToArray();
            for (int c = 0; c < classes; c++) Assert.Equal(weighted[c] / weighted.Sum(), q[i * classes + c], 4);
        }
    }

    [Fact]
    public void Training_fits_the_temperature_before_the_tau_and_scores_apply_them_in_that_order()
    {
        var config = trained.Run.LoadConfig();
        var scaling = Assert.IsType<TemperatureScaling>(config.Calibration);
        Assert.InRange(scaling.Temperature, TemperatureScaling.Lowest, TemperatureScaling.Highest);
        var log = File.ReadAllText(trained.Run.Log);
        Assert.True(log.IndexOf("Calibration: temperature", StringComparison.Ordinal) is var fitted and >= 0
                    && fitted < log.IndexOf("Prior correction: tau", StringComparison.Ordinal), "the temperature is fitted first");

        using var model = RunModel.Load(trained.Run);
        using var noGrad = no_grad();
        using var images = randn(2, 3, 32, 32, generator: new TorchSharp.torch.Generator(7));
        using var raw = model.RawProbabilities(images);
        using var calibrated = scaling.Apply(raw, sigmoid: false);
        using var expected = config.PriorCorrection!.Apply(calibrated);
        using var scored = model.Probabilities(images);
        Assert.Equal(expected.data<float>().ToArray(), scored.data<float>().ToArray(), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Evaluate_measures_calibration_before_and_after_and_none_drops_it()
    {
        var metrics = new EvaluationJob(trained.Run, dataOverride: null).Run();
        var calibration = Assert.IsType<CalibrationSummary>(metrics.Calibration);
        Assert.Equal(trained.Run.LoadConfig().Calibration!.Temperature, calibration.Temperature);
        Assert.Equal(metrics.ExpectedCalibrationError, calibration.EceAfter, 9);
        Assert.Equal(metrics.Count, calibration.BinsBefore.Sum(b => b.Count));
        Assert.NotNull(ClassificationMetrics.Load(trained.Run.Metrics).Calibration);
        Assert.True(File.Exists(trained.Run.ReliabilityPlot));

        var uncalibrated = new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Scoring = new() { Calibration = "none" } } }.Run();
        Assert.Null(uncalibrated.Calibration);
        Assert.Equal(calibration.EceBefore, uncalibrated.ExpectedCalibrationError, 6);
        Assert.False(File.Exists(trained.Run.ReliabilityPlot), "no stale diagram of the calibrated scores is left");
        Assert.Equal(metrics.Top1Accuracy, uncalibrated.Top1Accuracy);
    }

    [Fact]
    public void Evaluate_with_another_correction_leaves_the_stored_one()
    {
        var before = File.ReadAllText(trained.Run.Config);
        new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Scoring = new() { PriorCorrection = "1.5" } } }.Run();
        Assert.Contains("Prior correction: tau 1.5", File.ReadAllText(trained.Run.Log));
        Assert.Equal(before, File.ReadAllText(trained.Run.Config));
    }
}
