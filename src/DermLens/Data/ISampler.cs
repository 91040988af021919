namespace DermLens.Data;

/// <summary>Chooses which sample positions an epoch visits, and in what order.</summary>
public interface ISampler
{
    int[] Order(int epoch);
}

/// <summary>Every sample once, in order (evaluation).</summary>
public sealed class SequentialSampler(int count) : ISampler
{
    public int[] Order(int epoch) => Enumerable.Range(0, count).ToArray();
}

/// <summary>Every sample once per epoch, in a seeded random order that differs by epoch.</summary>
public sealed class ShuffleSampler(int count, int seed) : ISampler
{
    public int[] Order(int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(Seeds.Derive(seed, epoch, 1)).Shuffle(order);
        return order;
    }
}
