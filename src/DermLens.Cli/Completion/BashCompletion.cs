using System.Text;

namespace DermLens.Cli.Completion;

/// <summary>
/// The bash completion script (zsh runs it through bashcompinit): one case per verb and option before the cursor. A value
/// with known names completes from them; any other value, and a verb's file arguments, fall back to the shell's file
/// completion (complete -o default).
/// </summary>
static class BashCompletion
{
    public static string Script(IReadOnlyList<CompletedVerb> verbs)
    {
        var s = new StringBuilder();
        s.AppendLine("# dermlens completion for bash: add `source <(dermlens completion bash)` to ~/.bashrc");
        s.AppendLine("_dermlens() {");
        s.AppendLine("    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} words=");
        s.AppendLine("    if (( COMP_CWORD == 1 )); then");
        s.AppendLine($"        words=\"{Words(CompletionModel.TopLevelWords(verbs))}\"");
        s.AppendLine("    else");
        s.AppendLine("        case \"${COMP_WORDS[1]} $prev\" in");
        foreach (var verb in verbs)
        {
            foreach (var option in verb.Options.Where(o => o.TakesValue))
            {
                var patterns = string.Join("|", option.Spellings.Select(n => Quote($"{verb.Name} {n}")));
                s.AppendLine(option.Values.Count > 0
                    ? $"            {patterns}) words=\"{Words(option.Values)}\" ;;"
                    : $"            {patterns}) return ;;");
            }
            var options = Words(verb.Options.SelectMany(o => o.Spellings.Where(n => n.StartsWith("--"))));
            s.AppendLine(verb.TakesArguments
                ? $"            {Quote(verb.Name + " ")}*) [[ $cur == -* ]] && words=\"{options}\" ;;"
                : $"            {Quote(verb.Name + " ")}*) words=\"{options}\" ;;");
        }
        s.AppendLine("        esac");
        s.AppendLine("    fi");
        s.AppendLine("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))");
        s.AppendLine("}");
        s.AppendLine("complete -o default -F _dermlens dermlens");
        return s.ToString();
    }

    /// <summary>The zsh script: zsh's bash-compatible completion running the bash one.</summary>
    public static string ZshScript(IReadOnlyList<CompletedVerb> verbs) =>
        "# dermlens completion for zsh: add `source <(dermlens completion zsh)` to ~/.zshrc\n" +
        "autoload -U +X compinit && compinit\n" +
        "autoload -U +X bashcompinit && bashcompinit\n" +
        Script(verbs);

    static string Words(IEnumerable<string> words) => string.Join(" ", words);

    // Verb and option names are letters, digits and dashes; quoting keeps the space between them literal.
    static string Quote(string pattern) => $"\"{pattern}\"";
}
