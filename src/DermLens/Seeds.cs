namespace DermLens;

/// <summary>
/// Deterministic seed derivation (SplitMix64). HashCode.Combine is randomised per process,
/// so it must never feed a Random that has to be reproducible across runs.
/// </summary>
public static class Seeds
{
    public static int Derive(int seed, params int[] parts)
    {
        ulong x = (ulong)(uint)seed;
        foreach (var part in parts) x = Mix(x ^ (ulong)(uint)part * 0x9E3779B97F4A7C15UL);
        return (int)(Mix(x) & 0x7FFFFFFF);
    }

    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
