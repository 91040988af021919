namespace DermLens.Training;

/// <summary>The names of the rules that read a learning rate off an LR range test.</summary>
public static class LrRules
{
    /// <summary>fastai's valley: half-way along the longest falling stretch (made for Adam; cautious with SGD).</summary>
    public const string Valley = "valley";
    /// <summary>Where the loss falls fastest, before its minimum.</summary>
    public const string Steepest = "steepest";
    /// <summary>A tenth of the rate at the loss minimum: Smith's and fastai v1's rule of thumb for SGD.</summary>
    public const string Minimum = "minimum";

    public static readonly IReadOnlyList<string> Names = [Valley, Steepest, Minimum];

    /// <summary>Fails with the known names unless rule is one of them; checked before a sweep, not after it.</summary>
    public static string Check(string rule) => Names.Contains(rule) ? rule
        : throw new DermLensException($"Unknown LR rule '{rule}'. Known: {string.Join(", ", Names)}.");
}
