using System.Globalization;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Interpretation;
using DermLens.Reporting;
using DermLens.Runs;
using DermLens.Tests.Reporting;
using SkiaSharp;

namespace DermLens.Tests.Interpretation;

[Trait("Category", "Slow")]
[Collection(TrainedRunCollection.Name)]
public class CaseStudyJobTests(TrainedRun trained)
{
    [Fact]
    public void Caption_gives_the_true_label_and_the_top_two_probabilities_as_the_study_did()
    {
        Assert.Equal("True: Tumor    Top-2: Ulcer 0.391 · Tumor 0.152",
            CaseStudyPanel.Caption("Tumor", [("Ulcer", 0.3914f), ("Tumor", 0.152f)]));
    }

    [Fact]
    public void Every_direction_of_every_confused_pair_gets_a_panel_captioned_with_the_evaluated_probabilities()
    {
        var config = trained.Run.LoadConfig();
        var study = trained.CaseStudy;
        var metrics = ClassificationMetrics.Load(trained.Run.Metrics);
        Assert.True(metrics.ConfusedPairs.Count > 0, "the one-epoch model made no mistake to study");
        Assert.False(study.BelowThreshold);
        Assert.Equal(metrics.ConfusedPairs, study.Pairs);
        Assert.Equal(metrics.ConfusedPairs.Sum(p => (p.AtoB > 0 ? 1 : 0) + (p.BtoA > 0 ? 1 : 0)), study.Entries.Count);

        // The job feeds images through the run's chain (gamma) and sizes as evaluation does, so its fresh forward
        // pass reproduces predictions.csv; a skipped step would move these BCE probabilities far beyond 1e-4.
        var predictions = PredictionsCsv.Load(trained.Run.Predictions, config.Classes).ToDictionary(r => r.Id);
        foreach (var entry in study.Entries)
        {
            var row = predictions[entry.Id];
            Assert.Equal(config.Classes[row.True], entry.True);
            Assert.Equal(config.Classes[row.Predicted], entry.Predicted);
            var expected = row.Probabilities.Select((p, c) => (Class: config.Classes[c], Probability: p))
                .OrderByDescending(t => t.Probability).Take(2).ToArray();
            Assert.Equal(expected.Select(t => t.Class), entry.Top.Select(t => t.Class));
            for (var k = 0; k < 2; k++) Assert.InRange(entry.Top[k].Probability - expected[k].Probability, -1e-4f, 1e-4f);
            Assert.InRange(entry.TrueProbability - row.Probabilities[row.True], -1e-4f, 1e-4f);
        }

        var index = CsvTable.Read(study.Index);
        Assert.Equal(["pair", "pair_errors", "image", "true", "predicted", "p1", "second", "p2", "p_true", "panel"], index.Header);
        Assert.Equal(study.Entries.Select(e => $"{e.Pair.A} / {e.Pair.B}|{e.Id}|{e.True}|{e.Predicted}|{e.Top[1].Class}|{e.Panel}"),
            index.Rows.Select(r => $"{r[0]}|{r[2]}|{r[3]}|{r[4]}|{r[6]}|{r[9]}"));
        Assert.Equal(study.Entries.Select(e => (double)e.Top[0].Probability), index.Rows.Select(r => double.Parse(r[5], CultureInfo.InvariantCulture)),
            (a, b) => Math.Abs(a - b) < 1e-6);
    }

    [Fact]
    public void A_panel_shows_seven_titled_tiles_of_the_enlarged_image_over_a_caption()
    {
        var entry = trained.CaseStudy.Entries[0];
        using var png = new PngFile(Path.Combine(trained.CaseStudy.Folder, entry.Panel));
        // 32-px inputs are enlarged to 160-px tiles: margins 10, gaps 8, a 44-px colour-bar column, 40 px of titles, 50 of caption.
        Assert.Equal(2 * 10 + 7 * 160 + 6 * 8 + 44, png.Width);
        Assert.Equal(10 + 40 + 160 + 50, png.Height);
        static bool IsWhite(SKColor c) => c.Red > 250 && c.Green > 250 && c.Blue > 250;
        for (var tile = 0; tile < 7; tile++)
        {
            var left = 10 + tile * 168;
            Assert.True(png.Count(c => !IsWhite(c), new SKRectI(left, 50, left + 160, 210)) > 0.9 * 160 * 160, $"tile {tile} is blank");
            Assert.True(png.Count(PngFile.IsDark, new SKRectI(left, 10, left + 160, 30)) > 20, $"tile {tile} has no title");
        }
        Assert.True(png.Count(PngFile.IsDark, new SKRectI(0, 210, png.Width, 236)) > 200, "no caption under the tiles");
        // The CAM tiles are the original with a saturated heat map blended on, so nearly every pixel differs from it.
        var changed = 0;
        for (var y = 50; y < 210; y++)
            for (var x = 10; x < 170; x++)
            {
                SKColor original = png.Bitmap.GetPixel(x, y), cam = png.Bitmap.GetPixel(x + 168, y);
                if (Math.Abs(original.Red - cam.Red) + Math.Abs(original.Green - cam.Green) + Math.Abs(original.Blue - cam.Blue) > 40) changed++;
            }
        Assert.True(changed > 0.8 * 160 * 160, $"only {changed} pixels of the Grad-CAM tile differ from the original");
    }

    [Fact]
    public void Without_a_pair_at_the_threshold_it_studies_the_most_confused_pairs_instead()
    {
        var result = new CaseStudyJob(trained.Run) { MinErrors = 1000, PerDirection = 1, FallbackPairs = 1, Output = trained.Scratch("fallback") }.Run();
        Assert.True(result.BelowThreshold);
        Assert.Equal([trained.CaseStudy.Pairs[0]], result.Pairs);
        Assert.InRange(result.Entries.Count, 1, 2);
        Assert.All(result.Entries, e => Assert.True(File.Exists(Path.Combine(result.Folder, e.Panel))));
    }

    [Fact]
    public void Missing_predictions_are_made_by_evaluating_the_test_split_first()
    {
        File.Delete(trained.Run.Predictions);
        var messages = new List<string>();
        var result = new CaseStudyJob(trained.Run) { MinErrors = 1, PerDirection = 1, Output = trained.Scratch("again"), Message = messages.Add }.Run();
        Assert.True(File.Exists(trained.Run.Predictions));
        Assert.Contains(messages, m => m.Contains("evaluating the test split first"));
        Assert.Equal(trained.CaseStudy.Entries.Select(e => e.Id), result.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Predictions_of_other_data_are_refused_with_the_way_out()
    {
        var file = trained.Run.Predictions;
        var original = File.ReadAllText(file);
        try
        {
            var lines = original.TrimEnd('\n').Split('\n');
            File.WriteAllLines(file, lines.Take(1).Concat(lines.Skip(1).Select(l => "elsewhere/" + l)));
            var error = Assert.Throws<DermLensException>(() =>
                new CaseStudyJob(trained.Run) { MinErrors = 1, Output = trained.Scratch("other") }.Run());
            Assert.Contains("not in the run's data", error.Message);
            Assert.Contains("dermlens evaluate", error.Message);
        }
        finally
        {
            File.WriteAllText(file, original);
        }
    }
}
