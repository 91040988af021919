namespace DermLens.Imaging.Preprocessing;

/// <summary>How well the lesion ROI crop fits a ground-truth mask: lesion kept, non-lesion removed, fallback or not.</summary>
public sealed record RoiCropScore(double Kept, double Removed, bool Fallback)
{
    /// <summary>Scores <see cref="LesionRoiStep.Detect"/> with the given margin against a binary mask (any size, rescaled to the image).</summary>
    public static RoiCropScore Measure(RgbImage image, RgbImage mask, double margin = 0.15)
    {
        var box = LesionRoiStep.Detect(image, margin, out _);
        var (bx, by, bw, bh) = box ?? (0, 0, image.Width, image.Height);
        double sx = (double)mask.Width / image.Width, sy = (double)mask.Height / image.Height;
        long lesion = 0, kept = 0, skin = 0, removed = 0;
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
            {
                bool inside = (x + 0.5) / sx >= bx && (x + 0.5) / sx < bx + bw && (y + 0.5) / sy >= by && (y + 0.5) / sy < by + bh;
                if (mask[x, y].R > 127) { lesion++; if (inside) kept++; }
                else { skin++; if (!inside) removed++; }
            }
        return new(lesion == 0 ? 1 : (double)kept / lesion, skin == 0 ? 0 : (double)removed / skin, box == null);
    }
}
