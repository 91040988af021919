using DermLens.Runs;

namespace DermLens.Tests.Runs;

/// <summary>A resume point is whole or absent, wherever a save was killed.</summary>
public class ResumePointTests
{
    static void Save(RunFolder run, string epoch) => ResumePoint.Save(run, point =>
    {
        foreach (var file in new[] { point.Weights, point.Optimizer, point.State }) File.WriteAllText(file, epoch);
    });

    static string EpochOf(ResumePoint point)
    {
        var epochs = new[] { point.Weights, point.Optimizer, point.State }.Select(File.ReadAllText).Distinct().ToList();
        return Assert.Single(epochs);
    }

    /// <summary>A folder as a killed save could leave it: epoch's files, or only some of them.</summary>
    static void Leave(string folder, string epoch, bool whole)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "last.pt"), epoch);
        if (!whole) return;
        File.WriteAllText(Path.Combine(folder, "optimizer.bin"), epoch);
        File.WriteAllText(Path.Combine(folder, "state.json"), epoch);
    }

    [Fact]
    public void The_latest_save_is_the_one_resumed_and_no_other_folder_stays()
    {
        using var dir = new TempDir();
        var run = RunFolder.Create(dir["run"]);
        Save(run, "epoch 1");
        Save(run, "epoch 2");
        Assert.Equal("epoch 2", EpochOf(ResumePoint.Latest(run)));
        Assert.Equal(["resume"], Directory.EnumerateDirectories(run.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Killed_while_writing_the_new_epoch_it_resumes_from_the_previous_one()
    {
        using var dir = new TempDir();
        var run = RunFolder.Create(dir["run"]);
        Save(run, "epoch 1");
        Leave(run.ResumeFolder + ".new", "epoch 2", whole: false);
        Assert.Equal("epoch 1", EpochOf(ResumePoint.Latest(run)));
        Assert.False(Directory.Exists(run.ResumeFolder + ".new"));
    }

    [Fact]
    public void Killed_between_the_renames_it_resumes_from_the_new_epoch_which_was_whole()
    {
        using var dir = new TempDir();
        var run = RunFolder.Create(dir["run"]);
        Leave(run.ResumeFolder + ".old", "epoch 1", whole: true);
        Leave(run.ResumeFolder + ".new", "epoch 2", whole: true);
        Assert.Equal("epoch 2", EpochOf(ResumePoint.Latest(run)));
        Assert.False(Directory.Exists(run.ResumeFolder + ".old"));
    }

    [Fact]
    public void Killed_before_the_first_epoch_was_whole_there_is_nothing_to_resume()
    {
        using var dir = new TempDir();
        var run = RunFolder.Create(dir["run"]);
        Leave(run.ResumeFolder + ".new", "epoch 1", whole: false);
        Assert.Contains("holds no completed epoch", Assert.Throws<DermLensException>(() => ResumePoint.Latest(run)).Message);
    }

    [Fact]
    public void Temporary_files_of_killed_writes_are_removed_and_nothing_else()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["model.pt.tmp4242"], "half a file");
        File.WriteAllText(dir["notes.tmp"], "the user's");
        File.WriteAllText(dir["model.pt"], "whole");
        AtomicFile.DeleteLeftovers(dir.Path);
        Assert.Equal(["model.pt", "notes.tmp"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName).Order());
    }
}
