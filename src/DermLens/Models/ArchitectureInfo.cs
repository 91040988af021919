using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>Everything DermLens needs to know about one architecture: how to build it, where to look for CAMs, how to split it for differential learning rates.</summary>
/// <param name="Name">Registry name, e.g. "resnet50".</param>
/// <param name="Create">Builds a freshly initialised network with the given number of output classes.</param>
/// <param name="TargetLayer">Module name whose output CAM methods weight (the last convolutional stage).</param>
/// <param name="FusedTargetLayers">
/// Target layers joined by '+' that give a finer CAM: an earlier stage at twice the resolution fused with the last
/// (what `--layer fused` asks for; LayerCAM's use).
/// </param>
/// <param name="LayerGroups">Layer groups from input to head; each is a comma-separated list of module-name prefixes.</param>
/// <param name="HeadName">Module name of the final classification layer.</param>
/// <param name="Normalisation">Input normalisation the architecture's pretrained weights expect.</param>
/// <param name="Pretrained">Where ImageNet weights for this name come from, or null where none are known.</param>
public sealed record ArchitectureInfo(
    string Name,
    Func<int, Module<Tensor, Tensor>> Create,
    string TargetLayer,
    string FusedTargetLayers,
    string[] LayerGroups,
    string HeadName,
    Normalisation Normalisation,
    PretrainedSource? Pretrained = null)
{
    /// <summary>Index of the layer group that owns a parameter or buffer name such as "layer1.0.conv1.weight", or -1 if none does.</summary>
    public int GroupOf(string parameterName)
    {
        for (var group = 0; group < LayerGroups.Length; group++)
            foreach (var prefix in LayerGroups[group].Split(','))
                if (parameterName == prefix || parameterName.StartsWith(prefix + ".", StringComparison.Ordinal))
                    return group;
        return -1;
    }

    /// <summary>The model's named parameters split by layer group, in group order; throws if a parameter belongs to no group.</summary>
    public IReadOnlyList<IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)>> ParameterGroups(Module model)
    {
        var groups = LayerGroups.Select(_ => new List<(string, TorchSharp.Modules.Parameter)>()).ToArray();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var group = GroupOf(name);
            if (group < 0)
                throw new DermLensException($"Parameter '{name}' of {Name} belongs to no layer group.");
            groups[group].Add((name, parameter));
        }
        return groups;
    }
}
