namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// An ordered list of preprocessing steps built from text such as <c>fov,roi,gamma=auto,illumination</c>;
/// <see cref="ToString"/> gives the canonical text back, which is what run configs store.
/// </summary>
public sealed class PreprocessChain
{
    /// <summary>Images smaller than this on either side carry too little for morphology or lesion finding.</summary>
    public const int MinSide = 16;
    /// <summary>Larger images are downscaled first so the heavy steps stay within memory and time.</summary>
    public const int MaxSide = 4096;
    public const string NoneText = "none";

    public static PreprocessChain None { get; } = new([]);

    public IReadOnlyList<IPreprocessStep> Steps { get; }

    public PreprocessChain(IReadOnlyList<IPreprocessStep> steps) => Steps = steps;

    public static PreprocessChain Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals(NoneText, StringComparison.OrdinalIgnoreCase)) return None;
        var tokens = text.Split(',');
        if (tokens.Any(t => t.Trim().Length == 0))
            throw new DermLensException($"Preprocessing chain '{text}' has an empty step (two commas or a trailing comma).");
        return new PreprocessChain(tokens.Select(PreprocessSteps.Create).ToList());
    }

    public bool IsEmpty => Steps.Count == 0;

    public RgbImage Apply(RgbImage image) => Apply(image, new PreprocessLog());

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        if (IsEmpty) return image;
        if (image.Width < MinSide || image.Height < MinSide)
            throw new DermLensException($"Image is {image.Width}x{image.Height} px; preprocessing needs at least {MinSide} px on each side.");
        if (Math.Max(image.Width, image.Height) > MaxSide)
        {
            var before = $"{image.Width}x{image.Height}";
            image = BlockDownscale.ToMaxSide(image, MaxSide);
            log.Note("chain", $"downscaled {before} to {image.Width}x{image.Height} before preprocessing (limit {MaxSide} px)");
        }
        foreach (var step in Steps) image = step.Apply(image, log);
        return image;
    }

    public override string ToString() => IsEmpty ? NoneText : string.Join(",", Steps.Select(s => s.Name));
}
