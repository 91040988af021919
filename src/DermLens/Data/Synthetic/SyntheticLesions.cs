using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using DermLens.Imaging;
using SkiaSharp;

namespace DermLens.Data.Synthetic;

/// <summary>Draws an ImageFolder of synthetic skin lesions in the ten classes of the study, with a binary lesion mask per image.</summary>
public static class SyntheticLesions
{
    /// <summary>Sub-folder of the output that holds the masks, mirroring the class folders.</summary>
    public const string MasksFolder = "masks";

    static readonly (string Name, ILesionPainter Painter)[] Registry =
    [
        ("Crust", new CrustPainter()),
        ("Erythema", new ErythemaPainter()),
        ("Alopecia", new AlopeciaPainter()),
        ("Blister", new BlisterPainter()),
        ("Acne", new AcnePainter()),
        ("Ulcer", new UlcerPainter()),
        ("Wheal", new WhealPainter()),
        ("Leukoderma", new LeukodermaPainter()),
        ("Pigmented Macula", new PigmentedMaculaPainter()),
        ("Tumor", new TumorPainter()),
    ];

    /// <summary>Class names, which are also the folder names, in label order.</summary>
    public static IReadOnlyList<string> Classes { get; } = Registry.Select(r => r.Name).ToArray();

    /// <summary>The columns of the metadata file <see cref="Generate"/> writes: the image, the <see cref="SkinTone.Category"/>
    /// of its painted skin, and that skin's ITA.</summary>
    public static IReadOnlyList<string> MetadataColumns { get; } = [ImageFolderSource.MetadataFileColumn, "skin_tone", "painted_ita"];

    /// <summary>File-name stem of a class: lower case, spaces as hyphens ("pigmented-macula").</summary>
    public static string Slug(string className) => className.ToLowerInvariant().Replace(' ', '-');

    /// <summary>Relative path (from the output folder) of image <paramref name="index"/> of a class, and of its mask.</summary>
    public static (string Image, string Mask) RelativePaths(int classIndex, int index)
    {
        var name = Classes[classIndex];
        var file = $"{Slug(name)}_{index:D4}.png";
        return (Path.Combine(name, file), Path.Combine(MasksFolder, name, file));
    }

    /// <summary>Writes <c>PerClass</c> images and masks for every class under <paramref name="outDir"/>, in parallel, then
    /// <see cref="ImageFolderSource.MetadataFile"/> with each image's painted skin tone (<see cref="MetadataColumns"/>);
    /// the output depends only on the options. Reports the number of images written so far.</summary>
    public static void Generate(string outDir, SyntheticOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        CreateFolders(outDir);
        int total = Classes.Count * options.PerClass, written = 0;
        var paintedIta = new double[total];
        try
        {
            Parallel.For(0, total, new ParallelOptions { CancellationToken = ct }, i =>
            {
                int classIndex = i / options.PerClass, index = i % options.PerClass;
                var drawn = Draw(classIndex, options.Size, new Random(Seeds.Derive(options.Seed, classIndex, index)), options);
                var (imagePath, maskPath) = RelativePaths(classIndex, index);
                Write(Path.Combine(outDir, imagePath), path => ImageCodec.SavePng(drawn.Image, path));
                Write(Path.Combine(outDir, maskPath), path => SaveMask(drawn.Mask, options.Size, path));
                paintedIta[i] = drawn.PaintedIta;
                progress?.Report(Interlocked.Increment(ref written));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        WriteMetadata(outDir, options.PerClass, paintedIta);
    }

    /// <summary>One row per image in class then index order, so the file, like the images, depends only on the options.</summary>
    static void WriteMetadata(string outDir, int perClass, double[] paintedIta)
    {
        var csv = new StringBuilder().AppendJoin(',', MetadataColumns).Append('\n');
        for (int i = 0; i < paintedIta.Length; i++)
        {
            var file = RelativePaths(i / perClass, i % perClass).Image.Replace(Path.DirectorySeparatorChar, '/');
            // Categorised as written, so a reader binning the column itself agrees at the bounds.
            var ita = Math.Round(paintedIta[i], 2);
            csv.Append(CultureInfo.InvariantCulture, $"{CsvTable.Quote(file)},{CsvTable.Quote(SkinTone.Category(ita))},{ita:F2}\n");
        }
        Write(Path.Combine(outDir, ImageFolderSource.MetadataFile), path => AtomicFile.WriteAllText(path, csv.ToString()));
    }

    /// <summary>Draws one sample: the photo and its mask, both <paramref name="size"/> square, and the skin tone painted.</summary>
    public static DrawnLesion Draw(int classIndex, int size, Random rng, SyntheticOptions options)
    {
        if ((uint)classIndex >= (uint)Classes.Count)
            throw new ArgumentOutOfRangeException(nameof(classIndex), $"Class index {classIndex} is not in 0..{Classes.Count - 1}.");
        // Two independent streams: confounders switched on or off never change the lesion drawn.
        var confounders = Confounders.Roll(Seeds.Split(rng), options);
        rng = Seeds.Split(rng);
        using var photo = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var outline = new SKBitmap(new SKImageInfo(size, size, SKColorType.Alpha8, SKAlphaType.Premul));
        SKColor skin;
        using (var image = new SKCanvas(photo))
        using (var mask = new SKCanvas(outline))
        {
            mask.Clear(SKColors.Transparent);
            confounders.FrameView(image, mask, size);
            skin = SkinPainter.Paint(image, rng, size);
            var scene = PlaceLesion(image, mask, rng, skin, size, rng.NextDouble() < options.Overlap);
            Registry[classIndex].Painter.Paint(scene);
            confounders.Overlay(image, mask, size);
        }
        var rgb = ImageCodec.FromBitmap(photo);
        confounders.AdjustTone(rgb);
        return new DrawnLesion(rgb, Binarise(outline), (skin.Red, skin.Green, skin.Blue),
            SkinTone.ItaOfColour(skin.Red, skin.Green, skin.Blue));
    }

    /// <summary>Moves both canvases to lesion units: random centre, radius and rotation.</summary>
    static LesionScene PlaceLesion(SKCanvas image, SKCanvas mask, Random rng, SKColor skin, int size, bool overlap)
    {
        float radius = size * (0.15f + 0.13f * (float)rng.NextDouble());
        float cx = size * (0.36f + 0.28f * (float)rng.NextDouble()), cy = size * (0.36f + 0.28f * (float)rng.NextDouble());
        float degrees = 360 * (float)rng.NextDouble();
        foreach (var canvas in new[] { image, mask })
        {
            canvas.Translate(cx, cy);
            canvas.RotateDegrees(degrees);
            canvas.Scale(radius);
        }
        // The light comes from the upper left of the photo; in lesion units that direction turns against the rotation.
        double towardLight = Math.Atan2(-0.8, -0.6) - degrees * Math.PI / 180;
        var m = image.TotalMatrix;
        float unitPixels = (float)Math.Sqrt(m.ScaleX * m.ScaleX + m.SkewY * m.SkewY);
        return new LesionScene(image, mask, rng, skin, new SKPoint((float)Math.Cos(towardLight), (float)Math.Sin(towardLight)),
            unitPixels, overlap);
    }

    static byte[] Binarise(SKBitmap alpha)
    {
        int size = alpha.Width, stride = alpha.RowBytes;
        var src = alpha.GetPixelSpan();
        var mask = new byte[size * alpha.Height];
        for (int y = 0; y < alpha.Height; y++)
            for (int x = 0; x < size; x++)
                mask[y * size + x] = src[y * stride + x] >= 128 ? (byte)255 : (byte)0;
        return mask;
    }

    static void SaveMask(byte[] mask, int size, string path)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Gray8, SKAlphaType.Opaque));
        var dst = bitmap.GetPixelSpan();
        for (int y = 0; y < size; y++) mask.AsSpan(y * size, size).CopyTo(dst.Slice(y * bitmap.RowBytes, size));
        ImageCodec.SavePng(bitmap, path);
    }

    static void CreateFolders(string outDir)
    {
        try
        {
            foreach (var name in Classes)
            {
                Directory.CreateDirectory(Path.Combine(outDir, name));
                Directory.CreateDirectory(Path.Combine(outDir, MasksFolder, name));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DermLensException($"{outDir}: cannot create the synthetic data folders ({e.Message}).");
        }
    }

    static void Write(string path, Action<string> save)
    {
        try { save(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DermLensException($"{path}: cannot write synthetic data ({e.Message}).");
        }
    }
}
