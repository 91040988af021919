using DermLens.Data.Synthetic;
using DermLens.Models;
using DermLens.Runs;
using DermLens.Training;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace DermLens.Tests.Models;

/// <summary>Which checkpoint --pretrained fetches for each architecture, from where, and what a user sees offline.</summary>
public class TorchvisionCatalogueTests
{
    [Theory]
    [InlineData("resnet34", "resnet34-b627a593.pth")]
    [InlineData("resnet50", "resnet50-0676ba61.pth")]
    [InlineData("resnet101", "resnet101-63fe2227.pth")]
    [InlineData("resnet152", "resnet152-394f9c45.pth")]
    [InlineData("densenet121", "densenet121-a639ec97.pth")]
    [InlineData("densenet161", "densenet161-8d451a50.pth")]
    public void Pretrained_weights_are_torchvisions_imagenet_checkpoint_for_the_architecture_itself(string name, string file)
    {
        using var environment = new EnvironmentScope((TorchvisionCatalogue.BaseUrlVariable, null));
        var arch = ModelRegistry.GetPretrained(name);
        Assert.Equal(name, arch.Name);
        Assert.Equal(name, arch.Pretrained!.Arch);
        Assert.Contains(file, arch.Pretrained.Description);

        var entry = new TorchvisionCheckpoint(name, file);
        Assert.Equal(file.Split('-')[1][..8], entry.HashPrefix);
        Assert.Equal($"https://download.pytorch.org/models/{file}", entry.Url(TorchvisionCatalogue.BaseUrl).ToString());
    }

    [Fact]
    public void Every_architecture_has_pretrained_weights()
    {
        Assert.All(ModelRegistry.Names, name => Assert.NotNull(ModelRegistry.GetPretrained(name).Pretrained));
    }

    [Theory]
    [InlineData("http://mirror.example/torch/models")]
    [InlineData("http://mirror.example/torch/models/")]
    public void A_mirror_named_by_the_environment_replaces_torchvisions_download_folder(string mirror)
    {
        using var environment = new EnvironmentScope((TorchvisionCatalogue.BaseUrlVariable, mirror));
        Assert.Equal("http://mirror.example/torch/models/resnet50-0676ba61.pth",
            TorchvisionCatalogue.ResNet50.Url(TorchvisionCatalogue.BaseUrl).ToString());
    }

    [Fact]
    public void A_mirror_that_is_not_an_http_url_is_refused_naming_the_variable()
    {
        using var environment = new EnvironmentScope((TorchvisionCatalogue.BaseUrlVariable, "/srv/models"));
        var error = Assert.Throws<DermLensException>(() => TorchvisionCatalogue.BaseUrl);
        Assert.Contains(TorchvisionCatalogue.BaseUrlVariable, error.Message);
        Assert.Contains("/srv/models", error.Message);
    }

    [Fact]
    public void A_checkpoint_name_without_a_hash_prefix_is_refused()
    {
        var error = Assert.Throws<DermLensException>(() => new TorchvisionCheckpoint("resnet34", "resnet34.pth"));
        Assert.Contains("resnet34.pth", error.Message);
    }

    [Fact]
    public void A_checkpoint_in_the_cache_is_loaded_without_the_network_and_legacy_densenet_keys_fit()
    {
        using var dir = new TempDir();
        using var environment = new EnvironmentScope(
            ("DERMLENS_CACHE", dir["cache"]),
            (TorchvisionCatalogue.BaseUrlVariable, $"http://127.0.0.1:{LoopbackFileServer.FreePort()}/models/"));
        var arch = ModelRegistry.GetPretrained("densenet121");
        using var scope = NewDisposeScope();
        using var imagenet = arch.Create(1000);
        // torchvision's published DenseNet files spell "denselayer1.norm1.weight" as "denselayer1.norm.1.weight", and
        // predate BatchNorm's step counters.
        var legacy = imagenet.state_dict().Where(p => !p.Key.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToDictionary(
            p => System.Text.RegularExpressions.Regex.Replace(p.Key, @"(denselayer\d+\.(?:norm|conv))([12])\.", "$1.$2."), p => p.Value);
        Assert.Contains("features.denseblock1.denselayer1.norm.1.weight", legacy.Keys);
        var cached = TorchvisionCatalogue.DenseNet121.CachePath(CacheFolder.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        using (var stream = File.Create(cached)) PyTorchPickler.PickleStateDict(stream, legacy);

        using var model = arch.Create(3);
        var imported = PretrainedWeights.Apply(arch, model);

        Assert.Equal(cached, imported.File);
        Assert.NotNull(imported.HeadNotLoaded);
        Assert.True(model.state_dict()["features.denseblock4.denselayer16.conv2.weight"]
            .equal(imagenet.state_dict()["features.denseblock4.denselayer16.conv2.weight"]).all().item<bool>());
    }

    [Fact]
    public void Training_from_pretrained_weights_offline_fails_before_the_run_folder_naming_the_url_and_the_cache_path()
    {
        using var dir = new TempDir();
        var mirror = $"http://127.0.0.1:{LoopbackFileServer.FreePort()}/models/";
        using var environment = new EnvironmentScope(
            ("DERMLENS_CACHE", dir["cache"]), (TorchvisionCatalogue.BaseUrlVariable, mirror));
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 3, Size: 32, Seed: 1));
        var job = new TrainingJob(new TrainRequest
        {
            Data = dir["data"], Arch = "resnet34", Pretrained = true, Out = dir["run"], ValidationFraction = 0.25,
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8 },
        });

        var error = Assert.Throws<DermLensException>(() => job.Run());

        Assert.Contains(mirror + "resnet34-b627a593.pth", error.Message);
        Assert.Contains(Path.Combine(dir["cache"], "pretrained", "resnet34-b627a593.pth"), error.Message);
        Assert.False(Directory.Exists(dir["run"]));
    }
}
