using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// A class activation map: each target layer's activations weighted, per channel or per element, and summed over
/// channels (or projected onto their first principal component, <see cref="CamSmoothing.Eigen"/>), then ReLU'd,
/// upsampled to the input and scaled to 0..1 per image. Several target layers ("layer3+layer4") are fused by their
/// element-wise maximum, as LayerCAM's authors (and torch-cam) fuse, and scaled again. Methods differ only in
/// <see cref="Weights"/>.
/// </summary>
public abstract class Cam : Explainer
{
    static readonly Scalar Tiny = 1e-7.ToScalar();
    static readonly Scalar MinusOne = (-1).ToScalar();
    static readonly Scalar FlatRange = 1e-4.ToScalar();

    readonly IReadOnlyList<string> layerNames;
    readonly IReadOnlyList<Module<Tensor, Tensor>> layers;

    /// <summary>Explains through the module or modules named by targetLayer (see <see cref="TargetLayer"/>), smoothed as asked.</summary>
    protected Cam(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None) : base(model)
    {
        layerNames = TargetLayer.Names(targetLayer);
        layers = layerNames.Select(name => TargetLayer.Find(model, name)).ToList();
        TargetLayerName = targetLayer;
        Smoothing = smoothing;
    }

    /// <summary>Name of the module whose output is weighted, or several joined by '+'.</summary>
    public string TargetLayerName { get; }

    /// <summary>How the maps are smoothed.</summary>
    public CamSmoothing Smoothing { get; }

    /// <summary>Whether <see cref="Weights"/> reads the gradients; a gradient-free method is spared the backward pass.</summary>
    protected virtual bool UsesGradients => true;

    /// <summary>The weights of one target layer's activations: (N, K, 1, 1) for one per channel, or (N, K, h, w) for one per element.</summary>
    protected abstract Tensor Weights(CamLayerInput input);

    /// <summary>
    /// The weighted activation sum (with eigen smoothing, their first principal component) before ReLU, upsampling and
    /// scaling, at the target layer's resolution (N, h, w), for one batch on the model's device: the raw CAM, signed,
    /// for tools and tests. For a single target layer.
    /// </summary>
    public Tensor SignedMap(Tensor images, IReadOnlyList<ExplanationTarget>? targets = null) =>
        layers.Count == 1 ? SignedMaps(images, targets)[0]
        : throw new DermLensException($"The target layer '{TargetLayerName}' fuses {layers.Count} layers; their raw maps differ in size (use SignedMaps).");

    /// <summary>The raw CAM (N, h, w) of each target layer, in the order of the target layer spec.</summary>
    public IReadOnlyList<Tensor> SignedMaps(Tensor images, IReadOnlyList<ExplanationTarget>? targets = null)
    {
        var (logits, activations) = Forward(images);
        var coefficients = TargetCoefficients(logits, targets);
        // In fp32 whatever the network computes in: a bf16 network's activations and gradients carry 8 bits of mantissa,
        // too few for the weighted sums (Grad-CAM++'s cubes above all).
        var gradients = UsesGradients
            ? torch.autograd.grad([TargetScore(logits, coefficients)], activations).Select(g => g.to(ScalarType.Float32)).ToList()
            : null;
        return activations.Select((activation, i) =>
        {
            var values = activation.detach().to(ScalarType.Float32);
            var weighted = Weights(new CamLayerInput(images, coefficients, values, gradients?[i])).mul(values);
            return Smoothing.HasFlag(CamSmoothing.Eigen) ? FirstPrincipalComponent.Project(weighted) : weighted.sum(1);
        }).ToList();
    }

    protected override Tensor ExplainBatch(Tensor images, IReadOnlyList<ExplanationTarget>? targets)
    {
        if (!Smoothing.HasFlag(CamSmoothing.Augment))
            return Map(images, targets);
        // Every view explains the class the image itself is explained for: a turned lesion may be predicted otherwise.
        targets ??= PredictedTargets(images);
        var sum = DihedralView.All.Select(view => view.Undo(Map(view.Apply(images), targets))).Aggregate((a, b) => a.add(b));
        return ScaleEach(sum);
    }

    /// <summary>
    /// Maps scaled to 0..1 over their last two dimensions, as pytorch-grad-cam's scale_cam_image. An all-zero map stays
    /// zero, and so does a flat one (a 1x1 target layer): the range is floored relative to the peak, or rounding noise
    /// would be stretched to 0..1.
    /// </summary>
    protected static Tensor ScaleEach(Tensor maps)
    {
        // Subtraction is add with alpha -1: sub has no overload taking an explicit (long-lived) alpha.
        var low = maps.amin([-2, -1], keepdim: true);
        var high = maps.amax([-2, -1], keepdim: true);
        var range = maximum(high.add(low, MinusOne), high.abs().mul(FlatRange)).clamp_min(Tiny);
        return maps.add(low, MinusOne).div(range);
    }

    /// <summary>Maps (N, h, w) resized bilinearly to size (H, W).</summary>
    protected static Tensor Upsample(Tensor maps, long[] size) =>
        functional.interpolate(maps.unsqueeze(1), size, mode: InterpolationMode.Bilinear, align_corners: false).squeeze(1);

    /// <summary>The 0..1 map (N, H, W) of one view: each layer's map ReLU'd, upsampled and scaled, fused by the maximum.</summary>
    Tensor Map(Tensor images, IReadOnlyList<ExplanationTarget>? targets)
    {
        var size = new[] { images.shape[2], images.shape[3] };
        var maps = SignedMaps(images, targets).Select(map => ScaleEach(Upsample(functional.relu(map), size))).ToList();
        return maps.Count == 1 ? maps[0] : ScaleEach(stack(maps).amax([0]));
    }

    /// <summary>The logits and every target layer's output from one forward pass, with gradients only where the method uses them.</summary>
    (Tensor Logits, Tensor[] Activations) Forward(Tensor images)
    {
        var captures = layers.Select(layer => new ActivationCapture(layer)).ToList();
        try
        {
            using var gradientMode = set_grad_enabled(UsesGradients);
            var logits = Model.call(images);
            var activations = captures.Select((capture, i) => capture.Activation
                ?? throw new DermLensException($"The layer '{layerNames[i]}' took no part in the forward pass; choose another target layer.")).ToArray();
            foreach (var (activation, i) in activations.Select((a, i) => (a, i)))
                if (activation.dim() != 4)
                    throw new DermLensException($"The layer '{layerNames[i]}' outputs shape [{string.Join(", ", activation.shape)}]; a CAM needs (N, channels, height, width).");
            return (logits, activations);
        }
        finally
        {
            // Before any further forward pass (Score-CAM's), which would overwrite what was captured.
            foreach (var capture in captures) capture.Dispose();
        }
    }
}
