namespace DermLens.Imaging;

/// <summary>Random training augmentation: resized crop, flips, rotation and colour jitter.</summary>
/// <param name="CropScale">Range of the crop's area as a share of the image (torchvision's RandomResizedCrop scale).</param>
/// <param name="CropRatio">Range of the crop's aspect ratio (width / height) relative to the output's, so 1 keeps the output's shape.</param>
/// <param name="VerticalFlip">Skin photos have no canonical up, so vertical flips are on by default.</param>
/// <param name="MaxRotationDegrees">Rotation drawn uniformly from ±this.</param>
public sealed record AugmentationOptions(
    (double Min, double Max) CropScale,
    (double Min, double Max) CropRatio,
    bool HorizontalFlip = true,
    bool VerticalFlip = true,
    double MaxRotationDegrees = 20,
    double Brightness = 0.2,
    double Contrast = 0.2,
    double Saturation = 0.2,
    double Hue = 0.02)
{
    public static AugmentationOptions Default { get; } = new((0.35, 1.0), (3.0 / 4, 4.0 / 3));

    public static AugmentationOptions None { get; } = new((1, 1), (1, 1), false, false, 0, 0, 0, 0, 0);

    /// <summary>The whole image with random horizontal and vertical flips and nothing else: torchvision's plain fine-tuning recipe.</summary>
    public static AugmentationOptions FlipsOnly { get; } = None with { HorizontalFlip = true, VerticalFlip = true };

    /// <summary>full: crops keeping at least minCropScale of the image, flips, rotation and colour jitter (<see cref="Default"/>);
    /// flips: <see cref="FlipsOnly"/>.</summary>
    public static AugmentationOptions Named(string name, double minCropScale) => All.Get(name)(minCropScale);

    public const string Full = "full";
    public const string Flips = "flips";

    /// <summary>The named augmentations, each given the smallest crop share to keep.</summary>
    public static readonly Registry<Func<double, AugmentationOptions>> All = new("augmentation",
    [
        (Full, minCropScale => Default with { CropScale = (minCropScale, 1) }),
        (Flips, _ => FlipsOnly),
    ]);
}
