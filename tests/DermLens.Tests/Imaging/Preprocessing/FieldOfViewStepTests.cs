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

    [Theory]
    [InlineData(600, 450, 390, 270)]  // an oval disc wider and taller than the frame: four corner arcs of an ellipse
    [InlineData(600, 450, 345, 300)]
    [InlineData(450, 600, 270, 390)]  // portrait
    public void Corner_only_vignettes_whose_edge_is_no_circle_are_cut_away_and_the_dark_lesion_kept(int w, int h, double a, double b)
    {
        var image = OvalScope(w, h, a, b, seed: w + (int)a);
        var log = new PreprocessLog();
        var cropped = new FieldOfViewStep().Apply(image, log);
        output.WriteLine($"{w}x{h} oval {a}x{b}: kept {cropped.Width}x{cropped.Height}; notes: {string.Join("; ", log.Notes)}");

        Assert.True(cropped.Width * cropped.Height >= 0.6 * w * h, $"kept only {cropped.Width}x{cropped.Height} of {w}x{h}");
        for (int x = 0; x < cropped.Width; x++)
            foreach (var y in new[] { 0, cropped.Height - 1 }) Assert.True(Luminance(cropped[x, y]) > 60, $"dark pixel at {x},{y}");
        for (int y = 0; y < cropped.Height; y++)
            foreach (var x in new[] { 0, cropped.Width - 1 }) Assert.True(Luminance(cropped[x, y]) > 60, $"dark pixel at {x},{y}");
        Assert.True(Luminance(cropped[cropped.Width / 2, cropped.Height / 2]) < 45, "the dark lesion in the middle was lost");
    }

    [Fact]
    public void On_real_dermoscopy_whose_dark_corners_are_all_that_shows_of_the_scope_no_dark_corner_remains()
    {
        // ham10000-dev images whose corners (two or more) are dark while the middle of every edge is bright: the scope's disc
        // is wider than the frame. The step must crop every dark corner away and keep most of the photo, and leave the
        // photos without a dark corner as they are.
        var step = new FieldOfViewStep();
        int layout = 0, unvignetted = 0;
        var remaining = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.Ham10000, "images"), "*.jpg").Order(StringComparer.Ordinal))
        {
            var image = ImageCodec.Decode(file);
            var (corners, edges, bright) = Layout(image);
            double dark = 0.3 * bright;
            if (corners.All(c => c > 0.5 * bright))
            {
                // No dark corner at all: the photo is no vignette's, and stays whole.
                var kept = step.Apply(image, new PreprocessLog());
                Assert.True(kept.Width == image.Width && kept.Height == image.Height, $"{file} has no dark corner but was cropped");
                unvignetted++;
                continue;
            }
            if (corners.Count(c => c < dark) < 2 || edges.Min() <= 0.5 * bright) continue;
            layout++;
            var cropped = step.Apply(image, new PreprocessLog());
            var after = Layout(cropped).Corners;
            output.WriteLine($"{Path.GetFileName(file)}: corners {string.Join(" ", corners.Select(c => c.ToString("0")))} -> " +
                             $"{string.Join(" ", after.Select(c => c.ToString("0")))}, kept {cropped.Width}x{cropped.Height} of {image.Width}x{image.Height}");
            Assert.True(cropped.Width * cropped.Height >= 0.4 * image.Width * image.Height, $"{file}: kept only {cropped.Width}x{cropped.Height}");
            if (after.Any(c => c < dark)) remaining.Add(Path.GetFileName(file));
        }
        Assert.True(layout >= 20, $"only {layout} images of the layout in ham10000-dev");
        Assert.True(unvignetted >= 100, $"only {unvignetted} images without dark corners in ham10000-dev");
        Assert.True(remaining.Count == 0, $"dark corners remain in {remaining.Count} of {layout}: {string.Join(", ", remaining)}");
    }

    /// <summary>Mean luminance of the four corner patches and of the four edge midpoints, and the image's 90th percentile.</summary>
    static (double[] Corners, double[] Edges, double Bright) Layout(RgbImage image)
    {
        int w = image.Width, h = image.Height, p = Math.Max(2, Math.Min(w, h) / 25);
        double Mean(int x0, int y0) => Enumerable.Range(y0, p).SelectMany(y => Enumerable.Range(x0, p).Select(x => Luminance(image[x, y]))).Average();
        var all = Enumerable.Range(0, h).SelectMany(y => Enumerable.Range(0, w).Select(x => Luminance(image[x, y]))).Order().ToArray();
        return ([Mean(0, 0), Mean(w - p, 0), Mean(0, h - p), Mean(w - p, h - p)],
                [Mean(w / 2 - p / 2, 0), Mean(w / 2 - p / 2, h - p), Mean(0, h / 2 - p / 2), Mean(w - p, h / 2 - p / 2)],
                all[all.Length * 9 / 10]);
    }

    /// <summary>Skin under an oval dermoscope disc of semi-axes a x b with a soft edge, seeded noise and a lesion darker
    /// than the vignette's threshold in the middle.</summary>
    static RgbImage OvalScope(int w, int h, double a, double b, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(w, h);
        double cx = w / 2.0, cy = h / 2.0, lesionRadius = 0.12 * Math.Min(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double rho = Math.Sqrt(Math.Pow((x - cx) / a, 2) + Math.Pow((y - cy) / b, 2));
                double light = Math.Clamp((1.02 - rho) / 0.07, 0, 1);
                bool lesion = Math.Pow(x - cx, 2) + Math.Pow(y - cy, 2) < lesionRadius * lesionRadius;
                int[] colour = lesion ? [35, 20, 15] : [205, 150, 130];
                int noise = random.Next(-12, 13);
                for (int c = 0; c < 3; c++) image.Pixels[(y * w + x) * 3 + c] = (byte)Math.Clamp(4 + light * (colour[c] + noise), 0, 255);
            }
        return image;
    }

    static double Luminance((byte R, byte G, byte B) p) => 0.299 * p.R + 0.587 * p.G + 0.114 * p.B;

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
