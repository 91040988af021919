using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Runs;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class PreprocessCliTests
{
    [Fact]
    public void Preprocess_WritesOnePngPerImageAndALog()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("preprocess", Path.Combine(SharedData.RoiSamples, "images"), dir["out"], "--steps", "roi,gamma=auto,color=shades-of-gray");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Wrote 5 of 5 images", result.Output);
        var sheet = ImageCodec.Decode(dir["out/" + PreprocessJob.SheetName]);
        Assert.Equal(5 * 154 + 4, sheet.Height);
        File.Delete(dir["out/" + PreprocessJob.SheetName]);
        var pngs = Directory.GetFiles(dir["out"], "*.png").Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(Directory.GetFiles(Path.Combine(SharedData.RoiSamples, "images")).Select(f => Path.GetFileNameWithoutExtension(f) + ".png").Order(), pngs);
        var cropped = ImageCodec.Decode(Path.Combine(dir["out"], pngs[0]!));
        Assert.True(cropped.Width <= 600 && cropped.Height <= 450);
        Assert.StartsWith("file,status,notes", File.ReadAllText(dir["out/" + PreprocessJob.LogName]));
    }

    [Fact]
    public void UnknownStep_IsAOneLineErrorListingTheKnownSteps()
    {
        using var dir = new TempDir();
        var result = CliRunner.Run("preprocess", SharedData.RoiSamples, dir["out"], "--steps", "fov,sharpen");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unknown preprocessing step 'sharpen'", result.Output);
        Assert.Contains("color=gray-world", result.Output);
        Assert.DoesNotContain("   at ", result.Output);
    }

    [Fact]
    public void Job_RecordsImagesItCannotProcessAndGoesOn()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["in/sub"]);
        ImageCodec.SavePng(new RgbImage(8, 8), dir["in/tiny.png"]);
        File.Copy(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0024311.jpg"), dir["in/sub/a.jpg"]);
        File.WriteAllText(dir["in/broken.jpg"], "not an image");
        var outcome = new PreprocessJob(dir["in"], dir["out"], PreprocessChain.Parse("hair")).Run();
        Assert.Equal(1, outcome.Written);
        Assert.True(File.Exists(dir["out/sub/a.png"]));
        Assert.Equal(["broken.png", "tiny.png"], outcome.Failed.Select(f => f.File).Order());
        Assert.Contains("8x8", outcome.Failed.Single(f => f.File == "tiny.png").Error);
        Assert.Contains("tiny.png,failed", File.ReadAllText(dir["out/" + PreprocessJob.LogName]));
    }

    [Fact]
    public void Inputs_that_share_a_name_get_outputs_that_do_not_overwrite_each_other()
    {
        using var dir = new TempDir();
        ImageCodec.SavePng(new RgbImage(64, 64), dir["in/x.png"]);
        File.Copy(Path.Combine(SharedData.RoiSamples, "images", "ISIC_0024311.jpg"), dir["in/x.jpg"]);
        var outcome = new PreprocessJob(dir["in"], dir["out"], PreprocessChain.Parse("gamma=1.2")).Run();
        Assert.Equal(["x.jpg.png", "x.png.png"], outcome.Files.Select(r => r.File).Order());
        Assert.True(File.Exists(dir["out/x.jpg.png"]) && File.Exists(dir["out/x.png.png"]));
    }

    [Theory]
    [InlineData("in")]
    [InlineData("in/cleaned")]
    public void An_output_folder_that_is_or_lies_in_the_input_folder_is_refused_and_the_originals_stay(string output)
    {
        using var dir = new TempDir();
        ImageCodec.SavePng(new RgbImage(64, 64), dir["in/x.png"]);
        var before = File.ReadAllBytes(dir["in/x.png"]);
        var error = Assert.Throws<DermLensException>(() => new PreprocessJob(dir["in"], dir[output], PreprocessChain.Parse("gamma=1.2")).Run());
        Assert.Contains("would overwrite or mix with the originals", error.Message);
        Assert.Equal(before, File.ReadAllBytes(dir["in/x.png"]));
        Assert.Equal(["x.png"], Directory.EnumerateFileSystemEntries(dir["in"]).Select(Path.GetFileName));
    }
}
