using DermLens.Imaging;

namespace DermLens.Reporting;

/// <summary>A contact sheet of image pairs, one row each: the input on the left, its processed version on the right.</summary>
public static class BeforeAfterSheet
{
    public const int CellWidth = 200, CellHeight = 150, Gap = 4;
    const byte Background = 48;

    /// <summary>Shrinks an image to fit a cell, keeping its aspect ratio (what the sheet stores per pair).</summary>
    public static RgbImage Thumbnail(RgbImage image)
    {
        double scale = Math.Min(1.0, Math.Min((double)CellWidth / image.Width, (double)CellHeight / image.Height));
        return Resizer.Resize(image, Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
    }

    public static RgbImage Compose(IReadOnlyList<(RgbImage Before, RgbImage After)> pairs)
    {
        if (pairs.Count == 0) throw new ArgumentException("A contact sheet needs at least one pair.", nameof(pairs));
        var sheet = new RgbImage(2 * CellWidth + 3 * Gap, pairs.Count * (CellHeight + Gap) + Gap);
        Array.Fill(sheet.Pixels, Background);
        for (int row = 0; row < pairs.Count; row++)
        {
            Paste(sheet, Thumbnail(pairs[row].Before), Gap, Gap + row * (CellHeight + Gap));
            Paste(sheet, Thumbnail(pairs[row].After), 2 * Gap + CellWidth, Gap + row * (CellHeight + Gap));
        }
        return sheet;
    }

    /// <summary>Copies a thumbnail centred in the cell whose top-left corner is (x, y).</summary>
    static void Paste(RgbImage sheet, RgbImage thumbnail, int x, int y)
    {
        x += (CellWidth - thumbnail.Width) / 2; y += (CellHeight - thumbnail.Height) / 2;
        for (int r = 0; r < thumbnail.Height; r++)
            Buffer.BlockCopy(thumbnail.Pixels, r * thumbnail.Width * 3, sheet.Pixels, ((y + r) * sheet.Width + x) * 3, thumbnail.Width * 3);
    }
}
