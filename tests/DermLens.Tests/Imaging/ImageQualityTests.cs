using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace DermLens.Tests.Imaging;

public class ImageQualityTests(ITestOutputHelper output)
{
    static RgbImage Ham(string imageId) => ImageCodec.Decode(Path.Combine(SharedData.Ham10000, "images", imageId + ".jpg"));

    static string[] Checks(RgbImage image) => ImageQuality.Check(image).Issues.Select(i => i.Check).ToArray();

    [Fact]
    public void A_real_dermoscopy_photo_passes_every_check()
    {
        var report = ImageQuality.Check(Ham("ISIC_0024522"));

        Assert.True(report.Ok, string.Join("; ", report.Issues));
    }

    [Fact]
    public void A_blurred_copy_of_that_photo_is_flagged_blurred_only()
    {
        var photo = Ham("ISIC_0024522");
        using var working = CvImage.ToMat(Resizer.Resize(photo, ImageQuality.SharpnessSide, ImageQuality.SharpnessSide * photo.Height / photo.Width));
        using var blurred = new Mat();
        Cv2.GaussianBlur(working, blurred, new Size(0, 0), 4);

        var issue = Assert.Single(ImageQuality.Check(CvImage.FromMat(blurred)).Issues);
        Assert.Equal(QualityIssue.Blurred, issue.Check);
        Assert.Equal(ImageQuality.MinSharpness, issue.Limit);
        Assert.InRange(issue.Value, 0, ImageQuality.MinSharpness);
    }

    [Fact]
    public void A_100x80_photo_is_flagged_too_small_with_its_shorter_side()
    {
        var issue = Assert.Single(ImageQuality.Check(Resizer.Resize(Ham("ISIC_0024522"), 100, 80)).Issues);

        Assert.Equal(new QualityIssue(QualityIssue.TooSmall, issue.Message, 80, ImageQuality.MinShorterSide), issue);
        Assert.Contains("too small", issue.Message);
    }

    [Fact]
    public void A_near_black_photo_is_flagged_too_dark_and_nothing_it_causes()
    {
        Assert.Equal([QualityIssue.TooDark], Checks(Noisy(300, 200, (14, 10, 8), seed: 1)));
    }

    [Fact]
    public void A_white_photo_is_flagged_overexposed_and_nothing_it_causes()
    {
        Assert.Equal([QualityIssue.Overexposed], Checks(Plain(300, 200, (255, 255, 255))));
    }

    [Theory]
    [InlineData(90, 140, 210)]
    [InlineData(128, 128, 128)]
    public void A_blue_or_grey_scene_is_flagged_not_skin(byte r, byte g, byte b)
    {
        Assert.Equal([QualityIssue.NotSkin], Checks(Noisy(300, 200, (r, g, b), seed: 2)));
    }

    /// <remarks>The Monk Skin Tone scale's ten swatches, with noise for texture: the lightest and the darkest skin are the
    /// ones nearly neutral in colour and, for the darkest, close to the too-dark limit.</remarks>
    [Theory]
    [InlineData(246, 237, 228)]
    [InlineData(243, 231, 219)]
    [InlineData(247, 234, 208)]
    [InlineData(234, 218, 186)]
    [InlineData(215, 189, 150)]
    [InlineData(160, 126, 86)]
    [InlineData(130, 92, 67)]
    [InlineData(96, 65, 52)]
    [InlineData(58, 49, 42)]
    [InlineData(41, 36, 32)]
    public void Skin_of_every_monk_tone_passes(byte r, byte g, byte b)
    {
        var report = ImageQuality.Check(Noisy(300, 200, (r, g, b), seed: 3));

        Assert.True(report.Ok, string.Join("; ", report.Issues));
    }

    [Fact]
    public void Synthetic_lesions_on_dark_skin_pass_the_skin_check()
    {
        var options = new SyntheticOptions();
        var dark = Enumerable.Range(0, 100)
            .Select(seed => SyntheticLesions.Draw(seed % SyntheticLesions.Classes.Count, 128, new Random(seed), options))
            .Where(d => SkinTone.Category(d.PaintedIta) == "dark").Take(5).ToList();

        Assert.Equal(5, dark.Count);
        Assert.All(dark, d => Assert.DoesNotContain(QualityIssue.NotSkin, Checks(d.Image)));
    }

    /// <remarks>Every third image, sorted by name: 4 of these 105 are flagged (7 of all 315: 4 not skin, a lesion or a
    /// black vignette filling the frame, and 3 blurred).</remarks>
    [Fact]
    public void Few_ham10000_dev_photos_are_flagged_for_anything()
    {
        var files = Directory.GetFiles(Path.Combine(SharedData.Ham10000, "images"), "*.jpg").Order(StringComparer.Ordinal)
            .Where((_, i) => i % 3 == 0).ToList();

        var flagged = files.Where(f => !ImageQuality.Check(ImageCodec.Decode(f)).Ok).ToList();

        output.WriteLine($"{flagged.Count} of {files.Count} flagged: {string.Join(", ", flagged.Select(Path.GetFileNameWithoutExtension))}");
        Assert.Equal(105, files.Count);
        Assert.InRange(flagged.Count, 0, 7);
    }

    [Fact]
    public void Most_cifar_airplanes_ships_and_trucks_are_flagged_not_skin()
    {
        var cifar = DataSources.Open(SharedData.Cifar10);
        var machines = cifar.Samples.Where(s => cifar.Classes[s.Label] is "airplane" or "ship" or "truck").Where((_, i) => i % 4 == 0).ToList();

        var notSkin = machines.Count(s => Checks(cifar.Load(s)).Contains(QualityIssue.NotSkin)) / (double)machines.Count;

        output.WriteLine($"{notSkin:P1} of {machines.Count} flagged not skin");
        Assert.InRange(notSkin, 0.55, 1);
    }

    /// <remarks>Enlarging interpolates and so smooths a little (about 20 % here); without the fixed working size the
    /// variance would fall to a fraction at twice the size.</remarks>
    [Fact]
    public void Sharpness_barely_depends_on_the_resolution_of_a_large_photo()
    {
        var photo = ImageCodec.Decode(Directory.GetFiles(Path.Combine(SharedData.RoiSamples, "images")).Order(StringComparer.Ordinal).First());
        var twice = Resizer.Resize(photo, photo.Width * 2, photo.Height * 2);

        double native = ImageQuality.Sharpness(photo), enlarged = ImageQuality.Sharpness(twice);

        output.WriteLine($"{photo.Width}x{photo.Height}: {native:F2}; {twice.Width}x{twice.Height}: {enlarged:F2}");
        Assert.InRange(enlarged / native, 0.7, 1.4);
    }

    static RgbImage Plain(int width, int height, (byte R, byte G, byte B) colour) => Noisy(width, height, colour, seed: 0, spread: 0);

    /// <summary>A colour with uniform noise of ±<paramref name="spread"/> per channel, the texture that keeps it from reading as blurred.</summary>
    static RgbImage Noisy(int width, int height, (byte R, byte G, byte B) colour, int seed, int spread = 8)
    {
        var rng = new Random(seed);
        var image = new RgbImage(width, height);
        byte[] channels = [colour.R, colour.G, colour.B];
        for (int i = 0; i < image.Pixels.Length; i++)
            image.Pixels[i] = (byte)Math.Clamp(channels[i % 3] + rng.Next(-spread, spread + 1), 0, 255);
        return image;
    }
}
