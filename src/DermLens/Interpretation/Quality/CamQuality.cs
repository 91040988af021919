using System.Globalization;

namespace DermLens.Interpretation.Quality;

/// <summary>One method's mean scores over the images it was measured on: a row of cam_quality.csv.</summary>
public sealed record CamQuality(string Method, int Images, double PointingGame, double EnergyInMask, double DeletionAuc, double InsertionAuc,
    double RoadMostRelevantFirst, double RoadLeastRelevantFirst)
{
    /// <summary>Row name of the seeded random-map baseline.</summary>
    public const string RandomBaseline = "random";

    /// <summary>Row name of the centred-Gaussian baseline.</summary>
    public const string GaussianBaseline = "centred-gaussian";

    /// <summary>(LeRF − MoRF) / 2, as <see cref="RoadScores.Combined"/>: higher is more faithful.</summary>
    public double RoadCombined => (RoadLeastRelevantFirst - RoadMostRelevantFirst) / 2;

    static readonly string Header = string.Join(',', CamQualityMetric.All.Select(m => m.Column).Prepend("images").Prepend("method"));

    /// <summary>Writes the rows with a header, atomically.</summary>
    public static void Save(string path, IReadOnlyList<CamQuality> rows)
    {
        var lines = rows.Select(r => string.Join(',',
            CamQualityMetric.All.Select(m => Number(m.Of(r))).Prepend(r.Images.ToString(CultureInfo.InvariantCulture)).Prepend(r.Method)));
        AtomicFile.WriteAllText(path, string.Join('\n', lines.Prepend(Header)) + "\n");
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a missing file or a malformed line is a <see cref="DermLensException"/>.</summary>
    public static IReadOnlyList<CamQuality> Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"CAM quality file not found: {path}. Run: dermlens explain --run RUN --score");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != Header)
            throw new DermLensException($"{path}: expected the header '{Header}' (files from before ROAD: score again with explain --score).");
        return lines.Skip(1).Select((line, i) =>
        {
            var cells = line.Split(',');
            if (cells.Length != CamQualityMetric.All.Count + 2
                || !int.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var images)
                || !cells.Skip(2).All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new DermLensException($"{path}: line {i + 2} is not method,images and {CamQualityMetric.All.Count} numbers: '{line}'.");
            double At(int c) => double.Parse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new CamQuality(cells[0], images, At(2), At(3), At(4), At(5), At(6), At(7));
        }).ToList();
    }

    static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
