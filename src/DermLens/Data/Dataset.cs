using DermLens.Imaging;

namespace DermLens.Data;

/// <summary>A labelled image collection: class names, samples, and how to load a sample's pixels.</summary>
public sealed class Dataset(string format, string root, IReadOnlyList<string> classes, IReadOnlyList<Sample> samples,
    Func<Sample, RgbImage>? loader = null)
{
    public string Format { get; } = format;
    public string Root { get; } = root;
    public IReadOnlyList<string> Classes { get; } = classes;
    public IReadOnlyList<Sample> Samples { get; } = samples;
    readonly Func<Sample, RgbImage> _loader = loader ?? (s => ImageCodec.Decode(s.Location));

    /// <summary>Decodes a sample; throws <see cref="ImageReadException"/> naming the file when it cannot.</summary>
    public RgbImage Load(Sample sample) => _loader(sample);

    public Dataset WithSamples(IReadOnlyList<Sample> samples) => new(Format, Root, Classes, samples, _loader);

    public int[] CountPerClass()
    {
        var counts = new int[Classes.Count];
        foreach (var s in Samples) counts[s.Label]++;
        return counts;
    }
}
