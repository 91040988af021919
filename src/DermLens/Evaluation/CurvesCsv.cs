using System.Globalization;
using DermLens.Data;

namespace DermLens.Evaluation;

/// <summary>
/// A run's roc.csv (curve,threshold,fpr,tpr) and pr.csv (curve,threshold,recall,precision): every point of every defined
/// curve, named by class or "malignant", numbers written to round-trip exactly and the first threshold as "Infinity".
/// </summary>
public static class CurvesCsv
{
    /// <summary>Writes the ROC points of the curves that have one.</summary>
    public static void SaveRoc(IReadOnlyList<OneVsRestCurves> curves, string path) =>
        Save(path, "curve,threshold,fpr,tpr", curves.Where(c => c.Roc != null)
            .SelectMany(c => c.Roc!.Points.Select(p => Row(c.Name, p.Threshold, p.FalsePositiveRate, p.TruePositiveRate))));

    /// <summary>Writes the precision-recall points of the curves that have one.</summary>
    public static void SavePrecisionRecall(IReadOnlyList<OneVsRestCurves> curves, string path) =>
        Save(path, "curve,threshold,recall,precision", curves.Where(c => c.PrecisionRecall != null)
            .SelectMany(c => c.PrecisionRecall!.Points.Select(p => Row(c.Name, p.Threshold, p.Recall, p.Precision))));

    static void Save(string path, string header, IEnumerable<string> rows) =>
        AtomicFile.WriteAllText(path, string.Join('\n', rows.Prepend(header)) + "\n");

    static string Row(string curve, params double[] values) =>
        CsvTable.Quote(curve) + "," + string.Join(',', values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
