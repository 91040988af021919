using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>Grad-CAM (Selvaraju et al. 2017): each channel weighted by its spatially averaged gradient.</summary>
public sealed class GradCam(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None)
    : Cam(model, targetLayer, smoothing)
{
    public override string Name => "gradcam";

    protected override Tensor Weights(CamLayerInput input) => input.Gradients.mean([2, 3], keepdim: true);
}
