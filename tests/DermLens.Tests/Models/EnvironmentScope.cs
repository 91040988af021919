namespace DermLens.Tests.Models;

/// <summary>Sets environment variables for one test and restores their earlier values (tests run one at a time).</summary>
sealed class EnvironmentScope : IDisposable
{
    readonly Dictionary<string, string?> earlier = new();

    public EnvironmentScope(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            earlier[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in earlier) Environment.SetEnvironmentVariable(name, value);
    }
}
