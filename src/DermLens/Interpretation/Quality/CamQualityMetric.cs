namespace DermLens.Interpretation.Quality;

/// <summary>One score of a CAM-quality row: its column in cam_quality.csv, which way is better, and how to read it off a row.</summary>
public sealed record CamQualityMetric(string Column, string Label, bool HigherIsBetter, Func<CamQuality, double> Of)
{
    public static readonly CamQualityMetric PointingGame = new("pointing_game", "pointing", true, r => r.PointingGame);
    public static readonly CamQualityMetric EnergyInMask = new("energy_in_mask", "energy", true, r => r.EnergyInMask);
    public static readonly CamQualityMetric DeletionAuc = new("deletion_auc", "deletion", false, r => r.DeletionAuc);
    public static readonly CamQualityMetric InsertionAuc = new("insertion_auc", "insertion", true, r => r.InsertionAuc);
    public static readonly CamQualityMetric RoadMostRelevantFirst = new("road_morf", "ROAD MoRF", false, r => r.RoadMostRelevantFirst);
    public static readonly CamQualityMetric RoadLeastRelevantFirst = new("road_lerf", "ROAD LeRF", true, r => r.RoadLeastRelevantFirst);
    public static readonly CamQualityMetric RoadCombined = new("road", "ROAD", true, r => r.RoadCombined);

    /// <summary>Every metric in the order of cam_quality.csv's columns.</summary>
    public static readonly IReadOnlyList<CamQualityMetric> All =
        [PointingGame, EnergyInMask, DeletionAuc, InsertionAuc, RoadMostRelevantFirst, RoadLeastRelevantFirst, RoadCombined];

    /// <summary>The metric of a column name; an unknown name is a <see cref="DermLensException"/>.</summary>
    public static CamQualityMetric Named(string column) => All.FirstOrDefault(m => m.Column == column)
        ?? throw new DermLensException($"Unknown CAM quality metric '{column}'; known: {string.Join(", ", All.Select(m => m.Column))}.");
}
