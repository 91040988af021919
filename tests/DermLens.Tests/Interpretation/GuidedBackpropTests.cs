using DermLens.Interpretation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation;

public class GuidedBackpropTests
{
    // relu(x) -> linear: the plain input gradient of logit c is (x > 0) w_c, negative entries included; the guided
    // one keeps only (x > 0) relu(w_c).
    static Sequential ReluThenLinear()
    {
        random.manual_seed(5);
        return nn.Sequential(("relu", nn.ReLU()), ("flat", nn.Flatten()), ("fc", nn.Linear(3 * 4 * 4, 2)));
    }

    [Fact]
    public void Guided_backprop_zeroes_negative_gradients_at_every_relu()
    {
        using var scope = NewDisposeScope();
        var net = ReluThenLinear();
        random.manual_seed(6);
        var images = randn(2, 3, 4, 4);
        var w = ((Linear)net[2]).weight!.detach();

        var guided = new GuidedBackprop(net).Explain(images, [new ClassTarget(1), new ClassTarget(1)]);

        var open = images.gt(0.0.ToScalar()).to(ScalarType.Float32);
        var expected = open * nn.functional.relu(w[1]).view(1, 3, 4, 4);
        CamTests.AssertClose(expected, guided, 1e-6);
        Assert.True(guided.min().item<float>() >= 0);
        Assert.True(w[1].min().item<float>() < 0, "the test needs negative weights to mean anything");
    }

    [Fact]
    public void The_model_keeps_its_ordinary_backward_after_explaining()
    {
        using var scope = NewDisposeScope();
        var net = ReluThenLinear();
        random.manual_seed(6);
        var images = randn(2, 3, 4, 4);
        new GuidedBackprop(net).Explain(images);

        var input = images.clone().requires_grad_(true);
        var score = net.call(input).select(1, 1).sum();
        var plain = autograd.grad([score], [input])[0];
        Assert.True(plain.min().item<float>() < 0, "hooks left behind would still zero negative gradients");
    }

    [Fact]
    public void Guided_grad_cam_is_guided_backprop_times_the_cam()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var net = nn.Sequential(("conv", nn.Conv2d(3, 4, 3, padding: 1)), ("relu", nn.ReLU()), ("pool", nn.AdaptiveAvgPool2d(1)),
            ("flat", nn.Flatten()), ("fc", nn.Linear(4, 3)));
        var images = TinyCamNet.Images(2);
        var cam = new GradCam(net, "relu");

        var combined = new GuidedGradCam(cam).Explain(images);
        var expected = new GuidedBackprop(net).Explain(images) * cam.Explain(images).unsqueeze(1);

        Assert.Equal([2L, 3, 8, 8], combined.shape);
        CamTests.AssertClose(expected, combined, 1e-6);
        Assert.Equal("guided-gradcam", new GuidedGradCam(cam).Name);
    }
}
