namespace DermLens.Data;

/// <summary>Shortens a long list of offending names for a one-line error: "a, b, c, d, e and 7 more".</summary>
public static class NameList
{
    public static string Summarise(IReadOnlyCollection<string> names, int shown = 5)
    {
        var head = string.Join(", ", names.Take(shown));
        return names.Count > shown ? $"{head} and {names.Count - shown} more" : head;
    }
}
