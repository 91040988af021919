namespace DermLens.Training;

/// <summary>Hyper-parameters of one training run.</summary>
public sealed record TrainOptions
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 32;
    public int ImageSize { get; init; } = 224;
    public double LearningRate { get; init; } = 0.01;
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>Epochs without a better validation loss before stopping early.</summary>
    public int Patience { get; init; } = 5;
    /// <summary>Oversample rare classes with fresh augmentation at every draw.</summary>
    public bool Balanced { get; init; }
    /// <summary>Smallest share of the image a random crop keeps; raise it when lesions are small in the frame.</summary>
    public double MinCropScale { get; init; } = 0.35;
    public int Seed { get; init; }
    public string Device { get; init; } = "cpu";
}
