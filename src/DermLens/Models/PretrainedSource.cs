namespace DermLens.Models;

/// <summary>Where an architecture's ImageNet weights come from: the registered architecture they fit and a file holding its backbone's state dict.</summary>
/// <param name="Arch">
/// Registry name of the architecture the weights fit. It may differ from the name that points here: the only
/// offline ResNet-18 weights have three blocks in layer4, so "resnet18" points to "resnet18-mlnet".
/// </param>
/// <param name="Description">One line for logs: what the weights are and where they came from.</param>
/// <param name="BackboneFile">
/// Returns a PyTorch state-dict file of the backbone, preparing it on first use (converting or downloading it into
/// <see cref="CacheFolder"/>); a download reports its progress to the given IProgress, which may be null.
/// </param>
public sealed record PretrainedSource(
    string Arch,
    string Description,
    Func<IProgress<DownloadProgress>?, CancellationToken, string> BackboneFile);
