using DermLens.Models;
using TorchSharp.Modules;
using Xunit;

namespace DermLens.Tests.Models;

public class ModelRegistryTests
{
    [Fact]
    public void Knows_the_papers_resnets_and_densenets()
    {
        Assert.Equal(
            ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152", "densenet121", "densenet161", "resnet18-mlnet"],
            ModelRegistry.Names);
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<DermLensException>(() => ModelRegistry.Get("vgg16"));
        Assert.Contains("Unknown architecture 'vgg16'", error.Message);
        Assert.Contains("resnet50", error.Message);
        Assert.Contains("densenet161", error.Message);
    }

    [Fact]
    public void Lookup_ignores_case()
    {
        Assert.Equal("resnet50", ModelRegistry.Get("ResNet50").Name);
    }

    [Fact]
    public void Zero_classes_is_refused()
    {
        var error = Assert.Throws<DermLensException>(() => ModelRegistry.Create("resnet18", 0));
        Assert.Contains("resnet18", error.Message);
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Architecture_facts_name_real_modules(string name)
    {
        var info = ModelRegistry.Get(name);
        using var model = ModelRegistry.Create(name, 5);
        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);

        Assert.True(modules.ContainsKey(info.TargetLayer), $"{name} has no module '{info.TargetLayer}'");
        var head = Assert.IsType<MixedLinear>(modules[info.HeadName]);
        Assert.Equal(5, head.weight.shape[0]);
        Assert.Equal(3, info.Normalisation.Mean.Length);
        Assert.Equal(3, info.Normalisation.Std.Length);

        foreach (var prefix in info.LayerGroups.SelectMany(g => g.Split(',')))
            Assert.True(modules.ContainsKey(prefix), $"{name} layer group prefix '{prefix}' is not a module");
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Layer_groups_split_every_parameter_once_and_end_with_the_head(string name)
    {
        var info = ModelRegistry.Get(name);
        using var model = ModelRegistry.Create(name, 5);

        var groups = info.ParameterGroups(model);

        Assert.Equal(info.LayerGroups.Length, groups.Count);
        Assert.All(groups, g => Assert.NotEmpty(g));
        var names = groups.SelectMany(g => g.Select(p => p.Name)).ToList();
        Assert.Equal(model.named_parameters().Count(), names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(groups[^1], p => Assert.StartsWith(info.HeadName + ".", p.Name));
    }

    [Fact]
    public void Group_prefixes_match_whole_module_names_only()
    {
        var info = ModelRegistry.Get("resnet18");
        Assert.Equal(0, info.GroupOf("conv1.weight"));
        Assert.Equal(0, info.GroupOf("layer1.0.conv1.weight"));
        Assert.Equal(1, info.GroupOf("layer4.1.bn2.running_mean"));
        Assert.Equal(2, info.GroupOf("fc.bias"));
        Assert.Equal(-1, info.GroupOf("fcx.bias"));
    }

    [Fact]
    public void Pretrained_resnet18_is_the_variant_its_weights_fit_and_carries_their_input_scaling()
    {
        var arch = ModelRegistry.GetPretrained("ResNet18");
        Assert.Equal(MlNetResNet18.ArchName, arch.Name);
        Assert.Same(arch, ModelRegistry.GetPretrained(MlNetResNet18.ArchName));
        using var model = arch.Create(3);
        Assert.Contains("layer4.2.conv2.weight", model.state_dict().Keys);

        // The weights' channel means (R, G, B) map to 0; the spread is ImageNet-like, so ordinary learning rates work
        // (the 0-255 scale lives in conv1's weights; the ONNX comparison test checks the whole mapping).
        Assert.Equal([123.1516f / 255, 115.9029f / 255, 103.0626f / 255], arch.Normalisation.Mean);
        Assert.All(arch.Normalisation.Std, s => Assert.InRange(s, 0.1f, 1f));
    }

    [Fact]
    public void Pretrained_weights_go_only_into_the_architecture_they_fit()
    {
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(3);
        var error = Assert.Throws<DermLensException>(() => PretrainedWeights.Apply(arch, model));
        Assert.Contains(MlNetResNet18.ArchName, error.Message);
    }

    public static TheoryData<string> AllNames() => new(ModelRegistry.Names);
}
