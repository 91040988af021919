namespace DermLens;

/// <summary>What help and shell completion read of any registry, whatever it holds: its names.</summary>
public interface IRegistry
{
    /// <summary>The registered names, in registry order.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Every entry as help writes it.</summary>
    string Known { get; }
}

/// <summary>
/// Things an option names (architectures, schedules, preprocessing steps, ...): the one shape of every name → thing
/// lookup. Names match ignoring case; <see cref="Canonical"/> gives the registered spelling, so a name that is stored or
/// compared later is always that one. An unknown name is a one-line error listing the known ones.
/// </summary>
public sealed class Registry<T> : IRegistry
{
    readonly (string Name, T Item)[] _entries;
    readonly Func<T, string>? _usage;

    /// <param name="what">What the entries are, as the error names them: "architecture", "schedule".</param>
    /// <param name="entries">In the order help lists them.</param>
    /// <param name="usage">How help and errors write an entry when more than its name is worth saying ("roi[:margin=F]").</param>
    public Registry(string what, IEnumerable<(string Name, T Item)> entries, Func<T, string>? usage = null)
    {
        What = what;
        _entries = entries.ToArray();
        _usage = usage;
        var twice = _entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice != null) throw new ArgumentException($"The {what} '{twice.Key}' is registered twice.");
        Names = _entries.Select(e => e.Name).ToArray();
    }

    /// <summary>What the entries are ("architecture").</summary>
    public string What { get; }

    /// <summary>The registered names, in registry order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The registered things, in registry order.</summary>
    public IEnumerable<T> Items => _entries.Select(e => e.Item);

    /// <summary>Every entry as help writes it: its usage where it has one, else its name.</summary>
    public string Known => string.Join(", ", _entries.Select(e => _usage?.Invoke(e.Item) ?? e.Name));

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The thing called name (any case); a one-line error listing the known names when there is none.</summary>
    public T Get(string name) => _entries[Require(name)].Item;

    /// <summary>The registered spelling of name, or name itself when it is not registered (for <see cref="Get"/> to refuse later).</summary>
    public string Canonical(string name) => IndexOf(name) is var i and >= 0 ? _entries[i].Name : name;

    /// <summary>Fails as <see cref="Get"/> does unless name is registered; returns the registered spelling.</summary>
    public string Check(string name) => _entries[Require(name)].Name;

    int Require(string name) => IndexOf(name) is var i and >= 0 ? i
        : throw new DermLensException($"Unknown {What} '{name}'. Known: {Known}.");

    // A name read from JSON may be null; it is then simply not registered.
    int IndexOf(string? name) => Array.FindIndex(_entries, e => string.Equals(e.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
