using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Training;

public class ClassificationLossTests
{
    static readonly Tensor Logits = tensor(new float[] { 2, 0, -1, 0.5f, 1.5f, 0 }, [2, 3]);
    static readonly Tensor Labels = tensor(new long[] { 0, 2 });

    [Fact]
    public void Cross_entropy_equals_torchs_and_smoothing_follows_its_definition()
    {
        using var plain = new ClassificationLoss(ClassificationLoss.CrossEntropy, 3);
        var reference = nn.functional.cross_entropy(Logits, Labels).item<float>();
        Assert.Equal(reference, plain.Compute(Logits, Labels).item<float>(), 5);

        using var smooth = new ClassificationLoss(ClassificationLoss.CrossEntropy, 3, labelSmoothing: 0.3);
        var logp = Logits.log_softmax(1);
        double expected = new[] { 0, 1 }.Average(r =>
        {
            long y = Labels[r].item<long>();
            double nll = -logp[r, y].item<float>();
            double uniform = -logp[r].mean().item<float>();
            return 0.7 * nll + 0.3 * uniform;
        });
        Assert.Equal(expected, smooth.Compute(Logits, Labels).item<float>(), 5);
    }

    [Fact]
    public void Bce_uses_one_hot_targets_and_sigmoid_scores()
    {
        using var bce = new ClassificationLoss(ClassificationLoss.BinaryCrossEntropy, 3);
        var targets = tensor(new float[] { 1, 0, 0, 0, 0, 1 }, [2, 3]);
        var reference = nn.functional.binary_cross_entropy_with_logits(Logits, targets).item<float>();
        Assert.Equal(reference, bce.Compute(Logits, Labels).item<float>(), 5);
        Assert.True(ClassificationLoss.Activation(ClassificationLoss.BinaryCrossEntropy, Logits)
            .allclose(Logits.sigmoid()));
        Assert.True(ClassificationLoss.Activation(ClassificationLoss.CrossEntropy, Logits)
            .sum(1).allclose(ones(2)));
    }

    [Fact]
    public void Class_weights_shift_the_loss_towards_the_weighted_class()
    {
        using var weighted = new ClassificationLoss(ClassificationLoss.CrossEntropy, 3, classWeights: [1, 1, 3]);
        var logp = Logits.log_softmax(1);
        double expected = (-logp[0, 0].item<float>() * 1 - logp[1, 2].item<float>() * 3) / 4;
        Assert.Equal(expected, weighted.Compute(Logits, Labels).item<float>(), 5);

        var balanced = ClassificationLoss.BalancedWeights([0, 0, 0, 0, 1, 1, 1, 1, 2, 2], 3);
        Assert.Equal(10f / 12, balanced[0], 5);
        Assert.Equal(10f / 12, balanced[1], 5);
        Assert.Equal(10f / 6, balanced[2], 5);
    }

    [Fact]
    public void Logit_adjustment_adds_tau_log_prior_inside_the_loss_only()
    {
        // Priors 0.6, 0.3, 0.1: tau * ln(prior) pushes the loss to lift the rare classes' raw logits.
        var offsets = ClassificationLoss.LogitAdjustmentOffsets([0, 0, 0, 0, 0, 0, 1, 1, 1, 2], 3, tau: 1.5);
        Assert.Equal(new[] { 1.5 * Math.Log(0.6), 1.5 * Math.Log(0.3), 1.5 * Math.Log(0.1) }, offsets.Select(o => (double)o), new ToleranceComparer(1e-6));
        using var adjusted = new ClassificationLoss(ClassificationLoss.CrossEntropy, 3, logitOffsets: offsets);
        using var shifted = Logits + tensor(offsets).unsqueeze(0);
        var reference = nn.functional.cross_entropy(shifted, Labels).item<float>();
        Assert.Equal(reference, adjusted.Compute(Logits, Labels).item<float>(), 5);
        using var plain = new ClassificationLoss(ClassificationLoss.CrossEntropy, 3);
        Assert.NotEqual(plain.Compute(Logits, Labels).item<float>(), adjusted.Compute(Logits, Labels).item<float>(), 3);

        // A class missing from the training labels counts once, so its offset stays finite.
        Assert.All(ClassificationLoss.LogitAdjustmentOffsets([0, 0, 1], 3, 1), o => Assert.True(float.IsFinite(o)));
        Assert.Contains("--loss ce", Assert.Throws<DermLensException>(() =>
            new ClassificationLoss(ClassificationLoss.BinaryCrossEntropy, 3, logitOffsets: offsets)).Message);
    }

    sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double value) => 0;
    }

    [Fact]
    public void Unknown_loss_and_bad_smoothing_are_clear_errors()
    {
        Assert.Contains("Known: ce, bce", Assert.Throws<DermLensException>(() => new ClassificationLoss("mse", 3)).Message);
        Assert.Throws<DermLensException>(() => new ClassificationLoss("ce", 3, labelSmoothing: 1.5));
    }
}
