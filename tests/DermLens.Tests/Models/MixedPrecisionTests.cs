using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

public class MixedPrecisionTests
{
    [Fact]
    public void A_bf16_training_step_keeps_fp32_master_weights_gradients_and_batchnorm_statistics()
    {
        torch.random.manual_seed(0);
        using var model = ModelRegistry.Create("resnet18", 3);
        MixedPrecision.Apply(model, Precision.Bf16);
        model.train();
        using var sgd = new MomentumSgd(model.parameters(), 0.01, 0.9, 1e-4);
        using var scope = NewDisposeScope();
        var logits = model.forward(randn(4, 3, 32, 32));
        Assert.Equal(ScalarType.Float32, logits.dtype);
        sgd.ZeroGrad();
        nn.functional.cross_entropy(logits, tensor(new long[] { 0, 1, 2, 0 })).backward();
        sgd.Step();

        Assert.All(model.named_parameters(), p =>
        {
            Assert.Equal(ScalarType.Float32, p.parameter.dtype);
            Assert.Equal(ScalarType.Float32, p.parameter.grad!.dtype);
        });
        Assert.All(model.named_buffers().Where(b => b.name.EndsWith("running_mean") || b.name.EndsWith("running_var")),
            b => Assert.Equal(ScalarType.Float32, b.buffer.dtype));
        // The step updated the statistics (they are not left at their initial zeros / ones).
        var mean = model.named_buffers().First(b => b.name == "bn1.running_mean").buffer;
        Assert.True(mean.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Updates_smaller_than_bf16_resolution_accumulate_in_the_fp32_master_weights()
    {
        using var layer = new MixedLinear(4, 1, bias: false) { ComputeType = ScalarType.BFloat16 };
        using (no_grad()) layer.weight.fill_(1.0);
        using var sgd = new MomentumSgd(layer.parameters(), 1e-4, momentum: 0, weightDecay: 0);
        using var input = ones(1, 4);
        for (int step = 0; step < 10; step++)
        {
            using var scope = NewDisposeScope();
            sgd.ZeroGrad();
            layer.forward(input).sum().backward(); // d/dw = 1 for every weight
            sgd.Step();
        }
        // 1 - 1e-4 is 1 in bf16 (8 bits of mantissa): a bf16 weight would never have moved.
        using (var oneStep = tensor(1f - 1e-4f).to(ScalarType.BFloat16)) Assert.Equal(1f, oneStep.to(ScalarType.Float32).item<float>());
        Assert.All(layer.weight.data<float>().ToArray(), w => Assert.Equal(1 - 10 * 1e-4, w, 1e-6));
    }

    [Fact]
    public void A_bf16_network_computes_close_to_the_fp32_one_and_fp32_undoes_it()
    {
        torch.random.manual_seed(1);
        using var model = ModelRegistry.Create("densenet121", 4);
        model.eval();
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 64, 64);
        var fp32 = model.forward(input).detach();
        MixedPrecision.Apply(model, Precision.Bf16);
        Assert.All(model.modules().OfType<MixedPrecisionLayer>(), l => Assert.Equal(ScalarType.BFloat16, l.ComputeType));
        var bf16 = model.forward(input).detach();
        MixedPrecision.Apply(model, Precision.Fp32);
        var again = model.forward(input).detach();

        Assert.True(again.allclose(fp32, rtol: 1e-5, atol: 1e-6), "fp32 after bf16 should compute as before");
        // bf16 rounds each layer's inputs to about 3 significant digits; the logits move by a few percent of their spread.
        double spread = fp32.std().item<float>();
        double error = bf16.sub(fp32).abs().max().item<float>();
        Assert.True(error < 0.1 * spread, $"bf16 logits differ by {error:G3}, spread {spread:G3}");
        Assert.False(bf16.eq(fp32).all().item<bool>(), "bf16 should really compute in bf16");
    }

    [Fact]
    public void Weights_stored_in_bf16_for_inference_score_as_the_casts_did_and_still_give_gradients()
    {
        torch.random.manual_seed(2);
        using var model = ModelRegistry.Create("resnet18", 3);
        model.eval();
        ChannelsLast.Apply(model);
        using var scope = NewDisposeScope();
        var input = randn(2, 3, 32, 32);
        MixedPrecision.Apply(model, Precision.Bf16);
        var cast = model.forward(input).detach();
        MixedPrecision.ApplyForInference(model, Precision.Bf16);
        var stored = model.forward(input);

        Assert.Equal(ScalarType.Float32, stored.dtype);
        Assert.True(stored.detach().eq(cast).all().item<bool>(), "the stored weights are the values each pass cast to");
        Assert.All(model.modules().OfType<MixedPrecisionLayer>(), layer =>
        {
            Assert.Equal(ScalarType.BFloat16, layer.weight.dtype);
            Assert.True(layer.weight.requires_grad);
        });
        Assert.All(model.modules().OfType<MixedConv2d>(), conv => Assert.True(ChannelsLast.IsChannelsLast(conv.weight)));
        // Grad-CAM and its kin need the activations in the autograd graph, which the weights' requires_grad keeps there.
        stored[0, 1].backward();
        Assert.NotNull(model.named_parameters().First(p => p.name == "conv1.weight").parameter.grad);
        Assert.Throws<InvalidOperationException>(() => MixedPrecision.Apply(model, Precision.Fp32));
    }

    [Fact]
    public void Storing_for_inference_in_fp32_leaves_the_weights_as_they_are()
    {
        torch.random.manual_seed(3);
        using var model = ModelRegistry.Create("resnet18", 3);
        var before = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        MixedPrecision.ApplyForInference(model, Precision.Fp32);
        Assert.All(model.named_parameters(), p => Assert.Same(before[p.name], p.parameter));
        MixedPrecision.Apply(model, Precision.Bf16); // still free to change
    }

    [Fact]
    public void Networks_with_layers_of_another_kind_are_refused_in_bf16_and_given_fp32_by_auto()
    {
        using var model = nn.Sequential(("conv", nn.Conv2d(3, 4, 3)), ("flat", nn.Flatten()));
        var error = Assert.Throws<DermLensException>(() => MixedPrecision.Apply(model, Precision.Bf16));
        Assert.Contains("'conv'", error.Message);
        Assert.Contains("--precision fp32", error.Message);
        Assert.Equal(Precision.Fp32, PrecisionChoice.ResolveFor(model, "auto", CPU));
        Assert.Throws<DermLensException>(() => MixedPrecision.Apply(model, PrecisionChoice.ResolveFor(model, "bf16", CPU)));
    }

    [Fact]
    public void Registry_networks_keep_the_state_dict_names_and_initialisation_of_torch_layers()
    {
        using var model = ModelRegistry.Create("resnet18", 5);
        var names = model.state_dict().Keys.ToHashSet();
        Assert.Contains("conv1.weight", names);
        Assert.Contains("fc.weight", names);
        Assert.Contains("fc.bias", names);
        Assert.DoesNotContain("conv1.bias", names);

        // torch.nn.Linear's initialisation: weight and bias uniform in +-1/sqrt(fan_in).
        torch.random.manual_seed(3);
        using var ours = new MixedLinear(64, 8);
        torch.random.manual_seed(3);
        using var theirs = nn.Linear(64, 8);
        Assert.True(ours.weight.eq(theirs.weight!).all().item<bool>(), "same draws as torch.nn.Linear");
        Assert.True(ours.bias!.eq(theirs.bias!).all().item<bool>());
    }
}
