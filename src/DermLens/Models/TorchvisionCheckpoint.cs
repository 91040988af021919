using System.Text.RegularExpressions;

namespace DermLens.Models;

/// <summary>
/// One of torchvision's published checkpoints: its file name ends in '-' and the first hex digits of the file's
/// SHA-256 (resnet50-0676ba61.pth), which is how torch.hub checks a download, and how DermLens does.
/// </summary>
/// <param name="Arch">Registry name of the architecture the checkpoint fits.</param>
/// <param name="FileName">The file's name under torchvision's download folder.</param>
public sealed record TorchvisionCheckpoint(string Arch, string FileName)
{
    static readonly Regex HashedName = new(@"-(?<hash>[0-9a-f]{8,64})\.[a-z]+$", RegexOptions.Compiled);

    /// <summary>The hex digits the file's SHA-256 starts with, from its name.</summary>
    public string HashPrefix { get; } = HashedName.Match(FileName) is { Success: true } match
        ? match.Groups["hash"].Value
        : throw new DermLensException($"'{FileName}' does not end in '-' and a SHA-256 prefix, as torchvision's checkpoint names do.");

    /// <summary>Where the file is under a download folder such as <see cref="TorchvisionCatalogue.BaseUrl"/>.</summary>
    public Uri Url(Uri baseUrl) => new(baseUrl, FileName);

    /// <summary>Where the verified download is kept under a cache folder such as <see cref="CacheFolder.Path"/>.</summary>
    public string CachePath(string cacheFolder) => Path.Combine(cacheFolder, "pretrained", FileName);

    /// <summary>The cached file, downloaded from baseUrl and verified first if it is not there yet.</summary>
    public string Fetch(Uri baseUrl, string cacheFolder, IProgress<DownloadProgress>? progress = null, CancellationToken ct = default) =>
        WeightsDownload.Fetch(Url(baseUrl), CachePath(cacheFolder), HashPrefix, progress, ct);

    /// <summary>The registry's source for these weights: fetched from <see cref="TorchvisionCatalogue.BaseUrl"/> into <see cref="CacheFolder.Path"/> on first use.</summary>
    public PretrainedSource Source => new(Arch, $"torchvision's ImageNet {Arch} ({FileName})",
        (progress, ct) => Fetch(TorchvisionCatalogue.BaseUrl, CacheFolder.Path, progress, ct));
}
