using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Interpretation;

/// <summary>Holds the output of one module from the latest forward pass, through a forward hook removed on dispose.</summary>
internal sealed class ActivationCapture : IDisposable
{
    readonly HookableModule<Func<Module<Tensor, Tensor>, Tensor, Tensor>,
        Func<Module<Tensor, Tensor>, Tensor, Tensor, Tensor>>.HookRemover remover;

    public ActivationCapture(Module<Tensor, Tensor> layer)
    {
        remover = layer.register_forward_hook((_, _, output) =>
        {
            Activation = output;
            // A Sequential disposes each child's output once the next child has used it. The rest of the network
            // gets an alias (a view in the autograd graph) instead, so the tensor kept here stays valid and still
            // lies on the path from the input to the logits.
            return output.alias();
        });
    }

    /// <summary>The target layer's output from the latest forward pass, or null before one.</summary>
    public Tensor? Activation { get; private set; }

    public void Dispose() => remover.remove();
}
