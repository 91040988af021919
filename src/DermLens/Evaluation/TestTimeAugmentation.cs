using TorchSharp;
using static TorchSharp.torch;

namespace DermLens.Evaluation;

/// <summary>
/// Test-time augmentation: the views of a batch a model scores before their class scores are averaged. Lesions have no
/// canonical orientation, so the views are symmetries of the input rectangle: "flips" (identity, horizontal, vertical,
/// both: the 4 that keep any HxW input's shape), "dihedral" (those and the 4 transposed ones: square inputs only).
/// </summary>
public sealed class TestTimeAugmentation
{
    public const string None = "none", Flips = "flips", Dihedral = "dihedral";

    /// <summary>One view: optional transpose of H and W, then optional flips of rows and of columns.</summary>
    sealed record View(bool Transpose, bool FlipRows, bool FlipColumns);

    static readonly View[] FlipViews = new[] { false, true }
        .SelectMany(rows => new[] { false, true }, (rows, columns) => new View(false, rows, columns)).ToArray();

    /// <summary>The test-time augmentations by name.</summary>
    public static readonly Registry<TestTimeAugmentation> All = new("test-time augmentation", new TestTimeAugmentation[]
    {
        new(None, [new View(false, false, false)]),
        new(Flips, FlipViews),
        new(Dihedral, [.. FlipViews, .. FlipViews.Select(v => v with { Transpose = true })]),
    }.Select(t => (t.Name, t)));

    readonly View[] _views;

    TestTimeAugmentation(string name, View[] views)
    {
        Name = name;
        _views = views;
    }

    /// <summary>Its registered name.</summary>
    public string Name { get; }

    /// <summary>How many views each image is scored in.</summary>
    public int ViewCount => _views.Length;

    /// <summary>The TTA called name; a one-line error for unknown names.</summary>
    public static TestTimeAugmentation Parse(string? name) => All.Get(name ?? None);

    /// <summary>Refuses views that change the input's shape when the model input is not square.</summary>
    public void CheckFits(int height, int width)
    {
        if (height != width && _views.Any(v => v.Transpose))
            throw new DermLensException($"--tta {Name} transposes images, which needs a square input; this model takes {height}x{width}. Use --tta {Flips}.");
    }

    /// <summary>The mean of score(view) over the views of a batch (N, C, H, W); score returns (N, classes).</summary>
    public Tensor Average(Tensor images, Func<Tensor, Tensor> score)
    {
        if (_views.Length == 1) return score(images);
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var view in _views)
        {
            using var viewed = Apply(images, view);
            var scores = score(viewed);
            sum = sum is null ? scores : sum.add(scores);
        }
        using var count = ((double)_views.Length).ToScalar();
        return sum!.div(count).MoveToOuterDisposeScope();
    }

    static Tensor Apply(Tensor images, View view)
    {
        var result = view.Transpose ? images.transpose(2, 3) : images.alias();
        var dims = new List<long>();
        if (view.FlipRows) dims.Add(2);
        if (view.FlipColumns) dims.Add(3);
        return dims.Count == 0 ? result : result.flip(dims.ToArray());
    }
}
