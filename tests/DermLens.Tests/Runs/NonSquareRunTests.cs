using System.Text;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Imaging;
using DermLens.Interpretation;
using DermLens.Interpretation.Quality;
using DermLens.Runs;
using DermLens.Tests.Reporting;
using DermLens.Training;

namespace DermLens.Tests.Runs;

/// <summary>
/// A ResNet-18 trained one epoch with 48x64 (height x width) inputs on synthetic lesions stretched to 4:3 landscape
/// photos (masks too), as HAM10000's dermoscopy is: what every stage after training is checked on.
/// </summary>
public sealed class NonSquareRun : IDisposable
{
    public static readonly InputSize Size = new(48, 64);
    readonly TempDir dir = new();

    public NonSquareRun()
    {
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 6, Size: 40, Seed: 2));
        foreach (var file in Directory.GetFiles(dir["data"], "*.png", SearchOption.AllDirectories))
            ImageCodec.SavePng(Resizer.Resize(ImageCodec.Decode(file), 64, 48), file);
        Outcome = new TrainingJob(new TrainRequest
        {
            Data = dir["data"], Arch = "resnet18", Out = dir["run"], TestFraction = 0.34, ValidationFraction = 0.2,
            Train = new TrainOptions { Epochs = 1, ImageSize = Size, BatchSize = 8, Precision = "fp32" },
        }).Run();
        Images = Directory.GetFiles(dir["data"], "*.png", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}masks{Path.DirectorySeparatorChar}")).Order(StringComparer.Ordinal).ToList();
    }

    public TrainingOutcome Outcome { get; }
    public RunFolder Run => Outcome.Run;
    public IReadOnlyList<string> Images { get; }
    public string Scratch(string name) => dir[$"{name}-{Guid.NewGuid():N}"];
    public void Dispose() => dir.Dispose();
}

[Trait("Category", "Slow")]
public class NonSquareRunTests(NonSquareRun trained) : IClassFixture<NonSquareRun>
{
    [Fact]
    public void Flip_tta_scores_a_wide_input_and_transposing_tta_is_refused()
    {
        var flipped = new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Precision = "fp32", Tta = "flips" } }.Run();
        Assert.Equal(trained.Outcome.TestMetrics!.Count, flipped.Count);
        Assert.Contains("4 test-time view(s)", File.ReadAllText(trained.Run.Log));
        var error = Assert.Throws<DermLensException>(() => new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Tta = "dihedral" } }.Run());
        Assert.Contains("48x64", error.Message);
    }

    [Fact]
    public void The_run_stores_height_x_width_and_evaluates_its_test_split()
    {
        Assert.Contains("\"imageSize\": \"48x64\"", File.ReadAllText(trained.Run.Config));
        Assert.Equal(NonSquareRun.Size, trained.Run.LoadConfig().Train.ImageSize);
        var tested = Assert.IsType<ClassificationMetrics>(trained.Outcome.TestMetrics);
        Assert.True(tested.Count > 0);
        var metrics = new EvaluationJob(trained.Run, dataOverride: null) { Options = new() { Precision = "fp32" } }.Run();
        Assert.Equal(tested.Count, metrics.Count);
        Assert.Equal(tested.Top1Accuracy, metrics.Top1Accuracy, 6);
    }

    [Fact]
    public void Prediction_classifies_every_image()
    {
        using var predictor = new Predictor(trained.Run, new() { Precision = "fp32" }) { BatchSize = 4 };
        var predictions = predictor.PredictAll(trained.Images.Take(6).ToList(), topK: 2);
        Assert.All(predictions, p =>
        {
            Assert.Null(p.Error);
            Assert.Equal(2, p.Top.Count);
            Assert.InRange(p.Top.Sum(t => t.Probability), 0.01f, 1.0001f);
        });
    }

    [Theory]
    [InlineData("gradcam", "48, 64", 64 + 2 + 6)] // the map beside its colour bar
    [InlineData("guided", "3, 48, 64", 64)]
    public void Explanations_are_maps_and_pictures_of_height_x_width(string method, string shape, int pictureWidth)
    {
        using var job = new ExplainJob(trained.Run, method, options: new() { Precision = "fp32" }) { BatchSize = 2 };
        var output = trained.Scratch("explain");
        var explained = job.ExplainAll(trained.Images.Take(3).ToList(), output);
        Assert.All(explained, e =>
        {
            Assert.Null(e.Error);
            using var png = new PngFile(e.Files[0]);
            Assert.Equal((pictureWidth, 48), (png.Width, png.Height));
            Assert.Contains($"'shape': ({shape})", Encoding.ASCII.GetString(File.ReadAllBytes(e.Files[1])[..128]));
        });
    }

    [Fact]
    public void The_case_study_draws_panels_of_wide_tiles()
    {
        var study = new CaseStudyJob(trained.Run) { MinErrors = 1, PerDirection = 1, MaxPairs = 2, Output = trained.Scratch("casestudy"), Precision = "fp32" }.Run();
        Assert.NotEmpty(study.Entries);
        foreach (var entry in study.Entries)
        {
            using var png = new PngFile(Path.Combine(study.Folder, entry.Panel));
            // Six 4:3 tiles; six square ones make a panel about four times as wide as high.
            Assert.True(png.Width > 5 * png.Height, $"panel {png.Width}x{png.Height}");
        }
    }

    [Fact]
    public void Cam_quality_scores_the_masked_test_images_at_height_x_width()
    {
        var report = new CamQualityJob(trained.Run) { Limit = 4, Steps = 4, BatchSize = 4, Precision = "fp32" }.Run();
        Assert.Empty(report.Skipped);
        Assert.Contains(report.Rows, r => r.Method == "gradcam" && r.Images == 4);
        Assert.True(File.Exists(report.Path));
    }
}
