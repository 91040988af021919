using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DermLens.Data;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;
using DermLens.Reporting;

namespace DermLens.Runs;

/// <summary>
/// The `preprocess` verb as a library call: applies a chain to an image file or every image under a folder, in
/// parallel, writing PNGs that mirror the input's folder layout and a preprocess_log.csv of notes and failures.
/// </summary>
public sealed class PreprocessJob(string input, string output, PreprocessChain chain)
{
    public const string LogName = "preprocess_log.csv";
    public const string SheetName = "contact_sheet.png";
    /// <summary>How many of the first images (in path order) the before/after contact sheet shows.</summary>
    public const int SheetImages = 8;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Receives the number of images done so far.</summary>
    public IProgress<int>? Progress { get; init; }

    public PreprocessOutcome Run(CancellationToken ct = default)
    {
        var (root, files) = ListInputs(input);
        CheckOutputKeepsInputs(root, files);
        var outputs = OutputNames(root, files);
        var results = new ConcurrentBag<PreprocessFileResult>();
        var pairs = new ConcurrentDictionary<int, (RgbImage, RgbImage)>();
        int done = 0;
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism), CancellationToken = ct }, (file, _, index) =>
        {
            var relative = outputs[(int)index];
            var log = new PreprocessLog();
            try
            {
                var source = ImageCodec.Decode(file);
                var image = chain.Apply(source, log);
                ImageCodec.SavePng(image, Path.Combine(output, relative));
                if (index < SheetImages) pairs[(int)index] = (BeforeAfterSheet.Thumbnail(source), BeforeAfterSheet.Thumbnail(image));
                results.Add(new PreprocessFileResult(relative, null, log.Notes));
            }
            catch (DermLensException e)
            {
                results.Add(new PreprocessFileResult(relative, e.Message, log.Notes));
            }
            Progress?.Report(Interlocked.Increment(ref done));
        });
        var ordered = results.OrderBy(r => r.File, StringComparer.Ordinal).ToList();
        WriteLog(Path.Combine(output, LogName), ordered);
        if (!pairs.IsEmpty)
            ImageCodec.SavePng(BeforeAfterSheet.Compose(pairs.OrderBy(p => p.Key).Select(p => p.Value).ToList()), Path.Combine(output, SheetName));
        return new PreprocessOutcome(chain.ToString(), ordered, clock.Elapsed);
    }

    /// <summary>
    /// Each input's output path relative to the output folder: its relative path as a .png, or, where two inputs would
    /// share that name (x.png and x.jpg), with the input's extension kept before .png (x.jpg.png).
    /// </summary>
    static string[] OutputNames(string root, IReadOnlyList<string> files)
    {
        var relative = files.Select(f => Path.GetRelativePath(root, f)).ToArray();
        var plain = relative.Select(r => Path.ChangeExtension(r, ".png")).ToArray();
        var shared = plain.GroupBy(p => p, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return plain.Select((p, i) => shared.Contains(p) ? relative[i] + ".png" : p).ToArray();
    }

    /// <summary>Refuses an output folder that is the input folder or inside it: the copies would overwrite or mix with the originals.</summary>
    void CheckOutputKeepsInputs(string root, IReadOnlyList<string> files)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output)) + Path.DirectorySeparatorChar;
        var source = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        bool inside = Directory.Exists(input) ? target.StartsWith(source, StringComparison.Ordinal)
            : files.Any(f => string.Equals(Path.Combine(target, Path.ChangeExtension(Path.GetFileName(f), ".png")), f, StringComparison.Ordinal));
        if (inside)
            throw new DermLensException($"{output}: the output folder is the input {(Directory.Exists(input) ? "folder or inside it" : "file's folder and would overwrite it")}; " +
                                        "the preprocessed copies would overwrite or mix with the originals. Choose another folder.");
    }

    /// <summary>The folder paths are relative to, and the image files to process.</summary>
    public static (string Root, IReadOnlyList<string> Files) ListInputs(string input)
    {
        if (File.Exists(input)) return (Path.GetDirectoryName(Path.GetFullPath(input))!, [Path.GetFullPath(input)]);
        if (!Directory.Exists(input)) throw new DermLensException($"{input}: no such file or folder.");
        var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
            .Where(ImageCodec.HasImageExtension).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new DermLensException($"{input}: no images ({string.Join(", ", ImageCodec.Extensions)}) found.");
        return (Path.GetFullPath(input), files);
    }

    static void WriteLog(string path, IReadOnlyList<PreprocessFileResult> results)
    {
        var csv = new StringBuilder("file,status,notes\n");
        foreach (var r in results)
            csv.Append(CultureInfo.InvariantCulture, $"{CsvTable.Quote(r.File)},{(r.Error == null ? "ok" : "failed")},{CsvTable.Quote(r.Error ?? string.Join("; ", r.Notes))}\n");
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}

/// <summary>What happened to one input image: its output path (relative), the error if it failed, the steps' notes.</summary>
public sealed record PreprocessFileResult(string File, string? Error, IReadOnlyList<PreprocessNote> Notes);

/// <summary>The outcome of a <see cref="PreprocessJob"/>.</summary>
public sealed record PreprocessOutcome(string Chain, IReadOnlyList<PreprocessFileResult> Files, TimeSpan Elapsed)
{
    public int Written => Files.Count(f => f.Error == null);
    public IEnumerable<PreprocessFileResult> Failed => Files.Where(f => f.Error != null);
    public double ImagesPerSecond => Files.Count / Math.Max(1e-9, Elapsed.TotalSeconds);
}
