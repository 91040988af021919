using System.Globalization;
using DermLens.Evaluation;

namespace DermLens.Cli.Views;

/// <summary>How the views write numbers in table cells: shares as percentages, other metrics to three decimals, "–" for undefined.</summary>
static class Cells
{
    public static string Percent(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("P1", CultureInfo.InvariantCulture) : "–";
    public static string Number(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("F3", CultureInfo.InvariantCulture) : "–";
    public static string Percent(MetricInterval? i) => i == null ? "" : $"{Percent(i.Low)} – {Percent(i.High)}";
    public static string Number(MetricInterval? i) => i == null ? "" : $"{Number(i.Low)} – {Number(i.High)}";
}
