using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class ConfusedPairsTests
{
    // Classes: Ulcer, Tumor, Erythema, Wheal, Acne.
    static ConfusionMatrix Matrix() => new(
        ["Ulcer", "Tumor", "Erythema", "Wheal", "Acne"],
        [
            [50, 20, 0, 0, 3],
            [9, 40, 2, 0, 0],
            [0, 0, 60, 7, 0],
            [0, 0, 8, 30, 0],
            [3, 0, 0, 0, 10],
        ]);

    [Fact]
    public void Both_directions_are_merged_and_the_larger_direction_names_A_ties_keeping_class_order()
    {
        var pairs = ConfusedPairs.From(Matrix());
        Assert.Equal(
        [
            new ConfusedPair("Ulcer", "Tumor", 29, 20, 9),
            new ConfusedPair("Wheal", "Erythema", 15, 8, 7),
            new ConfusedPair("Ulcer", "Acne", 6, 3, 3),
            new ConfusedPair("Tumor", "Erythema", 2, 2, 0),
        ], pairs);
    }

    [Fact]
    public void Min_count_drops_rarer_pairs_and_applies_to_the_merged_count()
    {
        var pairs = ConfusedPairs.From(Matrix(), minCount: 5);
        Assert.Equal(["Ulcer/Tumor", "Wheal/Erythema", "Ulcer/Acne"], pairs.Select(p => $"{p.A}/{p.B}"));
        Assert.Empty(ConfusedPairs.From(Matrix(), minCount: 30));
    }

    [Fact]
    public void Equal_counts_sort_by_names()
    {
        var m = new ConfusionMatrix(["c", "b", "a"], [[1, 2, 2], [0, 1, 0], [0, 0, 1]]);
        Assert.Equal(["c/a", "c/b"], ConfusedPairs.From(m).Select(p => $"{p.A}/{p.B}"));
    }

    [Fact]
    public void A_perfect_classifier_has_no_pairs()
    {
        var m = new ConfusionMatrix(["a", "b"], [[4, 0], [0, 5]]);
        Assert.Empty(ConfusedPairs.From(m));
        Assert.Empty(ConfusedPairs.MostConfused(m));
    }

    [Fact]
    public void Most_confused_lists_single_directions()
    {
        var directions = ConfusedPairs.MostConfused(Matrix(), minCount: 7);
        Assert.Equal(
        [
            new ConfusedDirection("Ulcer", "Tumor", 20),
            new ConfusedDirection("Tumor", "Ulcer", 9),
            new ConfusedDirection("Wheal", "Erythema", 8),
            new ConfusedDirection("Erythema", "Wheal", 7),
        ], directions);
    }

    [Fact]
    public void Csv_lists_pairs_with_both_directions()
    {
        using var dir = new TempDir();
        ConfusedPairs.SaveCsv(ConfusedPairs.From(Matrix(), minCount: 10), dir["pairs.csv"]);
        Assert.Equal(
            ["a,b,count,a_to_b,b_to_a", "Ulcer,Tumor,29,20,9", "Wheal,Erythema,15,8,7"],
            File.ReadAllLines(dir["pairs.csv"]));
    }
}
