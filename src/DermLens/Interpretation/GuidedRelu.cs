using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace DermLens.Interpretation;

/// <summary>
/// ReLU whose backward pass lets a gradient through only where both the input and the gradient are positive
/// (Springenberg et al. 2015): a custom autograd function, so the rule holds whatever module applies it.
/// </summary>
internal sealed class GuidedRelu : SingleTensorFunction<GuidedRelu>
{
    static readonly Scalar Zero = 0.ToScalar();

    public override string Name => nameof(GuidedRelu);

    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var input = (Tensor)vars[0];
        ctx.save_for_backward([input]);
        return nn.functional.relu(input);
    }

    public override List<Tensor> backward(AutogradContext ctx, Tensor gradOutput)
    {
        using var input = ctx.get_saved_variables()[0];
        using var open = input.gt(Zero);
        using var positive = nn.functional.relu(gradOutput);
        return [positive.mul(open)];
    }
}
