using System.Diagnostics;
using DermLens.Interpretation;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Bench;

/// <summary>
/// Times explanations of a batch beside the baseline they are compared with: one training-style forward + backward of
/// the same images, image i explained (and its gradients taken) for class i mod classes.
/// </summary>
sealed class ExplainTiming : IDisposable
{
    readonly Module<Tensor, Tensor> model;
    readonly int batchSize;
    readonly IReadOnlyList<ExplanationTarget> targets;
    readonly Tensor coefficients;

    public ExplainTiming(Module<Tensor, Tensor> model, int batchSize, int classes)
    {
        this.model = model;
        this.batchSize = batchSize;
        targets = Enumerable.Range(0, batchSize).Select(i => (ExplanationTarget)new ClassTarget(i % classes)).ToList();
        coefficients = functional.one_hot(tensor(Enumerable.Range(0, batchSize).Select(i => (long)(i % classes)).ToArray()), classes)
            .to(ScalarType.Float32);
    }

    /// <summary>Milliseconds of what a training step's autograd does: forward, then gradients for every parameter (here of the target logits).</summary>
    public double ForwardBackward(Tensor images)
    {
        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        model.call(images).mul(coefficients).sum().backward();
        foreach (var p in model.parameters()) p.grad?.zero_();
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>Milliseconds to explain the images with explainer.</summary>
    public double Explain(Explainer explainer, Tensor images)
    {
        var clock = Stopwatch.StartNew();
        using var maps = explainer.Explain(images, targets, batchSize);
        return clock.Elapsed.TotalMilliseconds;
    }

    public void Dispose() => coefficients.Dispose();
}
