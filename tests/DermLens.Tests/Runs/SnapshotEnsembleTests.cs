using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Models;
using DermLens.Runs;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Runs;

/// <summary>A tiny run trained with SGDR (two one-epoch cycles), snapshots of both cycle ends and flip TTA stored in it.</summary>
[Trait("Category", "Slow")]
public class SnapshotEnsembleTests(SnapshotEnsembleTests.EnsembleRun trained) : IClassFixture<SnapshotEnsembleTests.EnsembleRun>
{
    public sealed class EnsembleRun : IDisposable
    {
        readonly TempDir dir = new();

        public EnsembleRun()
        {
            SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 6, Size: 40, Seed: 3));
            Outcome = new TrainingJob(new TrainRequest
            {
                Data = dir["data"], Arch = "resnet18", Out = dir["run"], TestFraction = 0.34, ValidationFraction = 0.2, Tta = "flips",
                Train = new TrainOptions
                {
                    ImageSize = 32, BatchSize = 8, Schedule = "sgdr", Cycles = 2, CycleLength = 1, CycleMult = 1, Snapshots = 2,
                    LogitAdjustment = 1, RestartDecay = 0.5, Patience = 10,
                },
            }).Run();
        }

        public TrainingOutcome Outcome { get; }
        public RunFolder Run => Outcome.Run;
        public void Dispose() => dir.Dispose();
    }

    int Classes => trained.Run.LoadConfig().Classes.Count;

    static Tensor Batch() => randn(3, 3, 32, 32, generator: new Generator(5));

    [Fact]
    public void Training_keeps_each_sgdr_cycle_end_and_stores_the_inference_options()
    {
        Assert.Equal(2, trained.Outcome.Training.History.Count);
        Assert.Equal([SnapshotFiles.Of(trained.Run, 1), SnapshotFiles.Of(trained.Run, 2)], SnapshotFiles.All(trained.Run));
        var config = trained.Run.LoadConfig();
        Assert.Equal("flips", config.Tta);
        Assert.Equal(2, config.Train.Snapshots);
        Assert.Contains("snapshot saved", File.ReadAllText(trained.Run.Log));
    }

    [Fact]
    public void Scores_average_the_snapshots_in_every_tta_view()
    {
        // fp32 as the reference members: auto would choose bf16 on a CPU with bf16 units.
        using var model = RunModel.Load(trained.Run, precision: "fp32");
        Assert.Equal(2, model.MemberCount);
        Assert.Equal(4, model.Tta.ViewCount);
        using var images = Batch();
        using var noGrad = no_grad();
        using var scores = model.RawProbabilities(images);

        var tta = TestTimeAugmentation.Parse("flips");
        var members = SnapshotFiles.All(trained.Run).Select(f => Checkpoint.Load(f, "resnet18", Classes)).ToArray();
        try
        {
            foreach (var m in members) m.eval();
            using var expected = members.Select(m => tta.Average(images, x => m.call(x).softmax(1))).Aggregate((a, b) => a + b) / 2;
            Assert.True(expected.allclose(scores, rtol: 1e-4, atol: 1e-5), $"{expected.str()} vs {scores.str()}");
            using var first = members[0].call(images).softmax(1);
            Assert.False(first.allclose(scores, rtol: 1e-4, atol: 1e-5), "the scores are one member's alone");
        }
        finally
        {
            foreach (var m in members) m.Dispose();
        }
    }

    [Fact]
    public void Evaluation_can_score_the_best_checkpoint_alone_without_tta()
    {
        var config = trained.Run.LoadConfig();
        using var single = RunModel.Load(trained.Run, precision: "fp32", config: config with { Tta = "none", Train = config.Train with { Snapshots = 0 } });
        Assert.Equal(1, single.MemberCount);
        using var best = Checkpoint.Load(trained.Run.Model, "resnet18", Classes);
        best.eval();
        using var images = Batch();
        using var noGrad = no_grad();
        using var expected = best.call(images).softmax(1);
        Assert.True(expected.allclose(single.RawProbabilities(images), rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void A_new_run_over_an_old_one_drops_its_snapshots()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 4, Size: 40, Seed: 4));
        Directory.CreateDirectory(dir["run"]);
        File.WriteAllText(Path.Combine(dir["run"], "snapshot-7.pt"), "stale");
        new TrainingJob(new TrainRequest
        {
            Data = dir["data"], Arch = "resnet18", Out = dir["run"], TestFraction = 0.34, ValidationFraction = 0.2, Overwrite = true,
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8 },
        }).Run();
        Assert.Empty(SnapshotFiles.All(new RunFolder(dir["run"])));
    }
}
