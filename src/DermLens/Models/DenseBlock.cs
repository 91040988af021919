using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>A DenseNet block: each layer sees the concatenation of the block input and all earlier layers' outputs; children are named denselayer1.. as in torchvision.</summary>
sealed class DenseBlock : Module<Tensor, Tensor>
{
    readonly DenseLayer[] layers;

    public DenseBlock(int layerCount, long inputFeatures, long growthRate, long bottleneckSize) : base(nameof(DenseBlock))
    {
        layers = new DenseLayer[layerCount];
        for (var i = 0; i < layerCount; i++)
        {
            layers[i] = new DenseLayer(inputFeatures + i * growthRate, growthRate, bottleneckSize);
            register_module($"denselayer{i + 1}", layers[i]);
        }
    }

    public override Tensor forward(Tensor input)
    {
        var features = new List<Tensor> { input };
        foreach (var layer in layers)
        {
            using var concatenated = cat(features, 1);
            features.Add(layer.call(concatenated));
        }
        // The layers' outputs are left to the caller's dispose scope: a forward hook (CAMs) may hold them.
        return cat(features, 1);
    }
}
