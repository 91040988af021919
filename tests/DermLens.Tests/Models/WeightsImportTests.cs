using DermLens.Models;
using DermLens.Training;
using TorchSharp.PyBridge;
using Xunit.Abstractions;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace DermLens.Tests.Models;

/// <summary>Loads checkpoints that torchvision wrote and compares our networks' outputs with torchvision's.</summary>
public class WeightsImportTests(TorchvisionCheckpoints checkpoints, ITestOutputHelper output) : IClassFixture<TorchvisionCheckpoints>
{
    const double Tolerance = 1e-4;

    [PythonTorchFact]
    public void Resnet18_with_a_1000_class_head_gives_torchvisions_logits()
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get("resnet18");
        using var model = (ResNet)arch.Create(1000);
        var imported = WeightsImport.LoadBackbone(model, arch, checkpoints["resnet18.pth"]);
        Assert.Null(imported.HeadNotLoaded);
        Assert.Equal(model.state_dict().Count, imported.TensorsLoaded);

        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("resnet18 features", reference["resnet18.features"], model.Features(reference["input"]));
        AssertClose("resnet18 logits", reference["resnet18.logits"], model.forward(reference["input"]));
    }

    [PythonTorchFact]
    public void A_head_of_another_size_keeps_its_initial_weights_and_the_backbone_loads()
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get("resnet18");
        using var model = (ResNet)arch.Create(7);
        var head = model.state_dict()["fc.weight"].clone();
        var imported = WeightsImport.LoadBackbone(model, arch, checkpoints["resnet18.pth"]);

        Assert.Contains("'fc.weight' has shape [1000, 512], model expects [7, 512]", imported.HeadNotLoaded);
        Assert.True(head.allclose(model.state_dict()["fc.weight"], rtol: 0, atol: 0));
        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("resnet18 features, 7-class head", reference["resnet18.features"], model.Features(reference["input"]));
    }

    [PythonTorchFact]
    public void Densenet121_under_torchvisions_legacy_key_names_gives_torchvisions_logits()
    {
        using var scope = NewDisposeScope();
        var arch = ModelRegistry.Get("densenet121");
        using var model = (DenseNet)arch.Create(1000);
        var imported = WeightsImport.LoadBackbone(model, arch, checkpoints["densenet121.pth"]);
        Assert.Null(imported.HeadNotLoaded);

        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("densenet121 features", reference["densenet121.features"], model.Features(reference["input"]));
        AssertClose("densenet121 logits", reference["densenet121.logits"], model.forward(reference["input"]));
    }

    [PythonTorchFact]
    public void Safetensors_hold_the_same_weights()
    {
        using var scope = NewDisposeScope();
        using var folder = new TempDir();
        var file = folder["resnet18.safetensors"];
        AtomicFile.Write(file, stream => Safetensors.SaveStateDict(stream, WeightsImport.Read(checkpoints["resnet18.pth"]), leaveOpen: true));

        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(1000);
        WeightsImport.LoadBackbone(model, arch, file);
        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("resnet18 logits from safetensors", reference["resnet18.logits"], model.forward(reference["input"]));
    }

    [PythonTorchFact]
    public void Weights_of_another_architecture_are_refused_with_the_mismatches()
    {
        var arch = ModelRegistry.Get(MlNetResNet18.ArchName);
        using var model = arch.Create(7);
        var before = model.state_dict()["conv1.weight"].clone();
        var error = Assert.Throws<DermLensException>(() => WeightsImport.LoadBackbone(model, arch, checkpoints["resnet18.pth"]));

        Assert.Contains(checkpoints["resnet18.pth"], error.Message);
        Assert.Contains("'layer4.2.conv1.weight' missing", error.Message);
        Assert.Contains("(and 2 more)", error.Message);
        Assert.True(before.allclose(model.state_dict()["conv1.weight"], rtol: 0, atol: 0), "nothing may load when the file does not fit");

        var denseArch = ModelRegistry.Get("densenet121");
        using var dense = denseArch.Create(7);
        var shapes = Assert.Throws<DermLensException>(() => WeightsImport.LoadBackbone(dense, denseArch, checkpoints["resnet18.pth"]));
        Assert.Matches(@"\(and \d+ more\)", shapes.Message);
    }

    [PythonTorchFact]
    public void The_legacy_pickle_format_gives_torchvisions_logits()
    {
        using var scope = NewDisposeScope();
        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(1000);
        WeightsImport.LoadBackbone(model, arch, checkpoints["resnet18-legacy.pth"]);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("resnet18 logits from the legacy format", reference["resnet18.logits"], model.forward(reference["input"]));
    }

    [PythonTorchFact]
    public void A_densenet_written_as_torchvisions_2017_files_were_gives_torchvisions_logits()
    {
        using var scope = NewDisposeScope();
        var reference = Checkpoint.ReadStateDict(checkpoints["reference.pth"]);
        var arch = ModelRegistry.Get("densenet121");
        using var model = arch.Create(1000);
        var imported = WeightsImport.LoadBackbone(model, arch, checkpoints["densenet121-2017.pth"]);
        Assert.Null(imported.HeadNotLoaded);
        model.eval();
        using var noGrad = no_grad();
        AssertClose("densenet121 logits from the 2017 format", reference["densenet121.logits"], model.forward(reference["input"]));
    }

    [Fact]
    public void A_truncated_legacy_file_is_refused_naming_it()
    {
        using var folder = new TempDir();
        // A legacy checkpoint's first bytes: PROTO 2, then the magic number's LONG1 cut short.
        File.WriteAllBytes(folder["cut.pth"], [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc]);
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(7);
        var error = Assert.Throws<DermLensException>(() => WeightsImport.LoadBackbone(model, arch, folder["cut.pth"]));
        Assert.Contains(folder["cut.pth"], error.Message);
        Assert.Contains("legacy format", error.Message);
    }

    [Fact]
    public void A_file_of_neither_format_is_refused_naming_it()
    {
        using var folder = new TempDir();
        File.WriteAllText(folder["notes.pth"], "not weights at all");
        var arch = ModelRegistry.Get("resnet18");
        using var model = arch.Create(7);
        var error = Assert.Throws<DermLensException>(() => WeightsImport.LoadBackbone(model, arch, folder["notes.pth"]));
        Assert.Contains(folder["notes.pth"], error.Message);
        Assert.Contains("neither", error.Message);
    }

    void AssertClose(string what, Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        output.WriteLine($"{what}: max |DermLens - torchvision| {difference:E2}");
        Assert.True(difference <= Tolerance, $"{what} differ by up to {difference}");
    }
}
