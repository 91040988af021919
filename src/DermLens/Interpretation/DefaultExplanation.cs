using DermLens.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// The heat map DermLens shows unless told otherwise (explain, the case-study panel beside Grad-CAM, the report, the
/// service): LayerCAM at the architecture's last stage, eigen-smoothed, the method that came out best among those
/// costing less than three forward + backward passes on the CAM-quality benchmark (bench/results/cam-quality.md).
/// </summary>
public static class DefaultExplanation
{
    /// <summary>The method's registry name.</summary>
    public const string Method = "layercam";

    /// <summary>The smoothing applied to its map.</summary>
    public const CamSmoothing Smoothing = CamSmoothing.Eigen;

    /// <summary>How the map is named on pictures and pages.</summary>
    public const string Title = "LayerCAM (eigen)";

    /// <summary>The default explainer on model, at the architecture's own target layer.</summary>
    public static Explainer Create(Module<Tensor, Tensor> model, ArchitectureInfo architecture) =>
        ExplanationMethods.Create(Method, model, TargetLayer.NameFor(architecture), Smoothing);
}
