using DermLens.Runs;

namespace DermLens.Tests.Cli;

/// <summary>A run repeats from its own config.json: `train --config RUN/config.json --out AGAIN`.</summary>
[Trait("Category", "Slow")]
public class TrainConfigCliTests
{
    [Fact]
    public void Training_from_a_runs_config_trains_with_the_same_data_model_and_options()
    {
        using var dir = new TempDir();
        CliRunner.TrainTinyRun(dir["data"], dir["run1"], "--preprocess", "gamma=1.3", "--seed", "3", "--schedule", "cosine");

        var again = CliRunner.Run("train", "--config", Path.Combine(dir["run1"], "config.json"), "--out", dir["run2"]);
        Assert.True(again.ExitCode == 0, again.ToString());

        var first = RunConfig.Load(Path.Combine(dir["run1"], "config.json"));
        var second = RunConfig.Load(Path.Combine(dir["run2"], "config.json"));
        Assert.Equal(first.Train, second.Train);
        Assert.Equal((first.Data, first.Arch, first.Pretrained, first.Preprocess, first.Tta, first.TestFraction, first.ValidationFraction),
            (second.Data, second.Arch, second.Pretrained, second.Preprocess, second.Tta, second.TestFraction, second.ValidationFraction));
        Assert.Equal(File.ReadAllText(Path.Combine(dir["run1"], "split.csv")), File.ReadAllText(Path.Combine(dir["run2"], "split.csv")));
    }
}
