using DermLens.Training;

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
    public double TestFraction { get; init; } = 1.0 / 6;
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Reuse the split.csv of an earlier run instead of drawing a new split.</summary>
    public string? SplitFile { get; init; }
}
