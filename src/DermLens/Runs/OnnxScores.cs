using DermLens.Evaluation;

namespace DermLens.Runs;

/// <summary>
/// One image's logits to the scores a run reports, on plain arrays so that predict --onnx needs no TorchSharp: the
/// activation, then <see cref="TemperatureScaling"/> and <see cref="PriorCorrection"/> as their tensor versions compute them.
/// </summary>
public static class OnnxScores
{
    /// <summary>The activations a sidecar names.</summary>
    public const string Softmax = "softmax", Sigmoid = "sigmoid";

    // TemperatureScaling clips scores to [1e-12, 1 - 1e-12] before the logarithm; in fp32 the upper bound is 1.
    const float Floor = 1e-12f, Ceiling = (float)(1 - 1e-12);

    /// <summary>The scores of one row of logits after the activation, the calibration and the prior correction (either may be null).</summary>
    public static float[] Scores(float[] logits, string activation, TemperatureScaling? calibration, PriorCorrection? prior)
    {
        var sigmoid = activation switch
        {
            Sigmoid => true,
            Softmax => false,
            _ => throw new DermLensException($"Unknown activation '{activation}'; known: {Softmax}, {Sigmoid}."),
        };
        var scores = sigmoid ? logits.Select(SigmoidOf).ToArray() : SoftmaxOf(logits);
        if (calibration != null) scores = Calibrated(scores, calibration.Temperature, sigmoid);
        if (prior is { Tau: > 0 }) scores = Corrected(scores, prior);
        return scores;
    }

    static float[] Calibrated(float[] scores, double temperature, bool sigmoid)
    {
        var inverse = (float)(1.0 / temperature);
        var logits = scores.Select(s => Math.Clamp(s, Floor, Ceiling))
            .Select(s => (sigmoid ? MathF.Log(s / (1 - s)) : MathF.Log(s)) * inverse).ToArray();
        return sigmoid ? logits.Select(SigmoidOf).ToArray() : SoftmaxOf(logits);
    }

    static float[] Corrected(float[] probabilities, PriorCorrection prior)
    {
        var scaled = probabilities.Select((p, c) => p * (float)Math.Pow(prior.Priors[c], -prior.Tau)).ToArray();
        var sum = scaled.Sum();
        return scaled.Select(s => s / sum).ToArray();
    }

    static float SigmoidOf(float x) => 1f / (1f + MathF.Exp(-x));

    static float[] SoftmaxOf(float[] logits)
    {
        var max = logits.Max();
        var exps = logits.Select(l => MathF.Exp(l - max)).ToArray();
        var sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }
}
