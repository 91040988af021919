namespace DermLens.Data;

/// <summary>A layout of labelled images on disk (ImageFolder, HAM10000, ISIC, CIFAR-10...).</summary>
public interface IDataSource
{
    /// <summary>The name used by <c>--format</c>.</summary>
    string Format { get; }

    /// <summary>True when <paramref name="path"/> looks like this layout (used for auto-detection).</summary>
    bool Recognises(string path);

    /// <summary>Reads the listing; throws <see cref="DermLensException"/> with a clear message on bad input.</summary>
    Dataset Read(string path);
}
