using DermLens.Imaging;

namespace DermLens.Tests.Cli;

/// <summary>One small run trained with `--preprocess roi`, on synthetic lesions plus two flat images ROI cannot crop.</summary>
public sealed class RoiRunFixture : IDisposable
{
    readonly TempDir _dir = new();
    public string Data => _dir["data"];
    public string Run => _dir["run"];
    public string this[string relative] => _dir[relative];
    internal CliRunner.Result Train { get; }

    public RoiRunFixture()
    {
        var synth = CliRunner.Run("synth", "--out", Data, "--per-class", "4", "--size", "32", "--seed", "3");
        if (synth.ExitCode != 0) throw new InvalidOperationException(synth.ToString());
        var flat = new RgbImage(40, 40);
        Array.Fill(flat.Pixels, (byte)150);
        ImageCodec.SavePng(flat, Path.Combine(Data, "Acne", "flat1.png"));
        ImageCodec.SavePng(flat, Path.Combine(Data, "Acne", "flat2.png"));
        Train = CliRunner.Run("train", "--data", Data, "--out", Run, "--epochs", "1", "--image-size", "32",
            "--batch-size", "8", "--test-fraction", "0.25", "--val-fraction", "0.25", "--preprocess", "roi");
    }

    public string Log => File.ReadAllText(Path.Combine(Run, "log.txt"));

    public void Dispose() => _dir.Dispose();
}

[Trait("Category", "Slow")]
public class InferencePreprocessingCliTests(RoiRunFixture run) : IClassFixture<RoiRunFixture>
{
    [Fact]
    public void Training_log_summarises_the_preprocessing_notes_with_file_names()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var notes = run.Log.Split('\n').Where(l => l.Contains("Preprocessing note, roi: no contrast between lesion and skin")).ToList();
        Assert.NotEmpty(notes);
        Assert.Contains(notes, l => l.Contains("flat1.png") || l.Contains("flat2.png"));
        Assert.All(notes, l => Assert.Contains("full image kept", l));
    }

    [Fact]
    public void Explain_applies_the_runs_chain_and_an_explicit_other_chain_comes_with_a_warning()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        // A 12 px image passes the model's resize but not preprocessing (16 px minimum): the error proves the chain ran.
        var tiny = run["tiny.png"];
        ImageCodec.SavePng(Synthetic(12), tiny);
        var withChain = CliRunner.Run("explain", "--run", run.Run, "--out", run["maps"], tiny);
        Assert.Equal(1, withChain.ExitCode);
        Assert.True(withChain.Output.Contains("12x12"), withChain.ToString());
        Assert.DoesNotContain("Warning", withChain.Output);

        var without = CliRunner.Run("explain", "--run", run.Run, "--out", run["maps"], "--preprocess", "none", tiny);
        Assert.True(without.ExitCode == 0, without.ToString());
        Assert.Contains("Warning: The model was trained with preprocessing 'roi' but 'none' is applied", without.Output);
        Assert.True(File.Exists(Path.Combine(run["maps"], $"tiny.{DermLens.Interpretation.DefaultExplanation.Method}.png")));
    }

    [Fact]
    public void Predict_with_the_runs_own_chain_is_silent_and_with_another_warns_on_stderr()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var image = Directory.GetFiles(Path.Combine(run.Data, "Ulcer"), "*.png")[0];
        var same = CliRunner.Run("predict", "--run", run.Run, "--json", "--preprocess", "ROI:margin=0.15", image);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.DoesNotContain("Warning", same.Output);
        var other = CliRunner.Run("predict", "--run", run.Run, "--json", "--preprocess", "gamma=1.3", image);
        Assert.True(other.ExitCode == 0, other.ToString());
        Assert.Contains("Warning: The model was trained with preprocessing 'roi' but 'gamma=1.3' is applied", other.Output);
    }

    [Fact]
    public void Evaluate_with_another_chain_records_the_warning_in_the_run_log()
    {
        Assert.True(run.Train.ExitCode == 0, run.Train.ToString());
        var evaluate = CliRunner.Run("evaluate", "--run", run.Run, "--preprocess", "color=gray-world");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Contains("trained with preprocessing 'roi' but 'color=gray-world' is applied", run.Log);
        Assert.Contains("Evaluated ", run.Log.Split('\n').Last(l => l.Length > 0));
    }

    static RgbImage Synthetic(int side)
    {
        var image = new RgbImage(side, side);
        for (int i = 0; i < image.Pixels.Length; i++) image.Pixels[i] = (byte)(100 + i % 97);
        return image;
    }
}
