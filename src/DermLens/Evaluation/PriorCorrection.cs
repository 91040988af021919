using System.Globalization;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>
/// Post-hoc logit adjustment (Menon et al., ICLR 2021, eq. 3): a softmax model trained on imbalanced labels learns
/// their prior; dividing its class probabilities by prior^tau and renormalising ranks classes as if they were balanced.
/// tau 0 changes nothing; tau 1 is the Bayes correction for a uniform test prior. Tau is chosen on validation.
/// </summary>
/// <param name="Tau">Strength of the correction.</param>
/// <param name="Priors">Class shares of the training labels, in class order.</param>
public sealed record PriorCorrection(double Tau, float[] Priors)
{
    /// <summary>none (no correction), auto (tau chosen on validation) or a tau of 0 or more.</summary>
    public const string None = "none", Auto = "auto";

    /// <summary>The taus auto tries: 0 to 2 in steps of 0.1.</summary>
    public static IReadOnlyList<double> Grid { get; } = Enumerable.Range(0, 21).Select(i => i / 10.0).ToArray();

    /// <summary>The tau a setting names: null for auto, 0 for none; a one-line error for anything else.</summary>
    public static double? ParseSetting(string setting) =>
        setting.ToLowerInvariant() switch
        {
            None => 0,
            Auto => null,
            _ when double.TryParse(setting, NumberStyles.Float, CultureInfo.InvariantCulture, out var tau) && tau >= 0 && double.IsFinite(tau) => tau,
            _ => throw new DermLensException($"--prior-correction must be none, auto or a tau of 0 or more, got '{setting}'."),
        };

    /// <summary>Each class's share of labels; a class without labels gets half a label so its correction stays finite.</summary>
    public static float[] PriorsOf(IReadOnlyList<int> labels, int classes)
    {
        var counts = new double[classes];
        foreach (var label in labels) counts[label]++;
        for (int c = 0; c < classes; c++) counts[c] = Math.Max(counts[c], 0.5);
        double total = counts.Sum();
        return counts.Select(n => (float)(n / total)).ToArray();
    }

    /// <summary>Corrected probabilities of an (N, classes) batch.</summary>
    public Tensor Apply(Tensor probabilities)
    {
        using var scope = NewDisposeScope();
        var weights = tensor(Priors.Select(p => (float)Math.Pow(p, -Tau)).ToArray(), device: probabilities.device);
        var scaled = probabilities.mul(weights);
        return scaled.div(scaled.sum(1, keepdim: true)).MoveToOuterDisposeScope();
    }

    /// <summary>The grid tau giving the best balanced accuracy on validation (the smallest of ties), with that accuracy and the uncorrected one.</summary>
    public static (PriorCorrection Correction, double Before, double After) Fit(Predictions validation, float[] priors)
    {
        if (validation.Samples.Count == 0) throw new DermLensException("--prior-correction auto needs a validation part; it has no images.");
        using var scope = NewDisposeScope();
        var probabilities = tensor(validation.Probabilities.SelectMany(p => p).ToArray(),
            [validation.Probabilities.Length, priors.Length]);
        double before = double.NaN, best = double.NegativeInfinity, bestTau = 0;
        foreach (var tau in Grid)
        {
            var predicted = new PriorCorrection(tau, priors).Apply(probabilities).argmax(1).data<long>().Select(p => (int)p).ToArray();
            double score = BalancedAccuracy.Of(validation.Truth, predicted);
            if (tau == 0) before = score;
            if (score > best) (best, bestTau) = (score, tau);
        }
        return (new PriorCorrection(bestTau, priors), before, best);
    }
}
