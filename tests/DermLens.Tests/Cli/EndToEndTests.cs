using System.Text.Json;
using DermLens.Evaluation;

namespace DermLens.Tests.Cli;

[Trait("Category", "Slow")]
public class EndToEndTests
{
    [Fact]
    public void Synth_train_evaluate_predict_work_from_the_run_folder_alone()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        var synth = CliRunner.Run("synth", "--out", data, "--per-class", "6", "--size", "40", "--seed", "1");
        Assert.True(synth.ExitCode == 0, synth.ToString());

        var train = CliRunner.Run("train", "--data", data, "--out", run, "--arch", "resnet18", "--epochs", "2",
            "--image-size", "32", "--batch-size", "8", "--test-fraction", "0.34", "--val-fraction", "0.2");
        Assert.True(train.ExitCode == 0, train.ToString());
        foreach (var file in new[] { "config.json", "split.csv", "metrics.json", "log.txt", "model.pt", "history.csv",
                     "confusion_matrix.csv", "confusion_matrix.png", "confused_pairs.csv", "predictions.csv",
                     "training_curves.png", "lr_schedule.png" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing after train");
        Assert.Contains("balanced accuracy", train.Output);

        File.Delete(Path.Combine(run, "metrics.json"));
        var evaluate = CliRunner.Run("evaluate", "--run", run);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var metrics = ClassificationMetrics.Load(Path.Combine(run, "metrics.json"));
        Assert.Equal(10, metrics.PerClass.Count);
        Assert.Equal(metrics.Count, metrics.ConfusionMatrix.Total);

        var image = Directory.GetFiles(Path.Combine(data, "Ulcer"), "*.png")[0];
        var predict = CliRunner.Run("predict", "--run", run, "--json", "--top", "2", image);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var json = JsonDocument.Parse(predict.Output).RootElement;
        var top = json[0].GetProperty("top");
        Assert.Equal(2, top.GetArrayLength());
        Assert.True(top[0].GetProperty("probability").GetSingle() >= top[1].GetProperty("probability").GetSingle());
    }

    [Fact]
    public void Predict_reports_an_unreadable_image_and_still_answers_for_the_others()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        CliRunner.TrainTinyRun(data, run, "--preprocess", "gamma=1.30,color=gray-world");
        // The chain travels with the run, canonicalised, so evaluation and prediction apply the same steps.
        Assert.Equal("gamma=1.3,color=gray-world", DermLens.Runs.RunConfig.Load(Path.Combine(run, "config.json")).Preprocess);
        File.WriteAllText(dir["broken.jpg"], "not an image");
        var good = Directory.GetFiles(Path.Combine(data, "Acne"), "*.png")[0];
        var predict = CliRunner.Run("predict", "--run", run, "--csv", dir["broken.jpg"], good);
        Assert.Equal(1, predict.ExitCode);
        Assert.Contains("broken.jpg,,,,not a readable image", predict.Output);
        Assert.Contains(Path.GetFileName(good) + ",1,", predict.Output);
    }
}

[Trait("Category", "Slow")]
public class ResearchRecipeCliTests
{
    [Fact]
    public void Research_recipe_finds_its_learning_rate_fits_the_head_then_unfreezes()
    {
        using var dir = new TempDir();
        var data = dir["data"];
        var run = dir["run"];
        Assert.Equal(0, CliRunner.Run("synth", "--out", data, "--per-class", "4", "--size", "32").ExitCode);
        var train = CliRunner.Run("train", "--data", data, "--out", run, "--recipe", "research", "--pretrained", "--image-size", "32",
            "--batch-size", "8", "--cycles", "2", "--head-epochs", "1", "--test-fraction", "0.25", "--val-fraction", "0.25");
        Assert.True(train.ExitCode == 0, train.ToString());

        Assert.True(File.Exists(Path.Combine(run, "lr_find.png")));
        var config = DermLens.Runs.RunConfig.Load(Path.Combine(run, "config.json"));
        Assert.True(config.Train.LearningRate > 0, "the LR found was not stored for resume and inference");
        // The rate is marked as found, with the sweep's suggestions, not passed off as one the user gave.
        Assert.Equal("minimum", config.LrSearch?.Rule);
        Assert.Equal(config.Train.LearningRate, config.LrSearch!.Chosen);
        Assert.Equal("bce", config.Train.Loss);
        var log = File.ReadAllText(Path.Combine(run, "log.txt"));
        // The sweep trains what the head stage trains (the head, and BatchNorm with the preset's train_bn).
        Assert.Contains("LR range test (1/3 layer groups trained)", log);
        Assert.Contains("training with the minimum rule's", log);
        Assert.Contains("head 1 epochs, 1/3 layer groups trainable; unfrozen 3 epochs, 3/3", log);
    }
}
