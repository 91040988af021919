using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class ImageFolderSourceTests
{
    [Fact]
    public void Reads_class_folders_with_spaces_masks_and_no_other_files()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Pigmented Macula/b.png"]);
        TinyImages.Png(dir["Pigmented Macula/a one.png"]);
        TinyImages.Png(dir["Acne/x.png"]);
        TinyImages.Png(dir["Acne/nested/y.png"]);
        File.WriteAllText(dir["Acne/notes.txt"], "not an image");
        TinyImages.Png(dir["Blister/z.png"]);
        TinyImages.Png(dir["masks/Acne/x.png"], shade: 255);
        TinyImages.Png(dir["masks/Pigmented Macula/a one.png"], shade: 255);

        var source = new ImageFolderSource();
        Assert.True(source.Recognises(dir.Path));
        var data = source.Read(dir.Path);

        Assert.Equal(new[] { "Acne", "Blister", "Pigmented Macula" }, data.Classes);
        Assert.Equal(new[] { "Acne/nested/y.png", "Acne/x.png", "Blister/z.png", "Pigmented Macula/a one.png", "Pigmented Macula/b.png" },
            data.Samples.Select(s => s.Id));
        Assert.Equal(new[] { 0, 0, 1, 2, 2 }, data.Samples.Select(s => s.Label));
        Assert.Equal(dir["masks/Acne/x.png"], data.Samples[1].MaskPath);
        Assert.Equal(dir["masks/Pigmented Macula/a one.png"], data.Samples[3].MaskPath);
        Assert.Null(data.Samples[2].MaskPath);
        Assert.All(data.Samples, s => Assert.Null(s.PresetPart));
        Assert.Equal((4, 3), (data.Load(data.Samples[0]).Width, data.Load(data.Samples[0]).Height));
    }

    [Fact]
    public void Reads_a_pre_split_layout_with_the_union_of_classes()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["train/Ulcer/1.png"]);
        TinyImages.Png(dir["train/Tumor/2.png"]);
        TinyImages.Png(dir["train/Wheal/3.png"]);
        TinyImages.Png(dir["test/Ulcer/4.png"]);
        TinyImages.Png(dir["test/Tumor/5.png"]);

        var data = new ImageFolderSource().Read(dir.Path);

        Assert.Equal(new[] { "Tumor", "Ulcer", "Wheal" }, data.Classes);
        Assert.Equal(new[] { ("train/Tumor/2.png", "train"), ("train/Ulcer/1.png", "train"), ("train/Wheal/3.png", "train"),
                ("test/Tumor/5.png", "test"), ("test/Ulcer/4.png", "test") },
            data.Samples.Select(s => (s.Id, s.PresetPart!)));
        Assert.Equal(data.Samples[0].Label, data.Samples[3].Label);
    }

    [Fact]
    public void An_empty_class_folder_is_an_error_naming_it()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Acne/x.png"]);
        Directory.CreateDirectory(dir["Crust"]);
        File.WriteAllText(dir["Crust/readme.txt"], "");

        var error = Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path));

        Assert.Contains($"Class folder {dir["Crust"]} has no images", error.Message);
    }

    [Fact]
    public void A_folder_beside_train_and_test_is_not_silently_dropped()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["train/a/1.png"]);
        TinyImages.Png(dir["test/a/2.png"]);
        TinyImages.Png(dir["val/a/3.png"]);

        var error = Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path));

        Assert.Contains("val beside train/ and test/", error.Message);
    }

    [Fact]
    public void A_folder_of_loose_images_is_not_recognised()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["x.png"]);
        Assert.False(new ImageFolderSource().Recognises(dir.Path));
        Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path));
    }

    [Fact]
    public void A_folder_link_inside_a_class_is_refused_naming_it_instead_of_counting_images_again()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Acne/x.png"]);
        TinyImages.Png(dir["Blister/z.png"]);
        Directory.CreateSymbolicLink(dir["Acne/loopdir"], "..");

        var error = Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path));

        Assert.Contains("loopdir", error.Message);
        Assert.Contains("does not follow folder links", error.Message);
    }

    [Fact]
    public void A_class_folder_may_link_to_images_elsewhere_but_not_into_the_data_folder()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["elsewhere/acne/x.png"]);
        TinyImages.Png(dir["data/Blister/z.png"]);
        Directory.CreateSymbolicLink(dir["data/Acne"], dir["elsewhere/acne"]);

        var data = new ImageFolderSource().Read(dir["data"]);
        Assert.Equal(["Acne", "Blister"], data.Classes);
        Assert.Equal(2, data.Samples.Count);

        Directory.CreateSymbolicLink(dir["data/Copy"], dir["data/Blister"]);
        Assert.Contains("would be counted again", Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir["data"])).Message);
    }

    [Fact]
    public void Metadata_csv_at_the_root_gives_its_columns_to_the_images_it_names()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Crust/crust_0001.png"]);
        TinyImages.Png(dir["Crust/crust_0002.png"]);
        TinyImages.Png(dir["Pigmented Macula/a.png"]);
        File.WriteAllText(dir[ImageFolderSource.MetadataFile],
            "file,skin_tone,site\nCrust/crust_0001.png,tan,arm\n\"Pigmented Macula/a.png\",,\"back, upper\"\n");

        Assert.Equal("imagefolder", DataSources.Detect(dir.Path).Format);
        var data = DataSources.Open(dir.Path);

        Assert.Equal(new Dictionary<string, string> { ["skin_tone"] = "tan", ["site"] = "arm" }, data.Samples[0].Metadata);
        Assert.Same(Sample.NoMetadata, data.Samples[1].Metadata);
        Assert.Equal(new Dictionary<string, string> { ["skin_tone"] = "unknown", ["site"] = "back, upper" }, data.Samples[2].Metadata);
        Assert.False(new IsicCsvSource().Recognises(dir[ImageFolderSource.MetadataFile]));
        Assert.False(new Ham10000Source().Recognises(dir[ImageFolderSource.MetadataFile]));
    }

    [Fact]
    public void Metadata_csv_may_sit_beside_train_and_test_naming_files_by_their_part()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["train/Ulcer/x.png"]);
        TinyImages.Png(dir["test/Ulcer/y.png"]);
        File.WriteAllText(dir[ImageFolderSource.MetadataFile], "file,sex\ntest/Ulcer/y.png,female\n");

        var data = new ImageFolderSource().Read(dir.Path);

        Assert.Same(Sample.NoMetadata, data.Samples[0].Metadata);
        Assert.Equal(("test/Ulcer/y.png", "female"), (data.Samples[1].Id, data.Samples[1].Metadata["sex"]));
    }

    [Fact]
    public void Metadata_rows_for_files_that_are_not_images_of_the_set_are_listed()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Acne/a.png"]);
        TinyImages.Png(dir["masks/Acne/a.png"]);
        var csv = dir[ImageFolderSource.MetadataFile];
        File.WriteAllText(csv, "file,sex\nAcne/a.png,male\nAcne/b.png,male\nmasks/Acne/a.png,male\n");

        var error = Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path));

        Assert.StartsWith($"{csv}: 2 rows name files that are not images of the set", error.Message);
        Assert.EndsWith(": Acne/b.png, masks/Acne/a.png.", error.Message);
    }

    [Fact]
    public void Metadata_csv_must_start_with_the_file_column_and_name_each_file_once()
    {
        using var dir = new TempDir();
        TinyImages.Png(dir["Acne/a.png"]);
        var csv = dir[ImageFolderSource.MetadataFile];

        File.WriteAllText(csv, "image,sex\nAcne/a.png,male\n");
        Assert.StartsWith($"{csv}: the first column must be 'file'", Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path)).Message);

        File.WriteAllText(csv, "file,sex\nAcne/a.png,male\nAcne/a.png,female\n");
        Assert.Equal($"{csv}: 1 files have more than one row: Acne/a.png.",
            Assert.Throws<DermLensException>(() => new ImageFolderSource().Read(dir.Path)).Message);
    }
}
