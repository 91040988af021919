using System.Collections.ObjectModel;

namespace DermLens.Data;

/// <summary>One labelled image of a data set.</summary>
/// <param name="Id">Unique within the data set (file path relative to the root, image_id, or "file#index").</param>
/// <param name="Label">Index into <see cref="Dataset.Classes"/>.</param>
/// <param name="Location">Where the pixels are: a file path, or "file#index" for records in a binary file.</param>
/// <param name="Group">Samples sharing a group (e.g. HAM10000 lesion_id) never straddle a split.</param>
/// <param name="MaskPath">Binary lesion mask, where the source has one.</param>
/// <param name="PresetPart">"train" or "test" when the source comes pre-split.</param>
public sealed record Sample(string Id, int Label, string Location, string? Group = null, string? MaskPath = null, string? PresetPart = null)
{
    /// <summary>The metadata of a sample whose source has none; one shared instance, so plain samples stay equal.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoMetadata = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The value a source records for a metadata field it leaves empty.</summary>
    public const string Unknown = "unknown";

    /// <summary>Metadata columns of the source (e.g. HAM10000 sex, age band, localization, dx_type), by column name.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = NoMetadata;
}
