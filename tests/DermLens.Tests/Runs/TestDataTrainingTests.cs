using DermLens.Data;
using DermLens.Data.Synthetic;
using DermLens.Evaluation;
using DermLens.Runs;
using DermLens.Tests.Data;
using DermLens.Training;

namespace DermLens.Tests.Runs;

/// <summary>`train --test-data` and `--test-fraction 0`: what trains, what is evaluated, and what is refused before training.</summary>
public class TestDataTrainingTests
{
    /// <summary>40 synthetic lesions (4 per class) at 32 px: the training data of every test here.</summary>
    static string TrainingData(TempDir dir)
    {
        SyntheticLesions.Generate(dir["train"], new SyntheticOptions(PerClass: 4, Size: 32, Seed: 1));
        return dir["train"];
    }

    /// <summary>Other synthetic lesions of the first <paramref name="classes"/> classes, 2 each, renamed so no id is a
    /// training id (the generator names files alike whatever the seed); without masks, and without the metadata file, whose
    /// rows would name the files removed and renamed.</summary>
    static string OtherLesions(TempDir dir, int classes)
    {
        var root = dir["test"];
        SyntheticLesions.Generate(root, new SyntheticOptions(PerClass: 2, Size: 32, Seed: 2));
        Directory.Delete(Path.Combine(root, "masks"), recursive: true);
        File.Delete(Path.Combine(root, ImageFolderSource.MetadataFile));
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal).Skip(classes))
            Directory.Delete(folder, recursive: true);
        foreach (var file in Directory.GetFiles(root, "*.png", SearchOption.AllDirectories))
            File.Move(file, Path.Combine(Path.GetDirectoryName(file)!, "test-" + Path.GetFileName(file)));
        return root;
    }

    static TrainRequest Tiny(string data, string run) => new()
    {
        Data = data, Arch = "resnet18", Out = run, ValidationFraction = 0.25,
        Train = new TrainOptions { Epochs = 1, ImageSize = 32, BatchSize = 8, Precision = "fp32" },
    };

    /// <summary>A HAM10000 folder of one image (a copy of a development image under a new id) of lesion <paramref name="lesion"/>.</summary>
    static string HamImage(TempDir dir, string lesion, string imageId)
    {
        var root = dir["ham-test"];
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(SharedData.Ham10000, "images", "ISIC_0032128.jpg"), Path.Combine(root, imageId + ".jpg"));
        File.WriteAllText(Path.Combine(root, Ham10000Source.MetadataFile), $"lesion_id,image_id,dx\n{lesion},{imageId},bkl\n");
        return root;
    }

    [Fact, Trait("Category", "Slow")]
    public void With_test_data_all_of_the_data_trains_and_the_test_data_is_evaluated()
    {
        using var dir = new TempDir();
        var data = TrainingData(dir);
        var testPath = OtherLesions(dir, classes: 6);

        var outcome = new TrainingJob(Tiny(data, dir["run"]) with { TestData = testPath }).Run();

        var training = DataSources.Open(data);
        var split = Split.Load(outcome.Run.Split, training);
        Assert.Empty(split.Test);
        Assert.Equal(training.Samples.Select(s => s.Id).Order(), split.Train.Concat(split.Validation).Select(s => s.Id).Order());
        Assert.DoesNotContain(File.ReadLines(outcome.Run.Split).Skip(1), line => line.EndsWith(",test", StringComparison.Ordinal));

        var test = DataSources.Open(testPath);
        Assert.Equal(12, test.Samples.Count);
        var config = outcome.Run.LoadConfig();
        Assert.Equal(12, outcome.TestMetrics!.Count);
        Assert.Equal(12, ClassificationMetrics.Load(outcome.Run.Metrics).Count);
        var predictions = PredictionsCsv.Load(outcome.Run.Predictions, config.Classes);
        Assert.Equal(test.Samples.Select(s => s.Id).Order(), predictions.Select(p => p.Id).Order());
        var testClassOf = test.Samples.ToDictionary(s => s.Id, s => test.Classes[s.Label]);
        Assert.All(predictions, p => Assert.Equal(testClassOf[p.Id], config.Classes[p.True]));

        Assert.Equal(Path.GetFullPath(testPath), config.TestData);
        Assert.Equal("imagefolder", config.TestFormat);
        Assert.Equal(0, config.TestFraction);
        Assert.Contains($"Evaluated 12 images of {testPath}", File.ReadAllText(outcome.Run.Log));
    }

    [Fact, Trait("Category", "Slow")]
    public void A_test_fraction_of_0_trains_on_everything_and_skips_the_test_evaluation()
    {
        using var dir = new TempDir();
        var data = TrainingData(dir);

        var outcome = new TrainingJob(Tiny(data, dir["run"]) with { TestFraction = 0 }).Run();

        Assert.Null(outcome.TestMetrics);
        Assert.True(File.Exists(outcome.Run.Model));
        Assert.False(File.Exists(outcome.Run.Metrics));
        var split = Split.Load(outcome.Run.Split, DataSources.Open(data));
        Assert.Empty(split.Test);
        Assert.Equal(40, split.Train.Count + split.Validation.Count);
        Assert.Contains($"test evaluation skipped; evaluate later with: dermlens evaluate --run {outcome.Run.Path} --data DIR",
            File.ReadAllText(outcome.Run.Log));
        var error = Assert.Throws<DermLensException>(() => new EvaluationJob(outcome.Run, dataOverride: null).Run());
        Assert.Contains("has no test part", error.Message);
    }

    [Fact]
    public void A_test_class_the_training_data_lacks_is_refused_before_a_run_folder_is_written()
    {
        using var dir = new TempDir();
        var data = TrainingData(dir);
        var testPath = OtherLesions(dir, classes: 3);
        var acne = Directory.GetFiles(Directory.GetDirectories(testPath).Order(StringComparer.Ordinal).First()).First();
        Directory.CreateDirectory(Path.Combine(testPath, "Mole"));
        File.Copy(acne, Path.Combine(testPath, "Mole", "mole-1.png"));

        var error = Assert.Throws<DermLensException>(() => new TrainingJob(Tiny(data, dir["run"]) with { TestData = testPath }).Run());

        Assert.StartsWith($"The test data {testPath} has classes the training data does not have: Mole.", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(dir["run"]), "nothing may train, nor a run folder be written");
    }

    [Fact]
    public void Test_images_with_training_image_ids_are_refused_before_a_run_folder_is_written()
    {
        using var dir = new TempDir();
        var data = TrainingData(dir);
        SyntheticLesions.Generate(dir["test"], new SyntheticOptions(PerClass: 2, Size: 32, Seed: 1));

        var error = Assert.Throws<DermLensException>(() => new TrainingJob(Tiny(data, dir["run"]) with { TestData = dir["test"] }).Run());

        Assert.StartsWith($"20 test images of {dir["test"]} share an image id or a group (lesion) with the training data {data}, e.g. image ",
            error.Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void A_test_image_of_a_training_lesion_is_refused_before_a_run_folder_is_written()
    {
        using var dir = new TempDir();
        var testPath = HamImage(dir, lesion: "HAM_0004884", imageId: "ISIC_9999999");

        var error = Assert.Throws<DermLensException>(() =>
            new TrainingJob(Tiny(SharedData.Ham10000, dir["run"]) with { TestData = testPath }).Run());

        Assert.StartsWith($"1 test image of {testPath} share", error.Message);
        Assert.Contains("e.g. image ISIC_9999999 of group HAM_0004884;", error.Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void A_reused_split_with_a_test_part_is_refused_with_test_data()
    {
        using var dir = new TempDir();
        var ham = DataSources.Open(SharedData.Ham10000);
        Splitter.Make(ham).Save(dir["split.csv"], ham);
        var testPath = HamImage(dir, lesion: "HAM_9999999", imageId: "ISIC_9999999");

        var error = Assert.Throws<DermLensException>(() =>
            new TrainingJob(Tiny(SharedData.Ham10000, dir["run"]) with { TestData = testPath, SplitFile = dir["split.csv"] }).Run());

        Assert.Contains($"{dir["split.csv"]} puts", error.Message);
        Assert.Contains("images in test, but with --test-data all of --data trains", error.Message);
        Assert.False(Directory.Exists(dir["run"]));
    }

    [Fact]
    public void Data_with_its_own_test_part_is_refused_with_test_data()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir["test"], "cat"));
        TinyImages.Png(Path.Combine(dir["test"], "cat", "cat-1.png"));

        var error = Assert.Throws<DermLensException>(() =>
            new TrainingJob(Tiny(SharedData.Cifar10, dir["run"]) with { TestData = dir["test"] }).Run());

        Assert.Equal($"{SharedData.Cifar10} comes with its own test part (1000 images); with --test-data, --data must hold training images only.",
            error.Message);
    }

    [Theory]
    [InlineData(0.2, "held-out", null, "--test-fraction and --test-data exclude each other")]
    [InlineData(null, null, "ham10000", "--test-format needs --test-data.")]
    public void Contradicting_test_options_are_refused_before_the_data_is_read(double? fraction, string? testData, string? testFormat, string expected)
    {
        using var dir = new TempDir();
        var request = Tiny(dir["no-such-data"], dir["run"]) with { TestFraction = fraction, TestData = testData, TestFormat = testFormat };

        var error = Assert.Throws<DermLensException>(() => new TrainingJob(request).Run());

        Assert.StartsWith(expected, error.Message);
    }
}
