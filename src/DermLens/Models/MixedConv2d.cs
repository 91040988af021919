using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DermLens.Models;

/// <summary>A 2-D convolution (square kernel, torch.nn.Conv2d's parameters and initialisation) that computes in its <see cref="MixedPrecisionLayer.ComputeType"/>.</summary>
public sealed class MixedConv2d : MixedPrecisionLayer
{
    readonly long[] _stride, _padding;

    public MixedConv2d(long inputChannels, long outputChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
        : base(nameof(MixedConv2d), [outputChannels, inputChannels, kernelSize, kernelSize], inputChannels * kernelSize * kernelSize, bias)
    {
        _stride = [stride, stride];
        _padding = [padding, padding];
    }

    /// <summary>The stride, the same along both sides.</summary>
    public long Stride => _stride[0];

    /// <summary>The zero padding on each side, the same along both sides.</summary>
    public long Padding => _padding[0];

    /// <summary>Output in the compute type: the next layers (BatchNorm, ReLU, pooling) run in it too.</summary>
    public override Tensor forward(Tensor input)
    {
        var b = bias;
        return F.conv2d(InComputeType(input), InComputeType(weight), b is null ? null : InComputeType(b), strides: _stride, padding: _padding);
    }
}
