using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DermLens.Imaging;

namespace DermLens.Data;

/// <summary>CIFAR-10 binary version: cifar-10-batches-bin/ with data_batch_*.bin, test_batch.bin and batches.meta.txt;
/// each record is a label byte and a 32x32 image stored as three 1024-byte planes (R, G, B).</summary>
public sealed partial class Cifar10Source : IDataSource
{
    public const string FolderName = "cifar-10-batches-bin";
    public const string MetaFile = "batches.meta.txt";
    const int Side = 32;
    const int Plane = Side * Side;
    const int RecordSize = 1 + 3 * Plane;

    public string Format => "cifar10";

    public bool Recognises(string path) => FindFolder(path) != null;

    public Dataset Read(string path)
    {
        var folder = FindFolder(path) ?? throw new DermLensException(
            $"{path}: no CIFAR-10 batch files (data_batch_*.bin, test_batch.bin) here or in {FolderName}/.");
        var metaPath = System.IO.Path.Combine(folder, MetaFile);
        if (!File.Exists(metaPath)) throw new DermLensException($"{metaPath}: class-name file missing.");
        var classes = File.ReadAllLines(metaPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (classes.Count is 0 or > 256) throw new DermLensException($"{metaPath}: expected 1 to 256 class names, one per line, found {classes.Count}.");

        var cache = new RecordCache();
        var samples = new List<Sample>();
        foreach (var (file, part) in BatchFiles(folder))
        {
            var bytes = cache.Bytes(file);
            var name = System.IO.Path.GetFileName(file);
            for (int i = 0; i < bytes.Length / RecordSize; i++)
            {
                int label = bytes[i * RecordSize];
                if (label >= classes.Count)
                    throw new DermLensException($"{file}: record {i} has label {label} but {metaPath} names only {classes.Count} classes.");
                samples.Add(new Sample($"{name}#{i}", label, $"{file}#{i}", PresetPart: part));
            }
        }
        return new Dataset(Format, folder, classes, samples, s => cache.Load(s.Location));
    }

    /// <summary>Training batches in numeric order (data_batch_2 before data_batch_10), then the test batch.</summary>
    static IEnumerable<(string File, string Part)> BatchFiles(string folder)
    {
        var train = Directory.GetFiles(folder, "data_batch_*.bin")
            .Select(f => (File: f, Match: TrainBatchName().Match(System.IO.Path.GetFileName(f))))
            .Where(t => t.Match.Success)
            .OrderBy(t => int.Parse(t.Match.Groups[1].Value))
            .Select(t => (t.File, "train"));
        var test = System.IO.Path.Combine(folder, "test_batch.bin");
        return File.Exists(test) ? train.Append((test, "test")) : train;
    }

    static string? FindFolder(string path)
    {
        if (!Directory.Exists(path)) return null;
        foreach (var candidate in new[] { path, System.IO.Path.Combine(path, FolderName) })
            if (Directory.Exists(candidate) && (File.Exists(System.IO.Path.Combine(candidate, "test_batch.bin"))
                || Directory.EnumerateFiles(candidate, "data_batch_*.bin").Any()))
                return System.IO.Path.GetFullPath(candidate);
        return null;
    }

    [GeneratedRegex(@"^data_batch_(\d+)\.bin$", RegexOptions.IgnoreCase)]
    private static partial Regex TrainBatchName();

    /// <summary>Batch files read once and shared; loads run in parallel, so the cache is concurrent and each file is
    /// read by exactly one thread.</summary>
    sealed class RecordCache
    {
        readonly ConcurrentDictionary<string, Lazy<byte[]>> _files = new(StringComparer.Ordinal);

        public byte[] Bytes(string file) => _files.GetOrAdd(file, f => new Lazy<byte[]>(() => ReadChecked(f))).Value;

        public RgbImage Load(string location)
        {
            int hash = location.LastIndexOf('#');
            if (hash < 0 || !int.TryParse(location.AsSpan(hash + 1), out int index) || index < 0)
                throw new DermLensException($"{location}: not a CIFAR-10 record location (expected file#index).");
            var file = location[..hash];
            var bytes = Bytes(file);
            if (index >= bytes.Length / RecordSize)
                throw new DermLensException($"{file}: record {index} does not exist (the file holds {bytes.Length / RecordSize}).");
            var image = new RgbImage(Side, Side);
            var record = bytes.AsSpan(index * RecordSize + 1, 3 * Plane);
            var pixels = image.Pixels;
            for (int p = 0; p < Plane; p++)
            {
                pixels[3 * p] = record[p];
                pixels[3 * p + 1] = record[Plane + p];
                pixels[3 * p + 2] = record[2 * Plane + p];
            }
            return image;
        }

        static byte[] ReadChecked(string file)
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(file); }
            catch (IOException e) { throw new DermLensException($"{file}: cannot read ({e.Message}).", e); }
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
                throw new DermLensException($"{file}: size {bytes.Length} bytes is not a positive multiple of the "
                    + $"{RecordSize}-byte CIFAR-10 record (truncated or not a CIFAR-10 batch).");
            return bytes;
        }
    }
}
