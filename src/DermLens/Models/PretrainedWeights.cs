using static TorchSharp.torch.nn;

namespace DermLens.Models;

/// <summary>Fills a model with its architecture's pretrained ImageNet backbone; the head keeps its fresh initialisation.</summary>
public static class PretrainedWeights
{
    /// <summary>
    /// Loads arch's pretrained backbone into model, a network built by arch.Create, downloading it first where the
    /// cache lacks it (reporting to download). Resolve the name first with <see cref="ModelRegistry.GetPretrained"/>,
    /// which picks the architecture the weights fit.
    /// </summary>
    public static ImportedWeights Apply(ArchitectureInfo arch, Module model, IProgress<DownloadProgress>? download = null, CancellationToken ct = default)
    {
        var source = arch.Pretrained
            ?? throw new DermLensException($"No pretrained weights are known for {arch.Name}; give a torchvision checkpoint with --weights instead.");
        if (!string.Equals(source.Arch, arch.Name, StringComparison.Ordinal))
            throw new DermLensException($"The pretrained weights for {arch.Name} fit {source.Arch}; build a {source.Arch} for them.");
        return WeightsImport.LoadBackbone(model, arch, source.BackboneFile(download, ct));
    }
}
