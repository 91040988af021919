using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>The explanation methods by the name the CLI uses; a new method is one line here.</summary>
public static class ExplanationMethods
{
    /// <summary>Each method's constructor from a model and its target layer, by name.</summary>
    public static readonly Registry<Func<Module<Tensor, Tensor>, string, Explainer>> All = new("explanation method",
    [
        ("gradcam", (model, layer) => new GradCam(model, layer)),
        ("gradcam++", (model, layer) => new GradCamPlusPlus(model, layer)),
        ("guided", (model, _) => new GuidedBackprop(model)),
        ("guided-gradcam", (model, layer) => new GuidedGradCam(new GradCam(model, layer))),
    ]);

    /// <summary>Method names, in registry order.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>The named method on model; targetLayer is used by the CAM-based ones.</summary>
    public static Explainer Create(string name, Module<Tensor, Tensor> model, string targetLayer) => All.Get(name)(model, targetLayer);
}
