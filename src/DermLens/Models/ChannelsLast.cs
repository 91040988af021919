using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Models;

/// <summary>
/// Puts a network's convolution weights in channels-last (NHWC) memory order, PyTorch's channels_last: oneDNN's
/// convolutions are then faster on the CPU, and every convolution's output keeps that order, so inputs need no change.
/// </summary>
public static class ChannelsLast
{
    /// <summary>
    /// Gives every 2-D convolution a weight of its own with NHWC strides (same values and requires_grad). Parameters are
    /// replaced, so build optimizers afterwards. Saving needs contiguous copies (<see cref="Checkpoint"/> makes them).
    /// </summary>
    public static void Apply(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case MixedConv2d conv when !IsChannelsLast(conv.weight):
                    conv.weight = new Parameter(Copy(conv.weight), conv.weight.requires_grad);
                    break;
                // TorchSharp's own, in networks built outside the registry.
                case Conv2d conv when !IsChannelsLast(conv.weight!):
                    conv.weight = new Parameter(Copy(conv.weight!), conv.weight!.requires_grad);
                    break;
            }
        }
    }

    /// <summary>Whether a 4-D tensor has NHWC strides (channels innermost).</summary>
    public static bool IsChannelsLast(Tensor t) =>
        t.dim() == 4 && t.stride(1) == 1 && t.stride(3) == t.shape[1] && t.stride(2) == t.shape[1] * t.shape[3];

    // TorchSharp has no memory_format argument for contiguous() or Module.to(); a tensor allocated with NHWC strides
    // (not a permuted view, which in-place optimizer updates would trip over) is what PyTorch's channels_last is.
    static Tensor Copy(Tensor t)
    {
        long c = t.shape[1], h = t.shape[2], w = t.shape[3];
        var result = empty_strided(t.shape, [h * w * c, 1, w * c, c], dtype: t.dtype, device: t.device);
        result.copy_(t);
        return result;
    }
}
