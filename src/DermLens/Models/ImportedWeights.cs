namespace DermLens.Models;

/// <summary>What <see cref="WeightsImport.LoadBackbone"/> took from a weights file.</summary>
/// <param name="File">The weights file.</param>
/// <param name="TensorsLoaded">Parameters and buffers copied into the model.</param>
/// <param name="HeadNotLoaded">Why the classification head kept its initial weights, or null if it was loaded too.</param>
public sealed record ImportedWeights(string File, int TensorsLoaded, string? HeadNotLoaded)
{
    /// <summary>One line for logs.</summary>
    public string Summary => HeadNotLoaded == null
        ? $"Loaded {TensorsLoaded} tensors from {File}, head included"
        : $"Loaded {TensorsLoaded} tensors from {File}; the head keeps its initial weights ({HeadNotLoaded})";
}
