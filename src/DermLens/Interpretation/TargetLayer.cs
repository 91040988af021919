using DermLens.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>Finds the module whose output a CAM weights, by its name in named_modules() (e.g. "layer4", "features.norm5").</summary>
public static class TargetLayer
{
    /// <summary>The architecture's own CAM layer (<see cref="ArchitectureInfo.TargetLayer"/>), or the named override.</summary>
    public static string NameFor(ArchitectureInfo architecture, string? overrideName = null) =>
        string.IsNullOrWhiteSpace(overrideName) ? architecture.TargetLayer : overrideName;

    /// <summary>The module called name; throws listing the candidates if there is none or it is not tensor-to-tensor.</summary>
    public static Module<Tensor, Tensor> Find(Module model, string name)
    {
        var modules = model.named_modules().ToList();
        var found = modules.FirstOrDefault(m => m.name == name).module;
        if (found is Module<Tensor, Tensor> layer)
            return layer;
        // The stages and blocks are the useful candidates; every convolution and norm would drown them.
        var candidates = modules.Select(m => m.name).Where(n => n.Count(c => c == '.') <= 1).ToList();
        var problem = found == null ? "has no module" : "has a module that does not map a tensor to a tensor called";
        throw new DermLensException($"The model {problem} '{name}' to explain. Candidates: {string.Join(", ", candidates)}.");
    }
}
