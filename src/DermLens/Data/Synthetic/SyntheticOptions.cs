namespace DermLens.Data.Synthetic;

/// <summary>How many synthetic lesion images to draw, how large, from which seed, and how often each confounder appears.</summary>
/// <param name="PerClass">Images written for each of the ten classes.</param>
/// <param name="Size">Side of the square images in pixels.</param>
/// <param name="Seed">Same seed, same options: byte-identical output, whatever the thread count.</param>
/// <param name="Overlap">Probability that a sample takes the look of the class it is confused with in the study, so the
/// task is not trivially separable: Ulcer/Tumor and Pigmented Macula/Erythema then draw from one shared, genuinely
/// ambiguous look; Blister and Wheal become redder and flatter, closer to Erythema.</param>
/// <param name="Illumination">Probability of an uneven illumination gradient, half of the time with a cast shadow.</param>
/// <param name="Gamma">Probability of a random gamma shift between 0.6 and 1.6.</param>
/// <param name="Vignette">Probability of a dermoscope view: zoomed in or out, inside a dark circular vignette.</param>
/// <param name="Hair">Probability of hair strands drawn over the lesion.</param>
public sealed record SyntheticOptions(
    int PerClass = 50,
    int Size = 128,
    int Seed = 0,
    double Overlap = 0.25,
    double Illumination = 0,
    double Gamma = 0,
    double Vignette = 0,
    double Hair = 0)
{
    public const int MinSize = 32;
    public const int MaxSize = 2048;

    /// <summary>The same options with every confounder at the given probability.</summary>
    public SyntheticOptions WithConfounders(double probability = 0.5) =>
        this with { Illumination = probability, Gamma = probability, Vignette = probability, Hair = probability };

    /// <summary>Throws a <see cref="DermLensException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (PerClass < 1) throw new DermLensException($"Synthetic per-class count must be at least 1 (got {PerClass}).");
        if (Size < MinSize || Size > MaxSize)
            throw new DermLensException($"Synthetic image size must be between {MinSize} and {MaxSize} px (got {Size}).");
        CheckProbability(nameof(Overlap), Overlap);
        CheckProbability(nameof(Illumination), Illumination);
        CheckProbability(nameof(Gamma), Gamma);
        CheckProbability(nameof(Vignette), Vignette);
        CheckProbability(nameof(Hair), Hair);
    }

    static void CheckProbability(string name, double value)
    {
        if (!(value >= 0 && value <= 1))
            throw new DermLensException($"Synthetic option {name} is a probability and must lie in [0, 1] (got {value}).");
    }
}
