using DermLens.Interpretation.Quality;

namespace DermLens.Tests.Interpretation.Quality;

public class CamQualityFileTests
{
    [Fact]
    public void Scores_round_trip_through_cam_quality_csv()
    {
        using var dir = new TempDir();
        var path = dir["cam_quality.csv"];
        var rows = new[]
        {
            new CamQuality("gradcam", 12, 0.75, 0.5123, 0.2, 0.8, 0.3, 0.6),
            new CamQuality(CamQuality.RandomBaseline, 12, 0.25, 0.3, 0.4, 0.45, 0.5, 0.5),
        };

        CamQuality.Save(path, rows);

        Assert.StartsWith("method,images,pointing_game,energy_in_mask,deletion_auc,insertion_auc,road_morf,road_lerf,road\ngradcam,12,0.75,0.5123,0.2,0.8,0.3,0.6,0.15\n",
            File.ReadAllText(path));
        Assert.Equal(rows, CamQuality.Load(path));
    }

    [Fact]
    public void A_missing_or_malformed_file_is_reported_with_its_path()
    {
        using var dir = new TempDir();
        Assert.Contains("explain --run RUN --score", Assert.Throws<DermLensException>(() => CamQuality.Load(dir["none.csv"])).Message);
        File.WriteAllText(dir["bad.csv"], "method,images,pointing_game,energy_in_mask,deletion_auc,insertion_auc,road_morf,road_lerf,road\ngradcam,x,1,1,1,1,1,1,0\n");
        Assert.Contains("line 2", Assert.Throws<DermLensException>(() => CamQuality.Load(dir["bad.csv"])).Message);
    }
}
