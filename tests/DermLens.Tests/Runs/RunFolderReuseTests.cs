using DermLens.Data.Synthetic;
using DermLens.Runs;
using DermLens.Training;

namespace DermLens.Tests.Runs;

/// <summary>Training into a folder that already holds something: refused, or (--overwrite) with the earlier run cleared away.</summary>
[Trait("Category", "Slow")]
public class RunFolderReuseTests
{
    static TrainRequest Request(TempDir dir, bool overwrite) => new()
    {
        Data = dir["data"], Arch = "resnet18", Out = dir["run"], Overwrite = overwrite, TestFraction = 0.34, ValidationFraction = 0.2,
        Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8 },
    };

    [Fact]
    public void Training_into_a_folder_that_is_not_empty_is_refused_and_changes_nothing()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 3, Size: 32, Seed: 1));
        Directory.CreateDirectory(dir["run"]);
        File.WriteAllText(dir["run/model.pt"], "the earlier model");

        var error = Assert.Throws<DermLensException>(() => new TrainingJob(Request(dir, overwrite: false)).Run());

        Assert.Contains("is not empty; pass --overwrite", error.Message);
        Assert.Equal(["model.pt"], Directory.EnumerateFileSystemEntries(dir["run"]).Select(Path.GetFileName));
        Assert.Equal("the earlier model", File.ReadAllText(dir["run/model.pt"]));
    }

    [Fact]
    public void Overwrite_clears_the_earlier_runs_case_studies_and_snapshots_but_keeps_files_it_did_not_write()
    {
        using var dir = new TempDir();
        SyntheticLesions.Generate(dir["data"], new SyntheticOptions(PerClass: 3, Size: 32, Seed: 1));
        var run = new TrainingJob(Request(dir, overwrite: false)).Run().Run;
        Directory.CreateDirectory(run.CaseStudies);
        File.WriteAllText(Path.Combine(run.CaseStudies, CaseStudyJob.IndexName), "the earlier model's panels");
        File.WriteAllText(SnapshotFiles.Of(run, 1), "an earlier snapshot");
        File.WriteAllText(run.LrFindCsv, "an earlier sweep");
        File.WriteAllText(run.File("notes.txt"), "the user's own notes");

        new TrainingJob(Request(dir, overwrite: true)).Run();

        Assert.False(Directory.Exists(run.CaseStudies));
        Assert.Empty(SnapshotFiles.All(run));
        Assert.False(File.Exists(run.LrFindCsv));
        Assert.Equal("the user's own notes", File.ReadAllText(run.File("notes.txt")));
        Assert.True(File.Exists(run.Model));
        Assert.Single(File.ReadAllLines(run.Log), l => l.Contains("Split:"));
    }
}
