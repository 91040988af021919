using System.Security.Cryptography;
using DermLens.Data.Synthetic;
using DermLens.Models;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Models;

/// <summary>The whole path: a ResNet-34 checkpoint served on loopback is downloaded, verified, cached, and trained from.</summary>
[Trait("Category", "Slow")]
public class PretrainedDownloadTrainingTests
{
    [Fact]
    public void A_downloaded_checkpoint_is_cached_and_a_run_trains_from_its_backbone()
    {
        using var dir = new TempDir();
        // An ImageNet-shaped ResNet-34 (1000-class head) saved as PyTorch pickle, as torchvision publishes it.
        using (var imagenet = ModelRegistry.Create("resnet34", 1000)) Checkpoint.Save(imagenet, dir["served.pth"]);
        var bytes = File.ReadAllBytes(dir["served.pth"]);
        var entry = new TorchvisionCheckpoint("resnet34", $"resnet34-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..8]}.pth");
        using var server = new LoopbackFileServer(entry.FileName, bytes);
        using var environment = new EnvironmentScope(
            ("DERMLENS_CACHE", dir["cache"]), (TorchvisionCatalogue.BaseUrlVariable, server.Folder.ToString()));

        var cached = entry.Fetch(TorchvisionCatalogue.BaseUrl, CacheFolder.Path);
        Assert.Equal(Path.Combine(dir["cache"], "pretrained", entry.FileName), cached);

        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 4, Size: 32, Seed: 1));
        var outcome = new TrainingJob(new TrainRequest
        {
            Data = dir["data"], Arch = "resnet34", Weights = cached, Out = dir["run"], ValidationFraction = 0.25,
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8, Precision = "fp32" },
        }).Run();

        var log = File.ReadAllText(outcome.Run.Log);
        Assert.Contains($"from {cached}; the head keeps its initial weights", log);
        Assert.True(File.Exists(outcome.Run.Model));
        Assert.Single(server.Ranges);
    }
}
