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
    /// <summary>Start from the architecture's ImageNet weights (see ModelRegistry.GetPretrained).</summary>
    public bool Pretrained { get; init; }
    /// <summary>A torchvision checkpoint (PyTorch pickle or safetensors) to start the backbone from.</summary>
    public string? Weights { get; init; }
    /// <summary>Preprocessing chain text, stored in the run config so inference applies the same steps.</summary>
    public string? Preprocess { get; init; }
    /// <summary>Test-time augmentation stored in the run: the final evaluation, evaluate and predict score with it.</summary>
    public string Tta { get; init; } = TestTimeAugmentation.None;
    public double TestFraction { get; init; } = 1.0 / 6;
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Reuse the split.csv of an earlier run instead of drawing a new split.</summary>
    public string? SplitFile { get; init; }

    public ArchitectureInfo Architecture() => Pretrained ? ModelRegistry.GetPretrained(Arch) : ModelRegistry.Get(Arch);

    /// <summary>The split this request trains on: a saved split.csv when given, else a fresh seeded one.</summary>
    public Split MakeSplit(Dataset dataset) => SplitFile != null
        ? Split.Load(SplitFile, dataset)
        : Splitter.Make(dataset, new SplitOptions(TestFraction, ValidationFraction, Train.Seed));

    /// <summary>
    /// The options training runs with: <see cref="Train"/>, less the head stage when the backbone starts from random
    /// weights (freezing an untrained backbone would fit the head to random features).
    /// </summary>
    public TrainOptions Options => StartsTrained ? Train : Train with { HeadEpochs = 0 };

    /// <summary>Whether the backbone starts from learnt weights (ImageNet or a checkpoint).</summary>
    public bool StartsTrained => Pretrained || Weights != null;

    /// <summary>The run's config, with the precision that the request's choice resolved to on this machine.</summary>
    public RunConfig ConfigFor(Dataset dataset, ArchitectureInfo arch, Precision precision) => new()
    {
        Data = Path.GetFullPath(Data),
        Format = dataset.Format,
        Arch = arch.Name,
        Classes = dataset.Classes,
        Mean = arch.Normalisation.Mean,
        Std = arch.Normalisation.Std,
        Train = Options with { Precision = PrecisionChoice.NameOf(precision) },
        TestFraction = TestFraction,
        ValidationFraction = ValidationFraction,
        Preprocess = PreprocessChain.Parse(Preprocess).ToString(),
        Tta = TestTimeAugmentation.Parse(Tta).Name,
    };

    /// <summary>The network training starts from: seeded initialisation, then ImageNet or checkpoint weights if asked.</summary>
    public nn.Module<Tensor, Tensor> StartingModel(ArchitectureInfo arch, int classes, Action<string> log)
    {
        torch.random.manual_seed(Train.Seed);
        var model = arch.Create(classes);
        if (Pretrained) log(PretrainedWeights.Apply(arch, model).Summary);
        if (Weights != null) log(WeightsImport.LoadBackbone(model, arch, Weights).Summary);
        return model;
    }
}
