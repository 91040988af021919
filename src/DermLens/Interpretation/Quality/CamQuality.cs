using System.Globalization;

namespace DermLens.Interpretation.Quality;

/// <summary>One method's mean scores over the images it was measured on: a row of cam_quality.csv.</summary>
public sealed record CamQuality(string Method, int Images, double PointingGame, double EnergyInMask, double DeletionAuc, double InsertionAuc)
{
    /// <summary>The file a run's scores are saved in.</summary>

    /// <summary>Row name of the seeded random-map baseline.</summary>
    public const string RandomBaseline = "random";

    /// <summary>Row name of the centred-Gaussian baseline.</summary>
    public const string GaussianBaseline = "centred-gaussian";

    const string Header = "method,images,pointing_game,energy_in_mask,deletion_auc,insertion_auc";

    /// <summary>Writes the rows with a header, atomically.</summary>
    public static void Save(string path, IReadOnlyList<CamQuality> rows)
    {
        var lines = rows.Select(r => string.Join(',', r.Method, r.Images.ToString(CultureInfo.InvariantCulture),
            Number(r.PointingGame), Number(r.EnergyInMask), Number(r.DeletionAuc), Number(r.InsertionAuc)));
        AtomicFile.WriteAllText(path, string.Join('\n', lines.Prepend(Header)) + "\n");
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a missing file or a malformed line is a <see cref="DermLensException"/>.</summary>
    public static IReadOnlyList<CamQuality> Load(string path)
    {
        if (!File.Exists(path)) throw new DermLensException($"CAM quality file not found: {path}. Run: dermlens explain --run RUN --score");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0 || lines[0] != Header) throw new DermLensException($"{path}: expected the header '{Header}'.");
        return lines.Skip(1).Select((line, i) =>
        {
            var cells = line.Split(',');
            if (cells.Length != 6
                || !int.TryParse(cells[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var images)
                || !cells.Skip(2).All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new DermLensException($"{path}: line {i + 2} is not method,images and four numbers: '{line}'.");
            double At(int c) => double.Parse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture);
            return new CamQuality(cells[0], images, At(2), At(3), At(4), At(5));
        }).ToList();
    }

    static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
