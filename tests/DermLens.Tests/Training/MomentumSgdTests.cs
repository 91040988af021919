using DermLens.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace DermLens.Tests.Training;

public class MomentumSgdTests
{
    [Fact]
    public void Two_steps_match_pytorch_sgd_with_momentum_and_weight_decay()
    {
        // loss = 3 * w  => gradient 3. PyTorch: d = g + wd*w; buf = d (first), buf = m*buf + d; w -= lr*buf.
        var w = new Parameter(torch.tensor(new[] { 2.0f }));
        using var sgd = new MomentumSgd([w], learningRate: 0.1, momentum: 0.9, weightDecay: 0.5);
        double expectedW = 2, buffer = 0;
        for (int step = 0; step < 2; step++)
        {
            sgd.ZeroGrad();
            (w * 3).sum().backward();
            sgd.Step();
            double d = 3 + 0.5 * expectedW;
            buffer = step == 0 ? d : 0.9 * buffer + d;
            expectedW -= 0.1 * buffer;
        }
        Assert.Equal(expectedW, w.item<float>(), 5);
    }

    [Fact]
    public void Each_group_moves_at_its_own_learning_rate()
    {
        var a = new Parameter(torch.tensor(new[] { 1.0f }));
        var b = new Parameter(torch.tensor(new[] { 1.0f }));
        using var sgd = new MomentumSgd([[a], [b]], learningRate: 0.1, momentum: 0, weightDecay: 0);
        sgd.LearningRates[0] = 0.01;
        (a + b).sum().backward();
        sgd.Step();
        Assert.Equal(0.99f, a.item<float>(), 5);
        Assert.Equal(0.9f, b.item<float>(), 5);
    }
}
