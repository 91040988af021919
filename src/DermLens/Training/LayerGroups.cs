using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>A model's parameters and BatchNorm layers split into layer groups, from input to head.</summary>
public sealed class LayerGroups
{
    public IReadOnlyList<IReadOnlyList<Parameter>> Parameters { get; }
    public IReadOnlyList<IReadOnlyList<BatchNorm>> Norms { get; }
    public int Count => Parameters.Count;

    /// <param name="groupOf">Group index of a parameter or module name (e.g. ArchitectureInfo.GroupOf); -1 is an error.</param>
    public LayerGroups(nn.Module model, int count, Func<string, int> groupOf)
    {
        var parameters = Enumerable.Range(0, count).Select(_ => new List<Parameter>()).ToArray();
        foreach (var (name, p) in model.named_parameters())
        {
            int g = groupOf(name);
            if (g < 0 || g >= count) throw new DermLensException($"Parameter '{name}' belongs to no layer group.");
            parameters[g].Add(p);
        }
        var norms = Enumerable.Range(0, count).Select(_ => new List<BatchNorm>()).ToArray();
        foreach (var (name, module) in model.named_modules())
            if (module is BatchNorm bn) norms[groupOf(name + ".weight")].Add(bn);
        Parameters = parameters;
        Norms = norms;
    }

    /// <summary>Everything in one group: plain training without differential learning rates.</summary>
    public static LayerGroups Single(nn.Module model) => new(model, 1, _ => 0);

    /// <summary>Freezes the groups not marked trainable; their BatchNorm keeps its running statistics (eval mode).</summary>
    public void ApplyTrainable(bool[] trainable)
    {
        for (int g = 0; g < Count; g++)
        {
            foreach (var p in Parameters[g]) p.requires_grad = trainable[g];
            if (!trainable[g]) foreach (var bn in Norms[g]) bn.eval();
        }
    }
}
