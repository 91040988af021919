using System.Globalization;

namespace DermLens.Interpretation.Quality;

/// <summary>
/// One method's score minus the centred Gaussian's on one metric, averaged over images, with its 95 % bootstrap
/// interval: a row of cam_quality_vs_gaussian.csv.
/// </summary>
public sealed record GaussianDifference(string Method, string Metric, double Difference, double Low, double High)
{
    /// <summary>"better" or "worse" than the Gaussian when the interval excludes zero on that side, else "no clear difference".</summary>
    public string Verdict
    {
        get
        {
            var higherIsBetter = CamQualityMetric.Named(Metric).HigherIsBetter;
            if (Low > 0) return higherIsBetter ? Better : Worse;
            if (High < 0) return higherIsBetter ? Worse : Better;
            return Unclear;
        }
    }

    public const string Better = "better";
    public const string Worse = "worse";
    public const string Unclear = "no clear difference";

    const string Header = "method,metric,difference,low,high,verdict";

    /// <summary>Writes the rows with a header, atomically.</summary>
    public static void Save(string path, IReadOnlyList<GaussianDifference> rows)
    {
        var lines = rows.Select(r => string.Join(',', r.Method, r.Metric, Number(r.Difference), Number(r.Low), Number(r.High), r.Verdict));
        AtomicFile.WriteAllText(path, string.Join('\n', lines.Prepend(Header)) + "\n");
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a missing file or a malformed line is a <see cref="DermLensException"/>.</summary>
    public static IReadOnlyList<GaussianDifference> Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"CAM quality differences file not found: {path}. Run: dermlens explain --run RUN --score");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != Header) throw new DermLensException($"{path}: expected the header '{Header}'.");
        return lines.Skip(1).Select((line, i) =>
        {
            var cells = line.Split(',');
            if (cells.Length != 6 || CamQualityMetric.All.All(m => m.Column != cells[1])
                || !cells.Skip(2).Take(3).All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new DermLensException($"{path}: line {i + 2} is not method, a metric, three numbers and a verdict: '{line}'.");
            double At(int c) => double.Parse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new GaussianDifference(cells[0], cells[1], At(2), At(3), At(4));
        }).ToList();
    }

    static string Number(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
