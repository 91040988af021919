using System.Globalization;

namespace DermLens.Imaging.Preprocessing;

/// <summary>One parsed chain token, <c>name[=value][:key=value...]</c>, with checked access to its parameters.</summary>
public sealed class StepSpec
{
    public string Name { get; }
    public string? Value { get; }
    public IReadOnlyDictionary<string, string> Options { get; }
    public string Text { get; }

    StepSpec(string text, string name, string? value, Dictionary<string, string> options)
    {
        Text = text; Name = name; Value = value; Options = options;
    }

    public static StepSpec Parse(string token)
    {
        var text = token.Trim();
        var parts = text.Split(':');
        var head = parts[0].Split('=', 2);
        var name = head[0].Trim().ToLowerInvariant();
        if (name.Length == 0) throw new DermLensException($"Preprocessing step '{text}' has no name.");
        string? value = head.Length > 1 ? head[1].Trim().ToLowerInvariant() : null;
        if (value is { Length: 0 }) throw new DermLensException($"Preprocessing step '{text}' has an empty value after '='.");
        var options = new Dictionary<string, string>();
        foreach (var part in parts.Skip(1))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2 || kv[0].Trim().Length == 0 || kv[1].Trim().Length == 0)
                throw new DermLensException($"Preprocessing step '{text}': option '{part}' should read key=value.");
            if (!options.TryAdd(kv[0].Trim().ToLowerInvariant(), kv[1].Trim()))
                throw new DermLensException($"Preprocessing step '{text}': option '{kv[0].Trim()}' is given twice.");
        }
        return new StepSpec(text, name, value, options);
    }

    /// <summary>Throws when the token carries a value or options the step does not take.</summary>
    public void Allow(bool value, params string[] options)
    {
        if (!value && Value != null)
            throw new DermLensException($"Preprocessing step '{Text}': '{Name}' takes no value (write '{Name}').");
        var unknown = Options.Keys.Where(k => !options.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new DermLensException($"Preprocessing step '{Text}': unknown option '{unknown[0]}'; "
                + (options.Length == 0 ? $"'{Name}' takes none." : $"known: {string.Join(", ", options)}."));
    }

    public double Number(string key, double fallback, double min, double max) =>
        Options.TryGetValue(key, out var text) ? ParseNumber(text, key, min, max) : fallback;

    public double ParseNumber(string text, string what, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            throw new DermLensException($"Preprocessing step '{Text}': {what} '{text}' is not a number.");
        if (number < min || number > max)
            throw new DermLensException($"Preprocessing step '{Text}': {what} {text} is outside [{Format(min)}, {Format(max)}].");
        return number;
    }

    /// <summary>Shortest invariant text of a number, so canonical names round-trip.</summary>
    public static string Format(double number) => number.ToString("0.######", CultureInfo.InvariantCulture);
}
