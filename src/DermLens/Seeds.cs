namespace DermLens;

/// <summary>
/// Deterministic seed derivation with SplitMix64's finaliser. HashCode.Combine changes between
/// processes, and System.Random seeded with nearby values gives correlated first draws; this does neither.
/// </summary>
public static class Seeds
{
    /// <summary>A seed for one item from a run seed and the item's coordinates (epoch, position, class...).</summary>
    public static int Derive(int seed, params int[] parts)
    {
        ulong x = (uint)seed;
        foreach (var part in parts) x = (ulong)(uint)Mix(x) << 32 | (uint)part;
        return Mix(x);
    }

    /// <summary>A fresh generator whose stream does not resemble the parent's or its siblings'.</summary>
    public static Random Split(Random parent) => new(Mix((uint)parent.Next()));

    public static int Mix(ulong value)
    {
        ulong z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
