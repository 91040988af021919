using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// A class activation map: the target layer's activations weighted per channel, summed, ReLU'd, upsampled to the
/// input and scaled to 0..1 per image. Methods differ only in <see cref="ChannelWeights"/>.
/// </summary>
public abstract class Cam : Explainer
{
    static readonly Scalar Tiny = 1e-7.ToScalar();
    static readonly Scalar MinusOne = (-1).ToScalar();
    static readonly Scalar FlatRange = 1e-4.ToScalar();

    readonly Module<Tensor, Tensor> layer;

    /// <summary>Explains through the module named targetLayer (see <see cref="TargetLayer"/>).</summary>
    protected Cam(Module<Tensor, Tensor> model, string targetLayer) : base(model)
    {
        layer = TargetLayer.Find(model, targetLayer);
        TargetLayerName = targetLayer;
    }

    /// <summary>Name of the module whose output is weighted.</summary>
    public string TargetLayerName { get; }

    /// <summary>One weight per image and channel (N, K) from the target layer's activations and gradients (N, K, h, w).</summary>
    protected abstract Tensor ChannelWeights(Tensor activations, Tensor gradients);

    /// <summary>
    /// The weighted activation sum before ReLU, upsampling and scaling, at the target layer's resolution (N, h, w),
    /// for one batch on the model's device: the raw CAM, signed, for tools and tests.
    /// </summary>
    public Tensor SignedMap(Tensor images, IReadOnlyList<ExplanationTarget>? targets = null)
    {
        using var capture = new ActivationCapture(layer);
        var logits = Model.call(images);
        var activations = capture.Activation
            ?? throw new DermLensException($"The layer '{TargetLayerName}' took no part in the forward pass; choose another target layer.");
        if (activations.dim() != 4)
            throw new DermLensException($"The layer '{TargetLayerName}' outputs shape [{string.Join(", ", activations.shape)}]; a CAM needs (N, channels, height, width).");
        // In fp32 whatever the network computes in: a bf16 network's activations and gradients carry 8 bits of mantissa,
        // too few for the weighted sums (Grad-CAM++'s cubes above all).
        var gradients = GradientOf(TargetScore(logits, targets), activations).to(ScalarType.Float32);
        var values = activations.detach().to(ScalarType.Float32);
        var weights = ChannelWeights(values, gradients);
        return weights.unsqueeze(-1).unsqueeze(-1).mul(values).sum(1);
    }

    protected override Tensor ExplainBatch(Tensor images, IReadOnlyList<ExplanationTarget>? targets)
    {
        var cam = functional.relu(SignedMap(images, targets)).unsqueeze(1);
        var size = new[] { images.shape[2], images.shape[3] };
        var upsampled = functional.interpolate(cam, size, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);
        // Per image to 0..1, as pytorch-grad-cam's scale_cam_image; an all-zero map stays zero, and so does a flat one
        // (a 1x1 target layer): the range is floored relative to the peak, or rounding noise would be stretched to 0..1.
        // Subtraction is add with alpha -1: sub has no overload taking an explicit (long-lived) alpha.
        var low = upsampled.amin([1, 2], keepdim: true);
        var high = upsampled.amax([1, 2], keepdim: true);
        var range = maximum(high.add(low, MinusOne), high.abs().mul(FlatRange)).clamp_min(Tiny);
        return upsampled.add(low, MinusOne).div(range);
    }
}
