using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation;

/// <summary>Tiny networks whose CAMs are known in closed form.</summary>
static class TinyCamNet
{
    /// <summary>conv (3 -> 4 channels, same size) -> global average pool -> linear (4 -> 3 classes): every location of a channel has the same gradient.</summary>
    public static Sequential Create(int seed = 0)
    {
        random.manual_seed(seed);
        return nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flat", nn.Flatten()), ("fc", nn.Linear(4, 3)));
    }

    /// <summary>conv (3 -> 4 channels, 8x8 images) -> flatten -> linear (256 -> 3): the gradient differs at every location, by a known weight.</summary>
    public static Sequential CreateFlatHead(int seed = 0)
    {
        random.manual_seed(seed);
        return nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("flat", nn.Flatten()), ("fc", nn.Linear(4 * 8 * 8, 3)));
    }

    /// <summary>conv1 (3 -> 4, same size) -> relu -> conv2 (4 -> 4, stride 2) -> global average pool -> linear (4 -> 3): two target layers at two resolutions.</summary>
    public static Sequential CreateTwoStage(int seed = 0)
    {
        random.manual_seed(seed);
        return nn.Sequential(("conv1", nn.Conv2d(3, 4, 3, padding: 1)), ("relu", nn.ReLU()),
            ("conv2", nn.Conv2d(4, 4, 3, stride: 2, padding: 1)), ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()),
            ("fc", nn.Linear(4, 3)));
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
