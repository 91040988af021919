using OpenCvSharp;

namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Dermoscope vignette removal: finds the bright disc of the field of view inside the dark border, fits a circle to the
/// disc's edge (points on the image border excluded, so discs larger than the frame still fit), and crops to the largest
/// centred rectangle inside both circle and image. Where the dark corners' edge is no circle (a disc wider than the frame
/// seen only as corner arcs, an oval or off-centre scope, a soft ramp), or the circle's rectangle still holds dark corners,
/// it crops to the largest rectangle free of the dark regions joined to the corners instead. Images whose corners are not
/// dark pass unchanged.
/// </summary>
public sealed class FieldOfViewStep : IPreprocessStep
{
    const int AnalysisSide = 512;
    /// <summary>The vignette's edge is a soft ramp: crop this share of the radius inside it.</summary>
    const double EdgeMargin = 0.03;
    /// <summary>Without a circle, the same ramp: crop this share of the shorter side inside the dark corners' edge.</summary>
    const double CornerMargin = 0.02;
    /// <summary>A corner crop that would keep less of the image than this is no vignette removal; the image stays whole.</summary>
    const double MinCornerCropShare = 0.3;

    public string Name => "fov";

    internal static IPreprocessStep Create(StepSpec spec)
    {
        spec.Allow(false);
        return new FieldOfViewStep();
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        var crop = SkinRectangle(image, out var reason);
        if (crop == null)
        {
            if (reason != null) log.Note(Name, reason + "; image kept whole");
            return image;
        }
        var (x, y, w, h) = crop.Value;
        if (w < PreprocessChain.MinSide || h < PreprocessChain.MinSide)
        {
            log.Note(Name, $"field of view is only {w}x{h} px; image kept whole");
            return image;
        }
        return Resizer.Crop(image, x, y, w, h);
    }

    /// <summary>The field-of-view circle in image pixels, or null when there is no vignette or its edge is no circle
    /// (reason says why, if unusual).</summary>
    public static Circle? Detect(RgbImage image, out string? reason)
    {
        using var vignette = Vignette.Find(image, out reason);
        return vignette == null ? null : FitDisc(vignette, out reason);
    }

    /// <summary>The part of the image to keep, in image pixels: inside the field-of-view circle, or clear of the dark
    /// corners where their edge is no circle; null keeps the image whole (reason says why, if unusual).</summary>
    public static (int X, int Y, int Width, int Height)? SkinRectangle(RgbImage image, out string? reason)
    {
        using var vignette = Vignette.Find(image, out reason);
        if (vignette == null) return null;
        var corners = new CornerDarkness(vignette);
        if (FitDisc(vignette, out var noCircle) is { } circle)
        {
            // A circle fitted to four short corner arcs of an oval can pass the fit test and still leave dark corners in.
            var inside = InscribedRectangle(circle, image.Width, image.Height);
            if (corners.Clear(inside, image.Width, image.Height, vignette.Scale)) return inside;
            noCircle = "the field-of-view circle leaves dark corners in";
        }
        var clear = corners.LargestClearRectangle(image.Width, image.Height, vignette.Scale);
        reason = clear == null ? $"{noCircle ?? "dark corners but no field-of-view edge"}, and they reach too far in to crop around" : null;
        return clear;
    }

    /// <summary>The shrunk, blurred luminance of an image whose corners are dark, and the level below which a pixel is dark.</summary>
    sealed class Vignette(Mat small, double scale, double threshold) : IDisposable
    {
        public Mat Small { get; } = small;
        public double Scale { get; } = scale;
        public double Threshold { get; } = threshold;
        public int Width => Small.Cols;
        public int Height => Small.Rows;

        /// <summary>Null when fewer than two corners are dark (no vignette) or the image is dark almost everywhere.</summary>
        public static Vignette? Find(RgbImage image, out string? reason)
        {
            reason = null;
            using var gray = CvImage.Gray(image);
            var (small, scale) = CvImage.Shrink(gray, AnalysisSide);
            Cv2.GaussianBlur(small, small, new Size(5, 5), 0);
            var pixels = CvImage.Bytes(small);
            var sorted = (byte[])pixels.Clone();
            Array.Sort(sorted);
            int bright90 = sorted[sorted.Length * 9 / 10];
            if (bright90 < 24)
            {
                small.Dispose();
                reason = "image is dark almost everywhere, no field of view to find";
                return null;
            }
            double threshold = Math.Clamp(0.3 * bright90, 12, 60);
            if (DarkCorners(pixels, small.Cols, small.Rows, threshold) < 2)
            {
                small.Dispose();
                return null;
            }
            return new Vignette(small, scale, threshold);
        }

        public void Dispose() => Small.Dispose();
    }

    static Circle? FitDisc(Vignette vignette, out string? reason)
    {
        reason = null;
        int w = vignette.Width, h = vignette.Height;
        using var bright = new Mat();
        Cv2.Threshold(vignette.Small, bright, vignette.Threshold, 255, ThresholdTypes.Binary);
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
        double scale = vignette.Scale;
        return new Circle((cx + 0.5) / scale, (cy + 0.5) / scale, (r + 0.5) / scale);
    }

    /// <summary>
    /// Where the dark regions joined to the corners are, in the analysis image. Only dark pixels connected to a corner
    /// count (a dark lesion in the middle does not shrink a crop), after an opening that cuts off hairs crossing into the
    /// dark. Each quadrant's dark pixels are kept as a staircase: for a rectangle inset s pixels from the quadrant's left or
    /// right edge, how far it must be inset from its top or bottom edge to hold none of them.
    /// </summary>
    sealed class CornerDarkness
    {
        const int TopLeft = 0, TopRight = 1, BottomLeft = 2, BottomRight = 3;
        readonly int _w, _h;
        readonly int[][] _need;

        public CornerDarkness(Vignette vignette)
        {
            _w = vignette.Width;
            _h = vignette.Height;
            using var dark = new Mat();
            Cv2.Threshold(vignette.Small, dark, vignette.Threshold, 255, ThresholdTypes.BinaryInv);
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(5, 5));
            Cv2.MorphologyEx(dark, dark, MorphTypes.Open, kernel);
            const byte Corner = 128;
            int patch = CornerPatch(_w, _h);
            foreach (var (x0, y0) in Corners(_w, _h, patch))
                for (int y = y0; y < y0 + patch; y++)
                    for (int x = x0; x < x0 + patch; x++)
                        if (dark.At<byte>(y, x) == 255) Cv2.FloodFill(dark, new Point(x, y), new Scalar(Corner));
            var mask = CvImage.Bytes(dark);

            _need = Enumerable.Range(0, 4).Select(_ => new int[_w / 2 + 2]).ToArray();
            for (int y = 0; y < _h; y++)
                for (int x = 0; x < _w; x++)
                {
                    if (mask[y * _w + x] != Corner) continue;
                    bool right = 2 * x >= _w, bottom = 2 * y >= _h;
                    int fromSide = right ? _w - 1 - x : x, fromEnd = (bottom ? _h - 1 - y : y) + 1;
                    var need = _need[(bottom ? BottomLeft : TopLeft) + (right ? 1 : 0)];
                    need[fromSide] = Math.Max(need[fromSide], fromEnd);
                }
            // A pixel further in from the side than the inset is inside the rectangle's width: the most any such asks.
            foreach (var need in _need)
                for (int s = need.Length - 2; s >= 0; s--) need[s] = Math.Max(need[s], need[s + 1]);
        }

        /// <summary>Whether a rectangle in image pixels is clear of the corners' dark regions (one analysis pixel of slack
        /// for the rounding between the two scales).</summary>
        public bool Clear((int X, int Y, int Width, int Height) r, int imageWidth, int imageHeight, double scale)
        {
            int Inset(double pixels) => (int)Math.Floor(pixels * scale) + 1;
            var (left, right) = (Inset(r.X), Inset(imageWidth - r.X - r.Width));
            var (top, bottom) = (Inset(r.Y), Inset(imageHeight - r.Y - r.Height));
            return top >= Math.Max(Need(TopLeft, left), Need(TopRight, right)) && bottom >= Math.Max(Need(BottomLeft, left), Need(BottomRight, right));
        }

        /// <summary>
        /// The largest rectangle clear of the corners' dark regions, each side inset on its own (a vignette is often off
        /// centre), in image pixels and a margin further in for the soft ramp of the vignette's edge; null when it would keep
        /// less than <see cref="MinCornerCropShare"/> of the image.
        /// </summary>
        public (int X, int Y, int Width, int Height)? LargestClearRectangle(int imageWidth, int imageHeight, double scale)
        {
            (int Left, int Right, int Top, int Bottom) best = default;
            long bestArea = 0;
            for (int left = 0; left < _w / 2; left++)
                for (int right = 0; right < _w / 2; right++)
                {
                    int top = Math.Max(Need(TopLeft, left), Need(TopRight, right));
                    int bottom = Math.Max(Need(BottomLeft, left), Need(BottomRight, right));
                    long area = (long)(_w - left - right) * Math.Max(0, _h - top - bottom);
                    if (area > bestArea) (best, bestArea) = ((left, right, top, bottom), area);
                }
            if (bestArea < MinCornerCropShare * _w * _h) return null;
            double margin = CornerMargin * Math.Min(imageWidth, imageHeight);
            int Image(int inset) => (int)Math.Ceiling(inset / scale + margin);
            int x = Image(best.Left), y = Image(best.Top);
            return (x, y, imageWidth - x - Image(best.Right), imageHeight - y - Image(best.Bottom));
        }

        int Need(int quadrant, int inset) => inset < _need[quadrant].Length ? _need[quadrant][inset] : 0;
    }

    static int CornerPatch(int w, int h) => Math.Max(2, Math.Min(w, h) / 25);

    static (int X, int Y)[] Corners(int w, int h, int patch) => [(0, 0), (w - patch, 0), (0, h - patch), (w - patch, h - patch)];

    static int DarkCorners(byte[] pixels, int w, int h, double threshold)
    {
        int patch = CornerPatch(w, h), dark = 0;
        foreach (var (x0, y0) in Corners(w, h, patch))
        {
            int count = 0;
            for (int y = y0; y < y0 + patch; y++)
                for (int x = x0; x < x0 + patch; x++) if (pixels[y * w + x] < threshold) count++;
            if (count >= 0.5 * patch * patch) dark++;
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
