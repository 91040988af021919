using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging.Preprocessing;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Runs;

/// <summary>What to train on, which architecture, where to write, and how to split.</summary>
public sealed record TrainRequest
{
    public required string Data { get; init; }
    public string? Format { get; init; }
    public required string Arch { get; init; }
    public required string Out { get; init; }
    public TrainOptions Train { get; init; } = new();
    /// <summary>Start from the architecture's ImageNet weights (see ModelRegistry.GetPretrained), downloaded once where they are torchvision's.</summary>
    public bool Pretrained { get; init; }
    /// <summary>A torchvision checkpoint (PyTorch pickle or safetensors) to start the backbone from.</summary>
    public string? Weights { get; init; }
    /// <summary>Preprocessing chain text, stored in the run config so inference applies the same steps.</summary>
    public string? Preprocess { get; init; }
    /// <summary>Test-time augmentation stored in the run: the final evaluation, evaluate and predict score with it.</summary>
    public string Tta { get; init; } = TestTimeAugmentation.None;
    /// <summary>The share of <see cref="Data"/> held out for testing; null: <see cref="DefaultTestFraction"/>, or none with
    /// <see cref="TestData"/>.</summary>
    public double? TestFraction { get; init; }
    public const double DefaultTestFraction = 1.0 / 6;
    /// <summary>A separate test set (an official test split, another folder): all of <see cref="Data"/> then goes to train
    /// and validation, and the final evaluation runs on this.</summary>
    public string? TestData { get; init; }
    /// <summary>The format of <see cref="TestData"/> (null: auto-detected).</summary>
    public string? TestFormat { get; init; }
    public double ValidationFraction { get; init; } = DefaultValidationFraction;
    public const double DefaultValidationFraction = 0.1;
    /// <summary>Reuse the split.csv of an earlier run instead of drawing a new split.</summary>
    public string? SplitFile { get; init; }
    /// <summary>Train into a folder that is not empty, clearing the earlier run's files first (see <see cref="RunFolder.Clear"/>);
    /// without it such a folder is refused.</summary>
    public bool Overwrite { get; init; }

    /// <summary>The share of <see cref="Data"/> a fresh split holds out for testing.</summary>
    public double SplitTestFraction => TestFraction ?? (TestData != null ? 0 : DefaultTestFraction);

    /// <summary>Refuses a request that cannot train, before any data is read or anything written: the options, the test
    /// options, the architecture, the preprocessing chain and the TTA.</summary>
    public void Check()
    {
        Train.Check();
        CheckTestOptions();
        Architecture();
        PreprocessChain.Parse(Preprocess);
        TestTimeAugmentation.Parse(Tta).CheckFits(Train.ImageSize.Height, Train.ImageSize.Width);
    }

    /// <summary>Refuses to train into a folder that is not empty, unless <see cref="Overwrite"/>.</summary>
    public void CheckOutputFolder()
    {
        var run = new RunFolder(Out);
        if (!Overwrite && run.HasEntries)
            throw new DermLensException($"{Out} is not empty{(File.Exists(run.Config) ? " (it holds a run)" : "")}; pass --overwrite to replace " +
                                        $"what DermLens wrote there, or continue an interrupted run with: dermlens train --resume {Out}");
    }

    /// <summary>Fails on test options that contradict each other, before anything is read.</summary>
    public void CheckTestOptions()
    {
        if (TestData != null && TestFraction is > 0)
            throw new DermLensException("--test-fraction and --test-data exclude each other: with a separate test set all of --data " +
                                        "goes to train and validation.");
        if (TestFormat != null && TestData == null) throw new DermLensException("--test-format needs --test-data.");
    }

    /// <summary>The separate test set, if any, checked against the training data before anything trains: its classes
    /// must be training classes, and no image or group (lesion) may be in both.</summary>
    public Dataset? OpenTestData(Dataset training)
    {
        if (TestData == null) return null;
        var test = DataSources.Open(TestData, TestFormat);
        TestSet.Relabel(test, training.Classes, $"The test data {TestData}");
        TestSet.CheckNoLeakage(training, Data, test, TestData);
        return test;
    }

    /// <summary>The training data, refused when it cannot train a classifier: fewer than two classes.</summary>
    public Dataset OpenData()
    {
        var dataset = DataSources.Open(Data, Format);
        if (dataset.Classes.Count < 2)
            throw new DermLensException($"{Data} ({dataset.Format}) has {dataset.Classes.Count} class(es){(dataset.Classes.Count == 1 ? $" ({dataset.Classes[0]})" : "")}; " +
                                        "a classifier needs at least two.");
        return dataset;
    }

    public ArchitectureInfo Architecture() => Pretrained ? ModelRegistry.GetPretrained(Arch) : ModelRegistry.Get(Arch);

    /// <summary>The split this request trains on: a saved split.csv when given, else a fresh seeded one; with
    /// <see cref="TestData"/> it may have no test part, since all of <see cref="Data"/> is for training.</summary>
    public Split MakeSplit(Dataset dataset)
    {
        var split = SplitFile != null
            ? Split.Load(SplitFile, dataset)
            : Splitter.Make(dataset, new SplitOptions(SplitTestFraction, ValidationFraction, Train.Seed));
        if (TestData != null && split.Test.Count > 0)
            throw new DermLensException(SplitFile != null
                ? $"{SplitFile} puts {split.Test.Count} images in test, but with --test-data all of --data trains; reuse a split made with --test-data or --test-fraction 0."
                : $"{Data} comes with its own test part ({split.Test.Count} images); with --test-data, --data must hold training images only.");
        if (SplitFile != null)
        {
            var inSplit = split.Train.Concat(split.Validation).Concat(split.Test).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var left = dataset.Samples.Where(s => !inSplit.Contains(s.Id)).Select(s => s.Id).ToList();
            if (left.Count > 0)
                throw new DermLensException($"{left.Count} images of {Data} are not in {SplitFile}: {NameList.Summarise(left)}; " +
                                            "a reused split must cover the data it splits (it was made for other data?).");
        }
        return split;
    }

    /// <summary>Training judges the best checkpoint and early stopping on validation images, so a split without any is refused.</summary>
    public void RequireValidation(Split split)
    {
        if (split.Validation.Count == 0)
            throw new DermLensException($"The split has no validation images ({(SplitFile != null ? SplitFile : $"--val-fraction {ValidationFraction}")}); " +
                                        "the best checkpoint and early stopping are judged on them.");
    }

    /// <summary>
    /// The options training runs with: <see cref="Train"/>, less the head stage when the backbone starts from random
    /// weights (freezing an untrained backbone would fit the head to random features).
    /// </summary>
    public TrainOptions Options => StartsTrained ? Train : Train with { HeadEpochs = 0 };

    /// <summary>Whether the backbone starts from learnt weights (ImageNet or a checkpoint).</summary>
    public bool StartsTrained => Pretrained || Weights != null;

    /// <summary>The run's config, with the precision that the request's choice resolved to on this machine and the separate
    /// test set, if any.</summary>
    public RunConfig ConfigFor(Dataset dataset, ArchitectureInfo arch, Precision precision, Dataset? testData = null) => new()
    {
        Data = Path.GetFullPath(Data),
        Format = dataset.Format,
        Arch = arch.Name,
        Pretrained = Pretrained,
        Weights = Weights == null ? null : Path.GetFullPath(Weights),
        Classes = dataset.Classes,
        Mean = arch.Normalisation.Mean,
        Std = arch.Normalisation.Std,
        Train = Options with { Precision = PrecisionChoice.NameOf(precision) },
        TestFraction = SplitTestFraction,
        TestData = TestData == null ? null : Path.GetFullPath(TestData),
        TestFormat = testData?.Format,
        ValidationFraction = ValidationFraction,
        Preprocess = PreprocessChain.Parse(Preprocess).ToString(),
        Tta = TestTimeAugmentation.Parse(Tta).Name,
    };

    /// <summary>The network training starts from: seeded initialisation, then ImageNet or checkpoint weights if asked;
    /// ImageNet weights not yet in the cache are downloaded first, reporting to download.</summary>
    public nn.Module<Tensor, Tensor> StartingModel(ArchitectureInfo arch, int classes, Action<string> log,
        IProgress<DownloadProgress>? download = null, CancellationToken ct = default)
    {
        torch.random.manual_seed(Train.Seed);
        var model = arch.Create(classes);
        if (Pretrained) log(PretrainedWeights.Apply(arch, model, download, ct).Summary);
        if (Weights != null) log(WeightsImport.LoadBackbone(model, arch, Weights).Summary);
        return model;
    }
}
