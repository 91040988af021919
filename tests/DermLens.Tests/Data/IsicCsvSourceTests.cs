using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class IsicCsvSourceTests
{
    const string GroundTruthFolder = "ISIC2018_Task3_Training_GroundTruth";
    const string GroundTruthCsv = GroundTruthFolder + "/ISIC2018_Task3_Training_GroundTruth.csv";

    /// <summary>The ISIC 2018 download layout: the CSV in one folder, the images in a sibling folder.</summary>
    static void WriteIsic2018(TempDir dir, string csv, int images)
    {
        var jpgs = TinyImages.HamJpegs(images);
        for (int i = 0; i < jpgs.Count; i++) TinyImages.CopyTo(jpgs[i], dir[$"ISIC2018_Task3_Training_Input/ISIC_T{i:D3}.jpg"]);
        Directory.CreateDirectory(dir[GroundTruthFolder]);
        File.WriteAllText(dir[GroundTruthCsv], csv);
        File.WriteAllText(dir[GroundTruthFolder + "/LICENSE.txt"], "CC-BY-NC");
    }

    [Fact]
    public void Reads_one_hot_rows_with_images_in_a_sibling_folder()
    {
        using var dir = new TempDir();
        WriteIsic2018(dir, "image,MEL,NV,BCC\nISIC_T000,0.0,1.0,0.0\nISIC_T001,1.0,0.0,0.0\nISIC_T002,0.0,0.0,1.0\n", 3);

        var source = new IsicCsvSource();
        Assert.True(source.Recognises(dir[GroundTruthFolder]));
        var data = source.Read(dir[GroundTruthFolder]);

        Assert.Equal("isic", data.Format);
        Assert.Equal(new[] { "MEL", "NV", "BCC" }, data.Classes);
        Assert.Equal(new[] { ("ISIC_T000", 1), ("ISIC_T001", 0), ("ISIC_T002", 2) }, data.Samples.Select(s => (s.Id, s.Label)));
        Assert.Equal(dir["ISIC2018_Task3_Training_Input/ISIC_T001.jpg"], data.Samples[1].Location);
        Assert.Equal((200, 150), (data.Load(data.Samples[0]).Width, data.Load(data.Samples[0]).Height));
    }

    [Fact]
    public void Drops_an_unused_UNK_column_and_weight_columns()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["ISIC_2019_Test_GroundTruth.csv"],
            "image,MEL,NV,BCC,UNK,score_weight,age\nISIC_T000,1,0,0,0,1,55\nISIC_T001,0,0,1,0,1,40\n");
        foreach (var (jpg, i) in TinyImages.HamJpegs(2).Select((j, i) => (j, i)))
            TinyImages.CopyTo(jpg, dir[$"ISIC_2019_Test_Input/ISIC_T{i:D3}.jpg"]);

        var data = new IsicCsvSource().Read(dir["ISIC_2019_Test_GroundTruth.csv"]);

        Assert.Equal(new[] { "MEL", "NV", "BCC" }, data.Classes);
        Assert.Equal(new[] { 0, 2 }, data.Samples.Select(s => s.Label));
    }

    [Fact]
    public void Rows_without_exactly_one_positive_class_are_listed()
    {
        using var dir = new TempDir();
        WriteIsic2018(dir, "image,MEL,NV\nISIC_T000,1.0,0.0\nISIC_T001,1.0,1.0\nISIC_T002,0.0,0.0\n", 3);

        var error = Assert.Throws<DermLensException>(() => new IsicCsvSource().Read(dir[GroundTruthCsv]));

        Assert.Equal($"2 rows of {dir[GroundTruthCsv]} do not have exactly one class set to 1: "
            + "ISIC_T001 (line 3, 2 positives), ISIC_T002 (line 4, 0 positives).", error.Message);
    }

    [Fact]
    public void Missing_images_are_listed_with_their_count()
    {
        using var dir = new TempDir();
        var rows = string.Concat(Enumerable.Range(0, 9).Select(i => $"ISIC_T{i:D3},{i % 2}.0,{1 - i % 2}.0\n"));
        WriteIsic2018(dir, "image,MEL,NV\n" + rows, 2);

        var error = Assert.Throws<DermLensException>(() => new IsicCsvSource().Read(dir[GroundTruthFolder]));

        Assert.StartsWith($"7 images named in {dir[GroundTruthCsv]} are missing: "
            + "ISIC_T002, ISIC_T003, ISIC_T004, ISIC_T005, ISIC_T006 and 2 more", error.Message);
    }

    [Fact]
    public void A_folder_with_two_ground_truth_files_is_ambiguous()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["A_GroundTruth.csv"], "image,MEL\n");
        File.WriteAllText(dir["B_GroundTruth.csv"], "image,MEL\n");
        Assert.False(new IsicCsvSource().Recognises(dir.Path));
        var error = Assert.Throws<DermLensException>(() => new IsicCsvSource().Read(dir.Path));
        Assert.Contains("A_GroundTruth.csv, B_GroundTruth.csv", error.Message);
    }
}
