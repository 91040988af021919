using ScottPlot;
using SkiaSharp;

namespace DermLens.Reporting;

/// <summary>
/// Finds a sans-serif font for plot text. The fontconfig-free SkiaSharp native build has no system font
/// manager, so without this every label, tick and title would render as nothing.
/// </summary>
static class PlotFont
{
    const string Family = "DermLens Sans";

    static readonly string[] RegularFiles =
        ["DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf", "NotoSans-Regular.ttf", "FreeSans.ttf", "Roboto-Regular.ttf"];

    static readonly string[] BoldFiles =
        ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf", "NotoSans-Bold.ttf", "FreeSansBold.ttf", "Roboto-Bold.ttf"];

    static readonly Lazy<bool> Resolved = new(Resolve);
    static readonly Lazy<(SKTypeface Regular, SKTypeface Bold)> Typefaces = new(LoadTypefaces);

    /// <summary>Makes ScottPlot's default font one that draws glyphs; call before creating a plot, whose labels take the default then.</summary>
    public static void EnsureUsable() => _ = Resolved.Value;

    /// <summary>A typeface that draws glyphs, for text drawn with SkiaSharp directly (shared; do not dispose).</summary>
    public static SKTypeface Typeface(bool bold = false) => bold ? Typefaces.Value.Bold : Typefaces.Value.Regular;

    static bool Resolve()
    {
        if (SKTypeface.Default.GlyphCount > 0) return true;
        var (regular, bold) = FontFiles();
        Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return true;
    }

    static (SKTypeface Regular, SKTypeface Bold) LoadTypefaces()
    {
        if (SKTypeface.Default.GlyphCount > 0)
            return (SKTypeface.Default, SKTypeface.FromFamilyName(null, SKFontStyle.Bold) ?? SKTypeface.Default);
        var (regular, bold) = FontFiles();
        return (SKTypeface.FromFile(regular), SKTypeface.FromFile(bold));
    }

    static (string Regular, string Bold) FontFiles()
    {
        var files = FontDirectories().SelectMany(SafeEnumerate).ToArray();
        var regular = Find(files, RegularFiles)
            ?? throw new DermLensException(
                "No TrueType font found for plot text (looked for " + string.Join(", ", RegularFiles) +
                " under the system font folders); install one, e.g. the Debian package fonts-dejavu-core.");
        return (regular, Find(files, BoldFiles) ?? regular);
    }

    static string? Find(string[] files, string[] preferred) =>
        preferred.Select(name => files.FirstOrDefault(f => Path.GetFileName(f) == name)).FirstOrDefault(f => f != null);

    static IEnumerable<string> FontDirectories()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return "/usr/share/fonts";
        yield return "/usr/local/share/fonts";
        yield return Path.Combine(home, ".fonts");
        yield return Path.Combine(home, ".local/share/fonts");
        yield return "/System/Library/Fonts";
        yield return "/Library/Fonts";
        yield return Environment.GetFolderPath(Environment.SpecialFolder.Fonts);
    }

    static IEnumerable<string> SafeEnumerate(string directory)
    {
        if (string.IsNullOrEmpty(directory) || !Directory.Exists(directory)) return [];
        try { return Directory.EnumerateFiles(directory, "*.tt?", SearchOption.AllDirectories).ToArray(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return []; }
    }
}
