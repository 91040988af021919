using System.Runtime.InteropServices;
using OpenCvSharp;

namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Lesion region of interest: lesions are darker or redder than the skin around them, so Otsu's threshold on blurred
/// luminance and on inverted redness (CIE a*), vignette left out, separates them; the most central large component of
/// each channel, united, grown by a margin and widened to the image's aspect ratio, is the crop. Falls back to the
/// whole image, with a note, when neither channel shows a plausible lesion.
/// </summary>
public sealed class LesionRoiStep : IPreprocessStep
{
    // Redness spans fewer levels than luminance (a* of skin and of a pink lesion differ by a few units), hence its lower bar.
    const double DefaultMargin = 0.15, MinShare = 0.003, MinContrast = 12, MinRednessContrast = 4;
    const int AnalysisSide = 256, VignetteLevel = 16;

    public double Margin { get; }
    public string Name { get; }

    public LesionRoiStep(double margin = DefaultMargin)
    {
        Margin = margin;
        Name = margin == DefaultMargin ? "roi" : $"roi:margin={StepSpec.Format(margin)}";
    }

    internal static IPreprocessStep Create(StepSpec spec)
    {
        spec.Allow(false, "margin");
        return new LesionRoiStep(spec.Number("margin", DefaultMargin, 0, 2));
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        var box = Detect(image, Margin, out var reason);
        if (box == null)
        {
            log.Note(Name, reason + "; full image kept");
            return image;
        }
        var (x, y, w, h) = box.Value;
        return Resizer.Crop(image, x, y, w, h);
    }

    /// <summary>The crop rectangle in image pixels, or null with the reason no plausible lesion was found.</summary>
    public static (int X, int Y, int Width, int Height)? Detect(RgbImage image, double margin, out string reason)
    {
        using var gray = CvImage.Gray(image);
        var (small, scale) = CvImage.Shrink(gray, AnalysisSide);
        using var analysis = small;
        int w = small.Cols, h = small.Rows;
        double sigma = Math.Max(1, 0.01 * Math.Max(w, h));
        Cv2.GaussianBlur(small, small, new Size(0, 0), sigma);
        var pixels = CvImage.Bytes(small);
        var valid = InsideFieldOfView(image, pixels, w, h, scale);

        // Pigmented lesions stand out in luminance; pink and red ones (vascular lesions, some BCC and akiec) barely do,
        // so a dark freckle elsewhere used to win. They stand out in redness instead: the crop covers what either finds.
        var dark = Candidate(pixels, valid, w, h, MinContrast, out var darkReason);
        var red = Candidate(Redness(image, w, h, sigma), valid, w, h, MinRednessContrast, out var redReason);
        var box = dark is { } d && red is { } r ? Union(d, r) : dark ?? red;
        reason = box == null ? (darkReason == redReason ? $"{darkReason} (luminance and redness)" : $"luminance: {darkReason}; redness: {redReason}") : "";
        if (box is not { } found) return null;
        var (bx, by, bw, bh) = found;
        return Expand(bx / scale, by / scale, bw / scale, bh / scale, margin, image.Width, image.Height);
    }

    /// <summary>Redness (CIE a*) inverted, so red and pink lesions are dark like pigmented ones, at the analysis size.</summary>
    static byte[] Redness(RgbImage image, int w, int h, double sigma)
    {
        using var rgb = CvImage.ToMat(image);
        using var small = new Mat();
        Cv2.Resize(rgb, small, new Size(w, h), 0, 0, InterpolationFlags.Area);
        using var lab = new Mat();
        Cv2.CvtColor(small, lab, ColorConversionCodes.RGB2Lab);
        using var a = lab.ExtractChannel(1);
        Cv2.GaussianBlur(a, a, new Size(0, 0), sigma);
        var bytes = CvImage.Bytes(a);
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(255 - bytes[i]);
        return bytes;
    }

    /// <summary>The box (analysis pixels) of the most plausible dark region of one channel, or null with the reason.</summary>
    static (int X, int Y, int Width, int Height)? Candidate(byte[] pixels, bool[] valid, int w, int h, double minContrast, out string reason)
    {
        reason = "";
        var histogram = new long[256];
        for (int i = 0; i < pixels.Length; i++) if (valid[i]) histogram[pixels[i]]++;
        var (threshold, darkMean, brightMean) = Otsu(histogram);
        if (brightMean - darkMean < minContrast)
        {
            reason = $"no contrast between lesion and skin (class means {darkMean:0} and {brightMean:0})";
            return null;
        }

        int k = Math.Max(3, (int)(0.03 * Math.Max(w, h))) | 1;
        var core = Regions.Find(pixels, valid, threshold, w, h, k);
        int best = -1; double bestScore = 0;
        for (int label = 1; label < core.Count; label++)
        {
            double dx = (core.CentreX[label] - w / 2.0) / (w / 2.0), dy = (core.CentreY[label] - h / 2.0) / (h / 2.0);
            // Dermoscopy centres the lesion: a dark patch in a corner (shadow, vignette remnant) loses to a central one.
            double score = core.Area[label] * Math.Max(0.05, 1 - 0.6 * Math.Sqrt(dx * dx + dy * dy));
            if (score > bestScore) { bestScore = score; best = label; }
        }
        if (best < 0)
        {
            reason = "no dark region survives the clean-up";
            return null;
        }
        double share = (double)core.Area[best] / (w * h);
        if (share < MinShare)
        {
            reason = $"largest dark region covers only {share:P1} of the image, too small for a lesion";
            return null;
        }
        var box = core.Box(best);
        if (SpansImage(box, w, h))
        {
            reason = "the dark region spans the whole image (lesion fills the frame or lighting is uneven)";
            return null;
        }
        // Hysteresis: Otsu finds the dark core; lighter rims and patches of the lesion pass a looser threshold and are
        // connected to the core, skin shading mostly is not.
        var grown = Regions.Find(pixels, valid, (threshold + (int)brightMean) / 2, w, h, k);
        var touched = new HashSet<int>();
        for (int i = 0; i < pixels.Length; i++) if (core.Labels[i] == best && grown.Labels[i] > 0) touched.Add(grown.Labels[i]);
        if (touched.Count > 0)
        {
            var wide = touched.Select(grown.Box).Aggregate(Union);
            if (!SpansImage(wide, w, h)) box = Union(box, wide);
        }
        return box;
    }

    static bool SpansImage((int X, int Y, int Width, int Height) box, int w, int h) => box.Width >= 0.97 * w && box.Height >= 0.97 * h;

    static (int X, int Y, int Width, int Height) Union((int X, int Y, int Width, int Height) a, (int X, int Y, int Width, int Height) b)
    {
        int x = Math.Min(a.X, b.X), y = Math.Min(a.Y, b.Y);
        return (x, y, Math.Max(a.X + a.Width, b.X + b.Width) - x, Math.Max(a.Y + a.Height, b.Y + b.Height) - y);
    }

    /// <summary>Connected dark regions below a threshold after an opening and closing that drop specks and fill gaps.</summary>
    sealed class Regions
    {
        public required int Count { get; init; }
        public required int[] Labels { get; init; }
        public required int[] Area { get; init; }
        public required double[] CentreX { get; init; }
        public required double[] CentreY { get; init; }
        public required (int X, int Y, int Width, int Height)[] Boxes { get; init; }

        public (int X, int Y, int Width, int Height) Box(int label) => Boxes[label];

        public static Regions Find(byte[] pixels, bool[] valid, int threshold, int w, int h, int kernelSize)
        {
            var mask = new byte[pixels.Length];
            for (int i = 0; i < pixels.Length; i++) mask[i] = (byte)(valid[i] && pixels[i] <= threshold ? 255 : 0);
            using var dark = new Mat(h, w, MatType.CV_8UC1);
            Marshal.Copy(mask, 0, dark.Data, mask.Length);
            using var kernel = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(kernelSize, kernelSize));
            Cv2.MorphologyEx(dark, dark, MorphTypes.Open, kernel);
            Cv2.MorphologyEx(dark, dark, MorphTypes.Close, kernel);
            using var labels = new Mat();
            using var stats = new Mat();
            using var centroids = new Mat();
            int count = Cv2.ConnectedComponentsWithStats(dark, labels, stats, centroids);
            var ids = new int[w * h];
            Marshal.Copy(labels.Data, ids, 0, ids.Length);
            return new Regions
            {
                Count = count,
                Labels = ids,
                Area = Enumerable.Range(0, count).Select(l => stats.At<int>(l, (int)ConnectedComponentsTypes.Area)).ToArray(),
                CentreX = Enumerable.Range(0, count).Select(l => centroids.At<double>(l, 0)).ToArray(),
                CentreY = Enumerable.Range(0, count).Select(l => centroids.At<double>(l, 1)).ToArray(),
                Boxes = Enumerable.Range(0, count).Select(l => (stats.At<int>(l, 0), stats.At<int>(l, 1), stats.At<int>(l, 2), stats.At<int>(l, 3))).ToArray(),
            };
        }
    }

    /// <summary>Grows the box by the margin on every side, then to the image's aspect ratio, shifted to stay inside.</summary>
    internal static (int, int, int, int) Expand(double x, double y, double w, double h, double margin, int width, int height)
    {
        double cx = x + w / 2, cy = y + h / 2;
        w *= 1 + 2 * margin; h *= 1 + 2 * margin;
        double aspect = (double)width / height;
        if (w / h < aspect) w = h * aspect; else h = w / aspect;
        if (w > width || h > height) { double shrink = Math.Min(width / w, height / h); w *= shrink; h *= shrink; }
        int iw = Math.Max(1, (int)Math.Round(w)), ih = Math.Max(1, (int)Math.Round(h));
        int ix = Math.Clamp((int)Math.Round(cx - w / 2), 0, width - iw), iy = Math.Clamp((int)Math.Round(cy - h / 2), 0, height - ih);
        return (ix, iy, iw, ih);
    }

    /// <summary>Marks the analysis pixels that belong to the skin: not near-black, and inside the vignette when there is one.</summary>
    static bool[] InsideFieldOfView(RgbImage image, byte[] pixels, int w, int h, double scale)
    {
        var circle = FieldOfViewStep.Detect(image, out _);
        var valid = new bool[pixels.Length];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                valid[i] = pixels[i] >= VignetteLevel;
                if (valid[i] && circle is { } c)
                {
                    double dx = (x + 0.5) / scale - c.X, dy = (y + 0.5) / scale - c.Y;
                    valid[i] = dx * dx + dy * dy < 0.95 * 0.95 * c.Radius * c.Radius;
                }
            }
        return valid;
    }

    /// <summary>Otsu's threshold (dark class is values &lt;= threshold) and the two class means.</summary>
    static (int Threshold, double DarkMean, double BrightMean) Otsu(long[] histogram)
    {
        long total = histogram.Sum();
        if (total == 0) return (0, 0, 0);
        double sumAll = 0;
        for (int v = 0; v < 256; v++) sumAll += v * (double)histogram[v];
        double sumDark = 0, bestVariance = -1; long dark = 0;
        (int, double, double) best = (0, 0, 0);
        for (int t = 0; t < 255; t++)
        {
            dark += histogram[t]; sumDark += t * (double)histogram[t];
            long bright = total - dark;
            if (dark == 0 || bright == 0) continue;
            double m0 = sumDark / dark, m1 = (sumAll - sumDark) / bright;
            double variance = (double)dark * bright * (m1 - m0) * (m1 - m0);
            if (variance > bestVariance) { bestVariance = variance; best = (t, m0, m1); }
        }
        return best;
    }
}
