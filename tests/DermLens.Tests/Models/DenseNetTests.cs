using DermLens.Models;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

public class DenseNetTests
{
    [Fact]
    public void Forward_gives_one_logit_per_class_and_backpropagates()
    {
        using var scope = NewDisposeScope();
        using var model = DenseNet.DenseNet121(4);
        var input = rand(2, 3, 32, 32);

        var logits = model.forward(input);
        logits.sum().backward();

        Assert.Equal([2L, 4L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        var firstConv = model.named_parameters().First(p => p.name == "features.conv0.weight").parameter;
        Assert.True(firstConv.grad is not null && firstConv.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Initialisation_follows_torchvision()
    {
        using var scope = NewDisposeScope();
        using var model = DenseNet.DenseNet121(3);
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);

        var norm = (DermLens.Models.BatchNorm2d)modules["features.denseblock2.denselayer3.norm1"];
        Assert.Equal(1f, norm.weight!.min().item<float>());
        Assert.Equal(1f, norm.weight!.max().item<float>());
        Assert.Equal(0f, norm.bias!.abs().max().item<float>());
        var classifier = (MixedLinear)modules["classifier"];
        Assert.Equal(0f, classifier.bias!.abs().max().item<float>());

        // Kaiming normal, fan-in mode: std = sqrt(2 / fan_in); conv1 of denselayer1 in block 3 has fan_in 256.
        var conv = (MixedConv2d)modules["features.denseblock3.denselayer1.conv1"];
        var std = conv.weight!.std().item<float>();
        Assert.InRange(std, 0.9 * Math.Sqrt(2.0 / 256), 1.1 * Math.Sqrt(2.0 / 256));
    }

    [Fact]
    public void Eval_mode_is_deterministic_and_batch_independent()
    {
        using var scope = NewDisposeScope();
        using var model = DenseNet.DenseNet121(3);
        model.eval();
        var input = rand(2, 3, 32, 32);

        using var noGrad = no_grad();
        var together = model.forward(input);
        var alone = model.forward(input[1..2]);

        Assert.True(together[1..2].allclose(alone, rtol: 1e-4, atol: 1e-5));
    }
}
