using OpenCvSharp;

namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Dermoscope vignette removal: finds the bright disc of the field of view inside the dark border, fits a circle to the
/// disc's edge (points on the image border excluded, so discs larger than the frame still fit), and crops to the largest
/// centred rectangle inside both circle and image. Images whose corners are not dark pass unchanged.
/// </summary>
public sealed class FieldOfViewStep : IPreprocessStep
{
    const int AnalysisSide = 512;
    /// <summary>The vignette's edge is a soft ramp: crop this share of the radius inside it.</summary>
    const double EdgeMargin = 0.03;

    public string Name => "fov";

    internal static IPreprocessStep Create(StepSpec spec)
    {
        spec.Allow(false);
        return new FieldOfViewStep();
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        var circle = Detect(image, out var reason);
        if (circle == null)
        {
            if (reason != null) log.Note(Name, reason + "; image kept whole");
            return image;
        }
        var (x, y, w, h) = InscribedRectangle(circle.Value, image.Width, image.Height);
        if (w < PreprocessChain.MinSide || h < PreprocessChain.MinSide)
        {
            log.Note(Name, $"field of view is only {w}x{h} px; image kept whole");
            return image;
        }
        return Resizer.Crop(image, x, y, w, h);
    }

    /// <summary>The field-of-view circle in image pixels, or null when there is no vignette (reason says why, if unusual).</summary>
    public static Circle? Detect(RgbImage image, out string? reason)
    {
        reason = null;
        using var gray = CvImage.Gray(image);
        var (small, scale) = CvImage.Shrink(gray, AnalysisSide);
        using var analysis = small;
        Cv2.GaussianBlur(small, small, new Size(5, 5), 0);
        var pixels = CvImage.Bytes(small);
        var sorted = (byte[])pixels.Clone();
        Array.Sort(sorted);
        int bright90 = sorted[sorted.Length * 9 / 10];
        if (bright90 < 24)
        {
            reason = "image is dark almost everywhere, no field of view to find";
            return null;
        }
        double threshold = Math.Clamp(0.3 * bright90, 12, 60);
        int w = small.Cols, h = small.Rows;
        if (DarkCorners(pixels, w, h, threshold) < 2) return null;

        using var bright = new Mat();
        Cv2.Threshold(small, bright, threshold, 255, ThresholdTypes.Binary);
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5));
        Cv2.MorphologyEx(bright, bright, MorphTypes.Open, kernel);
        Cv2.FindContours(bright, out var contours, out _, RetrievalModes.External, ContourApproximationModes.ApproxNone);
        if (contours.Length == 0) return null;
        var disc = contours.MaxBy(c => Cv2.ContourArea(c))!;
        var edge = disc.Where(p => p.X > 1 && p.Y > 1 && p.X < w - 2 && p.Y < h - 2).ToArray();
        if (edge.Length < 20) return null;
        var fit = FitCircle(edge);
        if (fit == null) return null;
        var (cx, cy, r) = fit.Value;
        double rms = Math.Sqrt(edge.Average(p => Math.Pow(Math.Sqrt((p.X - cx) * (p.X - cx) + (p.Y - cy) * (p.Y - cy)) - r, 2)));
        if (r < 0.25 * Math.Min(w, h) || rms > 0.04 * r)
        {
            reason = $"dark corners but no circular field of view (edge fits a circle only to {rms / r:P0} of its radius)";
            return null;
        }
        // +0.5: contour points are pixel indices, the circle's edge lies between the last bright and first dark pixel.
        return new Circle((cx + 0.5) / scale, (cy + 0.5) / scale, (r + 0.5) / scale);
    }

    static int DarkCorners(byte[] pixels, int w, int h, double threshold)
    {
        int patch = Math.Max(2, Math.Min(w, h) / 25), dark = 0;
        foreach (var (x0, y0) in new[] { (0, 0), (w - patch, 0), (0, h - patch), (w - patch, h - patch) })
        {
            int count = 0;
            for (int y = y0; y < y0 + patch; y++)
                for (int x = x0; x < x0 + patch; x++) if (pixels[y * w + x] < threshold) count++;
            if (count >= 0.9 * patch * patch) dark++;
        }
        return dark;
    }

    /// <summary>Algebraic least-squares circle (Kasa): x² + y² + Dx + Ey + F = 0.</summary>
    static (double X, double Y, double R)? FitCircle(IReadOnlyList<Point> points)
    {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, sz = 0, sxz = 0, syz = 0; int n = points.Count;
        foreach (var p in points)
        {
            double x = p.X, y = p.Y, z = x * x + y * y;
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; sz += z; sxz += x * z; syz += y * z;
        }
        // Normal equations [sxx sxy sx; sxy syy sy; sx sy n] [D E F]' = -[sxz syz sz]', by Cramer's rule.
        double det = Det(sxx, sxy, sx, sxy, syy, sy, sx, sy, n);
        if (Math.Abs(det) < 1e-9) return null;
        double d = Det(-sxz, sxy, sx, -syz, syy, sy, -sz, sy, n) / det;
        double e = Det(sxx, -sxz, sx, sxy, -syz, sy, sx, -sz, n) / det;
        double f = Det(sxx, sxy, -sxz, sxy, syy, -syz, sx, sy, -sz) / det;
        double cx = -d / 2, cy = -e / 2, r2 = cx * cx + cy * cy - f;
        return r2 <= 0 ? null : (cx, cy, Math.Sqrt(r2));
    }

    static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
        a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);

    /// <summary>The largest rectangle centred on the circle that lies inside both the circle and the image.</summary>
    public static (int X, int Y, int Width, int Height) InscribedRectangle(Circle circle, int width, int height)
    {
        double r = circle.Radius * (1 - EdgeMargin);
        double maxA = Math.Min(circle.X, width - circle.X), maxB = Math.Min(circle.Y, height - circle.Y);
        if (maxA <= 0 || maxB <= 0) return (0, 0, 0, 0);
        double a1 = Math.Min(r / Math.Sqrt(2), maxA), b1 = Math.Min(Math.Sqrt(Math.Max(0, r * r - a1 * a1)), maxB);
        double b2 = Math.Min(r / Math.Sqrt(2), maxB), a2 = Math.Min(Math.Sqrt(Math.Max(0, r * r - b2 * b2)), maxA);
        var (a, b) = a1 * b1 >= a2 * b2 ? (a1, b1) : (a2, b2);
        int x = (int)Math.Ceiling(circle.X - a), y = (int)Math.Ceiling(circle.Y - b);
        int right = (int)Math.Floor(circle.X + a), bottom = (int)Math.Floor(circle.Y + b);
        x = Math.Max(0, x); y = Math.Max(0, y);
        return (x, y, Math.Min(width, right) - x, Math.Min(height, bottom) - y);
    }

    /// <summary>A circle in image pixels.</summary>
    public readonly record struct Circle(double X, double Y, double Radius);
}
