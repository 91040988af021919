using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>The one place that knows architectures by name; everything else asks it.</summary>
public static class ModelRegistry
{
    // Same split as fastai's resnet meta: stem and early stages, late stages, head.
    static readonly string[] ResNetGroups = ["conv1,bn1,layer1,layer2", "layer3,layer4", "fc"];

    // DenseNet's analogue of the ResNet split: stem and first two dense blocks, the rest of the body, head.
    static readonly string[] DenseNetGroups =
    [
        "features.conv0,features.norm0,features.denseblock1,features.transition1,features.denseblock2,features.transition2",
        "features.denseblock3,features.transition3,features.denseblock4,features.norm5",
        "classifier",
    ];

    // pytorch-grad-cam targets model.layer4[-1] and model.features[-1]; layer4's output is its last block's output,
    // and features[-1] is norm5. The fused specs add the stage before, at stride 16: layer3's output, and the output of
    // denseblock3 (transition3 would already pool it to stride 32).
    /// <summary>The architectures by name.</summary>
    public static readonly Registry<ArchitectureInfo> All = new("architecture", new ArchitectureInfo[]
    {
        ResNetArch("resnet18", ResNet.ResNet18) with { Pretrained = MlNetResNet18.Source },
        ResNetArch("resnet34", ResNet.ResNet34) with { Pretrained = TorchvisionCatalogue.ResNet34.Source },
        ResNetArch("resnet50", ResNet.ResNet50) with { Pretrained = TorchvisionCatalogue.ResNet50.Source },
        ResNetArch("resnet101", ResNet.ResNet101) with { Pretrained = TorchvisionCatalogue.ResNet101.Source },
        ResNetArch("resnet152", ResNet.ResNet152) with { Pretrained = TorchvisionCatalogue.ResNet152.Source },
        DenseNetArch("densenet121", DenseNet.DenseNet121) with { Pretrained = TorchvisionCatalogue.DenseNet121.Source },
        DenseNetArch("densenet161", DenseNet.DenseNet161) with { Pretrained = TorchvisionCatalogue.DenseNet161.Source },
        // The only ImageNet ResNet-18 at hand offline; its inputs are scaled differently, and that travels with it.
        ResNetArch(MlNetResNet18.ArchName, MlNetResNet18.Create) with
        {
            Normalisation = MlNetResNet18.Normalisation,
            Pretrained = MlNetResNet18.Source,
        },
    }.Select(a => (a.Name, a)));

    /// <summary>Names of all known architectures, in registry order.</summary>
    public static IReadOnlyList<string> Names => All.Names;

    /// <summary>Looks an architecture up by name, ignoring case.</summary>
    public static ArchitectureInfo Get(string name) => All.Get(name);

    /// <summary>
    /// The architecture to build for the named one with pretrained weights: the one its weights fit, which may be a
    /// variant (resnet18 gives resnet18-mlnet, with layer4 of three blocks). Throws where it has none.
    /// </summary>
    public static ArchitectureInfo GetPretrained(string name)
    {
        var arch = Get(name);
        if (arch.Pretrained == null)
            throw new DermLensException($"No pretrained weights are known for {arch.Name}; " +
                $"architectures with some: {string.Join(", ", All.Items.Where(a => a.Pretrained != null).Select(a => a.Name))}. " +
                "A torchvision checkpoint can be loaded from a file with --weights instead.");
        return Get(arch.Pretrained.Arch);
    }

    /// <summary>Builds a freshly initialised network of the named architecture.</summary>
    public static Module<Tensor, Tensor> Create(string name, int numClasses)
    {
        if (numClasses < 1)
            throw new DermLensException($"A {name} needs at least one output class, got {numClasses}.");
        return Get(name).Create(numClasses);
    }

    static ArchitectureInfo ResNetArch(string name, Func<int, Module<Tensor, Tensor>> create) =>
        new(name, create, "layer4", "layer3+layer4", ResNetGroups, "fc", Normalisation.ImageNet);

    static ArchitectureInfo DenseNetArch(string name, Func<int, Module<Tensor, Tensor>> create) =>
        new(name, create, "features.norm5", "features.denseblock3+features.norm5", DenseNetGroups, "classifier", Normalisation.ImageNet);
}
