using ScottPlot;

namespace DermLens.Reporting;

/// <summary>Renders ScottPlot plots to PNG files atomically, so a run folder never holds half a plot.</summary>
static class PlotImage
{
    /// <summary>A new plot whose text will render even where the system offers SkiaSharp no default font.</summary>
    public static Plot CreatePlot()
    {
        PlotFont.EnsureUsable();
        return new Plot();
    }

    public static Multiplot CreateMultiplot(int plots)
    {
        PlotFont.EnsureUsable();
        var multiplot = new Multiplot();
        while (multiplot.Count() < plots) multiplot.AddPlot();
        return multiplot;
    }

    public static void SavePng(Plot plot, string path, int width, int height)
    {
        CheckSize(width, height);
        AtomicFile.WriteAllBytes(path, plot.GetImageBytes(width, height, ImageFormat.Png));
    }

    public static void SavePng(Multiplot multiplot, string path, int width, int height)
    {
        CheckSize(width, height);
        AtomicFile.WriteAllBytes(path, multiplot.Render(width, height).GetImageBytes(ImageFormat.Png, 100));
    }

    static void CheckSize(int width, int height)
    {
        if (width < 100 || height < 100)
            throw new ArgumentOutOfRangeException(nameof(width), $"A plot of {width}x{height} pixels is too small to read.");
    }
}
