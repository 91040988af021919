namespace DermLens.Data;

/// <summary>
/// The research system's dynamic balancing: each draw picks a class uniformly, then a sample of it,
/// so rare classes are oversampled; augmentation at load time makes every repeat a fresh image.
/// </summary>
public sealed class BalancedSampler : ISampler
{
    readonly int[][] _byClass;
    readonly int _epochLength;
    readonly int _seed;

    public BalancedSampler(IReadOnlyList<int> labels, int seed, int? epochLength = null)
    {
        _byClass = labels.Select((label, position) => (label, position))
            .GroupBy(x => x.label).OrderBy(g => g.Key)
            .Select(g => g.Select(x => x.position).ToArray()).ToArray();
        _epochLength = epochLength ?? labels.Count;
        _seed = seed;
    }

    public int[] Order(int epoch)
    {
        var rng = new Random(Seeds.Derive(_seed, epoch, 2));
        var order = new int[_epochLength];
        for (int i = 0; i < order.Length; i++)
        {
            var members = _byClass[rng.Next(_byClass.Length)];
            order[i] = members[rng.Next(members.Length)];
        }
        return order;
    }
}
