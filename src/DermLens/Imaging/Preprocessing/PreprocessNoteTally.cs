using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace DermLens.Imaging.Preprocessing;

/// <summary>
/// Collects the notes of many images (thread-safe, one entry per file) and summarises them for a run's log:
/// notes that differ only in their numbers count as one kind, shown with how many images had it and a few examples.
/// </summary>
public sealed partial class PreprocessNoteTally
{
    readonly ConcurrentDictionary<string, IReadOnlyList<PreprocessNote>> _byFile = new();

    /// <summary>Files with at least one note.</summary>
    public int Files => _byFile.Count;

    /// <summary>Records the notes of one file; a file seen again (the cache re-processed it) keeps its first notes.</summary>
    public void Add(string file, IReadOnlyList<PreprocessNote> notes)
    {
        if (notes.Count > 0) _byFile.TryAdd(file, notes.ToList());
    }

    /// <summary>
    /// The lines a run's log gets: "Preprocessing left notes on N {images}:" and the <see cref="Summary"/>; none without notes.
    /// </summary>
    public IReadOnlyList<string> LogLines(string images) =>
        Files == 0 ? [] : [$"Preprocessing left notes on {Files} {images}:", .. Summary()];

    /// <summary>One line per kind of note, most frequent first: "roi: ... (12 images; e.g. a.jpg: ..., b.jpg: ...)".</summary>
    public IReadOnlyList<string> Summary(int examples = 3) => _byFile
        .SelectMany(f => f.Value.Select(n => (File: f.Key, Note: n)))
        .GroupBy(x => $"{x.Note.Step}: {Numbers().Replace(x.Note.Message, "#")}")
        .Select(g => (Kind: g.Key, Items: g.OrderBy(x => x.File, StringComparer.Ordinal).ToList()))
        .OrderByDescending(g => g.Items.Select(x => x.File).Distinct().Count()).ThenBy(g => g.Kind, StringComparer.Ordinal)
        .Select(g =>
        {
            int images = g.Items.Select(x => x.File).Distinct().Count();
            // Notes without numbers read the same for every file: the file names are the examples.
            var shown = g.Items.Take(examples).Select(x => Numbers().IsMatch(x.Note.Message)
                ? $"{Path.GetFileName(x.File)}: {x.Note.Message}" : Path.GetFileName(x.File));
            return $"Preprocessing note, {g.Kind} ({images} image{(images == 1 ? "" : "s")}; e.g. {string.Join(" | ", shown)})";
        })
        .ToList();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Numbers();
}
