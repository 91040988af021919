using DermLens.Interpretation;
using DermLens.Models;
using static TorchSharp.torch;
using static DermLens.Tests.Interpretation.CamTests;

namespace DermLens.Tests.Interpretation;

public class FusedLayerTests
{
    [Fact]
    public void A_fused_map_is_the_rescaled_maximum_of_each_layers_own_map()
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.CreateTwoStage();
        var images = TinyCamNet.Images(3, size: 16);
        List<ExplanationTarget> targets = [new ClassTarget(0), new ClassTarget(1), new ClassTarget(2)];
        var fused = new LayerCam(net, "conv1+conv2");

        var fine = new LayerCam(net, "conv1").Explain(images, targets);
        var coarse = new LayerCam(net, "conv2").Explain(images, targets);
        var maximum = fine.maximum(coarse);
        var (low, high) = (maximum.amin([1, 2], keepdim: true), maximum.amax([1, 2], keepdim: true));

        var raw = fused.SignedMaps(images, targets);
        Assert.Equal([[3L, 16, 16], [3L, 8, 8]], raw.Select(m => m.shape));
        AssertClose((maximum - low) / (high - low), fused.Explain(images, targets), 1e-6);
        Assert.Throws<DermLensException>(() => fused.SignedMap(images, targets));
    }

    [Theory]
    [InlineData("gradcam")]
    [InlineData("layercam")]
    public void Fusing_a_layer_with_itself_gives_that_layers_map(string method)
    {
        using var scope = NewDisposeScope();
        var net = TinyCamNet.CreateTwoStage(seed: 2);
        var images = TinyCamNet.Images(2, size: 16, seed: 3);

        var single = ExplanationMethods.Create(method, net, "conv2").Explain(images);
        var twice = ExplanationMethods.Create(method, net, "conv2+conv2").Explain(images);

        AssertClose(single, twice, 1e-6);
    }

    public static TheoryData<string> AllNames() => new(ModelRegistry.Names);

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Each_architecture_fuses_a_stage_at_twice_the_resolution_with_its_last(string name)
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get(name);
        random.manual_seed(0);
        using var model = arch.Create(3);
        var cam = new LayerCam(model, TargetLayer.NameFor(arch, "fused"));

        var images = randn(1, 3, 64, 64);
        var raw = cam.SignedMaps(images, [new ClassTarget(1)]);
        var map = cam.Explain(images, [new ClassTarget(1)]);

        Assert.Equal(arch.FusedTargetLayers, cam.TargetLayerName);
        Assert.EndsWith(TargetLayer.Separator + arch.TargetLayer, arch.FusedTargetLayers);
        // Strides 16 and 32: 4x4 and 2x2 on a 64-px input.
        Assert.Equal([[1L, 4, 4], [1L, 2, 2]], raw.Select(m => m.shape));
        Assert.Equal([1L, 64, 64], map.shape);
        Assert.True(map.isfinite().all().item<bool>());
    }

    [Fact]
    public void A_spec_with_an_empty_or_unknown_part_is_named()
    {
        using var model = ModelRegistry.Create("resnet18", 3);

        var empty = Assert.Throws<DermLensException>(() => new GradCam(model, "layer3+"));
        Assert.Contains("'layer3+'", empty.Message);
        var unknown = Assert.Throws<DermLensException>(() => new GradCam(model, "layer3+layer9"));
        Assert.Contains("'layer9'", unknown.Message);
    }
}
