using System.Diagnostics;
using DermLens.Models;
using Spectre.Console.Cli;

namespace DermLens.Tests.Cli;

/// <summary>`dermlens completion` prints scripts that complete every verb, its options and the names an option takes.</summary>
[Trait("Category", "Slow")]
public class CompletionTests
{
    [Fact]
    public void The_bash_script_is_valid_and_completes_verbs_options_and_registry_names()
    {
        var script = CliRunner.Run("completion", "bash");
        Assert.True(script.ExitCode == 0, script.ToString());
        using var dir = new TempDir();
        File.WriteAllText(dir["dermlens.bash"], script.Output);
        Assert.Equal("", Bash("-n", dir["dermlens.bash"]));

        var verbs = Complete(dir["dermlens.bash"], "dermlens", "").Split(' ');
        var commands = typeof(DermLens.Cli.Commands.TrainCommand).Assembly.GetTypes()
            .Count(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(Command<>));
        Assert.Equal(commands, verbs.Count(v => !v.StartsWith('-')));
        Assert.Contains("train", verbs);
        Assert.Contains("completion", verbs);
        Assert.Contains("--epochs", Complete(dir["dermlens.bash"], "dermlens", "train", "--ep").Split(' '));
        Assert.Equal(ModelRegistry.Names.Where(n => n.StartsWith("dense")), Complete(dir["dermlens.bash"], "dermlens", "train", "--arch", "dense").Split(' '));
        // A value without known names (a path) is left to the shell's file completion.
        Assert.Equal("", Complete(dir["dermlens.bash"], "dermlens", "train", "--data", ""));
    }

    [Fact]
    public void Zsh_and_powershell_scripts_name_every_verb_and_an_unknown_shell_is_refused()
    {
        foreach (var shell in new[] { "zsh", "pwsh" })
        {
            var script = CliRunner.Run("completion", shell);
            Assert.True(script.ExitCode == 0, script.ToString());
            foreach (var word in new[] { "train", "demo", "completion", "--epochs", "resnet50" })
                Assert.Contains(word, script.Output);
        }
        var fish = CliRunner.Run("completion", "fish");
        Assert.Equal(1, fish.ExitCode);
        Assert.Contains("Unknown shell 'fish'", fish.Output);
    }

    // What bash offers for the last word of the command line, after sourcing the script.
    static string Complete(string script, params string[] words)
    {
        var array = string.Join(" ", words.Select(w => $"'{w}'"));
        return Bash("-c", $"source '{script}'; COMP_WORDS=({array}); COMP_CWORD={words.Length - 1}; _dermlens; echo -n \"${{COMPREPLY[*]}}\"");
    }

    static string Bash(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
