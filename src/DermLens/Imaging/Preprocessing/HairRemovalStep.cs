using System.Runtime.InteropServices;
using OpenCvSharp;

namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// DullRazor-style hair removal: a black-hat (closing minus image) on luminance lights up thin dark structures narrower
/// than the kernel, a threshold turns them into a mask, a small dilation covers their soft edges, and Telea inpainting
/// fills them from the surrounding skin. The kernel is given for a 600x450 image and scales with the image's linear size.
/// </summary>
public sealed class HairRemovalStep : IPreprocessStep
{
    const int DefaultKernel = 17, DefaultThreshold = 10;
    const double ReferenceArea = 600 * 450;
    /// <summary>Above this share the "hair" is texture or lesion structure, and inpainting it would smear the image.</summary>
    const double MaxHairShare = 0.25;

    public int Kernel { get; }
    public int Threshold { get; }
    public string Name { get; }

    public HairRemovalStep(int kernel = DefaultKernel, int threshold = DefaultThreshold)
    {
        Kernel = kernel; Threshold = threshold;
        var options = (kernel == DefaultKernel ? "" : $":kernel={kernel}") + (threshold == DefaultThreshold ? "" : $":threshold={threshold}");
        Name = "hair" + options;
    }

    internal static IPreprocessStep Create(StepSpec spec)
    {
        spec.Allow(false, "kernel", "threshold");
        double kernel = spec.Number("kernel", DefaultKernel, 3, 101), threshold = spec.Number("threshold", DefaultThreshold, 1, 254);
        if (kernel != Math.Floor(kernel) || threshold != Math.Floor(threshold))
            throw new DermLensException($"Preprocessing step '{spec.Text}': kernel and threshold must be whole numbers.");
        return new HairRemovalStep((int)kernel, (int)threshold);
    }

    public RgbImage Apply(RgbImage image, PreprocessLog log)
    {
        using var mask = HairMask(image);
        double share = (double)Cv2.CountNonZero(mask) / (image.Width * image.Height);
        if (share == 0) return image;
        if (share > MaxHairShare)
        {
            log.Note(Name, $"{share:P0} of the image looks like hair, more than {MaxHairShare:P0}; left unchanged");
            return image;
        }
        using var rgb = CvImage.ToMat(image);
        using var inpainted = new Mat();
        Cv2.Inpaint(rgb, mask, inpainted, Math.Max(3, ScaledSize(5, image)), InpaintTypes.Telea);
        return CvImage.FromMat(inpainted);
    }

    /// <summary>The 8-bit mask (255 = hair) that <see cref="Apply"/> inpaints.</summary>
    public Mat HairMask(RgbImage image)
    {
        using var gray = CvImage.Gray(image);
        int k = ScaledSize(Kernel, image) | 1;
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Cross, new Size(k, k));
        using var blackHat = new Mat();
        Cv2.MorphologyEx(gray, blackHat, MorphTypes.BlackHat, kernel);
        var mask = new Mat();
        Cv2.Threshold(blackHat, mask, Threshold, 255, ThresholdTypes.Binary);
        using var dilate = Cv2.GetStructuringElement(MorphShapes.Ellipse, new Size(3, 3));
        Cv2.Dilate(mask, mask, dilate);
        KeepLong(mask, k);
        return mask;
    }

    /// <summary>Hairs are long: drops mask specks (skin texture, lesion-edge corners) shorter than the kernel.</summary>
    static void KeepLong(Mat mask, int length)
    {
        using var labels = new Mat();
        using var stats = new Mat();
        using var centroids = new Mat();
        int count = Cv2.ConnectedComponentsWithStats(mask, labels, stats, centroids);
        var keep = new bool[count];
        for (int label = 1; label < count; label++)
            keep[label] = Math.Max(stats.At<int>(label, (int)ConnectedComponentsTypes.Width), stats.At<int>(label, (int)ConnectedComponentsTypes.Height)) >= length;
        var ids = new int[labels.Rows * labels.Cols];
        Marshal.Copy(labels.Data, ids, 0, ids.Length);
        var bytes = new byte[ids.Length];
        for (int i = 0; i < ids.Length; i++) bytes[i] = (byte)(keep[ids[i]] ? 255 : 0);
        Marshal.Copy(bytes, 0, mask.Data, bytes.Length);
    }

    static int ScaledSize(int size, RgbImage image) => Math.Max(3, (int)Math.Round(size * Math.Sqrt(image.Width * (double)image.Height / ReferenceArea)));
}
