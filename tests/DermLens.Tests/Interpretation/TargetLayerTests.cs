using DermLens.Interpretation;
using DermLens.Models;
using static TorchSharp.torch;

namespace DermLens.Tests.Interpretation;

public class TargetLayerTests
{
    public static TheoryData<string> AllNames() => new(ModelRegistry.Names);

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Each_architecture_explains_through_its_last_convolutional_stage(string name)
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get(name);
        random.manual_seed(0);
        using var model = arch.Create(3);
        var images = randn(1, 3, 32, 32);
        var cam = new GradCam(model, TargetLayer.NameFor(arch));

        var signed = cam.SignedMap(images, [new ClassTarget(2)]);
        var map = cam.Explain(images, [new ClassTarget(2)]);

        // Stride 32 to the last stage: 32-px input, 1x1 activations.
        Assert.Equal([1L, 1, 1], signed.shape);
        Assert.Equal([1L, 32, 32], map.shape);
        Assert.True(map.isfinite().all().item<bool>());
        Assert.Equal(arch.Name.StartsWith("densenet") ? "features.norm5" : "layer4", cam.TargetLayerName);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("densenet121")]
    public void Guided_grad_cam_runs_through_in_place_and_module_relus(string name)
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get(name);
        random.manual_seed(0);
        using var model = arch.Create(3);
        // 64 px gives a 2x2 target layer: at 32 px it is 1x1, a flat CAM that scales to zero and zeroes the product.
        var images = randn(2, 3, 64, 64);

        var maps = new GuidedGradCam(new GradCam(model, arch.TargetLayer)).Explain(images);

        Assert.Equal([2L, 3, 64, 64], maps.shape);
        Assert.True(maps.isfinite().all().item<bool>());
        Assert.True(maps.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void The_target_layer_can_be_overridden_by_name()
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(3);
        random.manual_seed(0);
        var cam = new GradCam(model, TargetLayer.NameFor(arch, "layer3.1"));

        // layer3 has stride 16: a 64-px input gives 4x4 activations.
        Assert.Equal([1L, 4, 4], cam.SignedMap(randn(1, 3, 64, 64)).shape);
    }

    [Fact]
    public void An_unknown_layer_is_named_with_the_candidates()
    {
        using var model = ModelRegistry.Create("resnet18", 3);
        var error = Assert.Throws<DermLensException>(() => new GradCam(model, "layer5"));
        Assert.Contains("'layer5'", error.Message);
        Assert.Contains("layer4", error.Message);
        Assert.Contains("layer4.1", error.Message);
    }
}
