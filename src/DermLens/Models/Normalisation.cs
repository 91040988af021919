namespace DermLens.Models;

/// <summary>Per-channel mean and standard deviation (RGB, on 0-1 pixel values) that a network expects its input to be normalised with.</summary>
public sealed record Normalisation(float[] Mean, float[] Std)
{
    /// <summary>The ImageNet statistics every torchvision classifier was trained with.</summary>
    public static Normalisation ImageNet { get; } = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}
