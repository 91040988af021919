using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>
/// Guided Backpropagation: the gradient of the target with respect to the input pixels (N, 3, H, W), with every
/// ReLU module's backward replaced by <see cref="GuidedRelu"/>. The replacement is a forward hook that runs the
/// module's output through the guided function, installed only while explaining. Our architectures apply every
/// ReLU through a module (DenseNet's last one included), so none is missed; a functional relu in another model
/// would keep its ordinary backward.
/// </summary>
public sealed class GuidedBackprop(Module<Tensor, Tensor> model) : Explainer(model)
{
    public override string Name => "guided";

    protected override Tensor ExplainBatch(Tensor images, IReadOnlyList<ExplanationTarget>? targets)
    {
        var removers = new List<HookableModule<Func<Module<Tensor, Tensor>, Tensor, Tensor>,
            Func<Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover>();
        try
        {
            foreach (var (_, module) in Model.named_modules())
                if (module is ReLU relu)
                    // The output already equals relu(input), also for in-place ReLUs, so the guided function gives the
                    // same values; its backward masks with output > 0, which is input > 0.
                    removers.Add(relu.register_forward_hook((_, _, output) => GuidedRelu.apply(output)));
            var input = images.detach().requires_grad_(true);
            var logits = Model.call(input);
            return GradientOf(TargetScore(logits, targets), input);
        }
        finally
        {
            foreach (var remover in removers) remover.remove();
        }
    }
}
