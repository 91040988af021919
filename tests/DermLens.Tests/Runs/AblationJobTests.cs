using DermLens.Data.Synthetic;
using DermLens.Reporting;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Runs;

[Trait("Category", "Slow")]
public class AblationJobTests
{
    static AblationRequest Request(string steps, string data = "d", string output = "o", TrainRequest? training = null) => new()
    {
        Training = training ?? new TrainRequest { Data = data, Arch = "resnet18", Out = output }, Steps = steps,
    };

    [Fact]
    public void Settings_are_none_each_step_alone_then_all_in_canonical_form()
    {
        Assert.Equal(["none", "fov", "gamma=1.3", "hair", "fov,gamma=1.3,hair"], Request("FOV, gamma=1.30,hair").Settings());
        Assert.Equal(["none", "roi"], Request("roi").Settings());
        Assert.Throws<DermLensException>(() => Request("none").Settings());
        Assert.Throws<DermLensException>(() => Request("roi,sharpen").Settings());
        Assert.Equal("gamma-1.3+roi_margin-0.2", AblationJob.FolderName("gamma=1.3,roi:margin=0.2"));
    }

    [Fact]
    public void Table_shows_means_over_seeds_and_the_change_against_none()
    {
        var t = TimeSpan.FromSeconds(60);
        var table = AblationTable.Markdown([
            new("none", 0, 0.50, 0.40, 50, 3, t), new("roi", 0, 0.60, 0.55, 50, 4, t),
            new("none", 1, 0.52, 0.44, 50, 3, t), new("roi", 1, 0.58, 0.51, 50, 4, t),
        ]);
        var roi = table.Split('\n').Single(l => l.StartsWith("| `roi`"));
        Assert.Equal("| `roi` | 59.0 % | 53.0 % | +11.0 pt | 60.0 % / 58.0 % | 55.0 % / 51.0 % | 50 | 60 s |", roi);
        Assert.Contains("| `none` | 51.0 % | 42.0 % | - |", table);
    }

    [Fact]
    public void Each_setting_trains_on_the_same_split_with_its_own_chain()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 3, Size: 32, Seed: 1));
        var request = Request("gamma=1.3", training: new TrainRequest
        {
            Data = dir["data"], Arch = "resnet18", Out = dir["out"],
            Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8 }, TestFraction = 0.3, ValidationFraction = 0.2,
        });
        var rows = new AblationJob(request).Run();

        Assert.Equal(["none", "gamma=1.3"], rows.Select(r => r.Setting));
        Assert.All(rows, r => Assert.Equal(rows[0].TestImages, r.TestImages));
        var split = File.ReadAllText(dir["out/split.csv"]);
        foreach (var (setting, folder) in new[] { ("none", "none"), ("gamma=1.3", "gamma-1.3") })
        {
            var run = new RunFolder(dir[$"out/seed0/{folder}"]);
            Assert.Equal(setting, run.LoadConfig().Preprocess);
            Assert.Equal(split, File.ReadAllText(run.Split));
        }
        Assert.Contains("| `gamma=1.3` |", File.ReadAllText(dir["out/" + AblationJob.TableName]));
        Assert.Equal(3, File.ReadAllLines(dir["out/" + AblationJob.CsvName]).Length);

        // Run again on the same folder: the finished rows and the split are kept, nothing is retrained.
        var model = new FileInfo(dir["out/seed0/none/model.pt"]).LastWriteTimeUtc;
        var messages = new List<string>();
        var again = new AblationJob(request) { Message = messages.Add }.Run();
        Assert.StartsWith("Training 0 of 2 runs", messages[0]);
        Assert.EndsWith("2 are done there already and kept", messages[0]);
        Assert.Equal(rows.Select(r => (r.Setting, r.Seed, Math.Round(r.Accuracy, 4), r.TestImages)), again.Select(r => (r.Setting, r.Seed, r.Accuracy, r.TestImages)));
        Assert.Equal(model, new FileInfo(dir["out/seed0/none/model.pt"]).LastWriteTimeUtc);
        Assert.Equal(split, File.ReadAllText(dir["out/split.csv"]));
    }

    [Fact]
    public void A_split_without_a_test_part_is_refused_before_anything_trains()
    {
        using var dir = new TempDir();
        var request = Request("gamma=1.3", training: new TrainRequest { Data = SharedData.Ham10000, Arch = "resnet18", Out = dir["out"], TestFraction = 0 });

        var error = Assert.Throws<DermLensException>(() => new AblationJob(request).Run());

        Assert.Contains("its split has no test part", error.Message);
        Assert.False(File.Exists(dir["out/split.csv"]));
    }

    [Fact]
    public void A_request_that_sets_its_own_preprocessing_or_split_is_refused_before_anything_is_written()
    {
        using var dir = new TempDir();
        foreach (var training in new[]
                 {
                     new TrainRequest { Data = SharedData.Ham10000, Arch = "resnet18", Out = dir["out"], Preprocess = "fov" },
                     new TrainRequest { Data = SharedData.Ham10000, Arch = "resnet18", Out = dir["out"], SplitFile = dir["split.csv"] },
                 })
        {
            var error = Assert.Throws<DermLensException>(() => new AblationJob(Request("gamma=1.3", training: training)).Run());
            Assert.Contains("leave out --preprocess and --split", error.Message);
        }
        Assert.False(Directory.Exists(dir["out"]));
    }
}
