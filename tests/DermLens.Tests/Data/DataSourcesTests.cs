using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class DataSourcesTests
{
    [Fact]
    public void Detects_each_format()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["folders/Acne/a.png"]);
        TinyImages.Png(dir["folders/Ulcer/b.png"]);
        TinyImages.CopyTo(TinyImages.HamJpegs(1)[0], dir["isic/ISIC_T000.jpg"]);
        File.WriteAllText(dir["isic/X_GroundTruth.csv"], "image,MEL,NV\nISIC_T000,1.0,0.0\n");

        Assert.Equal("ham10000", DataSources.Open(SharedData.Ham10000).Format);
        Assert.Equal("ham10000", DataSources.Detect(Path.Combine(SharedData.Ham10000, Ham10000Source.MetadataFile)).Format);
        Assert.Equal("cifar10", DataSources.Detect(SharedData.Cifar10).Format);
        Assert.Equal("cifar10", DataSources.Detect(Path.Combine(SharedData.Cifar10, Cifar10Source.FolderName)).Format);
        Assert.Equal("isic", DataSources.Open(dir["isic"]).Format);
        Assert.Equal("isic", DataSources.Detect(dir["isic/X_GroundTruth.csv"]).Format);
        var folders = DataSources.Open(dir["folders"]);
        Assert.Equal(("imagefolder", 2), (folders.Format, folders.Samples.Count));
    }

    [Fact]
    public void A_format_name_overrides_detection()
    {
        var data = DataSources.Open(SharedData.Ham10000, "ImageFolder");
        Assert.Equal("imagefolder", data.Format);
        Assert.Equal(new[] { "images" }, data.Classes);
        Assert.Equal(315, data.Samples.Count);
    }

    [Fact]
    public void Unknown_format_names_the_known_ones()
    {
        var error = Assert.Throws<DermLensException>(() => DataSources.Open(SharedData.Ham10000, "coco"));
        Assert.Equal("Unknown data format 'coco'. Known: cifar10, ham10000, isic, imagefolder.", error.Message);
    }

    [Fact]
    public void A_missing_path_is_reported_as_such()
    {
        var error = Assert.Throws<DermLensException>(() => DataSources.Open("/no/such/data"));
        Assert.Equal("Data path not found: /no/such/data", error.Message);
    }

    [Fact]
    public void An_unrecognised_layout_lists_the_formats()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["notes.txt"], "nothing here");

        var error = Assert.Throws<DermLensException>(() => DataSources.Open(dir.Path));

        Assert.StartsWith($"Cannot tell the data layout of {dir.Path}.", error.Message);
        foreach (var format in DataSources.Formats) Assert.Contains(format + ": ", error.Message);
    }
}
