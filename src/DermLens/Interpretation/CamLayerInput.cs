using static TorchSharp.torch;

namespace DermLens.Interpretation;

/// <summary>What a CAM method weighs one target layer's activations from, for one batch.</summary>
public sealed class CamLayerInput(Tensor images, Tensor targetCoefficients, Tensor activations, Tensor? gradients)
{
    /// <summary>The batch (N, 3, H, W) on the model's device, as the model takes it.</summary>
    public Tensor Images => images;

    /// <summary>Each image's target as coefficients of the class logits (N, classes), fp32 (see <see cref="ExplanationTarget"/>).</summary>
    public Tensor TargetCoefficients => targetCoefficients;

    /// <summary>The layer's activations (N, K, h, w), detached, in fp32.</summary>
    public Tensor Activations => activations;

    /// <summary>The gradient of the batch's target score with respect to the activations (N, K, h, w), in fp32.</summary>
    public Tensor Gradients => gradients
        ?? throw new InvalidOperationException("No gradients were computed: this CAM method declares that it uses none.");
}
