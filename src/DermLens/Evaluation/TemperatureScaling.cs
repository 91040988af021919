using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>
/// Temperature scaling (Guo et al., ICML 2017): the logits divided by one temperature T fitted on validation by log loss,
/// so that confidence matches accuracy; T &gt; 1 softens an over-confident network. The ranking of classes in each row does
/// not change, so neither accuracy nor AUC does. A run's scores are probabilities averaged over TTA views and snapshots;
/// their logits are taken back as ln p (softmax runs, up to a constant per row) or logit p (sigmoid runs, per class).
/// </summary>
/// <param name="Temperature">What the logits are divided by; 1 changes nothing.</param>
public sealed record TemperatureScaling(double Temperature)
{
    /// <summary>none (scores as the network gives them) or temperature (one temperature fitted on the validation part).</summary>
    public const string None = "none", Fitted = "temperature";

    /// <summary>The calibration settings train --calibration and evaluate --calibration accept.</summary>
    public static readonly Registry<string> Settings = new("calibration", [(Fitted, Fitted), (None, None)]);

    /// <summary>The temperatures the fit may choose between: 0.05 to 20.</summary>
    public const double Lowest = 0.05, Highest = 20;

    // Scores are clipped here before the logarithm, as the log loss clips them.
    const double Floor = 1e-12;

    /// <summary>Calibrated scores of an (N, classes) batch of softmax scores, or of sigmoid scores where sigmoid is set (a BCE run).</summary>
    public Tensor Apply(Tensor scores, bool sigmoid)
    {
        using var scope = NewDisposeScope();
        using var inverse = (1.0 / Temperature).ToScalar();
        using var floor = Floor.ToScalar();
        using var ceiling = (1 - Floor).ToScalar();
        var clipped = scores.clamp(floor, ceiling);
        var logits = sigmoid ? clipped.logit() : clipped.log();
        var scaled = logits.mul(inverse);
        var calibrated = sigmoid ? scaled.sigmoid() : scaled.softmax(1);
        return calibrated.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The temperature that minimises the log loss of the scores against truth (a golden-section search over ln T: the
    /// loss is convex in 1/T), with the loss before (T = 1) and after. The log loss of a sigmoid run is the mean binary
    /// cross-entropy over samples and classes, what such a run was trained on.
    /// </summary>
    public static (TemperatureScaling Scaling, double LossBefore, double LossAfter) Fit(int[] truth, float[][] scores, bool sigmoid)
    {
        if (truth.Length == 0) throw new DermLensException("Temperature scaling needs validation images; there are none.");
        if (truth.Length != scores.Length) throw new ArgumentException($"{truth.Length} labels but {scores.Length} score rows.");
        var logits = scores.Select(row => row.Select(p => Logit(Math.Clamp(p, Floor, 1 - Floor), sigmoid)).ToArray()).ToArray();
        double Loss(double lnT) => LogLoss(truth, logits, 1 / Math.Exp(lnT), sigmoid);

        double low = Math.Log(Lowest), high = Math.Log(Highest), ratio = (Math.Sqrt(5) - 1) / 2;
        double left = high - ratio * (high - low), right = low + ratio * (high - low);
        double lossLeft = Loss(left), lossRight = Loss(right);
        for (int step = 0; step < 60; step++)
        {
            if (lossLeft < lossRight)
            {
                (high, right, lossRight) = (right, left, lossLeft);
                left = high - ratio * (high - low);
                lossLeft = Loss(left);
            }
            else
            {
                (low, left, lossLeft) = (left, right, lossRight);
                right = low + ratio * (high - low);
                lossRight = Loss(right);
            }
        }
        double lnBest = (low + high) / 2;
        return (new TemperatureScaling(Math.Exp(lnBest)), Loss(0), Loss(lnBest));
    }

    static double Logit(double p, bool sigmoid) => sigmoid ? Math.Log(p / (1 - p)) : Math.Log(p);

    static double LogLoss(int[] truth, double[][] logits, double inverseTemperature, bool sigmoid)
    {
        double total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            var row = logits[i];
            if (!sigmoid)
            {
                double max = row.Max() * inverseTemperature, sum = 0;
                foreach (var z in row) sum += Math.Exp(z * inverseTemperature - max);
                total += max + Math.Log(sum) - row[truth[i]] * inverseTemperature;
            }
            else
            {
                for (int c = 0; c < row.Length; c++)
                {
                    // -ln sigmoid(±z) = softplus(∓z), written to stay finite for large |z|.
                    double z = row[c] * inverseTemperature * (c == truth[i] ? 1 : -1);
                    total += (Math.Max(-z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)))) / row.Length;
                }
            }
        }
        return total / truth.Length;
    }
}
