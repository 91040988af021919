using System.Text;

namespace DermLens.Cli.Completion;

/// <summary>
/// The PowerShell argument completer: the verbs, each verb's options, and the names an option's value can be; any other
/// value completes as a path (PowerShell's default when the completer offers nothing).
/// </summary>
static class PowerShellCompletion
{
    public static string Script(IReadOnlyList<CompletedVerb> verbs)
    {
        var s = new StringBuilder();
        s.AppendLine("# dermlens completion for PowerShell: add `dermlens completion pwsh | Out-String | Invoke-Expression` to $PROFILE");
        s.AppendLine("Register-ArgumentCompleter -Native -CommandName dermlens -ScriptBlock {");
        s.AppendLine("    param($wordToComplete, $commandAst, $cursorPosition)");
        s.AppendLine($"    $top = @({List(CompletionModel.TopLevelWords(verbs))})");
        s.AppendLine("    $options = @{");
        foreach (var verb in verbs)
            s.AppendLine($"        '{verb.Name}' = @({List(verb.Options.SelectMany(o => o.Spellings.Where(n => n.StartsWith("--"))))})");
        s.AppendLine("    }");
        s.AppendLine("    $values = @{");
        foreach (var verb in verbs)
            foreach (var option in verb.Options.Where(o => o.TakesValue))
                foreach (var spelling in option.Spellings)
                    s.AppendLine($"        '{verb.Name} {spelling}' = @({List(option.Values)})");
        s.AppendLine("    }");
        // The words before the one being completed: the verb is the second, the option whose value it may be the last.
        s.AppendLine("    $before = $cursorPosition - $wordToComplete.Length");
        s.AppendLine("    $words = @($commandAst.CommandElements | Where-Object { $_.Extent.StartOffset -lt $before } | ForEach-Object { $_.ToString() })");
        s.AppendLine("    $candidates = if ($words.Count -le 1) { $top }");
        s.AppendLine("        elseif ($values.ContainsKey(\"$($words[1]) $($words[-1])\")) { $values[\"$($words[1]) $($words[-1])\"] }");
        s.AppendLine("        elseif ($options.ContainsKey($words[1])) { $options[$words[1]] }");
        s.AppendLine("    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {");
        s.AppendLine("        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)");
        s.AppendLine("    }");
        s.AppendLine("}");
        return s.ToString();
    }

    static string List(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w.Replace("'", "''")}'"));
}
