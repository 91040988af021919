using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Runs;
using DermLens.Training;
using static TorchSharp.torch;

namespace DermLens.Tests.Runs;

/// <summary>A tiny run trained with flips-only augmentation and --prior-correction auto.</summary>
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
    public void Evaluate_with_another_correction_leaves_the_stored_one()
    {
        var before = File.ReadAllText(trained.Run.Config);
        new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Scoring = new() { PriorCorrection = "1.5" } } }.Run();
        Assert.Contains("Prior correction: tau 1.5", File.ReadAllText(trained.Run.Log));
        Assert.Equal(before, File.ReadAllText(trained.Run.Config));
    }
}
