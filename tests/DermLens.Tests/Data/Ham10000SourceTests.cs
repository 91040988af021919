using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class Ham10000SourceTests
{
    static readonly string[] DevClasses = ["akiec", "bcc", "bkl", "df", "mel", "nv", "vasc"];

    [Fact]
    public void Reads_the_dev_sample_with_lesion_groups_and_masks()
    {
        var source = new Ham10000Source();
        Assert.True(source.Recognises(SharedData.Ham10000));
        var data = source.Read(SharedData.Ham10000);

        Assert.Equal("ham10000", data.Format);
        Assert.Equal(DevClasses, data.Classes);
        Assert.Equal(315, data.Samples.Count);
        Assert.Equal(210, data.Samples.Select(s => s.Group).Distinct().Count());
        Assert.All(data.CountPerClass(), n => Assert.True(n >= 30));
        Assert.All(data.Samples, s =>
        {
            Assert.StartsWith("ISIC_", s.Id);
            Assert.Equal(s.Id + ".jpg", Path.GetFileName(s.Location));
            Assert.True(File.Exists(s.Location));
            Assert.Equal(s.Id + "_segmentation.png", Path.GetFileName(s.MaskPath));
            Assert.StartsWith("HAM_", s.Group);
            Assert.Null(s.PresetPart);
        });
        var first = data.Samples[0];
        Assert.Equal(("ISIC_0032128", "bkl", "HAM_0004884"), (first.Id, data.Classes[first.Label], first.Group));
        var image = data.Load(first);
        Assert.Equal((200, 150), (image.Width, image.Height));
    }

    [Fact]
    public void Dev_sample_metadata_gives_sex_age_band_localization_and_dx_type()
    {
        var data = new Ham10000Source().Read(SharedData.Ham10000);

        Assert.Equal(new Dictionary<string, string>
            { ["sex"] = "male", ["age band"] = "75+", ["localization"] = "upper extremity", ["dx_type"] = "histo" },
            data.Samples[0].Metadata);
        Assert.Equal("unknown", data.Samples.Single(s => s.Id == "ISIC_0025588").Metadata["localization"]);
        Assert.All(data.Samples, s => Assert.Equal(4, s.Metadata.Count));
        Assert.Subset(AgeBand.Bands.Append("unknown").ToHashSet(), data.Samples.Select(s => s.Metadata["age band"]).ToHashSet());
    }

    [Fact]
    public void Empty_metadata_is_unknown_and_a_csv_without_metadata_columns_gives_none()
    {
        using var dir = new TempDir();
        var ids = TinyImages.HamJpegs(2).Select(jpg =>
        {
            TinyImages.CopyTo(jpg, dir["images/" + Path.GetFileName(jpg)]);
            return Path.GetFileNameWithoutExtension(jpg);
        }).ToList();
        File.WriteAllText(dir[Ham10000Source.MetadataFile], "lesion_id,image_id,dx,age,sex\n"
            + $"HAM_1,{ids[0]},nv,,\nHAM_2,{ids[1]},mel,unknown,female\n");
        var data = new Ham10000Source().Read(dir.Path);
        Assert.Equal(new Dictionary<string, string> { ["sex"] = "unknown", ["age band"] = "unknown" }, data.Samples[0].Metadata);
        Assert.Equal(new Dictionary<string, string> { ["sex"] = "female", ["age band"] = "unknown" }, data.Samples[1].Metadata);

        File.WriteAllText(dir[Ham10000Source.MetadataFile], $"lesion_id,image_id,dx\nHAM_1,{ids[0]},nv\nHAM_2,{ids[1]},mel\n");
        Assert.All(new Ham10000Source().Read(dir.Path).Samples, s => Assert.Same(Sample.NoMetadata, s.Metadata));
    }

    [Fact]
    public void Accepts_the_path_of_the_csv_itself()
    {
        var data = new Ham10000Source().Read(Path.Combine(SharedData.Ham10000, Ham10000Source.MetadataFile));
        Assert.Equal(315, data.Samples.Count);
        Assert.Equal(SharedData.Ham10000.TrimEnd('/'), data.Root);
    }

    [Fact]
    public void Finds_images_spread_over_the_official_part_folders()
    {
        using var dir = new TempDir();
        var images = TinyImages.HamJpegs(4);
        var ids = images.Select(Path.GetFileNameWithoutExtension).ToList();
        TinyImages.CopyTo(images[0], dir[$"HAM10000_images_part_1/{ids[0]}.jpg"]);
        TinyImages.CopyTo(images[1], dir[$"HAM10000_images_part_1/{ids[1]}.jpg"]);
        TinyImages.CopyTo(images[2], dir[$"HAM10000_images_part_2/{ids[2]}.jpg"]);
        TinyImages.CopyTo(images[3], dir[$"HAM10000_images_part_2/{ids[3]}.jpg"]);
        File.WriteAllText(dir[Ham10000Source.MetadataFile], "lesion_id,image_id,dx,dx_type,age,sex,localization\n"
            + $"HAM_1,{ids[0]},nv,histo,40.0,male,back\nHAM_1,{ids[1]},nv,histo,40.0,male,back\n"
            + $"HAM_2,{ids[2]},mel,histo,60.0,female,face\nHAM_3,{ids[3]},bcc,consensus,,female,trunk\n");

        var data = new Ham10000Source().Read(dir.Path);

        Assert.Equal(["bcc", "mel", "nv"], data.Classes);
        Assert.Equal(["nv", "nv", "mel", "bcc"], data.Samples.Select(s => data.Classes[s.Label]));
        Assert.Contains("HAM10000_images_part_2", data.Samples[3].Location);
        Assert.All(data.Samples, s => Assert.Null(s.MaskPath));
    }

    [Fact]
    public void Missing_images_are_listed_with_their_count_before_anything_runs()
    {
        using var dir = new TempDir();
        foreach (var jpg in TinyImages.HamJpegs(3)) TinyImages.CopyTo(jpg, dir["images/" + Path.GetFileName(jpg)]);
        var csv = dir[Ham10000Source.MetadataFile];
        File.Copy(Path.Combine(SharedData.Ham10000, Ham10000Source.MetadataFile), csv);

        var error = Assert.Throws<DermLensException>(() => new Ham10000Source().Read(dir.Path));

        Assert.StartsWith($"312 images named in {csv} are missing: ISIC_0032128, ISIC_0025937, ISIC_0030377, ISIC_0027023, ", error.Message);
        Assert.Contains(" and 307 more", error.Message);
    }

    [Fact]
    public void A_row_without_a_diagnosis_is_an_error_naming_it()
    {
        using var dir = new TempDir();
        var jpgs = TinyImages.HamJpegs(2);
        foreach (var jpg in jpgs) TinyImages.CopyTo(jpg, dir["images/" + Path.GetFileName(jpg)]);
        var second = Path.GetFileNameWithoutExtension(jpgs[1]);
        File.WriteAllText(dir[Ham10000Source.MetadataFile],
            $"lesion_id,image_id,dx\nHAM_1,{Path.GetFileNameWithoutExtension(jpgs[0])},nv\nHAM_2,{second},\n");

        var error = Assert.Throws<DermLensException>(() => new Ham10000Source().Read(dir.Path));

        Assert.Contains($"1 rows of {dir[Ham10000Source.MetadataFile]} have no dx label: {second} (line 3)", error.Message);
    }

    [Fact]
    public void A_csv_without_the_dx_column_names_the_column()
    {
        using var dir = new TempDir();
        var csv = dir["meta.csv"];
        File.WriteAllText(csv, "lesion_id,image_id,diagnosis\nHAM_1,ISIC_1,nv\n");
        Assert.False(new Ham10000Source().Recognises(csv));
        var error = Assert.Throws<DermLensException>(() => new Ham10000Source().Read(csv));
        Assert.Contains("missing column 'dx'", error.Message);
    }

    [Theory]
    [InlineData("melanoma")]
    [InlineData("MEL")]
    public void A_dx_that_is_not_a_ham10000_diagnosis_is_an_error_naming_it_not_an_extra_class(string dx)
    {
        using var dir = new TempDir();
        var jpgs = TinyImages.HamJpegs(2);
        foreach (var jpg in jpgs) TinyImages.CopyTo(jpg, dir["images/" + Path.GetFileName(jpg)]);
        File.WriteAllText(dir[Ham10000Source.MetadataFile], "lesion_id,image_id,dx\n"
            + $"HAM_1,{Path.GetFileNameWithoutExtension(jpgs[0])},mel\nHAM_2,{Path.GetFileNameWithoutExtension(jpgs[1])},{dx}\n");

        var error = Assert.Throws<DermLensException>(() => new Ham10000Source().Read(dir.Path));

        Assert.Contains($"'{dx}' (line 3)", error.Message);
        Assert.Contains("akiec, bcc, bkl, df, mel, nv, vasc", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lesion_id;image_id;dx\nHAM_1;ISIC_1;nv\n")]
    [InlineData("garbage\n\u0001\u0002\n")]
    public void A_broken_metadata_file_is_reported_not_taken_for_an_image_folder(string content)
    {
        using var dir = new TempDir();
        foreach (var jpg in TinyImages.HamJpegs(2)) TinyImages.CopyTo(jpg, dir["images/" + Path.GetFileName(jpg)]);
        File.WriteAllText(dir[Ham10000Source.MetadataFile], content);

        var error = Assert.Throws<DermLensException>(() => DataSources.Open(dir.Path));

        Assert.Contains(Ham10000Source.MetadataFile, error.Message);
    }
}
