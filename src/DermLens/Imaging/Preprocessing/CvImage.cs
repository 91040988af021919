using System.Runtime.InteropServices;
using OpenCvSharp;

namespace DermLens.Imaging.Preprocessing;

/// <summary>Copies between <see cref="RgbImage"/> and OpenCV matrices; channel order stays R, G, B.</summary>
public static class CvImage
{
    public static Mat ToMat(RgbImage image)
    {
        var mat = new Mat(image.Height, image.Width, MatType.CV_8UC3);
        Marshal.Copy(image.Pixels, 0, mat.Data, image.Pixels.Length);
        return mat;
    }

    public static RgbImage FromMat(Mat mat)
    {
        if (mat.Type() != MatType.CV_8UC3) throw new ArgumentException($"Expected an 8-bit 3-channel matrix, got {mat.Type()}.");
        using var continuous = mat.IsContinuous() ? null : mat.Clone();
        var source = continuous ?? mat;
        var image = new RgbImage(source.Cols, source.Rows);
        Marshal.Copy(source.Data, image.Pixels, 0, image.Pixels.Length);
        return image;
    }

    /// <summary>8-bit luminance (Rec. 601 weights, as OpenCV's RGB2GRAY).</summary>
    public static Mat Gray(RgbImage image)
    {
        using var rgb = ToMat(image);
        var gray = new Mat();
        Cv2.CvtColor(rgb, gray, ColorConversionCodes.RGB2GRAY);
        return gray;
    }

    /// <summary>A copy whose longer side is at most <paramref name="maxSide"/> (area averaging), and the factor to map back.</summary>
    public static (Mat Small, double Scale) Shrink(Mat mat, int maxSide)
    {
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(mat.Cols, mat.Rows));
        var small = new Mat();
        if (scale >= 1.0) mat.CopyTo(small);
        else Cv2.Resize(mat, small, new Size(Math.Max(1, (int)Math.Round(mat.Cols * scale)), Math.Max(1, (int)Math.Round(mat.Rows * scale))),
            0, 0, InterpolationFlags.Area);
        return (small, scale);
    }

    public static byte[] Bytes(Mat mat)
    {
        using var continuous = mat.IsContinuous() ? null : mat.Clone();
        var source = continuous ?? mat;
        var bytes = new byte[source.Rows * source.Cols * source.ElemSize()];
        Marshal.Copy(source.Data, bytes, 0, bytes.Length);
        return bytes;
    }
}
