using System.Collections.Concurrent;
using DermLens.Imaging;
using DermLens.Imaging.Preprocessing;

namespace DermLens.Data;

/// <summary>
/// Decodes each image once and keeps a copy downscaled to just cover a working size, so epochs after the
/// first skip JPEG decoding and preprocessing. Stops caching beyond a byte budget; unreadable files are remembered.
/// </summary>
public sealed class ImageCache(Dataset dataset, InputSize workingSize, long byteBudget = 2L << 30, PreprocessChain? preprocess = null)
{
    readonly ConcurrentDictionary<string, RgbImage> _images = new();
    readonly ConcurrentDictionary<string, string> _unreadable = new();
    long _bytes;

    /// <summary>Files that could not be read: location to reason.</summary>
    public IReadOnlyDictionary<string, string> Unreadable => _unreadable;

    /// <summary>What the preprocessing steps noted (fallbacks, skips) about the images processed so far.</summary>
    public PreprocessNoteTally PreprocessNotes { get; } = new();

    /// <summary>The sample's image at working size, or null (and recorded) when it cannot be read.</summary>
    public RgbImage? Get(Sample sample)
    {
        if (_images.TryGetValue(sample.Id, out var cached)) return cached;
        if (_unreadable.ContainsKey(sample.Location)) return null;
        RgbImage image;
        try
        {
            image = dataset.Load(sample);
            if (preprocess is { IsEmpty: false })
            {
                var log = new PreprocessLog();
                image = preprocess.Apply(image, log);
                PreprocessNotes.Add(sample.Location, log.Notes);
            }
        }
        catch (ImageReadException e)
        {
            _unreadable.TryAdd(sample.Location, e.Reason);
            return null;
        }
        catch (DermLensException e) when (preprocess is { IsEmpty: false })
        {
            _unreadable.TryAdd(sample.Location, "preprocessing: " + e.Message);
            return null;
        }
        // Shrunk only as far as still covering the working size on both sides, so any crop of the input's shape keeps detail.
        if (image.Width > workingSize.Width && image.Height > workingSize.Height)
            image = Resizer.ResizeToCover(image, workingSize);
        if (Interlocked.Add(ref _bytes, image.Pixels.Length) <= byteBudget) _images.TryAdd(sample.Id, image);
        return image;
    }
}
