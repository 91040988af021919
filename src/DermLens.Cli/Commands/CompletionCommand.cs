using System.ComponentModel;
using DermLens.Cli.Completion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli.Commands;

/// <summary>`dermlens completion bash|zsh|pwsh`: prints the shell's completion script for every verb and option.</summary>
sealed class CompletionCommand : Command<CompletionCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SHELL>"), Description("bash, zsh or pwsh")] public string Shell { get; init; } = "";

        public override ValidationResult Validate() => Shells.Contains(Shell.ToLowerInvariant())
            ? ValidationResult.Success()
            : ValidationResult.Error($"Unknown shell '{Shell}'. Known: {string.Join(", ", Shells)}.");
    }

    static readonly string[] Shells = ["bash", "zsh", "pwsh"];

    public override int Execute(CommandContext context, Settings settings, CancellationToken ct)
    {
        var verbs = CompletionModel.Read();
        // Plain Console: a script must not be wrapped or marked up.
        Console.Write(settings.Shell.ToLowerInvariant() switch
        {
            "bash" => BashCompletion.Script(verbs),
            "zsh" => BashCompletion.ZshScript(verbs),
            _ => PowerShellCompletion.Script(verbs),
        });
        return 0;
    }
}
