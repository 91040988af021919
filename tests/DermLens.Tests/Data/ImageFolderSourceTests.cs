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
}
