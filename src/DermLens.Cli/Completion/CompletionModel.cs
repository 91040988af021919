using System.Reflection;
using Spectre.Console.Cli;

namespace DermLens.Cli.Completion;

/// <summary>An option as completion sees it: its spellings, whether a value follows, and the names that value can be.</summary>
sealed record CompletedOption(IReadOnlyList<string> Spellings, bool TakesValue, IReadOnlyList<string> Values);

/// <summary>A verb as completion sees it: its options, and whether it takes positional arguments (files, folders).</summary>
sealed record CompletedVerb(string Name, IReadOnlyList<CompletedOption> Options, bool TakesArguments);

/// <summary>
/// What the shell completion scripts offer, read from the registered verbs' settings (Spectre's option attributes) and
/// the library's registries (<see cref="KnownAttribute"/>), so a new verb, option or architecture completes by itself.
/// </summary>
static class CompletionModel
{
    /// <summary>Options every verb has.</summary>
    static readonly CompletedOption Help = new(["-h", "--help"], false, []);

    /// <summary>Words after `dermlens` alone.</summary>
    public static IReadOnlyList<string> TopLevelWords(IReadOnlyList<CompletedVerb> verbs) =>
        [.. verbs.Select(v => v.Name), "--help", "--version"];

    public static IReadOnlyList<CompletedVerb> Read() =>
        OptionSuggestion.Verbs.Select(v => new CompletedVerb(v.Verb, [.. OptionsOf(v.Settings), Help], TakesArguments(v.Settings))).ToList();

    static IEnumerable<CompletedOption> OptionsOf(Type settings) =>
        settings.GetProperties()
            .Select(p => (Option: p.GetCustomAttribute<CommandOptionAttribute>(), Known: p.GetCustomAttribute<KnownAttribute>()))
            .Where(p => p.Option != null)
            .Select(p => new CompletedOption(
                [.. p.Option!.ShortNames.Select(n => "-" + n), .. p.Option.LongNames.Select(n => "--" + n)],
                p.Option.ValueName != null,
                p.Known?.Names ?? []));

    static bool TakesArguments(Type settings) =>
        settings.GetProperties().Any(p => p.GetCustomAttribute<CommandArgumentAttribute>() != null);
}
