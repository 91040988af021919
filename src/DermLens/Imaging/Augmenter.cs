using SkiaSharp;

namespace DermLens.Imaging;

/// <summary>
/// Applies <see cref="AugmentationOptions"/>. Crop, flips and rotation are folded into one affine
/// draw so each image is resampled once; colour jitter then works on the bytes.
/// </summary>
public sealed class Augmenter(AugmentationOptions options, InputSize size)
{
    public AugmentationOptions Options { get; } = options;
    public InputSize Size { get; } = size;

    public RgbImage Apply(RgbImage image, Random rng)
    {
        var (cx, cy, cw, ch) = RandomCrop(image.Width, image.Height, rng);
        bool flipX = Options.HorizontalFlip && rng.NextDouble() < 0.5;
        bool flipY = Options.VerticalFlip && rng.NextDouble() < 0.5;
        float angle = (float)((rng.NextDouble() * 2 - 1) * Options.MaxRotationDegrees);

        using var source = ImageCodec.ToBitmap(image);
        var (width, height) = (Size.Width, Size.Height);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var sourceImage = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.Black);
            // Maps the crop rectangle onto the output rectangle, rotated about its centre.
            canvas.Translate(width / 2f, height / 2f);
            canvas.RotateDegrees(angle);
            canvas.Scale(flipX ? -1 : 1, flipY ? -1 : 1);
            // Enlarge slightly when rotating so corners stay filled with image rather than black.
            float cover = angle == 0 ? 1f : CoverScale(angle, width, height);
            canvas.Scale(cover * width / cw, cover * height / ch);
            canvas.Translate(-(cx + cw / 2f), -(cy + ch / 2f));
            canvas.DrawImage(sourceImage, 0, 0, Resizer.Sampling(shrinks: cw > width && ch > height));
        }
        var result = ImageCodec.FromBitmap(target);
        ColorJitter.Apply(result, Options, rng);
        return result;
    }

    /// <summary>How much a width x height picture, rotated about its centre, must grow to cover its unrotated frame.</summary>
    static float CoverScale(float degrees, int width, int height)
    {
        double r = degrees * Math.PI / 180, cos = Math.Abs(Math.Cos(r)), sin = Math.Abs(Math.Sin(r));
        return (float)Math.Max(cos + sin * height / width, cos + sin * width / height);
    }

    /// <summary>
    /// torchvision's RandomResizedCrop with the aspect ratio drawn around the output's (W/H) rather than 1, so a 4:3
    /// output from a 4:3 photo is not squashed; after ten misses, the largest centred crop of the output's shape.
    /// </summary>
    (int X, int Y, int W, int H) RandomCrop(int width, int height, Random rng)
    {
        double area = width * (double)height, outputRatio = Size.Width / (double)Size.Height;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * Lerp(Options.CropScale, rng.NextDouble());
            double logRatio = Lerp((Math.Log(Options.CropRatio.Min), Math.Log(Options.CropRatio.Max)), rng.NextDouble());
            double ratio = outputRatio * Math.Exp(logRatio);
            int w = (int)Math.Round(Math.Sqrt(target * ratio));
            int h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= width && h <= height)
                return (rng.Next(width - w + 1), rng.Next(height - h + 1), w, h);
        }
        int fitWidth = Math.Max(1, Math.Min(width, (int)Math.Round(height * outputRatio)));
        int fitHeight = Math.Max(1, Math.Min(height, (int)Math.Round(fitWidth / outputRatio)));
        return ((width - fitWidth) / 2, (height - fitHeight) / 2, fitWidth, fitHeight);
    }

    static double Lerp((double Min, double Max) range, double t) => range.Min + (range.Max - range.Min) * t;
}
