namespace DermLens.Imaging;

/// <summary>One batch of image files: the ones that could be read, as network inputs, and why the others could not.</summary>
public sealed record ImageFileBatch(int[] Indices, RgbImage[] Images, (int Index, string Error)[] Failures);

/// <summary>Image files read a batch at a time, decoded in parallel, so no more than a batch of decoded images is held.</summary>
public static class ImageFileBatches
{
    /// <summary>
    /// Batches of the files at paths (indices into paths), each loaded by load (decode, preprocess, resize); an
    /// unreadable file or a failed preprocessing step becomes a failure with its reason.
    /// </summary>
    public static IEnumerable<ImageFileBatch> Read(IReadOnlyList<string> paths, int batchSize, Func<string, RgbImage> load)
    {
        for (int start = 0; start < paths.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, paths.Count - start);
            var images = new RgbImage?[count];
            var errors = new string?[count];
            Parallel.For(0, count, i =>
            {
                try { images[i] = load(paths[start + i]); }
                catch (ImageReadException e) { errors[i] = e.Reason; }
                catch (DermLensException e) { errors[i] = "preprocessing: " + e.Message; }
            });
            var readable = Enumerable.Range(0, count).Where(i => errors[i] == null).ToArray();
            yield return new ImageFileBatch(
                readable.Select(i => start + i).ToArray(),
                readable.Select(i => images[i]!).ToArray(),
                Enumerable.Range(0, count).Where(i => errors[i] != null).Select(i => (start + i, errors[i]!)).ToArray());
        }
    }
}
