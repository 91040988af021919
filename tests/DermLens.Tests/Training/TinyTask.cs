using DermLens.Data;
using DermLens.Imaging;
using DermLens.Models;
using DermLens.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Tests.Training;

/// <summary>Dark versus bright 16-px images and a tiny CNN with BatchNorm, split in two layer groups (body, head).</summary>
static class TinyTask
{
    public static (BatchLoader Train, BatchLoader Validation) Loaders(TempDir dir, int perClass = 8)
    {
        var samples = new List<Sample>();
        var rng = new Random(0);
        for (int i = 0; i < perClass * 2; i++)
        {
            var image = new RgbImage(16, 16);
            for (int p = 0; p < image.Pixels.Length; p++) image.Pixels[p] = (byte)((i % 2 == 0 ? 40 : 200) + rng.Next(30));
            var path = dir[$"{i}.png"];
            ImageCodec.SavePng(image, path);
            samples.Add(new Sample($"{i}", i % 2, path));
        }
        var dataset = new Dataset("test", dir.Path, ["dark", "bright"], samples);
        var cache = new ImageCache(dataset, 16);
        var norm = Normalisation.ImageNet;
        BatchLoader Loader(ISampler sampler) =>
            new(samples, cache, (img, _) => img, 16, norm.Mean, norm.Std, 4, sampler, 0) { DropLast = true };
        return (Loader(new ShuffleSampler(samples.Count, 0)), Loader(new SequentialSampler(samples.Count)));
    }

    public static nn.Module<Tensor, Tensor> Model(int seed = 0)
    {
        torch.random.manual_seed(seed);
        return nn.Sequential(("0", nn.Conv2d(3, 4, 3)), ("1", new DermLens.Models.BatchNorm2d(4)), ("2", nn.ReLU()),
            ("3", nn.AdaptiveAvgPool2d(1)), ("4", nn.Flatten()), ("5", nn.Linear(4, 2)));
    }

    /// <summary>Body (conv + BatchNorm) is group 0, the linear head group 1.</summary>
    public static LayerGroups Groups(nn.Module model) => new(model, 2, name => name.StartsWith("5") ? 1 : 0);

    public static Dictionary<string, Tensor> Snapshot(nn.Module model) =>
        model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
}
