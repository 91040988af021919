using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using Xunit.Abstractions;

namespace DermLens.Tests.Imaging.Preprocessing;

public class LesionRoiStepTests(ITestOutputHelper output)
{
    void Report(string name, List<RoiCropScore> results)
    {
        output.WriteLine($"{name}: {results.Count} images, mask kept mean {results.Average(r => r.Kept):P1} min {results.Min(r => r.Kept):P1}, "
            + $"non-lesion removed mean {results.Average(r => r.Removed):P1}, fallbacks {results.Count(r => r.Fallback)}");
    }

    [Fact]
    public void RoiSamples_CropKeepsTheLesion()
    {
        var dir = SharedData.RoiSamples;
        var results = new List<RoiCropScore>();
        foreach (var file in Directory.GetFiles(Path.Combine(dir, "images")).Order())
        {
            results.Add(RoiCropScore.Measure(ImageCodec.Decode(file), ImageCodec.Decode(Path.Combine(dir, "masks", Path.GetFileNameWithoutExtension(file) + ".png"))));
            output.WriteLine($"{Path.GetFileName(file)}: kept {results[^1].Kept:P1}, removed {results[^1].Removed:P1}, fallback {results[^1].Fallback}");
        }
        Report("roi-samples", results);
        Assert.True(results.Average(r => r.Kept) >= 0.95);
        Assert.True(results.Average(r => r.Removed) > 0.1, "the crop should cut away some skin");
    }

    [Fact]
    public void Ham10000Dev_CropKeepsTheLesion()
    {
        var dir = SharedData.Ham10000;
        var results = Directory.GetFiles(Path.Combine(dir, "images")).Order().Select(file => RoiCropScore.Measure(ImageCodec.Decode(file),
            ImageCodec.Decode(Path.Combine(dir, "masks", Path.GetFileNameWithoutExtension(file) + "_segmentation.png")))).ToList();
        Report("ham10000-dev", results);
        foreach (var (file, r) in Directory.GetFiles(Path.Combine(dir, "images")).Order().Zip(results).Where(p => p.Second.Kept < 0.9))
            output.WriteLine($"{Path.GetFileName(file)}: kept {r.Kept:P1}, removed {r.Removed:P1}");
        Assert.True(results.Average(r => r.Kept) >= 0.95);
        Assert.True(results.Min(r => r.Kept) >= 0.9, "pink and red lesions are kept too");
    }

    [Fact]
    public void PinkLesion_AsBrightAsTheSkin_IsFoundByItsRednessNotLostToADarkFreckle()
    {
        // Luminance: skin 194, lesion 189, freckle 120; only redness tells the lesion apart (ISIC_0031056 in ham10000-dev).
        var image = TestImages.Draw(600, 450, c =>
        {
            c.Clear(new SkiaSharp.SKColor(205, 190, 185));
            using var lesion = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(240, 165, 175), IsAntialias = true };
            c.DrawOval(new SkiaSharp.SKRect(230, 160, 370, 280), lesion);
            using var freckle = new SkiaSharp.SKPaint { Color = new SkiaSharp.SKColor(150, 110, 95), IsAntialias = true };
            c.DrawCircle(540, 400, 22, freckle);
        });
        var box = LesionRoiStep.Detect(image, 0.15, out var reason);
        Assert.True(box.HasValue, reason);
        var (x, y, w, h) = box.Value;
        Assert.True(x <= 230 && y <= 160 && x + w >= 370 && y + h >= 280, $"box {box} misses the pink lesion");
    }

    [Fact]
    public void SyntheticLesion_IsCroppedWithMarginAndAspectRatio()
    {
        var image = TestImages.SkinWithLesion(600, 450, new SkiaSharp.SKRect(100, 80, 220, 180));
        var box = LesionRoiStep.Detect(image, 0.15, out var reason);
        Assert.True(box.HasValue, reason);
        var (x, y, w, h) = box.Value;
        Assert.True(x <= 100 && y <= 80 && x + w >= 220 && y + h >= 180, $"box {box}");
        Assert.InRange((double)w / h, 600 / 450.0 - 0.02, 600 / 450.0 + 0.02);
        Assert.InRange(w, 150, 260);
    }

    [Fact]
    public void DermoscopeVignette_IsNotMistakenForTheLesion()
    {
        var image = TestImages.Dermoscope(600, 450, 300, 225, 280);   // lesion: circle at (328, 211), radius 70
        var box = LesionRoiStep.Detect(image, 0.15, out var reason);
        Assert.True(box.HasValue, reason);
        var (x, y, w, h) = box.Value;
        Assert.True(x <= 258 && y <= 141 && x + w >= 398 && y + h >= 281, $"box {box}");
        Assert.True(w < 400, $"box {box} reaches into the vignette");
    }

    [Fact]
    public void NoLesion_FallsBackToTheFullImageWithAReason()
    {
        var log = new PreprocessLog();
        var skin = TestImages.Draw(300, 200, c => c.Clear(TestImages.Skin));
        Assert.Same(skin, new LesionRoiStep().Apply(skin, log));
        Assert.Contains("full image kept", log.ToString());
        var speck = TestImages.SkinWithLesion(600, 450, new SkiaSharp.SKRect(300, 220, 320, 240));
        log = new PreprocessLog();
        Assert.Same(speck, new LesionRoiStep().Apply(speck, log));
        Assert.Contains("too small", log.ToString());
    }
}
