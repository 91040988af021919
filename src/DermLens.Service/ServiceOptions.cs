namespace DermLens.Service;

/// <summary>How `dermlens serve` runs: the run it serves, where it listens, and its limits.</summary>
public sealed record ServiceOptions
{
    public required string Run { get; init; }
    /// <summary>Where Kestrel listens; loopback unless told otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";
}
