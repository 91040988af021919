using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>
/// The training loss and its matching output activation: cross-entropy (softmax) or, as the research
/// system used, BCE-with-logits on one-hot targets (sigmoid); both with label smoothing and class weights, and
/// cross-entropy with logit adjustment.
/// </summary>
public sealed class ClassificationLoss : IDisposable
{
    public const string CrossEntropy = "ce";
    public const string BinaryCrossEntropy = "bce";
    /// <summary>The losses by name, each with the activation that turns its logits into scores.</summary>
    public static readonly Registry<Func<Tensor, Tensor>> Kinds = new("loss",
    [
        (CrossEntropy, logits => logits.softmax(1)),
        (BinaryCrossEntropy, logits => logits.sigmoid()),
    ]);

    readonly Tensor? _classWeights, _logitOffsets;
    // Explicit, long-lived Scalars: temporaries converted implicitly can be freed by the GC mid-call.
    readonly Scalar _keep, _spread;
    // add(scalar) alone calls add(scalar, 1) with a temporary alpha of its own. Held by a class of its own so that
    // reading Kinds (every verb's help does) does not start libtorch: predict --onnx runs without it.
    static class Held { public static readonly Scalar One = 1.ToScalar(); }

    public string Kind { get; }
    public int Classes { get; }
    public double LabelSmoothing { get; }

    /// <param name="logitOffsets">Added to the logits inside the loss only (logit adjustment: tau * log prior); null for none.</param>
    public ClassificationLoss(string kind, int classes, double labelSmoothing = 0, float[]? classWeights = null, Device? device = null,
        float[]? logitOffsets = null)
    {
        kind = Kinds.Check(kind);
        CheckLabelSmoothing(labelSmoothing);
        if (classWeights != null && classWeights.Length != classes)
            throw new DermLensException($"{classWeights.Length} class weights given for {classes} classes.");
        if (logitOffsets != null && kind != CrossEntropy)
            throw new DermLensException("Logit adjustment is defined for the softmax cross-entropy loss; use --loss ce with it.");
        if (logitOffsets != null && logitOffsets.Length != classes)
            throw new DermLensException($"{logitOffsets.Length} logit offsets given for {classes} classes.");
        Kind = kind;
        Classes = classes;
        LabelSmoothing = labelSmoothing;
        _classWeights = classWeights == null ? null : tensor(classWeights).to(device ?? CPU).DetachFromDisposeScope();
        _logitOffsets = logitOffsets == null ? null : tensor(logitOffsets).to(device ?? CPU).DetachFromDisposeScope();
        _keep = (1 - labelSmoothing).ToScalar();
        _spread = (labelSmoothing / classes).ToScalar();
    }

    /// <summary>Mean loss of a batch of logits against integer labels.</summary>
    public Tensor Compute(Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        // Smoothed targets: (1 - eps) on the true class plus eps / K everywhere.
        var targets = nn.functional.one_hot(labels, Classes).to(logits.dtype).mul(_keep).add(_spread, Held.One);
        Tensor loss;
        if (Kind == CrossEntropy)
        {
            var adjusted = _logitOffsets is null ? logits : logits.add(_logitOffsets.unsqueeze(0).to(logits.dtype), Held.One);
            var perSample = adjusted.log_softmax(1).mul(targets).sum(1).neg();
            if (_classWeights is null) loss = perSample.mean();
            else
            {
                var w = _classWeights.index_select(0, labels);
                loss = perSample.mul(w).sum().div(w.sum());
            }
        }
        else
        {
            var perElement = nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None);
            loss = _classWeights is null ? perElement.mean() : perElement.mul(_classWeights.unsqueeze(0)).sum(1).div(_classWeights.sum()).mean();
        }
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>Fails with the known names unless kind is a loss.</summary>
    public static void CheckKind(string kind) => Kinds.Check(kind);

    /// <summary>Fails unless the smoothing is in [0, 1): at 1 every target is uniform and nothing is learned.</summary>
    public static void CheckLabelSmoothing(double labelSmoothing)
    {
        if (labelSmoothing is < 0 or >= 1) throw new DermLensException($"--label-smoothing must be in [0, 1), got {labelSmoothing}.");
    }

    /// <summary>The loss a run's options ask for, with class weights and logit offsets from its training labels.</summary>
    public static ClassificationLoss For(TrainOptions o, IReadOnlyList<int> trainLabels, int classes, Device device) =>
        new(o.Loss, classes, o.LabelSmoothing, o.ClassWeights ? BalancedWeights(trainLabels, classes) : null, device,
            o.LogitAdjustment > 0 ? LogitAdjustmentOffsets(trainLabels, classes, o.LogitAdjustment) : null);

    /// <summary>Scores in [0, 1] per class: softmax for cross-entropy, sigmoid for BCE (the class logit drives both).</summary>
    public static Tensor Activation(string kind, Tensor logits) => Kinds.Get(kind)(logits);

    /// <summary>
    /// Logit adjustment's offsets, tau * ln(prior of each class) with priors from the training labels (a class absent
    /// from them counts once, so its offset stays finite).
    /// </summary>
    public static float[] LogitAdjustmentOffsets(IReadOnlyList<int> labels, int classes, double tau)
    {
        var counts = ClassCounts(labels, classes);
        double total = counts.Sum(c => Math.Max(c, 1));
        return counts.Select(c => (float)(tau * Math.Log(Math.Max(c, 1) / total))).ToArray();
    }

    /// <summary>Inverse-frequency weights (N / (K * count)), the usual "balanced" class weighting.</summary>
    public static float[] BalancedWeights(IReadOnlyList<int> labels, int classes)
    {
        var counts = ClassCounts(labels, classes);
        return counts.Select(c => c == 0 ? 0f : (float)labels.Count / (classes * c)).ToArray();
    }

    static int[] ClassCounts(IReadOnlyList<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (var l in labels) counts[l]++;
        return counts;
    }

    public void Dispose()
    {
        _classWeights?.Dispose();
        _logitOffsets?.Dispose();
        _keep.Dispose();
        _spread.Dispose();
    }
}
