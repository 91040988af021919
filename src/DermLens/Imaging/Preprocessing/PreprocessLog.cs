namespace DermLens.Imaging.Preprocessing;

/// <summary>Notes steps leave about what they did instead of their usual work (fallbacks, skips, downscales).</summary>
public sealed class PreprocessLog
{
    readonly List<PreprocessNote> notes = [];

    public IReadOnlyList<PreprocessNote> Notes => notes;

    public void Note(string step, string message) => notes.Add(new PreprocessNote(step, message));

    public override string ToString() => string.Join("; ", notes);
}

/// <summary>One note of a <see cref="PreprocessLog"/>: which step, and what happened.</summary>
public sealed record PreprocessNote(string Step, string Message)
{
    public override string ToString() => $"{Step}: {Message}";
}
