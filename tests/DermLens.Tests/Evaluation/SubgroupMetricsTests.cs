using System.Text.Json;
using DermLens.Evaluation;

namespace DermLens.Tests.Evaluation;

public class SubgroupMetricsTests
{
    static Subgroup Group(SubgroupTable table, string name) => table.Groups.Single(g => g.Name == name);

    [Fact]
    public void A_perfect_group_and_one_wrong_on_half_a_class_give_exact_accuracies_gap_and_equal_opportunity_difference()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Compute();
        Assert.Equal(["B", "A"], table.Groups.Select(g => g.Name));
        var (a, b) = (Group(table, "A"), Group(table, "B"));
        Assert.Equal(1.0, a.BalancedAccuracy, 12);
        Assert.Equal(0.75, b.BalancedAccuracy, 12);
        Assert.Equal(80 / 100.0, b.Accuracy, 12);
        Assert.Equal((1 + 60 / 80.0) / 2, table.OverallBalancedAccuracy, 12);
        Assert.Equal([60, 40], b.Sensitivity.Select(s => s.Positives));
        Assert.Equal(0.5, b.Sensitivity[1].Value!.Value, 12);

        var gap = table.BalancedAccuracyGap!;
        Assert.Equal(0.25, gap.Difference, 12);
        Assert.Equal(("A", 1.0, "B", 0.75), (gap.Highest, gap.HighestValue, gap.Lowest, gap.LowestValue));
        var largest = table.LargestEqualOpportunity!;
        Assert.Equal("melanoma", largest.Class);
        Assert.Equal(0.5, largest.Gap.Difference, 12);
        Assert.Equal(("A", "B"), (largest.Gap.Highest, largest.Gap.Lowest));
        Assert.Equal(0, table.EqualOpportunity.Single(e => e.Class == "nevus").Gap.Difference, 12);
    }

    [Fact]
    public void Intervals_come_from_resampling_the_groups_lesions_and_hold_the_point_values()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Compute();
        var (a, b) = (Group(table, "A"), Group(table, "B"));
        Assert.Equal(new MetricInterval(1, 1, 1), a.BalancedAccuracyInterval);
        var interval = b.BalancedAccuracyInterval!;
        Assert.Equal(0.75, interval.Value, 12);
        Assert.True(interval.Low < 0.75 && 0.75 < interval.High, $"{interval}");
        Assert.InRange(b.Sensitivity[1].Value!.Value, b.Sensitivity[1].Interval!.Low, b.Sensitivity[1].Interval!.High);
        Assert.Equal(300, table.Resamples);
    }

    [Fact]
    public void A_tiny_group_is_flagged_too_few_and_left_out_of_the_gaps()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Add("C", 0, 3, 2, wrong: 3).Add("C", 1, 2, 2, wrong: 2).Compute();
        var c = Group(table, "C");
        Assert.True(c.TooFew);
        Assert.Equal("10 of the 30 images needed, 5 of the 10 lesions needed", c.TooFewReason);
        Assert.Equal(0, c.BalancedAccuracy);
        Assert.False(Group(table, "A").TooFew);
        Assert.Equal(("A", "B"), (table.BalancedAccuracyGap!.Highest, table.BalancedAccuracyGap.Lowest));
        Assert.Equal(("A", "B"), (table.LargestEqualOpportunity!.Gap.Highest, table.LargestEqualOpportunity.Gap.Lowest));
    }

    [Fact]
    public void Many_images_of_few_lesions_are_too_few_as_well()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Add("C", 0, 4, 10).Add("C", 1, 4, 10).Compute();
        Assert.Equal((80, 8), (Group(table, "C").Images, Group(table, "C").Lesions));
        Assert.Equal("8 of the 10 lesions needed", Group(table, "C").TooFewReason);
    }

    [Fact]
    public void Unknown_is_listed_last_and_never_compared()
    {
        // The unknown group is the largest and always wrong: compared, it would be the gap's lowest group.
        var table = SubgroupCases.PerfectAndHalfWrong().Add(SubgroupMetrics.Unknown, 0, 50, 2, wrong: 50).Add(SubgroupMetrics.Unknown, 1, 50, 2, wrong: 50)
            .Compute();
        Assert.Equal(["B", "A", "unknown"], table.Groups.Select(g => g.Name));
        Assert.False(table.Groups[^1].TooFew);
        Assert.Equal(0.25, table.BalancedAccuracyGap!.Difference, 12);
        Assert.All(table.EqualOpportunity, e => Assert.NotEqual("unknown", e.Gap.Lowest));
    }

    [Fact]
    public void A_class_with_fewer_than_five_positives_in_a_group_keeps_that_group_out_of_its_equal_opportunity_difference()
    {
        // D misses all four of its melanomas: enough images to compare balanced accuracy, too few melanomas for sensitivity.
        var table = SubgroupCases.PerfectAndHalfWrong().Add("D", 0, 20, 2).Add("D", 1, 2, 2, wrong: 2).Compute();
        Assert.Equal(0.5, Group(table, "D").BalancedAccuracy, 12);
        Assert.Equal(("A", "D", 0.5), (table.BalancedAccuracyGap!.Highest, table.BalancedAccuracyGap.Lowest, table.BalancedAccuracyGap.Difference));
        var melanoma = table.EqualOpportunity.Single(e => e.Class == "melanoma").Gap;
        Assert.Equal(("A", "B", 0.5), (melanoma.Highest, melanoma.Lowest, melanoma.Difference));
    }

    [Fact]
    public void Lesions_are_kept_whole_so_images_of_one_lesion_widen_the_interval()
    {
        // The same predictions, once as 80 lesions of one image and once as 16 lesions of five.
        var single = new SubgroupCases("nevus", "melanoma").Add("A", 0, 40, 1, wrong: 10).Add("A", 1, 40, 1, wrong: 15).Compute();
        var grouped = new SubgroupCases("nevus", "melanoma").Add("A", 0, 8, 5, wrong: 2).Add("A", 1, 8, 5, wrong: 3).Compute();
        var (byImage, byLesion) = (single.Groups[0], grouped.Groups[0]);
        Assert.Equal((80, 80), (byImage.Images, byImage.Lesions));
        Assert.Equal((80, 16), (byLesion.Images, byLesion.Lesions));
        Assert.Equal(byImage.BalancedAccuracy, byLesion.BalancedAccuracy, 12);
        double Width(Subgroup g) => g.BalancedAccuracyInterval!.High - g.BalancedAccuracyInterval.Low;
        Assert.True(Width(byLesion) > 1.5 * Width(byImage), $"{byLesion.BalancedAccuracyInterval} vs {byImage.BalancedAccuracyInterval}");
    }

    [Fact]
    public void A_grouping_with_a_single_group_has_no_gaps()
    {
        var table = new SubgroupCases("nevus", "melanoma").Add("all", 0, 20, 2).Add("all", 1, 20, 2, wrong: 5).Compute();
        Assert.Single(table.Groups);
        Assert.Null(table.BalancedAccuracyGap);
        Assert.Empty(table.EqualOpportunity);
        Assert.Null(table.LargestEqualOpportunity);
    }

    [Fact]
    public void A_group_averages_only_the_classes_it_has()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Add("E", 0, 20, 2, wrong: 5).Compute();
        var e = Group(table, "E");
        Assert.Equal(0.75, e.BalancedAccuracy, 12);
        Assert.Equal((0, (double?)null, (MetricInterval?)null), (e.Sensitivity[1].Positives, e.Sensitivity[1].Value, e.Sensitivity[1].Interval));
    }

    [Fact]
    public void Intervals_are_null_where_the_bootstrap_cannot_be_done()
    {
        // One lesion redraws the same set; seven classes in seven lesions lose one in nearly every draw.
        var table = SubgroupCases.PerfectAndHalfWrong().Add("one lesion", 0, 1, 40).Compute();
        Assert.Null(Group(table, "one lesion").BalancedAccuracyInterval);
        Assert.Equal(1, Group(table, "one lesion").BalancedAccuracy);

        var rare = new SubgroupCases("a", "b", "c", "d", "e", "f", "g");
        for (int c = 0; c < 7; c++) rare.Add("rare", c, 1, 5, wrong: c % 2);
        var group = rare.Compute(resamples: 100).Groups.Single();
        Assert.Null(group.BalancedAccuracyInterval);
        Assert.All(group.Sensitivity, s => Assert.Null(s.Interval));
        Assert.Equal(4 / 7.0, group.BalancedAccuracy, 12);
    }

    [Fact]
    public void A_given_order_is_kept_with_unknown_last_and_a_value_it_lacks_is_an_error()
    {
        var cases = SubgroupCases.PerfectAndHalfWrong().Add(SubgroupMetrics.Unknown, 0, 5, 2).Add("C", 0, 20, 2);
        Assert.Equal(["A", "B", "C", "unknown"], cases.Compute(order: ["A", "B", "C", "never seen"]).Groups.Select(g => g.Name));
        var error = Assert.Throws<DermLensException>(() => cases.Compute(grouping: "skin tone", order: ["A", "B"]));
        Assert.Contains("skin tone", error.Message);
        Assert.Contains(": C (", error.Message);
    }

    [Fact]
    public void The_same_seed_gives_the_same_table_and_another_seed_other_intervals()
    {
        var cases = SubgroupCases.PerfectAndHalfWrong();
        string Json(int seed) => JsonSerializer.Serialize(cases.Compute(seed: seed));
        Assert.Equal(Json(3), Json(3));
        Assert.NotEqual(Json(3), Json(4));
    }

    [Fact]
    public void Serialises_to_camel_case_json_with_nulls_not_nan()
    {
        var table = SubgroupCases.PerfectAndHalfWrong().Add("one lesion", 0, 1, 40).Compute();
        var json = JsonSerializer.Serialize(table, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        foreach (var key in new[] { "\"grouping\"", "\"balancedAccuracyGap\"", "\"largestEqualOpportunity\"", "\"tooFew\"", "\"tooFewReason\"", "\"positives\"" })
            Assert.Contains(key, json);
        Assert.Contains("\"balancedAccuracyInterval\":null", json);
        Assert.DoesNotContain("NaN", json);
    }

    [Fact]
    public void Compute_all_gives_one_table_per_grouping_in_order()
    {
        var cases = SubgroupCases.PerfectAndHalfWrong();
        var ages = cases.Groups.Select((_, i) => i % 2 == 0 ? "young" : "old").ToArray();
        var tables = SubgroupMetrics.ComputeAll(cases.Truth, cases.Probabilities, cases.Lesions, cases.Classes,
            [new Grouping("sex", cases.Groups), new Grouping("age", ages, ["young", "old"])], resamples: 200);
        Assert.Equal(["sex", "age"], tables.Select(t => t.Grouping));
        Assert.Equal(["young", "old"], tables[1].Groups.Select(g => g.Name));
    }

    [Fact]
    public void Mismatched_inputs_are_an_error_naming_the_grouping()
    {
        var cases = SubgroupCases.PerfectAndHalfWrong();
        var error = Assert.Throws<DermLensException>(() => SubgroupMetrics.Compute(cases.Truth, cases.Probabilities, cases.Lesions,
            cases.Classes, new Grouping("sex", cases.Groups.Skip(1).ToArray())));
        Assert.Contains("'sex'", error.Message);
    }
}
