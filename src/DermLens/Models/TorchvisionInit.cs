using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>Torchvision's weight initialisation: Kaiming-normal convolutions, unit BatchNorm, optionally zero linear biases.</summary>
internal static class TorchvisionInit
{
    public static void Apply(Module model, init.FanInOut convMode, bool zeroLinearBias)
    {
        using var noGrad = no_grad();
        foreach (var module in model.modules())
        {
            switch (module)
            {
                case MixedConv2d conv:
                    init.kaiming_normal_(conv.weight, mode: convMode);
                    break;
                case BatchNorm2d norm:
                    init.constant_(norm.weight, 1);
                    init.constant_(norm.bias, 0);
                    break;
                case MixedLinear linear when zeroLinearBias:
                    init.constant_(linear.bias, 0);
                    break;
            }
        }
    }
}
