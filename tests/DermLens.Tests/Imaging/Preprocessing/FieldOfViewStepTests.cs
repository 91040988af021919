using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using Xunit.Abstractions;

namespace DermLens.Tests.Imaging.Preprocessing;

public class FieldOfViewStepTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(600, 450, 300, 225, 210)]  // disc well inside the frame
    [InlineData(600, 450, 310, 220, 280)]  // disc clipped at top and bottom, dark corners only
    [InlineData(400, 400, 190, 205, 150)]
    [InlineData(1024, 768, 500, 390, 360)]
    public void Detect_FindsTheCircleWithin3PercentOfTheRadius(int w, int h, float cx, float cy, float r)
    {
        var image = TestImages.Dermoscope(w, h, cx, cy, r);
        var circle = FieldOfViewStep.Detect(image, out var reason);
        Assert.True(circle.HasValue, reason);
        var c = circle.Value;
        double radiusError = Math.Abs(c.Radius - r) / r, centreError = Math.Sqrt(Math.Pow(c.X - cx, 2) + Math.Pow(c.Y - cy, 2)) / r;
        output.WriteLine($"{w}x{h} circle ({cx},{cy}) r={r}: found ({c.X:0.0},{c.Y:0.0}) r={c.Radius:0.0}, radius error {radiusError:P2}, centre error {centreError:P2}");
        Assert.True(radiusError <= 0.03, $"radius {c.Radius:0.0} vs {r}");
        Assert.True(centreError <= 0.03, $"centre ({c.X:0.0},{c.Y:0.0}) vs ({cx},{cy})");
    }

    [Fact]
    public void Apply_CropsToSkinOnly()
    {
        var image = TestImages.Dermoscope(600, 450, 300, 225, 210);
        var cropped = new FieldOfViewStep().Apply(image, new PreprocessLog());
        Assert.InRange(cropped.Width, 270, 300);   // about r * sqrt(2) = 297, less the edge margin
        Assert.InRange(cropped.Height, 270, 300);
        for (int y = 0; y < cropped.Height; y++)
            for (int x = 0; x < cropped.Width; x++) Assert.True(cropped[x, y].R > 60, $"dark pixel at {x},{y}");
    }

    [Fact]
    public void ImagesWithoutVignette_PassUnchanged()
    {
        var log = new PreprocessLog();
        var step = new FieldOfViewStep();
        var skin = TestImages.SkinWithLesion();
        Assert.Same(skin, step.Apply(skin, log));
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RoiSamples, "images")))
        {
            var image = ImageCodec.Decode(file);
            var result = step.Apply(image, log);
            output.WriteLine($"{Path.GetFileName(file)}: {image.Width}x{image.Height} -> {result.Width}x{result.Height}");
            Assert.True(result.Width * result.Height >= 0.5 * image.Width * image.Height);
        }
        Assert.Empty(log.Notes);
    }
}
