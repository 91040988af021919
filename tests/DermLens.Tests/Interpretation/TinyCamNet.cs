using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation;

/// <summary>conv (3 -> 4 channels, same size) -> global average pool -> linear (4 -> 3 classes): its CAM is known in closed form.</summary>
static class TinyCamNet
{
    public static Sequential Create(int seed = 0)
    {
        random.manual_seed(seed);
        return nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flat", nn.Flatten()), ("fc", nn.Linear(4, 3)));
    }

    public static Tensor Images(int count, int size = 8, int seed = 1)
    {
        random.manual_seed(seed);
        return randn(count, 3, size, size);
    }

    /// <summary>The conv activations A (N, 4, h, w), computed without hooks.</summary>
    public static Tensor Activations(Sequential net, Tensor images)
    {
        using var noGrad = no_grad();
        return ((Conv2d)net[0]).forward(images);
    }

    /// <summary>The head's weights w (classes, channels).</summary>
    public static Tensor HeadWeights(Sequential net) => ((Linear)net[3]).weight!.detach();
}
