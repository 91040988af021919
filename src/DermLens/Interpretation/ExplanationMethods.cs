using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>The explanation methods by the name the CLI uses; a new method is one line here.</summary>
public static class ExplanationMethods
{
    /// <summary>Each method's constructor from a model, its target layer spec and the smoothing of its CAM, by name.</summary>
    public static readonly Registry<Func<Module<Tensor, Tensor>, string, CamSmoothing, Explainer>> All = new("explanation method",
    [
        ("gradcam", (model, layer, smoothing) => new GradCam(model, layer, smoothing)),
        ("gradcam++", (model, layer, smoothing) => new GradCamPlusPlus(model, layer, smoothing)),
        ("guided", (model, _, _) => new GuidedBackprop(model)),
        ("guided-gradcam", (model, layer, smoothing) => new GuidedGradCam(new GradCam(model, layer, smoothing))),
        ("layercam", (model, layer, smoothing) => new LayerCam(model, layer, smoothing)),
        ("hirescam", (model, layer, smoothing) => new HiResCam(model, layer, smoothing)),
        ("scorecam", (model, layer, smoothing) => new ScoreCam(model, layer, smoothing)),
    ]);

    /// <summary>Method names, in registry order.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>
    /// The named method on model; targetLayer (one module name, or several joined by '+') and smoothing are used by
    /// the CAM-based ones (Guided Backprop has neither).
    /// </summary>
    public static Explainer Create(string name, Module<Tensor, Tensor> model, string targetLayer, CamSmoothing smoothing = CamSmoothing.None) =>
        All.Get(name)(model, targetLayer, smoothing);
}
