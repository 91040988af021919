using DermLens.Interpretation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static DermLens.Tests.Interpretation.CamTests;

namespace DermLens.Tests.Interpretation;

public class ElementwiseCamTests
{
    // A flattened linear head: d logit_c / d A_k(i,j) = W[c, k, i, j], a different weight at every location.
    static (Sequential Net, Tensor Images, Tensor Activations, Tensor W) FlatHead()
    {
        var net = TinyCamNet.CreateFlatHead(seed: 5);
        var images = TinyCamNet.Images(2, seed: 6);
        var activations = TinyCamNet.Activations(net, images);
        var w = ((Linear)net[2]).weight!.detach().view(3, 4, 8, 8);
        return (net, images, activations, w);
    }

    static List<ExplanationTarget> Both(int c) => [new ClassTarget(c), new ClassTarget(c)];

    [Fact]
    public void Hires_cam_is_the_gradient_times_activation_summed_over_channels_and_adds_up_to_the_logit()
    {
        using var scope = NewDisposeScope();
        var (net, images, activations, w) = FlatHead();
        var cam = new HiResCam(net, "conv");

        for (var c = 0; c < 3; c++)
        {
            var expected = activations.mul(w[c].unsqueeze(0)).sum(1);
            var map = cam.SignedMap(images, Both(c));
            AssertClose(expected, map, 1e-5);
            // Faithful by construction: for a linear head the map's cells sum to the logit without its bias.
            var logits = net.call(images).detach();
            var bias = ((Linear)net[2]).bias![c].item<float>();
            AssertClose(logits.select(1, c).sub(bias.ToScalar()), map.sum([1, 2]), 1e-4);
        }
        // Grad-CAM averages the same gradients per channel: a different map here.
        var gradCam = new GradCam(net, "conv").SignedMap(images, Both(0));
        Assert.True((gradCam - cam.SignedMap(images, Both(0))).abs().max().item<float>() > 1e-3);
    }

    [Fact]
    public void Layer_cam_weights_each_activation_by_its_positive_gradient()
    {
        using var scope = NewDisposeScope();
        var (net, images, activations, w) = FlatHead();
        var cam = new LayerCam(net, "conv");

        for (var c = 0; c < 3; c++)
        {
            var expected = activations.mul(nn.functional.relu(w[c]).unsqueeze(0)).sum(1);
            AssertClose(expected, cam.SignedMap(images, Both(c)), 1e-5);

            // ReLU, then per image to 0..1; 8-px activations on 8-px images need no upsampling.
            var relu = nn.functional.relu(expected);
            var low = relu.amin([1, 2], keepdim: true);
            var high = relu.amax([1, 2], keepdim: true);
            AssertClose((relu - low) / (high - low), cam.Explain(images, Both(c)), 1e-5);
        }
    }

    [Fact]
    public void Layer_cam_of_a_contrast_keeps_only_locations_that_favour_the_first_class()
    {
        using var scope = NewDisposeScope();
        var (net, images, activations, w) = FlatHead();
        var contrast = new List<ExplanationTarget> { new ContrastTarget(0, 1), new ContrastTarget(0, 1) };

        var expected = activations.mul(nn.functional.relu(w[0] - w[1]).unsqueeze(0)).sum(1);

        AssertClose(expected, new LayerCam(net, "conv").SignedMap(images, contrast), 1e-5);
    }
}
