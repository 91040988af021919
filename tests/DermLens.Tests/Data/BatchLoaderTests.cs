using DermLens.Data;
using DermLens.Imaging;

namespace DermLens.Tests.Data;

public class BatchLoaderTests
{
    static Dataset TinyDataset(TempDir dir, int count, params int[] corrupt)
    {
        var samples = new List<Sample>();
        for (int i = 0; i < count; i++)
        {
            var path = dir[$"img{i}.png"];
            if (corrupt.Contains(i)) File.WriteAllText(path, "garbage");
            else
            {
                var image = new RgbImage(12, 10);
                Array.Fill(image.Pixels, (byte)(i * 10));
                ImageCodec.SavePng(image, path);
            }
            samples.Add(new Sample($"img{i}.png", i % 2, path));
        }
        return new Dataset("test", dir.Path, ["a", "b"], samples);
    }

    static BatchLoader Loader(Dataset d, int batch, ISampler sampler) =>
        new(d.Samples, new ImageCache(d, 16), (img, _) => Resizer.Resize(img, 8, 8), 8, [0, 0, 0], [1, 1, 1], batch, sampler, 0)
        { Workers = 2 };

    [Fact]
    public void Delivers_every_sample_once_in_batches_with_normalised_pixels()
    {
        using var dir = new TempDir();
        var loader = Loader(TinyDataset(dir, 7), 3, new SequentialSampler(7));
        var batches = loader.Epoch(0).ToList();
        Assert.Equal([3, 3, 1], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"img{i}.png"), batches.SelectMany(b => b.Samples).Select(s => s.Id));
        Assert.Equal(30 / 255f, batches[1].Pixels[0], 4); // sample 3 was filled with 30
        Assert.Equal([0L, 1, 0], batches[0].Labels);
    }

    [Fact]
    public void Corrupt_images_are_skipped_and_reported_not_fatal()
    {
        using var dir = new TempDir();
        var loader = Loader(TinyDataset(dir, 6, corrupt: [1, 4]), 4, new SequentialSampler(6));
        var seen = loader.Epoch(0).SelectMany(b => b.Samples).Select(s => s.Id).ToList();
        Assert.Equal(["img0.png", "img2.png", "img3.png", "img5.png"], seen);
        Assert.Equal(2, loader.Unreadable.Count);
        Assert.Contains(loader.Unreadable, kv => kv.Key.EndsWith("img1.png") && kv.Value.Contains("not a readable image"));
    }

    [Fact]
    public void Balanced_sampler_draws_classes_evenly_from_imbalanced_labels()
    {
        var labels = Enumerable.Repeat(0, 90).Concat(Enumerable.Repeat(1, 10)).ToArray();
        var order = new BalancedSampler(labels, seed: 3, epochLength: 2000).Order(0);
        double rareShare = order.Count(i => labels[i] == 1) / (double)order.Length;
        Assert.InRange(rareShare, 0.45, 0.55);
        Assert.Equal(10, order.Where(i => labels[i] == 1).Distinct().Count());
    }

    [Fact]
    public void Shuffle_is_seeded_and_differs_by_epoch()
    {
        var s = new ShuffleSampler(50, 1);
        Assert.Equal(s.Order(0), new ShuffleSampler(50, 1).Order(0));
        Assert.NotEqual(s.Order(0), s.Order(1));
        Assert.Equal(Enumerable.Range(0, 50), s.Order(3).Order());
    }

    [Fact]
    public async Task Leaving_an_epoch_early_stops_the_producer()
    {
        using var dir = new TempDir();
        var loader = Loader(TinyDataset(dir, 12), 1, new SequentialSampler(12));
        var taken = Task.Run(() => loader.Epoch(0).Take(2).Count());
        var first = await Task.WhenAny(taken, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(first == taken, "the loader hung after the consumer left");
        Assert.Equal(2, await taken);
    }
}
