using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>The explanation methods by the name the CLI uses; a new method is one line here.</summary>
public static class ExplanationMethods
{
    static readonly (string Name, Func<Module<Tensor, Tensor>, string, Explainer> Create)[] All =
    [
        ("gradcam", (model, layer) => new GradCam(model, layer)),
        ("gradcam++", (model, layer) => new GradCamPlusPlus(model, layer)),
        ("guided", (model, _) => new GuidedBackprop(model)),
        ("guided-gradcam", (model, layer) => new GuidedGradCam(new GradCam(model, layer))),
    ];

    /// <summary>Method names, in registry order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The named method on model; targetLayer is used by the CAM-based ones.</summary>
    public static Explainer Create(string name, Module<Tensor, Tensor> model, string targetLayer) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)).Create?.Invoke(model, targetLayer)
        ?? throw new DermLensException($"Unknown explanation method '{name}'. Known: {string.Join(", ", Names)}.");
}
