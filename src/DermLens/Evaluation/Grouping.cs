namespace DermLens.Evaluation;

/// <summary>One way to split a set into subgroups: its name ("sex"), each sample's value ("unknown" where not recorded), and optionally the values' display order (light to dark).</summary>
public sealed record Grouping(string Name, IReadOnlyList<string> Values, IReadOnlyList<string>? Order = null);
