using System.Globalization;
using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Imaging;
using Xunit;

namespace DermLens.Tests.Data;

public class SyntheticLesionsTests
{
    const int Size = 48;
    static readonly SyntheticOptions Tiny = new(PerClass: 2, Size: Size, Seed: 7);

    static readonly string[] StudyClasses =
        ["Crust", "Erythema", "Alopecia", "Blister", "Acne", "Ulcer", "Wheal", "Leukoderma", "Pigmented Macula", "Tumor"];

    [Fact]
    public void Classes_AreTheTenOfTheStudyInOrder()
    {
        Assert.Equal(StudyClasses, SyntheticLesions.Classes);
    }

    [Fact]
    public void Generate_WritesAnImageFolderWithAMaskOfTheSameSizePerImage()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir.Path, Tiny);

        var folders = Directory.GetDirectories(dir.Path).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(StudyClasses.Append("masks").Order(), folders);
        foreach (var name in StudyClasses)
        {
            var slug = name.ToLowerInvariant().Replace(' ', '-');
            var images = Directory.GetFiles(Path.Combine(dir.Path, name)).Select(f => Path.GetFileName(f)).Order().ToArray();
            Assert.Equal(new[] { $"{slug}_0000.png", $"{slug}_0001.png" }, images);
            foreach (var file in images)
            {
                var image = ImageCodec.Decode(Path.Combine(dir.Path, name, file));
                var mask = ImageCodec.Decode(Path.Combine(dir.Path, "masks", name, file));
                Assert.Equal((Size, Size), (image.Width, image.Height));
                Assert.Equal((Size, Size), (mask.Width, mask.Height));
            }
        }
    }

    [Fact]
    public void Generate_WritesMetadataThatReadsBackWithThePaintedToneOfEveryImage()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir.Path, Tiny);

        var lines = File.ReadAllLines(dir[ImageFolderSource.MetadataFile]);
        Assert.Equal("file,skin_tone,painted_ita", lines[0]);
        Assert.StartsWith("Crust/crust_0000.png,", lines[1]);
        Assert.StartsWith("Tumor/tumor_0001.png,", lines[^1]);
        var data = new ImageFolderSource().Read(dir.Path);
        Assert.Equal(20, data.Samples.Count);
        Assert.All(data.Samples, s =>
        {
            var ita = double.Parse(s.Metadata["painted_ita"], CultureInfo.InvariantCulture);
            Assert.Equal(SkinTone.Category(ita), s.Metadata["skin_tone"]);
        });
    }

    [Fact]
    public void Draw_ReturnsTheSkinItPaintedAndItsIta()
    {
        var drawn = SyntheticLesions.Draw(0, Size, new Random(3), Tiny);
        Assert.Equal(SkinTone.ItaOfColour(drawn.Skin.R, drawn.Skin.G, drawn.Skin.B), drawn.PaintedIta);
        Assert.Equal(drawn.PaintedIta, SkinTone.Ita(drawn.Image)!.Value, 5.0);
    }

    [Fact]
    public void Masks_AreBinaryAndCoverBetweenOneAndEightyPercent()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir.Path, Tiny with { PerClass = 4, Overlap = 0.5 });

        foreach (var file in Directory.GetFiles(Path.Combine(dir.Path, "masks"), "*.png", SearchOption.AllDirectories))
        {
            var mask = ImageCodec.Decode(file);
            Assert.All(mask.Pixels, v => Assert.True(v is 0 or 255, $"{file}: mask value {v} is not 0 or 255"));
            double lesion = mask.Pixels.Count(v => v == 255) / (double)mask.Pixels.Length;
            Assert.InRange(lesion, 0.01, 0.8);
        }
    }

    [Fact]
    public void Generate_SameSeedGivesByteIdenticalFiles_DifferentSeedDoesNot()
    {
        using var first = new TempDir();
        using var second = new TempDir();
        using var other = new TempDir();
        var options = Tiny with { PerClass = 1 };
        SyntheticLesions.Generate(first.Path, options);
        SyntheticLesions.Generate(second.Path, options);
        SyntheticLesions.Generate(other.Path, options with { Seed = options.Seed + 1 });

        var files = Directory.GetFiles(first.Path, "*.png", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(first.Path, f)).ToArray();
        Assert.Equal(20, files.Length);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(first[file]), File.ReadAllBytes(second[file]));
        foreach (var file in files.Where(f => !f.StartsWith("masks")))
            Assert.NotEqual(File.ReadAllBytes(first[file]), File.ReadAllBytes(other[file]));
    }

    [Theory]
    [InlineData("Leukoderma", +1)]
    [InlineData("Pigmented Macula", -1)]
    public void LesionBrightness_DiffersFromTheSkinAroundIt(string className, int sign)
    {
        foreach (var (image, mask) in Samples(className, count: 8))
        {
            var (inside, outside) = MeanInsideOutside(image, mask, (r, g, b) => 0.299 * r + 0.587 * g + 0.114 * b);
            Assert.True(sign * (inside - outside) > 8, $"{className}: lesion {inside:F0} vs skin {outside:F0}");
        }
    }

    [Fact]
    public void Erythema_IsRedderThanTheSkinAroundIt()
    {
        foreach (var (image, mask) in Samples("Erythema", count: 8))
        {
            var (inside, outside) = MeanInsideOutside(image, mask, (r, g, _) => r / (g + 1.0));
            Assert.True(inside > outside * 1.1, $"red/green inside {inside:F2} vs outside {outside:F2}");
        }
    }

    [Fact]
    public void Confounders_ChangeThePhotoButNotTheLesionBeneath()
    {
        var plain = new SyntheticOptions(Size: Size);
        var lit = plain with { Illumination = 1, Gamma = 1, Hair = 1 };
        var framed = plain with { Vignette = 1 };
        Assert.Equal(plain with { Illumination = 1, Gamma = 1, Vignette = 1, Hair = 1 }, plain.WithConfounders(1));
        for (int c = 0; c < StudyClasses.Length; c++)
        {
            var (plainImage, plainMask, _, _) = SyntheticLesions.Draw(c, Size, new Random(c), plain);
            var (litImage, litMask, _, _) = SyntheticLesions.Draw(c, Size, new Random(c), lit);
            var (framedImage, framedMask, _, _) = SyntheticLesions.Draw(c, Size, new Random(c), framed);
            Assert.Equal(plainMask, litMask);
            Assert.True(MeanAbsoluteDifference(plainImage, litImage) > 3, $"{StudyClasses[c]}: light, gamma and hair left the photo unchanged");
            // The dermoscope's vignette darkens the corners, and no lesion is marked under it.
            foreach (var (x, y) in new[] { (0, 0), (Size - 1, 0), (0, Size - 1), (Size - 1, Size - 1) })
            {
                Assert.True(Luminance(framedImage, x, y) < 30, $"{StudyClasses[c]}: corner ({x},{y}) is not dark");
                Assert.Equal(0, framedMask[y * Size + x]);
            }
        }
    }

    [Fact]
    public void Generate_ReportsProgressUpToTheTotal()
    {
        using var dir = new TempDir();
        var progress = new MaxProgress();
        SyntheticLesions.Generate(dir.Path, Tiny with { PerClass = 1 }, progress);
        Assert.Equal(10, progress.Max);
    }

    [Fact]
    public void Generate_StopsWhenCancelled()
    {
        using var dir = new TempDir();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SyntheticLesions.Generate(dir.Path, Tiny, ct: cancelled.Token));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.png", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(0, Size, 0.0, "per-class")]
    [InlineData(1, 8, 0.0, "size")]
    [InlineData(1, Size, 1.5, "Hair")]
    public void Generate_RejectsOptionsOutOfRange(int perClass, int size, double hair, string named)
    {
        using var dir = new TempDir();
        var error = Assert.Throws<DermLensException>(() =>
            SyntheticLesions.Generate(dir.Path, new SyntheticOptions(PerClass: perClass, Size: size, Hair: hair)));
        Assert.Contains(named, error.Message);
    }

    static IEnumerable<(RgbImage Image, byte[] Mask)> Samples(string className, int count)
    {
        int classIndex = Array.IndexOf(StudyClasses, className);
        var options = new SyntheticOptions(Size: 64, Overlap: 0.5);
        for (int i = 0; i < count; i++)
        {
            var drawn = SyntheticLesions.Draw(classIndex, 64, new Random(100 + i), options);
            yield return (drawn.Image, drawn.Mask);
        }
    }

    static (double Inside, double Outside) MeanInsideOutside(RgbImage image, byte[] mask, Func<int, int, int, double> measure)
    {
        double inside = 0, outside = 0;
        int nInside = 0, nOutside = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (mask[y * image.Width + x] == 255) { inside += measure(r, g, b); nInside++; }
                else { outside += measure(r, g, b); nOutside++; }
            }
        return (inside / nInside, outside / nOutside);
    }

    static double MeanAbsoluteDifference(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels, (p, q) => Math.Abs(p - q)).Average();

    static double Luminance(RgbImage image, int x, int y)
    {
        var (r, g, b) = image[x, y];
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    sealed class MaxProgress : IProgress<int>
    {
        int max;
        public int Max => max;
        public void Report(int value)
        {
            int seen;
            while ((seen = max) < value && Interlocked.CompareExchange(ref max, value, seen) != seen) { }
        }
    }
}
