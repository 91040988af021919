using SkiaSharp;

namespace DermLens.Imaging;

/// <summary>
/// Applies <see cref="AugmentationOptions"/>. Crop, flips and rotation are folded into one affine
/// draw so each image is resampled once; colour jitter then works on the bytes.
/// </summary>
public sealed class Augmenter(AugmentationOptions options, int size)
{
    public AugmentationOptions Options { get; } = options;
    public int Size { get; } = size;

    public RgbImage Apply(RgbImage image, Random rng)
    {
        var (cx, cy, cw, ch) = RandomCrop(image.Width, image.Height, rng);
        bool flipX = Options.HorizontalFlip && rng.NextDouble() < 0.5;
        bool flipY = Options.VerticalFlip && rng.NextDouble() < 0.5;
        float angle = (float)((rng.NextDouble() * 2 - 1) * Options.MaxRotationDegrees);

        using var source = ImageCodec.ToBitmap(image);
        using var target = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(target))
        using (var sourceImage = SKImage.FromBitmap(source))
        {
            canvas.Clear(SKColors.Black);
            // Maps the crop rectangle onto the output square, rotated about its centre.
            canvas.Translate(Size / 2f, Size / 2f);
            canvas.RotateDegrees(angle);
            canvas.Scale(flipX ? -1 : 1, flipY ? -1 : 1);
            // Enlarge slightly when rotating so corners stay filled with image rather than black.
            float cover = angle == 0 ? 1f : CoverScale(angle);
            canvas.Scale(cover * Size / (float)cw, cover * Size / (float)ch);
            canvas.Translate(-(cx + cw / 2f), -(cy + ch / 2f));
            canvas.DrawImage(sourceImage, 0, 0, Resizer.Sampling(Math.Min(cw, ch), Size));
        }
        var result = ImageCodec.FromBitmap(target);
        ColorJitter.Apply(result, Options, rng);
        return result;
    }

    static float CoverScale(float degrees)
    {
        double r = Math.Abs(degrees) * Math.PI / 180;
        return (float)(Math.Abs(Math.Cos(r)) + Math.Abs(Math.Sin(r)));
    }

    (int X, int Y, int W, int H) RandomCrop(int width, int height, Random rng)
    {
        double area = width * (double)height;
        for (int attempt = 0; attempt < 10; attempt++)
        {
            double target = area * Lerp(Options.CropScale, rng.NextDouble());
            double logRatio = Lerp((Math.Log(Options.CropRatio.Min), Math.Log(Options.CropRatio.Max)), rng.NextDouble());
            double ratio = Math.Exp(logRatio);
            int w = (int)Math.Round(Math.Sqrt(target * ratio));
            int h = (int)Math.Round(Math.Sqrt(target / ratio));
            if (w > 0 && h > 0 && w <= width && h <= height)
                return (rng.Next(width - w + 1), rng.Next(height - h + 1), w, h);
        }
        int side = Math.Min(width, height);
        return ((width - side) / 2, (height - side) / 2, side, side);
    }

    static double Lerp((double Min, double Max) range, double t) => range.Min + (range.Max - range.Min) * t;
}
