using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// HiResCAM (Draelos and Carin 2020): each activation weighted by its own gradient instead of the channel's average,
/// so the map is the target score's gradient x activation terms summed over channels. It shows the locations the
/// score's first-order terms come from; Grad-CAM's averaging can light up locations the model did not use.
/// </summary>
public sealed class HiResCam(Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None)
    : Cam(model, targetLayer, smoothing)
{
    public override string Name => "hirescam";

    protected override Tensor Weights(CamLayerInput input) => input.Gradients;
}
