namespace DermLens.Models;

/// <summary>
/// torchvision's published ImageNet checkpoints for the registry's architectures (the IMAGENET1K_V1 weights that
/// torchvision's resnet34(pretrained=True) and its kind load), and the folder they are downloaded from.
/// </summary>
public static class TorchvisionCatalogue
{
    /// <summary>torchvision's download folder.</summary>
    public const string DefaultBaseUrl = "https://download.pytorch.org/models/";

    /// <summary>The environment variable that names another download folder (a mirror) in place of <see cref="DefaultBaseUrl"/>.</summary>
    public const string BaseUrlVariable = "DERMLENS_WEIGHTS_URL";

    /// <summary>ResNet-34, top-1 73.3% on ImageNet.</summary>
    public static TorchvisionCheckpoint ResNet34 { get; } = new("resnet34", "resnet34-b627a593.pth");

    /// <summary>ResNet-50 (torchvision's V1 weights, not its later V2), top-1 76.1%.</summary>
    public static TorchvisionCheckpoint ResNet50 { get; } = new("resnet50", "resnet50-0676ba61.pth");

    /// <summary>ResNet-101, top-1 77.4%.</summary>
    public static TorchvisionCheckpoint ResNet101 { get; } = new("resnet101", "resnet101-63fe2227.pth");

    /// <summary>ResNet-152, top-1 78.3%.</summary>
    public static TorchvisionCheckpoint ResNet152 { get; } = new("resnet152", "resnet152-394f9c45.pth");

    /// <summary>
    /// DenseNet-121, top-1 74.4%. Like DenseNet-161's, the file dates from 2017: PyTorch's legacy format
    /// (<see cref="LegacyCheckpoint"/>) and the old layer names that <see cref="DenseNet.CurrentKey"/> maps.
    /// </summary>
    public static TorchvisionCheckpoint DenseNet121 { get; } = new("densenet121", "densenet121-a639ec97.pth");

    /// <summary>DenseNet-161, top-1 77.1%.</summary>
    public static TorchvisionCheckpoint DenseNet161 { get; } = new("densenet161", "densenet161-8d451a50.pth");

    /// <summary>The download folder: $DERMLENS_WEIGHTS_URL where set, else <see cref="DefaultBaseUrl"/>.</summary>
    public static Uri BaseUrl
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable(BaseUrlVariable);
            if (string.IsNullOrWhiteSpace(configured)) return new Uri(DefaultBaseUrl);
            // Without the trailing slash a relative file name would replace the folder's last segment.
            var folder = configured.EndsWith('/') ? configured : configured + "/";
            return Uri.TryCreate(folder, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                ? url
                : throw new DermLensException($"{BaseUrlVariable} is '{configured}', not an http or https URL of a folder holding torchvision's checkpoints.");
        }
    }
}
