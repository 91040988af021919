using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using SkiaSharp;

namespace DermLens.Bench;

/// <summary>The measured figures of the preprocessing issue: ROI mask kept, illumination flattening, vignette accuracy, throughput.</summary>
static class PreprocessBenchmark
{
    static readonly SKColor Skin = new(214, 170, 150), Lesion = new(120, 80, 60);

    public static string Run(string[] args)
    {
        var data = Shared.Find();
        var report = new StringBuilder("# Preprocessing: measured figures\n\n");
        report.Append(CultureInfo.InvariantCulture, $"Command: `dotnet run --project bench/DermLens.Bench -c Release -- preprocess`, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\n");
        report.Append(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, shared with other jobs (builds, training runs) while measured: timings are pessimistic and noisy.\n\n");

        report.Append("## Lesion ROI crop (`roi`, margin 15%) against the official masks\n\n");
        report.Append("Otsu on luminance and on inverted redness (CIE a*); the crop covers what either finds. Kept: share of mask pixels inside the crop; removed: share of non-lesion pixels outside it.\n\n");
        report.Append("| data | images | mask kept, mean | mask kept, min | non-lesion removed, mean | fell back to full image |\n|---|---|---|---|---|---|\n");
        foreach (var (name, images, mask) in new (string, string, Func<string, string>)[]
        {
            ("roi-samples (600x450)", Path.Combine(data, "roi-samples", "images"), f => Path.Combine(data, "roi-samples", "masks", Path.GetFileNameWithoutExtension(f) + ".png")),
            ("ham10000-dev (200x150)", Path.Combine(data, "ham10000-dev", "images"), f => Path.Combine(data, "ham10000-dev", "masks", Path.GetFileNameWithoutExtension(f) + "_segmentation.png")),
        })
        {
            var r = Directory.GetFiles(images).Order().Select(f => RoiCropScore.Measure(ImageCodec.Decode(f), ImageCodec.Decode(mask(f)))).ToList();
            var cropped = r.Where(x => !x.Fallback).ToList();
            report.Append(CultureInfo.InvariantCulture,
                $"| {name} | {r.Count} | {r.Average(x => x.Kept):P1} | {r.Min(x => x.Kept):P1} | {r.Average(x => x.Removed):P1} | {r.Count - cropped.Count} |\n");
            if (cropped.Count < r.Count)
                report.Append(CultureInfo.InvariantCulture,
                    $"| {name}, cropped ones only | {cropped.Count} | {cropped.Average(x => x.Kept):P1} | {cropped.Min(x => x.Kept):P1} | {cropped.Average(x => x.Removed):P1} | - |\n");
        }

        report.Append("\n## Illumination (`illumination:degree=d`): off-centre spotlight 1.0 to 0.45 on a 600x450 skin image with a lesion\n\n");
        report.Append("Spread (max - min) of 10x10 block means of skin luminance, before and after.\n\n| degree | before | after | reduction |\n|---|---|---|---|\n");
        var (lit, inLesion) = Spotlit(600, 450);
        double before = Spread(lit, inLesion);
        foreach (var degree in new[] { 1, 2, 3, 4 })
        {
            double after = Spread(new IlluminationStep(degree).Apply(lit, new PreprocessLog()), inLesion);
            report.Append(CultureInfo.InvariantCulture, $"| {degree}{(degree == 3 ? " (default)" : "")} | {before:0.0} | {after:0.0} | {1 - after / before:P1} |\n");
        }

        report.Append("\n## Vignette (`fov`): synthetic dermoscope images, known circle\n\n| image | true circle | found | radius error | centre error |\n|---|---|---|---|---|\n");
        foreach (var (w, h, cx, cy, r) in new (int, int, float, float, float)[] { (600, 450, 300, 225, 210), (600, 450, 310, 220, 280), (400, 400, 190, 205, 150), (1024, 768, 500, 390, 360), (600, 450, 280, 240, 330) })
        {
            var c = FieldOfViewStep.Detect(Dermoscope(w, h, cx, cy, r), out var reason);
            report.Append(c is { } f
                ? FormattableString.Invariant($"| {w}x{h} | ({cx}, {cy}) r {r} | ({f.X:0.0}, {f.Y:0.0}) r {f.Radius:0.0} | {Math.Abs(f.Radius - r) / r:P2} | {Math.Sqrt(Math.Pow(f.X - cx, 2) + Math.Pow(f.Y - cy, 2)) / r:P2} |\n")
                : FormattableString.Invariant($"| {w}x{h} | ({cx}, {cy}) r {r} | not found: {reason} | - | - |\n"));
        }

        report.Append("\n## Throughput per step, one thread, the 5 roi-samples images at 600x450 (decoded once)\n\n| step | ms/image | images/s |\n|---|---|---|\n");
        var samples = Directory.GetFiles(Path.Combine(data, "roi-samples", "images")).Order().Select(ImageCodec.Decode).ToList();
        foreach (var text in new[] { "fov", "roi", "gamma=1.3", "gamma=auto", "illumination", "color=shades-of-gray", "color=gray-world", "hair", "fov,roi,gamma=auto,illumination,color=shades-of-gray,hair" })
        {
            var chain = PreprocessChain.Parse(text);
            foreach (var s in samples) chain.Apply(s);
            int rounds = 4;
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < rounds; i++) foreach (var s in samples) chain.Apply(s);
            double ms = clock.Elapsed.TotalMilliseconds / (rounds * samples.Count);
            report.Append(CultureInfo.InvariantCulture, $"| `{text}` | {ms:0.0} | {1000 / ms:0.0} |\n");
        }
        return report.ToString();
    }

    static RgbImage Draw(int w, int h, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap)) draw(canvas);
        return ImageCodec.FromBitmap(bitmap);
    }

    static RgbImage Dermoscope(int w, int h, float cx, float cy, float r) => Draw(w, h, c =>
    {
        c.Clear(new SKColor(6, 5, 5));
        using var skin = new SKPaint { Color = Skin, IsAntialias = true };
        c.DrawCircle(cx, cy, r, skin);
        using var lesion = new SKPaint { Color = Lesion, IsAntialias = true };
        c.DrawCircle(cx + r * 0.1f, cy - r * 0.05f, r * 0.25f, lesion);
    });

    static (RgbImage Image, Func<int, int, bool> InLesion) Spotlit(int w, int h)
    {
        var flat = Draw(w, h, c =>
        {
            c.Clear(Skin);
            using var paint = new SKPaint { Color = Lesion, IsAntialias = true };
            c.DrawOval(new SKRect(w * 0.38f, h * 0.36f, w * 0.62f, h * 0.64f), paint);
        });
        var noise = new Random(5);
        var lit = new RgbImage(w, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                var (r, g, b) = flat[x, y];
                double f = (0.45 + 0.55 * Math.Exp(-(Math.Pow(x - 0.3 * w, 2) + Math.Pow(y - 0.35 * h, 2)) / (2 * Math.Pow(0.45 * w, 2))))
                    * (1 + 0.04 * (noise.NextDouble() - 0.5));
                lit[x, y] = ((byte)(r * f), (byte)(g * f), (byte)(b * f));
            }
        return (lit, (x, y) => Math.Pow((x - 0.5 * w) / (0.13 * w), 2) + Math.Pow((y - 0.5 * h) / (0.15 * h), 2) <= 1.1);
    }

    static double Spread(RgbImage image, Func<int, int, bool> inLesion)
    {
        var means = new List<double>();
        for (int by = 0; by < 10; by++)
            for (int bx = 0; bx < 10; bx++)
            {
                double sum = 0; int n = 0;
                for (int y = by * image.Height / 10; y < (by + 1) * image.Height / 10; y++)
                    for (int x = bx * image.Width / 10; x < (bx + 1) * image.Width / 10; x++)
                    {
                        if (inLesion(x, y)) continue;
                        var (r, g, b) = image[x, y];
                        sum += 0.299 * r + 0.587 * g + 0.114 * b; n++;
                    }
                if (n > 0) means.Add(sum / n);
            }
        return means.Max() - means.Min();
    }
}
