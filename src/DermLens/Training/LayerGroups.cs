using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Training;

/// <summary>A model's parameters and BatchNorm layers split into layer groups, from input to head.</summary>
public sealed class LayerGroups
{
    readonly nn.Module model;
    readonly Func<string, int> groupOf;

    /// <summary>
    /// Each group's parameters as the model holds them now: moving a model to another device or memory format
    /// replaces its Parameter objects, so the lists are built afresh on each read.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Parameter>> Parameters => Collect();
    public IReadOnlyList<IReadOnlyList<BatchNorm>> Norms { get; }
    public int Count { get; }

    /// <param name="groupOf">Group index of a parameter or module name (e.g. ArchitectureInfo.GroupOf); -1 is an error.</param>
    public LayerGroups(nn.Module model, int count, Func<string, int> groupOf)
    {
        this.model = model;
        this.groupOf = groupOf;
        Count = count;
        Collect();
        var norms = Enumerable.Range(0, count).Select(_ => new List<BatchNorm>()).ToArray();
        foreach (var (name, module) in model.named_modules())
            if (module is BatchNorm bn) norms[groupOf(name + ".weight")].Add(bn);
        Norms = norms;
    }

    List<Parameter>[] Collect()
    {
        var parameters = Enumerable.Range(0, Count).Select(_ => new List<Parameter>()).ToArray();
        foreach (var (name, p) in model.named_parameters())
        {
            int g = groupOf(name);
            if (g < 0 || g >= Count) throw new DermLensException($"Parameter '{name}' belongs to no layer group.");
            parameters[g].Add(p);
        }
        return parameters;
    }

    /// <summary>Everything in one group: plain training without differential learning rates.</summary>
    public static LayerGroups Single(nn.Module model) => new(model, 1, _ => 0);

    /// <summary>
    /// Freezes the groups not marked trainable. Their BatchNorm keeps its running statistics (eval mode), or with
    /// <paramref name="trainBatchNorm"/> (fastai's train_bn) goes on training: batch statistics, running averages
    /// and its scale and shift adapt to the new images, so unfreezing later does not change the features the head learnt on.
    /// </summary>
    public void ApplyTrainable(bool[] trainable, bool trainBatchNorm = false)
    {
        var parameters = Collect();
        for (int g = 0; g < Count; g++)
        {
            foreach (var p in parameters[g]) p.requires_grad = trainable[g];
            if (trainable[g]) continue;
            foreach (var bn in Norms[g])
            {
                if (!trainBatchNorm) { bn.eval(); continue; }
                if (bn.weight is { } scale) scale.requires_grad = true;
                if (bn.bias is { } shift) shift.requires_grad = true;
            }
        }
    }
}
