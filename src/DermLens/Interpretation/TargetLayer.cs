using DermLens.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// Finds the modules whose outputs a CAM weights, by their names in named_modules() (e.g. "layer4", "features.norm5"):
/// one name, or several joined by '+' ("layer3+layer4") for a map fused from several layers.
/// </summary>
public static class TargetLayer
{
    /// <summary>Joins the layers of a fused spec.</summary>
    public const char Separator = '+';

    /// <summary>The override that asks for the architecture's fused layers (<see cref="ArchitectureInfo.FusedTargetLayers"/>).</summary>
    public const string Fused = "fused";

    /// <summary>The architecture's own CAM layer (<see cref="ArchitectureInfo.TargetLayer"/>), its fused layers for "fused", or the named override.</summary>
    public static string NameFor(ArchitectureInfo architecture, string? overrideName = null) =>
        string.IsNullOrWhiteSpace(overrideName) ? architecture.TargetLayer
        : string.Equals(overrideName.Trim(), Fused, StringComparison.OrdinalIgnoreCase) ? architecture.FusedTargetLayers
        : overrideName;

    /// <summary>The module names of a spec, in its order; throws on an empty part ("layer3+").</summary>
    public static IReadOnlyList<string> Names(string spec)
    {
        var names = spec.Split(Separator).Select(n => n.Trim()).ToList();
        if (names.Any(n => n.Length == 0))
            throw new DermLensException($"The target layer '{spec}' has an empty name; join module names with '{Separator}', e.g. layer3{Separator}layer4.");
        return names;
    }

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
