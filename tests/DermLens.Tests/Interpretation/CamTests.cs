using DermLens.Interpretation;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation;

public class CamTests
{
    [Fact]
    public void Grad_cam_equals_the_hand_computed_cam_of_a_pooled_linear_head()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        var images = TinyCamNet.Images(3);
        var activations = TinyCamNet.Activations(net, images);
        var w = TinyCamNet.HeadWeights(net);
        var cam = new GradCam(net, "conv");

        for (var c = 0; c < 3; c++)
        {
            var targets = Enumerable.Repeat<ExplanationTarget>(new ClassTarget(c), 3).ToList();
            // d logit_c / d A_k(i,j) = w_ck / (h w) everywhere, so Grad-CAM's channel weight is w_ck / 64.
            var expected = activations.mul(w[c].view(1, 4, 1, 1)).sum(1).div(64.0.ToScalar());
            AssertClose(expected, cam.SignedMap(images, targets), 1e-5);

            // ReLU, then per image to 0..1; 8-px activations on 8-px images need no upsampling.
            var relu = nn.functional.relu(expected);
            var low = relu.amin([1, 2], keepdim: true);
            var high = relu.amax([1, 2], keepdim: true);
            AssertClose((relu - low) / (high - low), cam.Explain(images, targets), 1e-5);
        }
    }

    [Fact]
    public void Grad_cam_plus_plus_follows_its_closed_form_when_gradients_are_constant()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create(seed: 3);
        var images = TinyCamNet.Images(2, seed: 4);
        var activations = TinyCamNet.Activations(net, images);
        var w = TinyCamNet.HeadWeights(net);
        var targets = new List<ExplanationTarget> { new ClassTarget(1), new ClassTarget(1) };

        // Every location has gradient g_k = w_1k / 64, so alpha_k = g^2 / (2 g^2 + sum(A_k) g^3) and the weight is
        // 64 relu(g_k) alpha_k.
        var g = w[1].div(64.0.ToScalar()).view(1, 4);
        var sums = activations.sum([2, 3]);
        var alpha = g.square() / (g.square() * 2 + sums * g.pow(3) + 1e-6);
        var weights = nn.functional.relu(g) * alpha * 64;
        var expected = activations.mul(weights.view(2, 4, 1, 1)).sum(1);

        AssertClose(expected, new GradCamPlusPlus(net, "conv").SignedMap(images, targets), 1e-4);
    }

    [Fact]
    public void A_target_layer_with_a_single_cell_gives_a_flat_map_not_stretched_rounding_noise()
    {
        using var scope = NewDisposeScope();
        // 32-px images leave ResNet-18's layer4 with 1x1 cells: the CAM is one value spread over the image.
        using var model = DermLens.Models.ModelRegistry.Create("resnet18", 3);
        var maps = new GradCam(model, "layer4").Explain(randn(2, 3, 32, 32));
        Assert.True(maps.max().item<float>() < 0.01f, $"a flat CAM was scaled up to {maps.max().item<float>()}");
    }

    [Fact]
    public void Contrastive_cam_is_the_cam_of_class_a_minus_that_of_class_b()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        var images = TinyCamNet.Images(2);
        var cam = new GradCam(net, "conv");
        List<ExplanationTarget> All(ExplanationTarget t) => [t, t];

        var contrast = cam.SignedMap(images, All(new ContrastTarget(0, 2)));
        var difference = cam.SignedMap(images, All(new ClassTarget(0))) - cam.SignedMap(images, All(new ClassTarget(2)));

        AssertClose(difference, contrast, 1e-6);
        Assert.True(contrast.abs().max().item<float>() > 1e-3, "the contrast map should not be trivially zero");
    }

    [Fact]
    public void Logit_targets_ignore_the_other_classes_so_cross_entropy_and_bce_models_read_alike()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        var other = TinyCamNet.Create();
        // Same body and class-0 row, different rows for the other classes: a softmax-probability target would mix
        // those rows in; the logit, which both losses train (softmax and sigmoid are monotone in it), does not.
        using (no_grad())
        {
            ((TorchSharp.Modules.Linear)other[3]).weight![1].mul_(3.0.ToScalar());
            ((TorchSharp.Modules.Linear)other[3]).weight![2].mul_((-2.0).ToScalar());
        }
        var images = TinyCamNet.Images(2);
        var targets = new List<ExplanationTarget> { new ClassTarget(0), new ClassTarget(0) };

        AssertClose(new GradCam(net, "conv").Explain(images, targets), new GradCam(other, "conv").Explain(images, targets), 1e-6);
    }

    [Fact]
    public void Without_targets_each_image_is_explained_for_its_predicted_class()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        var images = TinyCamNet.Images(4);
        var predicted = net.call(images).argmax(1).data<long>().ToArray();
        var cam = new GradCam(net, "conv");

        var targets = predicted.Select(c => (ExplanationTarget)new ClassTarget((int)c)).ToList();
        AssertClose(cam.Explain(images, targets), cam.Explain(images), 1e-6);
    }

    [Fact]
    public void Batching_does_not_change_the_maps_and_they_lie_in_0_to_1()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.Create();
        var images = TinyCamNet.Images(5, size: 12);
        var cam = new GradCamPlusPlus(net, "conv");

        var whole = cam.Explain(images, batchSize: 5);
        AssertClose(whole, cam.Explain(images, batchSize: 2), 1e-6);
        Assert.Equal([5L, 12, 12], whole.shape);
        Assert.True(whole.min().item<float>() >= 0 && whole.max().item<float>() <= 1 + 1e-6);
    }

    [Fact]
    public void Bad_targets_are_reported()
    {
        using var scope = NewDisposeScope();
        var cam = new GradCam(TinyCamNet.Create(), "conv");
        var images = TinyCamNet.Images(2);

        var range = Assert.Throws<DermLensException>(() => cam.Explain(images, [new ClassTarget(3), new ClassTarget(0)]));
        Assert.Contains("3 classes", range.Message);
        var count = Assert.Throws<DermLensException>(() => cam.Explain(images, [new ClassTarget(0)]));
        Assert.Contains("1 explanation targets", count.Message);
    }

    internal static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var gap = (expected.cpu() - actual.cpu()).abs().max().item<float>();
        Assert.True(gap <= tolerance, $"maps differ by up to {gap}");
    }
}
