using Xunit;
using DermLens.Data;

namespace DermLens.Tests.Data;

public class SplitterTests
{
    static readonly Lazy<Dataset> Ham = new(() => new Ham10000Source().Read(SharedData.Ham10000));

    /// <summary>An in-memory data set: the splitter only looks at ids, labels, groups and preset parts.</summary>
    static Dataset Synthetic(params (string Class, int Images, int PerGroup)[] classes)
    {
        var samples = new List<Sample>();
        for (int c = 0; c < classes.Length; c++)
            for (int i = 0; i < classes[c].Images; i++)
            {
                var id = $"{classes[c].Class}/{i}.png";
                var group = classes[c].PerGroup > 0 ? $"{classes[c].Class}-lesion{i / classes[c].PerGroup}" : null;
                samples.Add(new Sample(id, c, "/nowhere/" + id, group));
            }
        return new Dataset("test", "/nowhere", classes.Select(c => c.Class).ToList(), samples);
    }

    [Fact]
    public void Grouped_split_keeps_every_lesion_on_one_side_and_every_class_on_both()
    {
        var data = Ham.Value;
        var split = Splitter.Make(data, new SplitOptions(Seed: 3));
        var parts = new[] { split.Train, split.Validation, split.Test };

        Assert.Equal(315, parts.Sum(p => p.Count));
        Assert.Equal(315, parts.SelectMany(p => p).Select(s => s.Id).Distinct().Count());
        var lesionParts = parts.SelectMany((p, i) => p.Select(s => (s.Group, Part: i))).Distinct().GroupBy(x => x.Group);
        Assert.All(lesionParts, g => Assert.Single(g));
        foreach (var part in parts)
            Assert.Equal(Enumerable.Range(0, 7), part.Select(s => s.Label).Distinct().Order());
        // 30 lesions per class: 5 test (1/6), then 3 of the remaining 25 for validation (0.1, rounded).
        Assert.Equal(35, split.Test.Select(s => s.Group).Distinct().Count());
        Assert.Equal(21, split.Validation.Select(s => s.Group).Distinct().Count());
        Assert.Equal(154, split.Train.Select(s => s.Group).Distinct().Count());
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_another()
    {
        static string[][] Ids(Split s) => [s.Train.Select(x => x.Id).ToArray(), s.Validation.Select(x => x.Id).ToArray(), s.Test.Select(x => x.Id).ToArray()];
        var first = Ids(Splitter.Make(Ham.Value, new SplitOptions(Seed: 7)));
        var again = Ids(Splitter.Make(Ham.Value, new SplitOptions(Seed: 7)));
        var other = Ids(Splitter.Make(Ham.Value, new SplitOptions(Seed: 8)));

        Assert.Equal(first, again);
        Assert.NotEqual(first[2].Order(), other[2].Order());
    }

    [Fact]
    public void Does_not_depend_on_the_order_of_the_listing()
    {
        var data = Ham.Value;
        var reversed = data.WithSamples(data.Samples.Reverse().ToList());
        var a = Splitter.Make(data).Test.Select(s => s.Id).Order();
        var b = Splitter.Make(reversed).Test.Select(s => s.Id).Order();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Ungrouped_split_is_stratified_by_class()
    {
        var data = Synthetic(("a", 60, 0), ("b", 12, 0));
        var split = Splitter.Make(data, new SplitOptions(TestFraction: 0.25, ValidationFraction: 0.2, Seed: 1));

        Assert.Equal((15, 3), (split.Test.Count(s => s.Label == 0), split.Test.Count(s => s.Label == 1)));
        Assert.Equal((9, 2), (split.Validation.Count(s => s.Label == 0), split.Validation.Count(s => s.Label == 1)));
        Assert.Equal((36, 7), (split.Train.Count(s => s.Label == 0), split.Train.Count(s => s.Label == 1)));
    }

    [Fact]
    public void Preset_test_part_stays_and_validation_comes_from_train()
    {
        var data = new Cifar10Source().Read(SharedData.Cifar10);
        var split = Splitter.Make(data);

        Assert.Equal(1000, split.Test.Count);
        Assert.All(split.Test, s => Assert.Equal("test", s.PresetPart));
        Assert.Equal(500, split.Validation.Count);
        Assert.All(split.Validation, s => Assert.Equal("train", s.PresetPart));
        Assert.All(new int[10].Select((_, c) => split.Validation.Count(s => s.Label == c)), n => Assert.Equal(50, n));
        Assert.Equal(4500, split.Train.Count);
    }

    [Fact]
    public void A_class_too_small_for_train_and_test_is_named_with_its_count()
    {
        var data = Synthetic(("Acne", 20, 0), ("Blister", 1, 0), ("Crust", 3, 3));

        var error = Assert.Throws<DermLensException>(() => Splitter.Make(data));

        Assert.StartsWith("Too few images to put at least one of each class in train and one in test: "
            + "'Blister' has 1 image; 'Crust' has 3 images in 1 group.", error.Message);
        Assert.DoesNotContain("Acne", error.Message);
    }

    [Fact]
    public void A_preset_split_missing_a_class_in_test_is_an_error()
    {
        var samples = new List<Sample>
        {
            new("train/a/1.png", 0, "x", PresetPart: "train"), new("test/a/2.png", 0, "x", PresetPart: "test"),
            new("train/b/3.png", 1, "x", PresetPart: "train"), new("train/b/4.png", 1, "x", PresetPart: "train"),
        };
        var data = new Dataset("test", "/nowhere", ["a", "b"], samples);

        var error = Assert.Throws<DermLensException>(() => Splitter.Make(data));

        Assert.Contains("'b' has 2 images (2 preset train, 0 preset test)", error.Message);
    }

    [Fact]
    public void A_test_fraction_of_0_puts_everything_in_train_and_a_grouped_stratified_validation_part()
    {
        var data = Ham.Value;
        var split = Splitter.Make(data, new SplitOptions(TestFraction: 0, Seed: 3));

        Assert.Empty(split.Test);
        Assert.Equal(315, split.Train.Count + split.Validation.Count);
        Assert.Empty(split.Train.Select(s => s.Group).Intersect(split.Validation.Select(s => s.Group)));
        Assert.Equal(Enumerable.Range(0, 7), split.Validation.Select(s => s.Label).Distinct().Order());
        // 30 lesions per class, none to test: 3 for validation (0.1).
        Assert.Equal(21, split.Validation.Select(s => s.Group).Distinct().Count());
    }

    [Fact]
    public void A_test_fraction_of_0_needs_only_one_image_of_a_class_and_keeps_a_preset_test_part()
    {
        Assert.Single(Splitter.Make(Synthetic(("a", 10, 0), ("b", 1, 0)), new SplitOptions(TestFraction: 0)).Train, s => s.Label == 1);

        var cifar = Splitter.Make(new Cifar10Source().Read(SharedData.Cifar10), new SplitOptions(TestFraction: 0));
        Assert.Equal(1000, cifar.Test.Count);
        Assert.All(cifar.Test, s => Assert.Equal("test", s.PresetPart));
    }

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(1.0, 0.1)]
    [InlineData(0.2, -0.1)]
    public void Fractions_out_of_range_are_rejected(double test, double validation)
    {
        Assert.Throws<DermLensException>(() => Splitter.Make(Synthetic(("a", 10, 0)), new SplitOptions(test, validation)));
    }

    [Fact]
    public void A_set_too_small_for_per_class_rounding_still_gets_one_validation_image()
    {
        // a: 1 test, 2 train; b: 2 test, 4 train; a tenth of 2 or 4 rounds to no validation in either class.
        var data = Synthetic(("a", 3, 0), ("b", 6, 0));
        var split = Splitter.Make(data, new SplitOptions(0.3, 0.1, 0));
        var validation = Assert.Single(split.Validation);
        Assert.Equal(1, validation.Label);
        Assert.Equal((5, 3), (split.Train.Count, split.Test.Count));
        Assert.Empty(Splitter.Make(data, new SplitOptions(0.3, 0, 0)).Validation);
    }
}
