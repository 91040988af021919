namespace DermLens.Training;

/// <summary>The rules that read a learning rate off an LR range test, by name.</summary>
public static class LrRules
{
    /// <summary>fastai's valley: half-way along the longest falling stretch (made for Adam; cautious with SGD).</summary>
    public const string Valley = "valley";
    /// <summary>Where the loss falls fastest, before its minimum.</summary>
    public const string Steepest = "steepest";
    /// <summary>A tenth of the rate at the loss minimum: Smith's and fastai v1's rule of thumb for SGD.</summary>
    public const string Minimum = "minimum";

    /// <summary>Each rule's rate from a sweep.</summary>
    public static readonly Registry<Func<LrFinderResult, double>> All = new("LR rule",
    [
        (Valley, sweep => sweep.Valley),
        (Steepest, sweep => sweep.Steepest),
        (Minimum, sweep => sweep.Minimum),
    ]);

    /// <summary>Fails with the known names unless rule is one of them; checked before a sweep, not after it.</summary>
    public static string Check(string rule) => All.Check(rule);
}
