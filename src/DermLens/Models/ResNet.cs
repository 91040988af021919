using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>
/// ResNet (He et al. 2016, torchvision's v1.5) with torchvision's exact module and parameter names.
/// DermLens's own rather than TorchVision .NET's, whose residual add lets the GC free a Scalar mid-call.
/// </summary>
public sealed class ResNet : Module<Tensor, Tensor>
{
    // Field names are state-dict names: they must stay torchvision's.
    readonly MixedConv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu;
    readonly MaxPool2d maxpool;
    readonly Sequential layer1, layer2, layer3, layer4;
    readonly AdaptiveAvgPool2d avgpool;
    readonly MixedLinear fc;

    /// <summary>Builds a ResNet; blocks gives the number of residual blocks in each of the four stages.</summary>
    public ResNet(int numClasses, int[] blocks, bool bottleneck) : base(nameof(ResNet))
    {
        conv1 = new MixedConv2d(3, 64, 7, stride: 2, padding: 3, bias: false);
        bn1 = new BatchNorm2d(64);
        relu = ReLU(inplace: true);
        maxpool = MaxPool2d(3, stride: 2, padding: 1);
        long channels = 64;
        layer1 = Stage(ref channels, 64, blocks[0], 1, bottleneck);
        layer2 = Stage(ref channels, 128, blocks[1], 2, bottleneck);
        layer3 = Stage(ref channels, 256, blocks[2], 2, bottleneck);
        layer4 = Stage(ref channels, 512, blocks[3], 2, bottleneck);
        avgpool = AdaptiveAvgPool2d(1);
        fc = new MixedLinear(channels, numClasses);
        RegisterComponents();
        TorchvisionInit.Apply(this, init.FanInOut.FanOut, zeroLinearBias: false);
    }

    public static ResNet ResNet18(int numClasses) => new(numClasses, [2, 2, 2, 2], bottleneck: false);
    public static ResNet ResNet34(int numClasses) => new(numClasses, [3, 4, 6, 3], bottleneck: false);
    public static ResNet ResNet50(int numClasses) => new(numClasses, [3, 4, 6, 3], bottleneck: true);
    public static ResNet ResNet101(int numClasses) => new(numClasses, [3, 4, 23, 3], bottleneck: true);
    public static ResNet ResNet152(int numClasses) => new(numClasses, [3, 8, 36, 3], bottleneck: true);

    public override Tensor forward(Tensor input) => fc.call(Features(input));

    /// <summary>The pooled backbone output that the head classifies: (N, channels of layer4).</summary>
    public Tensor Features(Tensor input)
    {
        // Intermediate outputs stay in the caller's dispose scope: a forward hook (CAMs) may hold them.
        var x = maxpool.call(relu.call(bn1.call(conv1.call(input))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return avgpool.call(x).flatten(1);
    }

    static Sequential Stage(ref long channels, long width, int count, long stride, bool bottleneck)
    {
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        for (int i = 0; i < count; i++)
        {
            var block = new ResidualBlock(channels, width, i == 0 ? stride : 1, bottleneck);
            channels = block.OutputChannels;
            blocks.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), block));
        }
        return Sequential(blocks.ToArray());
    }
}
