using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

public class ChannelsLastTests
{
    [Fact]
    public void A_channels_last_network_computes_what_the_contiguous_one_does()
    {
        using var model = ModelRegistry.Create("resnet18", 3);
        model.eval();
        using var input = randn(2, 3, 48, 48);
        using var before = model.forward(input).detach();
        ChannelsLast.Apply(model);
        Assert.All(model.modules().OfType<MixedConv2d>(), conv => Assert.True(ChannelsLast.IsChannelsLast(conv.weight)));
        using var after = model.forward(input).detach();
        Assert.True(after.allclose(before, rtol: 1e-4, atol: 1e-4), $"max difference {(after - before).abs().max().item<float>()}");
    }

    [Fact]
    public void Layer_groups_hand_out_the_parameters_the_model_holds_after_a_format_change()
    {
        using var model = ModelRegistry.Create("resnet18", 3);
        var info = ModelRegistry.Get("resnet18");
        var groups = new LayerGroups(model, info.LayerGroups.Length, info.GroupOf);
        ChannelsLast.Apply(model);
        // An optimizer built from stale Parameter objects would step tensors the model no longer uses.
        var current = model.parameters().Select(p => p.Handle).ToHashSet();
        Assert.All(groups.Parameters.SelectMany(g => g), p => Assert.Contains(p.Handle, current));
    }

    [Fact]
    public void A_channels_last_model_and_its_optimizer_state_save_and_load_exactly()
    {
        var folder = Directory.CreateTempSubdirectory("dermlens-cl-").FullName;
        try
        {
            using var model = ModelRegistry.Create("resnet18", 3);
            ChannelsLast.Apply(model);
            using var sgd = new MomentumSgd(model.parameters(), 0.1, 0.9, 1e-4);
            model.train();
            using (var scope = NewDisposeScope())
            {
                sgd.ZeroGrad();
                model.forward(randn(2, 3, 32, 32)).sum().backward();
                sgd.Step();
            }
            Checkpoint.Save(model, Path.Combine(folder, "model.pt"));
            sgd.SaveState(Path.Combine(folder, "optimizer.bin"));

            using var restored = ModelRegistry.Create("resnet18", 3);
            Checkpoint.LoadInto(restored, Path.Combine(folder, "model.pt"));
            var expected = model.state_dict();
            foreach (var (name, tensor) in restored.state_dict())
                Assert.True(tensor.equal(expected[name]).all().item<bool>(), $"{name} differs after loading");

            // The resumed optimizer must take the same next step: same momentum, same weights after it.
            ChannelsLast.Apply(restored);
            using var resumedSgd = new MomentumSgd(restored.parameters(), 0.1, 0.9, 1e-4);
            resumedSgd.LoadState(Path.Combine(folder, "optimizer.bin"));
            using var batch = randn(2, 3, 32, 32);
            foreach (var (net, opt) in new[] { (model, sgd), (restored, resumedSgd) })
            {
                using var scope = NewDisposeScope();
                opt.ZeroGrad();
                net.forward(batch).sum().backward();
                opt.Step();
            }
            expected = model.state_dict();
            foreach (var (name, tensor) in restored.state_dict())
                Assert.True(tensor.allclose(expected[name], rtol: 1e-5, atol: 1e-6), $"{name} differs after a resumed step");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
