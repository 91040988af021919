using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace DermLens.Cli;

/// <summary>"Did you mean": the known option of the verb being run that is closest to a misspelt one.</summary>
static partial class OptionSuggestion
{
    static readonly Dictionary<string, Type> SettingsOfVerb = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every registered verb and its settings type, in registration order (for shell completion).</summary>
    public static IReadOnlyList<(string Verb, Type Settings)> Verbs => VerbOrder.Select(v => (v, SettingsOfVerb[v])).ToList();
    static readonly List<string> VerbOrder = [];

    /// <summary>The verb on the command line (its first word), whose options suggestions come from.</summary>
    public static string? Verb { get; set; }

    /// <summary>Registers a verb and its command, and records the command's settings type for suggestions.</summary>
    public static void Add<TCommand>(IConfigurator config, string name, string description) where TCommand : class, ICommand
    {
        config.AddCommand<TCommand>(name).WithDescription(description);
        for (var type = typeof(TCommand); type != null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Command<>))
                SettingsOfVerb[name] = type.GetGenericArguments()[0];
        if (SettingsOfVerb.ContainsKey(name)) VerbOrder.Add(name);
    }

    /// <summary>Spectre's "Unknown option 'x'." with the closest option of the verb added, when one is close.</summary>
    public static string Explain(string message)
    {
        var match = UnknownOption().Match(message);
        if (!match.Success || Verb == null || !SettingsOfVerb.TryGetValue(Verb, out var settings)) return message;
        var unknown = match.Groups[1].Value;
        var closest = KnownOptions(settings).Select(o => (Option: o, Distance: Distance(o, unknown)))
            .OrderBy(x => x.Distance).FirstOrDefault();
        return closest.Option != null && closest.Distance <= Math.Max(2, unknown.Length / 3)
            ? $"{message.TrimEnd('.')}. Did you mean '--{closest.Option}'?"
            : message;
    }

    // Long names from the options' templates ("-o|--out <DIR>" gives "out").
    static IEnumerable<string> KnownOptions(Type settings) =>
        settings.GetProperties()
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .OfType<CommandOptionAttribute>()
            .SelectMany(a => a.LongNames);

    static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int previous = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }

    [GeneratedRegex(@"^Unknown option '([^']+)'\.?$")]
    private static partial Regex UnknownOption();
}
