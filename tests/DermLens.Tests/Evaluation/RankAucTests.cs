using DermLens.Evaluation;
using Xunit;

namespace DermLens.Tests.Evaluation;

public class RankAucTests
{
    [Fact]
    public void Perfectly_separable_scores_give_one_and_reversed_give_zero()
    {
        bool[] positive = [false, false, true, true];
        Assert.Equal(1.0, RankAuc.Compute([0.1, 0.2, 0.8, 0.9], positive));
        Assert.Equal(0.0, RankAuc.Compute([0.9, 0.8, 0.2, 0.1], positive));
    }

    [Fact]
    public void Constant_scores_give_one_half()
    {
        Assert.Equal(0.5, RankAuc.Compute([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, false, true, false]));
    }

    [Fact]
    public void Ties_between_a_positive_and_a_negative_count_half()
    {
        // Pairs (pos, neg): (0.5,0.5) tie -> 0.5, (0.5,0.2) -> 1, (0.8,0.5) -> 1, (0.8,0.2) -> 1: 3.5 of 4.
        Assert.Equal(0.875, RankAuc.Compute([0.5, 0.8, 0.5, 0.2], [true, true, false, false]));
    }

    [Fact]
    public void Undefined_without_positives_or_without_negatives()
    {
        Assert.Null(RankAuc.Compute([0.1, 0.2], [false, false]));
        Assert.Null(RankAuc.Compute([0.1, 0.2], [true, true]));
    }

    [Fact]
    public void Matches_counting_every_positive_negative_pair_on_random_scores()
    {
        var random = new Random(7);
        // Scores on a coarse grid so that many ties occur.
        var scores = Enumerable.Range(0, 200).Select(_ => random.Next(10) / 10.0).ToArray();
        var positive = scores.Select(s => random.NextDouble() < 0.3 + 0.4 * s).ToArray();
        double wins = 0, pairs = 0;
        for (int i = 0; i < scores.Length; i++)
            for (int j = 0; j < scores.Length; j++)
                if (positive[i] && !positive[j])
                {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
        Assert.Equal(wins / pairs, RankAuc.Compute(scores, positive)!.Value, 12);
    }
}
