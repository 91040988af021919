using System.Globalization;
using DermLens.Models;
using DermLens.Tests.Models;
using DermLens.Training;
using Xunit;
using static TorchSharp.torch;

namespace DermLens.Tests.Training;

/// <summary>One saved resnet18 checkpoint (3 classes, moved BatchNorm statistics) shared by the tests that read it.</summary>
public sealed class SavedResNet18 : IDisposable
{
    readonly TempDir dir = new();
    public string Path => dir["resnet18.pt"];
    public nn.Module<Tensor, Tensor> Model { get; } = ModelRegistry.Create("resnet18", 3);

    public SavedResNet18()
    {
        CheckpointTests.TrainOneStepSoBuffersMove(Model);
        Model.eval();
        Checkpoint.Save(Model, Path);
    }

    public void Dispose()
    {
        Model.Dispose();
        dir.Dispose();
    }
}

public class CheckpointTests(SavedResNet18 saved) : IClassFixture<SavedResNet18>
{
    [Fact]
    public void Round_trip_restores_the_same_outputs()
    {
        using var scope = NewDisposeScope();
        using var restored = Checkpoint.Load(saved.Path, "resnet18", 3);
        restored.eval();

        using var noGrad = no_grad();
        var input = DeterministicInput();
        Assert.True(saved.Model.forward(input).allclose(restored.forward(input), rtol: 0, atol: 0));
        Assert.Equal([saved.Path], Directory.GetFiles(System.IO.Path.GetDirectoryName(saved.Path)!));
    }

    [Fact]
    public void Saving_again_replaces_the_file_and_leaves_no_temporary()
    {
        using var dir = new TempDir();
        var path = dir["model.pt"];
        using var first = nn.Linear(4, 2);
        using var second = nn.Linear(4, 2);
        Checkpoint.Save(first, path);

        Checkpoint.Save(second, path);

        using var scope = NewDisposeScope();
        var state = Checkpoint.ReadStateDict(path);
        Assert.True(state["weight"].allclose(second.weight!, rtol: 0, atol: 0));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Other_architecture_is_refused_naming_the_file_and_keys()
    {
        var error = Assert.Throws<DermLensException>(() => Checkpoint.Load(saved.Path, "resnet50", 3));

        Assert.Contains(saved.Path, error.Message);
        Assert.Contains("'layer1.0.conv3.weight' missing", error.Message);
        Assert.Contains("more)", error.Message);
    }

    [Fact]
    public void Other_class_count_is_refused_naming_the_shapes()
    {
        var error = Assert.Throws<DermLensException>(() => Checkpoint.Load(saved.Path, "resnet18", 7));

        Assert.Contains("'fc.weight' has shape [3, 512], model expects [7, 512]", error.Message);
    }

    [Fact]
    public void Unexpected_keys_are_named()
    {
        using var dir = new TempDir();
        var path = dir["model.pt"];
        using (var larger = nn.Sequential(("0", nn.Linear(4, 2)), ("1", nn.Linear(2, 2)))) Checkpoint.Save(larger, path);
        using var smaller = nn.Sequential(("0", nn.Linear(4, 2)));

        var error = Assert.Throws<DermLensException>(() => Checkpoint.LoadInto(smaller, path));

        Assert.Contains("'1.weight' unexpected", error.Message);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<DermLensException>(() => Checkpoint.Load(dir["absent.pt"], "resnet18", 3));
        Assert.Contains("absent.pt", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Theory]
    [InlineData("not a checkpoint")]
    [InlineData("PK\u0003\u0004 truncated zip")]
    public void Corrupt_file_is_refused(string content)
    {
        using var dir = new TempDir();
        var path = dir["corrupt.pt"];
        File.WriteAllText(path, content);
        using var model = nn.Linear(4, 2);

        var error = Assert.Throws<DermLensException>(() => Checkpoint.LoadInto(model, path));

        Assert.Contains(path, error.Message);
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void Truncated_checkpoint_is_refused()
    {
        using var dir = new TempDir();
        var path = dir["model.pt"];
        using var model = nn.Linear(4, 2);
        Checkpoint.Save(model, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DermLensException>(() => Checkpoint.LoadInto(model, path));

        Assert.Contains("cannot be read", error.Message);
    }

    [PythonTorchFact]
    public void Torchvision_loads_a_resnet18_checkpoint_and_computes_the_same_logits() =>
        AssertTorchvisionAgrees("resnet18", saved.Model, saved.Path);

    [PythonTorchFact]
    public void Torchvision_loads_a_densenet121_checkpoint_and_computes_the_same_logits()
    {
        using var dir = new TempDir();
        using var model = ModelRegistry.Create("densenet121", 3);
        TrainOneStepSoBuffersMove(model);
        model.eval();
        Checkpoint.Save(model, dir["densenet121.pt"]);

        AssertTorchvisionAgrees("densenet121", model, dir["densenet121.pt"]);
    }

    // PyTorch's strict load_state_dict proves the names and shapes, weights_only the safe loader PyTorch 2.6+
    // uses by default, equal logits the forward pass.
    static void AssertTorchvisionAgrees(string architecture, nn.Module<Tensor, Tensor> model, string path)
    {
        const string script = """
            import sys, torch, torchvision
            model = getattr(torchvision.models, sys.argv[1])(num_classes=3)
            model.load_state_dict(torch.load(sys.argv[2], weights_only=True), strict=True)
            model.eval()
            x = torch.linspace(-1, 1, 2 * 3 * 32 * 32).reshape(2, 3, 32, 32)
            with torch.no_grad():
                print(" ".join(repr(v) for v in model(x).flatten().tolist()))
            """;
        var output = PythonTorch.Run(script, architecture, path);

        using var scope = NewDisposeScope();
        var theirs = tensor(output.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        using var noGrad = no_grad();
        var ours = model.forward(DeterministicInput()).flatten();
        Assert.True(ours.allclose(theirs, rtol: 1e-4, atol: 1e-5), $"ours {ours.ToString(TorchSharp.TensorStringStyle.Julia)} vs torchvision {output}");
    }

    static Tensor DeterministicInput() => linspace(-1, 1, 2 * 3 * 32 * 32).reshape(2, 3, 32, 32);

    // A training-mode pass updates BatchNorm running statistics, so the checkpoint carries non-default buffers.
    internal static void TrainOneStepSoBuffersMove(nn.Module<Tensor, Tensor> model)
    {
        model.train();
        using var noGrad = no_grad();
        using var _ = model.forward(rand(4, 3, 32, 32));
    }
}
