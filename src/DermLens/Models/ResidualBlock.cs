using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>A ResNet block (basic: two 3x3 convs; bottleneck: 1x1-3x3-1x1) with torchvision's module names.</summary>
internal sealed class ResidualBlock : Module<Tensor, Tensor>
{
    // A static Scalar is always reachable. TorchSharp's add_(tensor) converts 1 to a temporary Scalar the
    // GC may finalise while libtorch still reads it, which crashed training here at random.
    static readonly Scalar One = 1.ToScalar();

    // Field names are state-dict names: they must stay torchvision's.
    readonly MixedConv2d conv1, conv2;
    readonly BatchNorm2d bn1, bn2;
    readonly MixedConv2d? conv3;
    readonly BatchNorm2d? bn3;
    readonly ReLU relu;
    readonly Sequential? downsample;

    public ResidualBlock(long inputChannels, long width, long stride, bool bottleneck) : base(nameof(ResidualBlock))
    {
        long output = bottleneck ? width * 4 : width;
        if (bottleneck)
        {
            // torchvision's ResNet v1.5: the stride sits on the 3x3 convolution.
            conv1 = new MixedConv2d(inputChannels, width, 1, bias: false);
            conv2 = new MixedConv2d(width, width, 3, stride: stride, padding: 1, bias: false);
            conv3 = new MixedConv2d(width, output, 1, bias: false);
            bn3 = new BatchNorm2d(output);
        }
        else
        {
            conv1 = new MixedConv2d(inputChannels, width, 3, stride: stride, padding: 1, bias: false);
            conv2 = new MixedConv2d(width, width, 3, padding: 1, bias: false);
        }
        bn1 = new BatchNorm2d(width);
        bn2 = new BatchNorm2d(width);
        relu = ReLU(inplace: true);
        if (stride != 1 || inputChannels != output)
            downsample = Sequential(("0", new MixedConv2d(inputChannels, output, 1, stride: stride, bias: false)), ("1", new BatchNorm2d(output)));
        OutputChannels = output;
        RegisterComponents();
    }

    public long OutputChannels { get; }

    public override Tensor forward(Tensor input)
    {
        var x = relu.call(bn1.call(conv1.call(input)));
        x = bn2.call(conv2.call(x));
        if (conv3 != null) x = bn3!.call(conv3.call(relu.call(x)));
        var identity = downsample?.call(input) ?? input;
        return relu.call(x.add_(identity, One));
    }
}
