using System.Globalization;
using DermLens.Imaging;
using DermLens.Interpretation;
using SkiaSharp;

namespace DermLens.Reporting;

/// <summary>One picture of a case-study panel: a two-line title (what, and for which class) over the image.</summary>
public sealed record PanelTile(string Title, string Subtitle, RgbImage Image);

/// <summary>
/// Draws a case-study panel: titled tiles in a row (original, CAMs, gradients), a jet colour bar for the CAM tiles,
/// and a caption with the true label and the top-2 class probabilities underneath.
/// </summary>
public static class CaseStudyPanel
{
    const int MinTileSide = 160, Margin = 10, Gap = 8, TitleHeight = 40, CaptionHeight = 50, BarWidth = 12, BarArea = 44;
    static readonly SKColor Ink = new(0x22, 0x22, 0x22), Faint = new(0x66, 0x66, 0x66);

    /// <summary>The top classes as the study printed them: "Ulcer 0.391 · Tumor 0.152".</summary>
    public static string TopText(IEnumerable<(string Class, float Probability)> top) =>
        string.Join(" · ", top.Select(t => $"{t.Class} {t.Probability.ToString("0.000", CultureInfo.InvariantCulture)}"));

    /// <summary>The panel's caption: the true label, then the top-2 class probabilities.</summary>
    public static string Caption(string trueClass, IEnumerable<(string Class, float Probability)> top) =>
        $"True: {trueClass}    Top-2: {TopText(top)}";

    /// <summary>Composes the tiles (all the same size) with a bold caption line and a smaller note line under it.</summary>
    public static RgbImage Compose(IReadOnlyList<PanelTile> tiles, string caption, string note)
    {
        if (tiles.Count == 0) throw new ArgumentException("A panel needs at least one tile.", nameof(tiles));
        var (width, height) = (tiles[0].Image.Width, tiles[0].Image.Height);
        if (tiles.Any(t => t.Image.Width != width || t.Image.Height != height))
            throw new ArgumentException("Every tile of a panel must have the same size.", nameof(tiles));
        // Small model inputs (32-64 px) are enlarged so the panel stays readable; pixels stay visible as blocks.
        var scale = Math.Max(1f, MinTileSide / (float)Math.Min(width, height));
        var (tileWidth, tileHeight) = ((int)Math.Round(width * scale), (int)Math.Round(height * scale));
        var panelWidth = 2 * Margin + tiles.Count * tileWidth + (tiles.Count - 1) * Gap + BarArea;
        var panelHeight = Margin + TitleHeight + tileHeight + CaptionHeight;

        using var bitmap = new SKBitmap(new SKImageInfo(panelWidth, panelHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var titleFont = new SKFont(Reporting.PlotFont.Typeface(bold: true), 14);
            using var subtitleFont = new SKFont(Reporting.PlotFont.Typeface(), 12);
            using var ink = new SKPaint { Color = Ink, IsAntialias = true };
            using var faint = new SKPaint { Color = Faint, IsAntialias = true };
            var sampling = scale >= 2 ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKFilterMode.Linear);
            for (var i = 0; i < tiles.Count; i++)
            {
                var x = Margin + i * (tileWidth + Gap);
                DrawFitted(canvas, tiles[i].Title, x + tileWidth / 2f, Margin + 14, tileWidth, titleFont, ink);
                DrawFitted(canvas, tiles[i].Subtitle, x + tileWidth / 2f, Margin + 32, tileWidth, subtitleFont, faint);
                using var tile = ImageCodec.ToBitmap(tiles[i].Image);
                using var image = SKImage.FromBitmap(tile);
                canvas.DrawImage(image, SKRect.Create(x, Margin + TitleHeight, tileWidth, tileHeight), sampling);
            }
            DrawColourBar(canvas, panelWidth - Margin - BarArea + Gap, Margin + TitleHeight, tileHeight, subtitleFont, faint);
            using var captionFont = new SKFont(Reporting.PlotFont.Typeface(bold: true), 16);
            var captionTop = Margin + TitleHeight + tileHeight;
            DrawFitted(canvas, caption, panelWidth / 2f, captionTop + 22, panelWidth - 2 * Margin, captionFont, ink);
            DrawFitted(canvas, note, panelWidth / 2f, captionTop + 41, panelWidth - 2 * Margin, subtitleFont, faint);
        }
        return ImageCodec.FromBitmap(bitmap);
    }

    /// <summary>The CAM colour scale: jet from 0 (bottom) to 1 (top), as <see cref="Overlay"/> blends it.</summary>
    static void DrawColourBar(SKCanvas canvas, float x, float top, int height, SKFont font, SKPaint text)
    {
        using var paint = new SKPaint();
        for (var y = 0; y < height; y++)
        {
            var (r, g, b) = Overlay.Jet(height == 1 ? 1f : 1f - y / (float)(height - 1));
            paint.Color = new SKColor(r, g, b);
            canvas.DrawRect(x, top + y, BarWidth, 1, paint);
        }
        canvas.DrawText("1", x + BarWidth + 4, top + 10, SKTextAlign.Left, font, text);
        canvas.DrawText("0", x + BarWidth + 4, top + height, SKTextAlign.Left, font, text);
        canvas.DrawText("CAM", x + BarWidth / 2f, top - 6, SKTextAlign.Center, font, text);
    }

    /// <summary>Draws text centred at x, shrinking it down to 9 pt and then cutting it with an ellipsis to fit maxWidth.</summary>
    static void DrawFitted(SKCanvas canvas, string text, float x, float baseline, float maxWidth, SKFont font, SKPaint paint)
    {
        using var fitted = new SKFont(font.Typeface, font.Size);
        while (fitted.MeasureText(text) > maxWidth && fitted.Size > 9) fitted.Size -= 1;
        var shown = text;
        while (shown.Length > 1 && fitted.MeasureText(shown + "…") > maxWidth) shown = shown[..^1];
        if (shown != text) shown += "…";
        canvas.DrawText(shown, x, baseline, SKTextAlign.Center, fitted, paint);
    }
}
