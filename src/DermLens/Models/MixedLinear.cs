using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DermLens.Models;

/// <summary>
/// A linear layer (torch.nn.Linear's parameters and initialisation) that computes in its
/// <see cref="MixedPrecisionLayer.ComputeType"/> and returns its output in the masters' type: it is the classifier
/// head, and the loss and softmax after it want fp32, as autocast runs them.
/// </summary>
public sealed class MixedLinear : MixedPrecisionLayer
{
    public MixedLinear(long inputFeatures, long outputFeatures, bool bias = true)
        : base(nameof(MixedLinear), [outputFeatures, inputFeatures], inputFeatures, bias) { }

    public override Tensor forward(Tensor input)
    {
        var w = weight;
        var b = bias;
        var output = F.linear(InComputeType(input), InComputeType(w), b is null ? null : InComputeType(b));
        return output.dtype == MasterType ? output : output.to(MasterType);
    }
}
