using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// What every explanation method shares: the model in eval mode, targets turned into one score to differentiate,
/// and batching with a dispose scope per batch, so memory stays flat however many images are explained.
/// </summary>
public abstract class Explainer
{
    protected Explainer(Module<Tensor, Tensor> model)
    {
        Model = model;
        // BatchNorm must use its running statistics: a batch's images then do not influence each other's maps.
        Model.eval();
    }

    /// <summary>The network being explained (set to eval mode).</summary>
    protected Module<Tensor, Tensor> Model { get; }

    /// <summary>The network being explained, for methods built from others.</summary>
    internal Module<Tensor, Tensor> Network => Model;

    /// <summary>Short method name, as the CLI spells it.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Explains images (N, 3, H, W) normalised as the model expects, batchSize at a time; targets has one entry per
    /// image, or is null for each image's predicted class. Returns the maps on the CPU, N first.
    /// </summary>
    public Tensor Explain(Tensor images, IReadOnlyList<ExplanationTarget>? targets = null, int batchSize = 16)
    {
        var count = (int)images.shape[0];
        if (targets != null && targets.Count != count)
            throw new DermLensException($"{targets.Count} explanation targets were given for {count} images.");
        if (batchSize < 1)
            throw new DermLensException($"The explanation batch size must be at least 1, got {batchSize}.");
        var device = Model.parameters().First().device;
        var maps = new List<Tensor>();
        try
        {
            for (var start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, count - start);
                var batch = images.narrow(0, start, length).to(device);
                var batchTargets = targets?.Skip(start).Take(length).ToList();
                maps.Add(ExplainBatch(batch, batchTargets).detach().cpu().MoveToOuterDisposeScope());
            }
            return cat(maps, 0);
        }
        finally
        {
            foreach (var map in maps) map.Dispose();
        }
    }

    /// <summary>One batch's maps, for methods built from others.</summary>
    internal Tensor BatchMaps(Tensor images, IReadOnlyList<ExplanationTarget>? targets) => ExplainBatch(images, targets);

    /// <summary>The maps for one batch already on the model's device; temporaries may be left to the caller's dispose scope.</summary>
    protected abstract Tensor ExplainBatch(Tensor images, IReadOnlyList<ExplanationTarget>? targets);

    /// <summary>The sum over the batch of each image's target: the scalar whose gradient explains every image at once (eval-mode images are independent).</summary>
    protected static Tensor TargetScore(Tensor logits, IReadOnlyList<ExplanationTarget>? targets)
    {
        using var coefficients = TargetCoefficients(logits, targets);
        return TargetScore(logits, coefficients);
    }

    /// <summary>The sum over the batch of the logits (N, classes) times their target coefficients (same shape).</summary>
    protected static Tensor TargetScore(Tensor logits, Tensor coefficients)
    {
        using var weighted = logits.mul(coefficients);
        return weighted.sum();
    }

    /// <summary>
    /// Each image's target as coefficients of its class logits (N, classes), fp32 on the logits' device; for null
    /// targets, 1 at each image's predicted class.
    /// </summary>
    protected static Tensor TargetCoefficients(Tensor logits, IReadOnlyList<ExplanationTarget>? targets)
    {
        var (rows, classes) = ((int)logits.shape[0], (int)logits.shape[1]);
        var coefficients = new float[rows * classes];
        if (targets == null)
        {
            using var predicted = logits.argmax(1).cpu();
            var indices = predicted.data<long>().ToArray();
            for (var row = 0; row < rows; row++) coefficients[row * classes + indices[row]] = 1f;
        }
        else
        {
            for (var row = 0; row < rows; row++) targets[row].WriteCoefficients(coefficients.AsSpan(row * classes, classes));
        }
        return tensor(coefficients, [rows, classes], device: logits.device);
    }

    /// <summary>Each image's predicted class as its target, from one forward pass without gradients.</summary>
    protected IReadOnlyList<ExplanationTarget> PredictedTargets(Tensor images)
    {
        using var noGrad = no_grad();
        using var logits = Model.call(images);
        using var predicted = logits.argmax(1).cpu();
        return predicted.data<long>().ToArray().Select(c => (ExplanationTarget)new ClassTarget((int)c)).ToList();
    }

    /// <summary>The gradient of score with respect to one tensor, without accumulating into the parameters' .grad.</summary>
    protected static Tensor GradientOf(Tensor score, Tensor with) => torch.autograd.grad([score], [with])[0];
}
