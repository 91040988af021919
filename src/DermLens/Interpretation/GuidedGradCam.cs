using static TorchSharp.torch;

namespace DermLens.Interpretation;

/// <summary>Guided Grad-CAM: Guided Backpropagation's pixel gradients (N, 3, H, W) times the upsampled CAM of the same targets.</summary>
public sealed class GuidedGradCam : Explainer
{
    readonly Cam cam;
    readonly GuidedBackprop guided;

    /// <summary>Combines the given CAM (Grad-CAM or Grad-CAM++) with Guided Backpropagation on the same model.</summary>
    public GuidedGradCam(Cam cam) : base(cam.Network)
    {
        this.cam = cam;
        guided = new GuidedBackprop(cam.Network);
    }

    public override string Name => "guided-" + cam.Name;

    protected override Tensor ExplainBatch(Tensor images, IReadOnlyList<ExplanationTarget>? targets) =>
        guided.BatchMaps(images, targets).mul(cam.BatchMaps(images, targets).unsqueeze(1));
}
