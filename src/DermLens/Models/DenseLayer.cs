using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>One DenseNet bottleneck layer (BN-ReLU-1x1 conv, BN-ReLU-3x3 conv) producing growthRate new feature maps; names match torchvision's _DenseLayer.</summary>
sealed class DenseLayer : Module<Tensor, Tensor>
{
    // Field names are the module names in the state dict, so they must stay torchvision's.
    readonly BatchNorm2d norm1;
    readonly ReLU relu1;
    readonly MixedConv2d conv1;
    readonly BatchNorm2d norm2;
    readonly ReLU relu2;
    readonly MixedConv2d conv2;

    public DenseLayer(long inputFeatures, long growthRate, long bottleneckSize) : base(nameof(DenseLayer))
    {
        norm1 = new BatchNorm2d(inputFeatures);
        relu1 = ReLU();
        conv1 = new MixedConv2d(inputFeatures, bottleneckSize * growthRate, kernelSize: 1, bias: false);
        norm2 = new BatchNorm2d(bottleneckSize * growthRate);
        relu2 = ReLU();
        conv2 = new MixedConv2d(bottleneckSize * growthRate, growthRate, kernelSize: 3, padding: 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor concatenated)
    {
        // Submodule outputs are left to the caller's dispose scope: a forward hook (CAMs) may hold them.
        var bottleneck = conv1.call(relu1.call(norm1.call(concatenated)));
        return conv2.call(relu2.call(norm2.call(bottleneck)));
    }
}
