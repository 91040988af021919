using DermLens.Runs;
using DermLens.Tests.Cli;
using DermLens.Training;

namespace DermLens.Tests.Runs;

public class CompareJobTests
{
    static readonly string[] Classes = ["mel", "nv"];

    /// <summary>A run folder holding what compare reads: config.json, split.csv (with lesions) and predictions.csv, where
    /// the images whose index is in `wrong` are mispredicted.</summary>
    static RunFolder Run(string path, int images, ISet<int> wrong, string[]? classes = null)
    {
        var run = RunFolder.Create(path);
        new RunConfig
        {
            Data = "elsewhere", Format = "ham10000", Arch = "resnet18", Classes = classes ?? Classes, Mean = [0, 0, 0], Std = [1, 1, 1],
            Train = new TrainOptions(),
        }.Save(run.Config);
        var split = new List<string> { "id,label,class,group,part" };
        var predictions = new List<string> { "id,true,predicted," + string.Join(',', classes ?? Classes) };
        for (int i = 0; i < images; i++)
        {
            int truth = i % 2, predicted = wrong.Contains(i) ? 1 - truth : truth;
            split.Add($"img{i},{truth},{Classes[truth]},lesion{i / 2},test");
            predictions.Add($"img{i},{Classes[truth]},{Classes[predicted]}," + (predicted == 0 ? "0.8,0.2" : "0.2,0.8"));
        }
        File.WriteAllLines(run.Split, split);
        File.WriteAllLines(run.Predictions, predictions);
        return run;
    }

    [Fact]
    public void Compares_two_runs_on_the_same_images_resampling_the_lesions_of_the_split()
    {
        using var dir = new TempDir();
        var a = Run(dir["a"], 80, Enumerable.Range(0, 20).ToHashSet());
        var b = Run(dir["b"], 80, Enumerable.Range(0, 8).ToHashSet());
        var result = new CompareJob(a, b) { Resamples = 300 }.Run();
        Assert.Equal((80, 40, "lesions"), (result.Images, result.Groups, result.Unit));
        var accuracy = result.Metrics.Single(m => m.Metric == "accuracy");
        Assert.Equal(0.75, accuracy.A, 9);
        Assert.Equal(0.9, accuracy.B, 9);
        Assert.True(accuracy.Difference.Low > 0, $"{accuracy.Difference}");
    }

    [Fact]
    public void Runs_scored_on_other_images_or_classes_are_refused_naming_the_files()
    {
        using var dir = new TempDir();
        var a = Run(dir["a"], 40, new HashSet<int>());
        var fewer = Run(dir["fewer"], 38, new HashSet<int>());
        var error = Assert.Throws<DermLensException>(() => new CompareJob(a, fewer) { Resamples = 100 }.Run());
        Assert.Contains("scores 40 images", error.Message);
        Assert.Contains(fewer.Predictions, error.Message);

        var other = Run(dir["other"], 40, new HashSet<int>(), ["nv", "mel"]);
        Assert.Contains("only runs of the same classes compare", Assert.Throws<DermLensException>(() => new CompareJob(a, other).Run()).Message);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void The_compare_verb_prints_the_paired_difference_and_writes_it_as_json()
    {
        using var dir = new TempDir();
        Run(dir["a"], 80, Enumerable.Range(0, 20).ToHashSet());
        Run(dir["b"], 80, Enumerable.Range(0, 8).ToHashSet());
        var result = CliRunner.Run("compare", dir["a"], dir["b"], "--resamples", "300", "--out", dir["diff.json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("+0.150", result.Output);
        Assert.Contains("accuracy: B is better", result.Output);
        Assert.Contains("\"unit\": \"lesions\"", File.ReadAllText(dir["diff.json"]));
    }
}
