using System.Globalization;
using DermLens.Evaluation;
using Spectre.Console;

using static DermLens.Cli.Views.Cells;

namespace DermLens.Cli.Views;

/// <summary>Prints how the malignant classes screen: sensitivity at the usual specificities, and the run's referral rule on the test part.</summary>
static class ScreeningView
{
    public static void Print(ScreeningReport s)
    {
        var name = string.Join(" + ", s.MalignantClasses);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Screening {name} ({s.MalignantCount} malignant of {s.Count}; AUC {Number(s.Auc)})".EscapeMarkup())
            .AddColumns("operating point", "threshold on P(malignant)", "sensitivity", "specificity", "refers");
        foreach (var p in s.AtSpecificity)
            table.AddRow($"specificity ≥ {p.TargetSpecificity.ToString("0.00", CultureInfo.InvariantCulture)} (chosen on test)", Threshold(p.Threshold), Percent(p.Sensitivity), Percent(p.Specificity), "");
        if (s.Referral is { } r)
            table.AddRow($"[bold]referral rule[/] (sensitivity {Percent(r.TargetSensitivity)} on validation)", Threshold(r.Threshold), Percent(r.Sensitivity), Percent(r.Specificity), Percent(r.ReferRate));
        AnsiConsole.Write(table);
    }

    static string Threshold(double t) => double.IsPositiveInfinity(t) ? "refer none" : t.ToString("0.0000", CultureInfo.InvariantCulture);
}
