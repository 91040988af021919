using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class Cifar10SourceTests
{
    static string BatchFolder => Path.Combine(SharedData.Cifar10, Cifar10Source.FolderName);

    [Fact]
    public void Reads_the_dev_batches_with_names_parts_and_balanced_labels()
    {
        var data = new Cifar10Source().Read(BatchFolder);

        Assert.Equal(new[] { "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck" }, data.Classes);
        Assert.Equal(6000, data.Samples.Count);
        Assert.Equal(5000, data.Samples.Count(s => s.PresetPart == "train"));
        Assert.Equal(1000, data.Samples.Count(s => s.PresetPart == "test"));
        Assert.All(data.CountPerClass(), n => Assert.Equal(600, n));
        Assert.Equal("data_batch_1.bin#123", data.Samples[123].Id);
        Assert.Equal(Path.Combine(BatchFolder, "data_batch_1.bin") + "#123", data.Samples[123].Location);
        Assert.Equal("test_batch.bin#0", data.Samples[5000].Id);
    }

    [Fact]
    public void Decodes_a_record_from_its_three_colour_planes()
    {
        var data = new Cifar10Source().Read(SharedData.Cifar10);
        var bytes = File.ReadAllBytes(Path.Combine(BatchFolder, "test_batch.bin"));
        const int record = 7, recordSize = 3073;
        var sample = data.Samples.Single(s => s.Id == $"test_batch.bin#{record}");

        var image = data.Load(sample);

        Assert.Equal((32, 32), (image.Width, image.Height));
        Assert.Equal(bytes[record * recordSize], sample.Label);
        int offset = record * recordSize + 1;
        foreach (var (x, y) in new[] { (0, 0), (31, 0), (5, 17), (31, 31) })
            Assert.Equal((bytes[offset + y * 32 + x], bytes[offset + 1024 + y * 32 + x], bytes[offset + 2048 + y * 32 + x]), image[x, y]);
        // A natural photo is not flat: guards against reading the wrong stride or one plane thrice.
        Assert.True(image.Pixels.Distinct().Count() > 50);
        Assert.NotEqual(image.Pixels.Where((_, i) => i % 3 == 0), image.Pixels.Where((_, i) => i % 3 == 2));
    }

    [Fact]
    public void Parallel_loads_match_sequential_ones()
    {
        var data = new Cifar10Source().Read(SharedData.Cifar10);
        var samples = data.Samples.Where((_, i) => i % 30 == 0).ToList();
        var parallel = new byte[samples.Count][];
        Parallel.For(0, samples.Count, i => parallel[i] = data.Load(samples[i]).Pixels);
        for (int i = 0; i < samples.Count; i++) Assert.Equal(data.Load(samples[i]).Pixels, parallel[i]);
    }

    [Fact]
    public void A_batch_of_the_wrong_size_is_an_error_naming_the_file()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir[Cifar10Source.MetaFile], "a\nb\n");
        var batch = dir["data_batch_1.bin"];
        File.WriteAllBytes(batch, new byte[3073 * 2 + 5]);

        var error = Assert.Throws<DermLensException>(() => new Cifar10Source().Read(dir.Path));

        Assert.Contains(batch, error.Message);
        Assert.Contains("6151 bytes", error.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_names_is_an_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir[Cifar10Source.MetaFile], "a\nb\n");
        var records = new byte[3073 * 2];
        records[3073] = 2;
        File.WriteAllBytes(dir["test_batch.bin"], records);

        var error = Assert.Throws<DermLensException>(() => new Cifar10Source().Read(dir.Path));

        Assert.Contains("record 1 has label 2", error.Message);
    }
}
