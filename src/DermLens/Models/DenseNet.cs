using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>DenseNet-BC (Huang et al. 2017) with torchvision's exact module and parameter names, so torchvision checkpoints load unchanged.</summary>
public sealed class DenseNet : Module<Tensor, Tensor>
{
    // Field names are the module names in the state dict, so they must stay torchvision's.
    readonly Sequential features;
    readonly MixedLinear classifier;
    // torchvision calls F.relu after norm5; a module here instead, so forward hooks (Guided Backprop) reach it too.
    // It has no parameters, so the state dict stays torchvision's.
    readonly ReLU relu;

    /// <summary>Builds a DenseNet; blockLayers gives the number of dense layers in each block.</summary>
    public DenseNet(int numClasses, long growthRate, int[] blockLayers, long initialFeatures, long bottleneckSize = 4)
        : base(nameof(DenseNet))
    {
        var stages = new List<(string, Module<Tensor, Tensor>)>
        {
            ("conv0", new MixedConv2d(3, initialFeatures, kernelSize: 7, stride: 2, padding: 3, bias: false)),
            ("norm0", new BatchNorm2d(initialFeatures)),
            ("relu0", ReLU()),
            ("pool0", MaxPool2d(kernel_size: 3, stride: 2, padding: 1)),
        };
        var channels = initialFeatures;
        for (var block = 0; block < blockLayers.Length; block++)
        {
            stages.Add(($"denseblock{block + 1}", new DenseBlock(blockLayers[block], channels, growthRate, bottleneckSize)));
            channels += blockLayers[block] * growthRate;
            if (block == blockLayers.Length - 1) continue;
            stages.Add(($"transition{block + 1}", Transition(channels, channels / 2)));
            channels /= 2;
        }
        stages.Add(("norm5", new BatchNorm2d(channels)));

        features = Sequential(stages.ToArray());
        classifier = new MixedLinear(channels, numClasses);
        relu = ReLU();
        RegisterComponents();
        TorchvisionInit.Apply(this, init.FanInOut.FanIn, zeroLinearBias: true);
    }

    /// <summary>DenseNet-121: growth 32, blocks (6, 12, 24, 16), 64 initial features.</summary>
    public static DenseNet DenseNet121(int numClasses) => new(numClasses, 32, [6, 12, 24, 16], 64);

    /// <summary>DenseNet-161: growth 48, blocks (6, 12, 36, 24), 96 initial features.</summary>
    public static DenseNet DenseNet161(int numClasses) => new(numClasses, 48, [6, 12, 36, 24], 96);

    public override Tensor forward(Tensor input)
    {
        using var pooled = Features(input);
        return classifier.call(pooled);
    }

    /// <summary>The pooled backbone output that the classifier takes: (N, channels after norm5).</summary>
    public Tensor Features(Tensor input)
    {
        // Submodule outputs are left to the caller's dispose scope: a forward hook (CAMs) may hold them.
        var body = features.call(input);
        using var activated = relu.call(body);
        using var pooled = functional.adaptive_avg_pool2d(activated, 1);
        return pooled.flatten(1);
    }

    /// <summary>
    /// A state-dict key in today's torchvision spelling: torchvision's published DenseNet weights predate it and say
    /// "denselayer1.norm.1.weight" for "denselayer1.norm1.weight" (torchvision renames them on load, too).
    /// </summary>
    public static string CurrentKey(string key) => LegacyLayerKey.Replace(key, "$1$2");

    static readonly System.Text.RegularExpressions.Regex LegacyLayerKey =
        new(@"^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$",
            System.Text.RegularExpressions.RegexOptions.Compiled);

    static Sequential Transition(long inputFeatures, long outputFeatures) => Sequential(
        ("norm", new BatchNorm2d(inputFeatures)),
        ("relu", ReLU()),
        ("conv", new MixedConv2d(inputFeatures, outputFeatures, kernelSize: 1, bias: false)),
        ("pool", AvgPool2d(kernel_size: 2, stride: 2)));
}
