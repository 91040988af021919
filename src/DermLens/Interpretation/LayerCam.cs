using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// LayerCAM (Jiang et al. 2021): each activation weighted by its own gradient where that is positive, so only
/// locations that raise the target count. Unlike Grad-CAM it stays meaningful on earlier, finer layers, where gradients
/// vary a lot within a channel: its use is a fused target such as "layer3+layer4" (<see cref="TargetLayer.Fused"/>).
/// </summary>
public sealed class LayerCam(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None)
    : Cam(model, targetLayer, smoothing)
{
    public override string Name => "layercam";

    protected override Tensor Weights(CamLayerInput input) => functional.relu(input.Gradients);
}
