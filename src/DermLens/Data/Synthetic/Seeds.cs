namespace DermLens.Data.Synthetic;

/// <summary>Turns related integers into unrelated seeds. System.Random seeded with nearby values gives
/// correlated first draws, and HashCode.Combine changes between processes; SplitMix64's finaliser does neither.</summary>
internal static class Seeds
{
    public static int Mix(ulong value)
    {
        ulong z = value + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>The seed of one sample from (seed, class, index) alone, so parallel order never changes the output.</summary>
    public static int ForSample(int seed, int classIndex, int index) =>
        Mix((ulong)(uint)Mix((ulong)(uint)seed << 8 | (uint)classIndex) << 32 | (uint)index);

    /// <summary>A fresh generator whose stream does not resemble the parent's or its siblings'.</summary>
    public static Random Split(Random parent) => new(Mix((ulong)(uint)parent.Next()));
}
