using DermLens.Imaging.Preprocessing;
using OpenCvSharp;

namespace DermLens.Imaging;

/// <summary>Tells whether a photo is fit to score: large enough, neither too dark nor blown out, sharp, and showing skin.</summary>
public static class ImageQuality
{
    /// <summary>Shorter side in pixels below which a photo is <see cref="QualityIssue.TooSmall"/>.</summary>
    public const int MinShorterSide = 128;

    /// <summary>Mean Rec. 601 luminance (0-255) below which a photo is <see cref="QualityIssue.TooDark"/>.</summary>
    /// <remarks>Not 40: the darkest Monk Skin Tone swatch (#292420) is itself at 37, so a well-lit photo of the darkest skin
    /// would be sent back for more light that cannot help. The ham10000-dev photos are all above 94.</remarks>
    public const double MinMeanLuminance = 30;

    /// <summary>Level (0-255) that all three channels of a pixel must reach for it to count as clipped to white.</summary>
    public const byte ClippedLevel = 250;

    /// <summary>Share of clipped pixels above which a photo is <see cref="QualityIssue.Overexposed"/>.</summary>
    /// <remarks>Clipped pixels rather than a high mean: what overexposure destroys is the detail in the blown-out area, while
    /// very light skin, well exposed, already has a mean luminance near 235. No ham10000-dev photo clips more than 1 %.</remarks>
    public const double MaxClippedShare = 0.35;

    /// <summary>Longer side in pixels the grey image is resized to before its sharpness is measured.</summary>
    public const int SharpnessSide = 512;

    /// <summary>Variance of the Laplacian at <see cref="SharpnessSide"/> below which a photo is <see cref="QualityIssue.Blurred"/>.</summary>
    /// <remarks>Dermoscopy is smooth, and the common limit of 100 would flag nearly every HAM10000 photo. At 1.8, of the 315
    /// ham10000-dev photos (200x150, enlarged to 512) 1.0 % are flagged, and of Gaussian-blurred copies 74 % at sigma 3,
    /// 96 % at sigma 4 and 99 % at sigma 5 (one in eight ham10000-train photos: 1.3 %; 84, 98, 99.6 %). Photos taken at
    /// 512 px or more keep far more detail (HAM10000 originals at 600x450: 19-25), so only strong blur is caught there.
    /// The two overlap because an enlarged 200x150 photo scores 2-4, barely above the 1.7 that 8-bit rounding alone gives.</remarks>
    public const double MinSharpness = 1.8;

    /// <summary>Lowest Cr (OpenCV 8-bit YCrCb) of a skin-coloured pixel.</summary>
    /// <remarks>Below the usual 133: the lightest and darkest skin are nearly neutral, and at 133 only 31 % of a noisy
    /// swatch of the darkest Monk tone counts as skin (54 % at 131), at the price of fewer CIFAR-10 trucks flagged.</remarks>
    public const byte SkinCrMin = 131;

    /// <summary>Highest Cr of a skin-coloured pixel.</summary>
    public const byte SkinCrMax = 180;

    /// <summary>Lowest Cb of a skin-coloured pixel.</summary>
    public const byte SkinCbMin = 77;

    /// <summary>Highest Cb of a skin-coloured pixel.</summary>
    public const byte SkinCbMax = 135;

    /// <summary>Share of skin-coloured pixels below which a photo is <see cref="QualityIssue.NotSkin"/>.</summary>
    /// <remarks>Flags 1.3 % of ham10000-dev (photos filled by a dark or bluish lesion or a black vignette), 73 % of CIFAR-10
    /// airplanes, 72 % of ships, 45 % of trucks, 24 % of the animal classes, and no synthetic lesion of any tone.</remarks>
    public const double MinSkinShare = 0.25;

    /// <summary>Runs every check that can be judged and reports those that fail.</summary>
    /// <remarks>Sharpness is not judged on a photo too small to hold detail, and neither sharpness nor skin colour on a
    /// badly exposed one: a black or white frame is flat and colourless, and would raise second warnings that retaking
    /// the photo in good light answers anyway.</remarks>
    public static QualityReport Check(RgbImage image)
    {
        var issues = new List<QualityIssue>();
        int shorterSide = Math.Min(image.Width, image.Height);
        bool largeEnough = shorterSide >= MinShorterSide;
        if (!largeEnough)
            issues.Add(new(QualityIssue.TooSmall,
                "The photo is too small: move closer to the skin or use a higher camera resolution.", shorterSide, MinShorterSide));

        using var rgb = CvImage.ToMat(image);
        using var gray = new Mat();
        Cv2.CvtColor(rgb, gray, ColorConversionCodes.RGB2GRAY);

        double luminance = Cv2.Mean(gray).Val0;
        if (luminance < MinMeanLuminance)
            issues.Add(new(QualityIssue.TooDark,
                "The photo is too dark: take it again in brighter, even light.", luminance, MinMeanLuminance));
        double clipped = ClippedShare(rgb);
        if (clipped > MaxClippedShare)
            issues.Add(new(QualityIssue.Overexposed,
                "The photo is overexposed: turn off the flash or move out of direct light.", clipped, MaxClippedShare));
        bool wellExposed = luminance >= MinMeanLuminance && clipped <= MaxClippedShare;

        if (largeEnough && wellExposed && Sharpness(gray) is var sharpness && sharpness < MinSharpness)
            issues.Add(new(QualityIssue.Blurred,
                "The photo is blurred: hold the camera still and tap to focus.", sharpness, MinSharpness));
        if (wellExposed && SkinShare(rgb) is var skin && skin < MinSkinShare)
            issues.Add(new(QualityIssue.NotSkin,
                "The photo does not seem to show skin: fill the frame with the lesion and the skin around it.", skin, MinSkinShare));
        return new QualityReport(issues);
    }

    /// <summary>Mean Rec. 601 luminance, 0-255.</summary>
    public static double MeanLuminance(RgbImage image)
    {
        using var gray = CvImage.Gray(image);
        return Cv2.Mean(gray).Val0;
    }

    /// <summary>Share of pixels whose three channels are all at least <see cref="ClippedLevel"/>.</summary>
    public static double ClippedShare(RgbImage image)
    {
        using var rgb = CvImage.ToMat(image);
        return ClippedShare(rgb);
    }

    /// <summary>Variance of the Laplacian of the grey image resized to <see cref="SharpnessSide"/> on its longer side.</summary>
    public static double Sharpness(RgbImage image)
    {
        using var gray = CvImage.Gray(image);
        return Sharpness(gray);
    }

    /// <summary>Share of pixels inside the skin range of Cr and Cb (<see cref="SkinCrMin"/> to <see cref="SkinCbMax"/>).</summary>
    public static double SkinShare(RgbImage image)
    {
        using var rgb = CvImage.ToMat(image);
        return SkinShare(rgb);
    }

    static double ClippedShare(Mat rgb)
    {
        using var clipped = new Mat();
        Cv2.InRange(rgb, new Scalar(ClippedLevel, ClippedLevel, ClippedLevel), new Scalar(255, 255, 255), clipped);
        return (double)Cv2.CountNonZero(clipped) / clipped.Total();
    }

    // A fixed working size makes the score a property of the scene, not of the camera: the Laplacian of a 12-megapixel
    // photo is tiny per pixel even when it is sharp, and that of a thumbnail large even when it is soft.
    static double Sharpness(Mat gray)
    {
        double scale = (double)SharpnessSide / Math.Max(gray.Cols, gray.Rows);
        using var resized = new Mat();
        Cv2.Resize(gray, resized, new Size(Math.Max(1, (int)Math.Round(gray.Cols * scale)), Math.Max(1, (int)Math.Round(gray.Rows * scale))),
            0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Cubic);
        using var laplacian = new Mat();
        Cv2.Laplacian(resized, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var deviation);
        return deviation.Val0 * deviation.Val0;
    }

    static double SkinShare(Mat rgb)
    {
        using var ycrcb = new Mat();
        Cv2.CvtColor(rgb, ycrcb, ColorConversionCodes.RGB2YCrCb);
        using var skin = new Mat();
        Cv2.InRange(ycrcb, new Scalar(0, SkinCrMin, SkinCbMin), new Scalar(255, SkinCrMax, SkinCbMax), skin);
        return (double)Cv2.CountNonZero(skin) / skin.Total();
    }
}
