using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// Grad-CAM++ (Chattopadhyay et al. 2018, eq. 19, as pytorch-grad-cam computes it): positive gradients weighted
/// per location by alpha = g^2 / (2 g^2 + sum(A) g^3), which favours several small regions over one large one.
/// </summary>
public sealed class GradCamPlusPlus(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None)
    : Cam(model, targetLayer, smoothing)
{
    static readonly Scalar One = 1.ToScalar();
    static readonly Scalar Two = 2.ToScalar();
    static readonly Scalar Zero = 0.ToScalar();
    static readonly Scalar Epsilon = 1e-6.ToScalar();

    public override string Name => "gradcam++";

    protected override Tensor Weights(CamLayerInput input)
    {
        var (activations, gradients) = (input.Activations, input.Gradients);
        var squared = gradients.square();
        var cubed = squared.mul(gradients);
        var activationSum = activations.sum([2, 3], keepdim: true);
        var denominator = squared.mul(Two).add(activationSum.mul(cubed), One).add(Epsilon, One);
        // Where the gradient is zero alpha is undefined; it contributes nothing.
        var alpha = squared.div(denominator).mul(gradients.ne(Zero));
        return functional.relu(gradients).mul(alpha).sum([2, 3], keepdim: true);
    }
}
