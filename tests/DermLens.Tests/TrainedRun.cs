using DermLens.Data.Synthetic;
using DermLens.Interpretation;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests;

/// <summary>
/// A ResNet-18 trained one epoch on tiny synthetic lesions (BCE loss, a gamma preprocessing step, Tumor and Ulcer screened
/// as malignant), calibrated and evaluated, with a
/// case study of every confused pair (one image each way): what the case-study, report and browser tests look at.
/// Trained once per test run; its tests share one collection, so they never write the folder at the same time.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    readonly TempDir dir = new();

    public TrainedRun()
    {
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 6, Size: 40, Seed: 1));
        Run = new TrainingJob(new TrainRequest
        {
            Data = dir["data"], Arch = "resnet18", Out = dir["run"], Preprocess = "gamma=1.3",
            TestFraction = 0.34, ValidationFraction = 0.2,
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8, Loss = ClassificationLoss.BinaryCrossEntropy,
                Malignant = "Tumor,Ulcer" },
        }).Run().Run;
        CaseStudy = new CaseStudyJob(Run) { MinErrors = 1, PerDirection = 1 }.Run();
    }

    public RunFolder Run { get; }

    /// <summary>The case study written to RUN/casestudy.</summary>
    public CaseStudyResult CaseStudy { get; }

    /// <summary>A fresh temporary path for a test's own outputs.</summary>
    public string Scratch(string name) => dir[$"{name}-{Guid.NewGuid():N}"];

    public void Dispose() => dir.Dispose();
}

/// <summary>The tests that share one <see cref="TrainedRun"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedRunCollection : ICollectionFixture<TrainedRun>
{
    public const string Name = "trained run";
}
