using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

public class BatchNormTests
{
    [Fact]
    public void Matches_torchsharps_batchnorm_in_training_and_eval_and_counts_batches()
    {
        using var scope = NewDisposeScope();
        var ours = new DermLens.Models.BatchNorm2d(3);
        var reference = nn.BatchNorm2d(3);
        Assert.Equal(reference.state_dict().Keys.Order(), ours.state_dict().Keys.Order());

        var x = randn(4, 3, 5, 5);
        for (int i = 0; i < 3; i++) Assert.True(ours.forward(x).allclose(reference.forward(x), 1e-5, 1e-6));
        Assert.Equal(3L, ours.num_batches_tracked!.item<long>());
        Assert.True(ours.running_mean!.allclose(reference.running_mean!, 1e-5, 1e-6));

        ours.eval(); reference.eval();
        Assert.True(ours.forward(x).allclose(reference.forward(x), 1e-5, 1e-6));
        Assert.Equal(3L, ours.num_batches_tracked!.item<long>());
    }
}
