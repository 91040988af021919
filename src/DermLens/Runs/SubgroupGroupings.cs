using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Imaging;

namespace DermLens.Runs;

/// <summary>
/// The groupings evaluate breaks its metrics down by: each metadata column the samples carry (HAM10000 sex, age band,
/// localization, dx_type; an ImageFolder's metadata.csv) and the skin tone estimated from each photo (ITA of the skin
/// around the lesion, binned into the six usual categories).
/// </summary>
public static class SubgroupGroupings
{
    /// <summary>The name of the estimated skin-tone grouping.</summary>
    public const string SkinToneName = "skin tone (ITA)";

    /// <summary>A column with more values than this (an identifier, a free-text note) is not a grouping.</summary>
    public const int MaxGroups = 20;

    /// <summary>A column of numbers with more values than this is a measurement (an age, an angle), not a code such as a
    /// Fitzpatrick type; it needs binning before it can group.</summary>
    public const int MaxNumericGroups = 10;

    /// <summary>
    /// The groupings of samples, in column order with the skin tone last; log receives each column left out and why.
    /// Photos are decoded once more, by dataset, to estimate the skin tone: a photo that cannot be read is "unknown".
    /// </summary>
    public static IReadOnlyList<Grouping> Of(IReadOnlyList<Sample> samples, Dataset dataset, Action<string> log, CancellationToken ct = default)
    {
        var groupings = new List<Grouping>();
        foreach (var column in samples.SelectMany(s => s.Metadata.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var values = samples.Select(s => s.Metadata.TryGetValue(column, out var v) && v.Trim().Length > 0 ? v.Trim() : Sample.Unknown).ToArray();
            int distinct = values.Where(v => v != Sample.Unknown).Distinct(StringComparer.Ordinal).Count();
            bool numeric = values.Where(v => v != Sample.Unknown).All(v => double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _));
            if (numeric && distinct > MaxNumericGroups) log($"Subgroups: '{column}' holds {distinct} different numbers, a measurement rather than groups; left out (bin it into bands to break down by it)");
            else if (distinct > MaxGroups) log($"Subgroups: '{column}' has {distinct} values, more than the {MaxGroups} a breakdown can show; left out");
            else if (distinct < 2) log($"Subgroups: '{column}' has {(distinct == 0 ? "no values" : "one value")} in the scored images; nothing to compare");
            else groupings.Add(new Grouping(column, values, OrderOf(values)));
        }
        groupings.Add(new Grouping(SkinToneName, SkinTones(samples, dataset, ct), SkinTone.Categories));
        return groupings;
    }

    /// <summary>Age bands and skin tones in their natural order; other values by count.</summary>
    static IReadOnlyList<string>? OrderOf(IReadOnlyList<string> values)
    {
        foreach (var order in new[] { AgeBand.Bands, SkinTone.Categories })
            if (values.All(v => v == Sample.Unknown || order.Contains(v))) return order;
        return null;
    }

    static string[] SkinTones(IReadOnlyList<Sample> samples, Dataset dataset, CancellationToken ct)
    {
        var tones = new string[samples.Count];
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, samples.Count, options, i =>
        {
            try
            {
                var mask = samples[i].MaskPath is { } maskPath ? ImageCodec.Decode(maskPath) : null;
                tones[i] = SkinTone.Ita(dataset.Load(samples[i]), mask) is { } ita ? SkinTone.Category(ita) : Sample.Unknown;
            }
            catch (ImageReadException)
            {
                tones[i] = Sample.Unknown;
            }
        });
        return tones;
    }
}
