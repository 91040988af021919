using DermLens;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DermLens.Cli;

/// <summary>Turns exceptions into one-line messages and exit codes; only real bugs show a stack trace.</summary>
static class ErrorReporter
{
    public static int Report(Exception exception)
    {
        var inner = Unwrap(exception);
        switch (inner)
        {
            case CommandAppException:
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {OptionSuggestion.Explain(inner.Message)}");
                return 1;
            case DermLensException:
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {inner.Message}");
                return 1;
            case OperationCanceledException:
                AnsiConsole.MarkupLine("[yellow]interrupted[/]");
                return 130;
            default:
                AnsiConsole.WriteException(inner, ExceptionFormats.ShortenEverything);
                return 2;
        }
    }

    static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 } a) e = a.InnerExceptions[0];
            else if (e is TypeInitializationException or System.Reflection.TargetInvocationException && e.InnerException != null) e = e.InnerException;
            else return e;
        }
    }
}
