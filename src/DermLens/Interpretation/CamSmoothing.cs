namespace DermLens.Interpretation;

/// <summary>Ways to smooth a CAM, combinable ("aug,eigen"), as pytorch-grad-cam's aug_smooth and eigen_smooth.</summary>
[Flags]
public enum CamSmoothing
{
    /// <summary>The plain map.</summary>
    None = 0,

    /// <summary>
    /// The mean of the maps of the input's eight flips and quarter turns, each turned back onto the input: detail that
    /// only one orientation shows fades, and the map no longer depends on how the lesion was photographed. Costs 8 passes.
    /// </summary>
    Augment = 1,

    /// <summary>The first principal component of each layer's weighted activations instead of their channel sum: the dominant pattern, less noise.</summary>
    Eigen = 2,
}

/// <summary>The smoothing options by the names the CLI uses.</summary>
public static class CamSmoothings
{
    /// <summary>Each option by name; "none" is the plain map.</summary>
    public static readonly Registry<CamSmoothing> All = new("CAM smoothing",
        [("none", CamSmoothing.None), ("aug", CamSmoothing.Augment), ("eigen", CamSmoothing.Eigen)]);

    /// <summary>The options named in a comma-separated list ("aug,eigen"); null or empty is none.</summary>
    public static CamSmoothing Parse(string? names) =>
        string.IsNullOrWhiteSpace(names) ? CamSmoothing.None
        : names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Aggregate(CamSmoothing.None, (options, name) => options | All.Get(name));
}
