using DermLens.Interpretation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static DermLens.Tests.Interpretation.CamTests;

namespace DermLens.Tests.Interpretation;

public class CamSmoothingTests
{
    static readonly (long, long) Plane = (2, 3);

    /// <summary>Two same-size convolutions whose kernels are unchanged by every flip and quarter turn, then a global pool: turning the input turns every activation and gradient alike.</summary>
    static Sequential SymmetricNet()
    {
        random.manual_seed(4);
        var net = nn.Sequential(("conv1", nn.Conv2d(3, 4, 3, padding: 1)), ("relu", nn.ReLU()), ("conv2", nn.Conv2d(4, 4, 3, padding: 1)),
            ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()), ("fc", nn.Linear(4, 3)));
        using (no_grad())
            foreach (var conv in new[] { (Conv2d)net[0], (Conv2d)net[2] })
            {
                var k = conv.weight!.detach().clone();
                var mirrored = k.flip(-1);
                var sum = zeros_like(k);
                for (var turns = 0; turns < 4; turns++) sum += k.rot90(turns, Plane) + mirrored.rot90(turns, Plane);
                conv.weight!.copy_(sum / 8);
            }
        return net;
    }

    [Theory]
    [InlineData("gradcam", "conv1")]
    [InlineData("layercam", "conv1")]
    [InlineData("hirescam", "conv1+conv2")]
    public void Augmentation_smoothing_of_a_model_that_turns_with_its_input_returns_the_plain_map(string method, string layer)
    {
        using var scope = NewDisposeScope();
        var net = SymmetricNet();
        // Each view's map, turned back, is the plain map only if every view is undone by its own inverse: the image
        // itself is not symmetric.
        var images = TinyCamNet.Images(2, size: 12, seed: 5);
        List<ExplanationTarget> targets = [new ClassTarget(0), new ClassTarget(2)];

        var plain = ExplanationMethods.Create(method, net, layer).Explain(images, targets);
        var smoothed = ExplanationMethods.Create(method, net, layer, CamSmoothing.Augment).Explain(images, targets);

        AssertClose(plain, smoothed, 1e-6);
    }

    [Fact]
    public void Augmentation_smoothing_of_any_model_turns_with_the_input_and_explains_the_untouched_images_prediction()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.CreateTwoStage(seed: 6);
        var images = TinyCamNet.Images(2, size: 12, seed: 7);
        List<ExplanationTarget> targets = [new ClassTarget(1), new ClassTarget(2)];
        var cam = new LayerCam(net, "conv1", CamSmoothing.Augment);

        var smoothed = cam.Explain(images, targets);

        AssertClose(smoothed.flip(-1), cam.Explain(images.flip(-1), targets), 1e-5);
        AssertClose(smoothed.rot90(1, (1, 2)), cam.Explain(images.rot90(1, Plane), targets), 1e-5);
        Assert.True((smoothed - new LayerCam(net, "conv1").Explain(images, targets)).abs().max().item<float>() > 1e-2,
            "smoothing an asymmetric model's map should change it");
        var predicted = net.call(images).argmax(1).data<long>().Select(c => (ExplanationTarget)new ClassTarget((int)c)).ToList();
        AssertClose(cam.Explain(images, predicted), cam.Explain(images), 1e-6);
    }

    [Fact]
    public void Eigen_smoothing_of_rank_one_activations_is_their_spatial_pattern_centred_and_signed_like_the_plain_map()
    {
        using var scope = NewDisposeScope();
        // A 1x1 convolution of a one-channel image p with weights u gives A_k = u_k p: rank one. Pooled and linear, the
        // Grad-CAM weights are w_ck / 64, so the weighted activations are (w_ck u_k / 64) p, and their first principal
        // component over the locations is |w_c . u| / 64 times the centred p, turned to agree with sum_k w_ck u_k p.
        var net = nn.Sequential(("act", nn.Conv2d(1, 4, 1, bias: false)), ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()),
            ("fc", nn.Linear(4, 2)));
        var u = tensor(new[] { 1f, 2f, -1f, 0.5f });
        var w = tensor(new[,] { { 1f, 1f, 1f, 1f }, { -1f, -1f, 0.5f, 0f } });
        using (no_grad())
        {
            ((Conv2d)net[0]).weight!.copy_(u.view(4, 1, 1, 1));
            ((Linear)net[3]).weight!.copy_(w);
        }
        random.manual_seed(9);
        var p = rand(2, 1, 8, 8);
        var centred = p.squeeze(1) - p.mean([2, 3]).view(2, 1, 1);
        var cam = new GradCam(net, "act", CamSmoothing.Eigen);

        for (var c = 0; c < 2; c++)
        {
            var weighted = w[c] * u / 64;
            var sign = (w[c] * u).sum().item<float>() > 0 ? 1 : -1;
            var expected = centred * (sign * weighted.norm().item<float>());
            List<ExplanationTarget> targets = [new ClassTarget(c), new ClassTarget(c)];
            AssertClose(expected, cam.SignedMap(p, targets), 1e-5);
        }
    }

    [Fact]
    public void Smoothing_options_are_read_from_a_comma_separated_list()
    {
        Assert.Equal(CamSmoothing.Augment | CamSmoothing.Eigen, CamSmoothings.Parse("aug, Eigen"));
        Assert.Equal(CamSmoothing.None, CamSmoothings.Parse(null));
        Assert.Equal(CamSmoothing.None, CamSmoothings.Parse("none"));
        var error = Assert.Throws<DermLensException>(() => CamSmoothings.Parse("aug,blur"));
        Assert.Contains("'blur'", error.Message);
        Assert.Contains("eigen", error.Message);
    }
}
