using System.Globalization;
using System.Text.Json;
using DermLens.Data;
using DermLens.Evaluation;
using DermLens.Interpretation;
using DermLens.Interpretation.Quality;
using DermLens.Reporting;

namespace DermLens.Runs;

/// <summary>What a report holds: the file written, the sections it has, and the ones left out for want of their files.</summary>
public sealed record RunReportResult(string Path, IReadOnlyList<string> Sections, IReadOnlyList<string> Missing);

/// <summary>
/// The `report` verb as a library call: one self-contained HTML page of a run, built from its folder alone:
/// configuration, LR finder, training curves and schedule, metrics, confusion matrix, most-confused pairs,
/// case-study panels and CAM quality scores, each where its file exists.
/// </summary>
public sealed class RunReport(RunFolder run)
{
    /// <summary>Where the case-study panels and index.csv are; default RUN/casestudy.</summary>
    public string? CaseStudyFolder { get; init; }

    /// <summary>Writes the page atomically to output (default RUN/report.html).</summary>
    public RunReportResult Write(string? output = null)
    {
        var config = run.LoadConfig();
        var page = new HtmlPage();
        var missing = new List<string>();
        Configuration(page);
        LrFinder(page, missing);
        Training(page, missing);
        Metrics(page, missing);
        Calibration(page);
        OperatingPoints(page);
        Subgroups(page);
        ConfusedPairsSection(page, missing);
        CaseStudies(page, missing);
        CamQuality(page, missing);
        if (missing.Count > 0) page.Paragraph("Not in this report, for want of their files: " + string.Join("; ", missing) + ".", "note");

        var path = Path.GetFullPath(output ?? run.Report);
        var title = $"DermLens report: {Path.GetFileName(run.Path)}";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{config.Arch} on {config.Data} ({config.Format}), {config.Classes.Count} classes, {config.Train.ImageSize} px inputs, " +
            $"preprocessing {config.Preprocess}. Run created {config.CreatedUtc}; report written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC from {run.Path}.");
        AtomicFile.WriteAllText(path, page.Render(title, summary));
        return new RunReportResult(path, page.SectionTitles, missing);
    }

    void Configuration(HtmlPage page)
    {
        page.Section("configuration", "Configuration");
        using var json = JsonDocument.Parse(File.ReadAllText(run.Config));
        page.Table(["setting", "value"], Flatten(json.RootElement, "").Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value]), alignNumbers: false);
        page.EndSection();
    }

    /// <summary>Nested settings as dotted keys ("train.epochs"); arrays as comma-separated values.</summary>
    static IEnumerable<KeyValuePair<string, string>> Flatten(JsonElement element, string prefix)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            yield return new(prefix, Text(element));
            yield break;
        }
        foreach (var property in element.EnumerateObject())
            foreach (var pair in Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}"))
                yield return pair;
    }

    static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    void LrFinder(HtmlPage page, List<string> missing)
    {
        if (!File.Exists(run.LrFindPlot)) { missing.Add("LR finder (run dermlens lr-find, or train with --lr auto)"); return; }
        page.Section("lr-finder", "Learning-rate finder");
        page.Figure(File.ReadAllBytes(run.LrFindPlot), "Loss against learning rate in the range test");
        page.EndSection();
    }

    void Training(HtmlPage page, List<string> missing)
    {
        var plots = new[] { (run.TrainingCurves, "Training and validation loss and accuracy per epoch"), (run.LrSchedule, "Learning rate per step") }
            .Where(p => File.Exists(p.Item1)).ToList();
        if (plots.Count == 0) { missing.Add("training curves (train the run)"); return; }
        page.Section("training", "Training");
        foreach (var (file, what) in plots) page.Figure(File.ReadAllBytes(file), what, what);
        page.EndSection();
    }

    void Metrics(HtmlPage page, List<string> missing)
    {
        if (!File.Exists(run.Metrics)) { missing.Add("metrics and confusion matrix (run dermlens evaluate)"); return; }
        var m = ClassificationMetrics.Load(run.Metrics);
        var ci = m.Intervals;
        page.Section("metrics", "Test metrics");
        if (ci != null)
            page.Paragraph($"95 % intervals: percentile bootstrap over {ci.Groups.ToString("N0", CultureInfo.InvariantCulture)} {ci.Unit} " +
                           $"({ci.Resamples.ToString("N0", CultureInfo.InvariantCulture)} resamples).", "note");
        page.Table(["metric", "value", "95 % interval"], new (string, string, string)[]
        {
            ("images", m.Count.ToString(CultureInfo.InvariantCulture), ""), ("top-1 accuracy", Percent(m.Top1Accuracy), Percent(ci?.Accuracy)),
            ($"top-{m.TopK} accuracy", Percent(m.TopKAccuracy), ""),
            ("balanced accuracy (mean recall)", Percent(m.BalancedAccuracy), Percent(ci?.BalancedAccuracy)),
            ("macro F1", Number(m.MacroF1), ""), ("macro one-vs-rest AUC", Number(m.MacroAuc), Number(ci?.MacroAuc)),
            ("expected calibration error", Number(m.ExpectedCalibrationError), ""), ("log loss", Number(m.LogLoss), ""),
        }.Select(r => (IReadOnlyList<string>)[r.Item1, r.Item2, r.Item3]));
        page.Heading("Per class");
        page.Table(["class", "support", "predicted", "precision", "recall (sensitivity)", "specificity", "F1", "AUC"],
            m.PerClass.Select((c, k) => (IReadOnlyList<string>)[c.Class, c.Support.ToString(CultureInfo.InvariantCulture),
                c.Predicted.ToString(CultureInfo.InvariantCulture), Number(c.Precision), Number(c.Recall) + Bracket(ci?.Recall, k),
                Number(c.Specificity) + Bracket(ci?.Specificity, k), Number(c.F1), Number(c.Auc) + Bracket(ci?.Auc, k)]));
        if (File.Exists(run.ConfusionMatrixPlot))
        {
            page.Heading("Confusion matrix");
            page.Figure(File.ReadAllBytes(run.ConfusionMatrixPlot), "Confusion matrix heat map: true class down, predicted class across");
        }
        page.EndSection();
    }

    /// <summary>Only for a calibrated run evaluated since calibration existed; an older one's page simply lacks it.</summary>
    void Calibration(HtmlPage page)
    {
        if (!File.Exists(run.Metrics) || ClassificationMetrics.Load(run.Metrics).Calibration is not { } c) return;
        page.Section("calibration", "Calibration");
        page.Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"Temperature scaling (Guo et al. 2017): logits divided by T = {c.Temperature:0.00}, fitted on the validation part by log loss.") +
            " Accuracy and AUC do not change; what changes is how far the probabilities can be taken at their word.", "note");
        page.Table(["on the test part", "before", "after", "change (95 % interval)"], new IReadOnlyList<string>[]
        {
            ["expected calibration error", Number(c.EceBefore), Number(c.EceAfter),
                c.EceChange is { } change ? $"{Signed(change.Value)} ({Signed(change.Low)} – {Signed(change.High)})" : ""],
            ["log loss", Number(c.LogLossBefore), Number(c.LogLossAfter), Signed(c.LogLossAfter - c.LogLossBefore)],
        });
        if (File.Exists(run.ReliabilityPlot))
            page.Figure(File.ReadAllBytes(run.ReliabilityPlot), "Reliability diagram: accuracy against confidence per bin, before and after temperature scaling");
        page.EndSection();
    }

    /// <summary>Curves and screening, where this run's evaluation wrote them.</summary>
    void OperatingPoints(HtmlPage page)
    {
        var plots = new[] { (run.RocPlot, "ROC curves, one-vs-rest per class"), (run.PrecisionRecallPlot, "Precision-recall curves, one-vs-rest per class") }
            .Where(p => File.Exists(p.Item1)).ToList();
        if (plots.Count == 0 && !File.Exists(run.Screening)) return;
        page.Section("operating-points", "Operating points");
        if (File.Exists(run.Screening))
        {
            var s = ScreeningReport.Load(run.Screening);
            page.Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Screening {string.Join(" + ", s.MalignantClasses)}: a lesion's malignant score is the summed probability of these classes " +
                $"({s.MalignantCount} of {s.Count} test images are malignant; malignant-vs-rest AUC {Number(s.Auc)}). ") +
                "The points at fixed specificity are read off the test part itself; the referral rule's threshold was chosen on validation.", "note");
            var rows = s.AtSpecificity.Select(p => (IReadOnlyList<string>)[$"specificity ≥ {p.TargetSpecificity.ToString("0.00", CultureInfo.InvariantCulture)}",
                Threshold(p.Threshold), Percent(p.Sensitivity), Percent(p.Specificity), ""]).ToList();
            if (s.Referral is { } r)
                rows.Add([$"referral rule (sensitivity {Percent(r.TargetSensitivity)} on validation)", Threshold(r.Threshold),
                    r.Sensitivity is { } se ? Percent(se) : "–", r.Specificity is { } sp ? Percent(sp) : "–", Percent(r.ReferRate)]);
            page.Table(["operating point", "threshold", "sensitivity", "specificity", "referred"], rows);
        }
        foreach (var (file, what) in plots) page.Figure(File.ReadAllBytes(file), what, what);
        page.EndSection();
    }

    static string Threshold(double t) => double.IsPositiveInfinity(t) ? "refer none" : t.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>One plot and table per grouping, from metrics.json; an evaluation before subgroups existed has none.</summary>
    void Subgroups(HtmlPage page)
    {
        if (!File.Exists(run.Metrics) || ClassificationMetrics.Load(run.Metrics).Subgroups is not { Count: > 0 } tables) return;
        page.Section("subgroups", "Subgroups");
        page.Paragraph("Balanced accuracy by group with 95 % intervals from resampling each group's lesions. Skin tone is estimated from " +
                       "each photo: the individual typology angle (ITA) of the skin around the lesion, in six bins from very light to dark. " +
                       "Groups too small to say anything are grey and left out of the gaps. A group's balanced accuracy averages only " +
                       "the diagnoses it holds, so groups with different mixes (HAM10000's follow-up lesions are all nevi) are compared " +
                       "more fairly class by class: the equal-opportunity difference is the largest gap in one class's sensitivity.", "note");
        foreach (var t in tables)
        {
            page.Heading($"By {t.Grouping}");
            var gaps = new List<string>();
            if (t.BalancedAccuracyGap is { } g)
                gaps.Add($"balanced accuracy gap {Points(g.Difference)} ({g.Highest} {Percent(g.HighestValue)} vs {g.Lowest} {Percent(g.LowestValue)})");
            if (t.LargestEqualOpportunity is { } e)
                gaps.Add($"largest equal-opportunity difference: {e.Class} sensitivity {Points(e.Gap.Difference)} ({e.Gap.Highest} vs {e.Gap.Lowest})");
            page.Paragraph(gaps.Count == 0 ? "No two groups large enough to compare." : string.Join("; ", gaps) + ".", "note");
            var plot = run.SubgroupPlot(t.Grouping);
            if (File.Exists(plot)) page.Figure(File.ReadAllBytes(plot), $"Balanced accuracy by {t.Grouping}");
            page.Table(new[] { "group", "images", "lesions", "balanced accuracy", "95 % interval" }.Concat(t.Classes.Select(c => $"sensitivity {c}")).ToArray(),
                t.Groups.Select(s => (IReadOnlyList<string>)new[]
                {
                    s.TooFew ? $"{s.Name} (too few)" : s.Name, s.Images.ToString(CultureInfo.InvariantCulture), s.Lesions.ToString(CultureInfo.InvariantCulture),
                    Percent(s.BalancedAccuracy), s.BalancedAccuracyInterval is { } i ? $"{Percent(i.Low)} – {Percent(i.High)}" : "",
                }.Concat(s.Sensitivity.Select(c => Number(c.Value))).ToArray()));
        }
        page.EndSection();
    }

    static string Points(double difference) => (100 * difference).ToString("0.0", CultureInfo.InvariantCulture) + " points";

    static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    void ConfusedPairsSection(HtmlPage page, List<string> missing)
    {
        var file = run.ConfusedPairs;
        if (!File.Exists(file)) { missing.Add("most-confused pairs (run dermlens evaluate)"); return; }
        var table = CsvTable.Read(file);
        page.Section("confused-pairs", "Most-confused pairs");
        if (table.Rows.Count == 0) page.Paragraph("No test image was misclassified.", "note");
        else page.Table(["class A", "class B", "errors", "A taken for B", "B taken for A"], table.Rows.Select(r => (IReadOnlyList<string>)r));
        page.EndSection();
    }

    void CaseStudies(HtmlPage page, List<string> missing)
    {
        var folder = CaseStudyFolder ?? run.CaseStudies;
        var index = Path.Combine(folder, CaseStudyJob.IndexName);
        if (!File.Exists(index)) { missing.Add("case studies (run dermlens casestudy)"); return; }
        var table = CsvTable.Read(index);
        int Column(string name) => table.Column(name);
        page.Section("case-studies", "Case studies of the most-confused pairs");
        page.Paragraph("Each panel: original | Grad-CAM for the predicted class | Grad-CAM for the true class | contrastive CAM " +
                       "(evidence for the predicted over the true class) | Guided Backprop | Guided Grad-CAM | " + DefaultExplanation.Title +
                       " (the default heat map, the best cheap method on the CAM-quality benchmark), the last three for the predicted class.", "note");
        if (table.Rows.Count == 0) page.Paragraph("No misclassified test image to study.", "note");
        foreach (var pair in table.Rows.GroupBy(r => (r[Column("pair")], r[Column("pair_errors")])))
        {
            page.Heading($"{pair.Key.Item1}: {pair.Key.Item2} test errors");
            foreach (var row in pair)
            {
                var caption = $"{row[Column("image")]}: true {row[Column("true")]}, predicted {row[Column("predicted")]} " +
                              $"({row[Column("predicted")]} {Rounded(row[Column("p1")])} · {row[Column("second")]} {Rounded(row[Column("p2")])}; " +
                              $"P[{row[Column("true")]}] = {Rounded(row[Column("p_true")])})";
                var named = row[Column("panel")];
                var panel = ConfinedPath.Resolve(folder, named);
                if (panel == null) page.Paragraph($"{caption}: panel '{named}' is not a file inside {folder}; not shown.", "note");
                else if (!File.Exists(panel)) page.Paragraph($"{caption}: panel {panel} is missing.", "note");
                else Panel(page, panel, caption);
            }
        }
        page.EndSection();
    }

    void CamQuality(HtmlPage page, List<string> missing)
    {
        var file = run.CamQuality;
        if (!File.Exists(file)) { missing.Add("CAM quality scores (run dermlens explain --score)"); return; }
        var table = CsvTable.Read(file);
        page.Section("cam-quality", "CAM quality");
        page.Paragraph("Localisation against lesion masks (pointing game, energy inside the mask) and faithfulness " +
                       "(deletion and insertion AUC; ROAD: mean probability with the most (MoRF, lower is better) or least " +
                       "(LeRF, higher is better) relevant 10-90 % of pixels removed and filled from their neighbours, and " +
                       "(LeRF − MoRF) / 2), per method, beside baseline maps.", "note");
        page.Table(table.Header, table.Rows.Select(r => (IReadOnlyList<string>)r));
        RelativeToGaussian(page);
        page.EndSection();
    }

    /// <summary>Each method minus the centred Gaussian, per metric, with its interval and, in words, whether it beats the Gaussian.</summary>
    void RelativeToGaussian(HtmlPage page)
    {
        var file = run.CamQualityVsGaussian;
        if (!File.Exists(file)) return;
        IReadOnlyList<GaussianDifference> differences;
        try { differences = GaussianDifference.Load(file); }
        catch (DermLensException e) { page.Paragraph(e.Message, "note"); return; }
        page.Heading("Relative to the centred Gaussian");
        page.Paragraph("Mean per-image score minus the centred Gaussian's on the same image, with its 95 % bootstrap interval " +
                       "(over lesions where the data has lesion ids); \"better\" or \"worse\" where the interval excludes zero. " +
                       "A map that is not better than the Gaussian carries no information beyond the centre of the photo.", "note");
        var metrics = CamQualityMetric.All;
        var rows = differences.GroupBy(d => d.Method).Select(g => (IReadOnlyList<string>)metrics
            .Select(m => g.FirstOrDefault(d => d.Metric == m.Column) is { } d
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Difference:+0.000;-0.000;0.000} [{d.Low:0.000}, {d.High:0.000}] {Verdict(d)}")
                : "–")
            .Prepend(g.Key).ToList());
        page.Table(metrics.Select(m => m.Label).Prepend("method").ToList(), rows);
    }

    static string Verdict(GaussianDifference d) => d.Verdict == GaussianDifference.Unclear ? "" : d.Verdict;

    static void Panel(HtmlPage page, string file, string caption)
    {
        var bytes = File.ReadAllBytes(file);
        if (IsPng(bytes)) page.Figure(bytes, caption, caption);
        else page.Paragraph($"{caption}: {file} is not a PNG image; not shown.", "note");
    }

    static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>True for a PNG that decodes: only real images are embedded.</summary>
    static bool IsPng(byte[] bytes)
    {
        if (!bytes.AsSpan().StartsWith(PngSignature)) return false;
        using var bitmap = SkiaSharp.SKBitmap.Decode(bytes);
        return bitmap != null;
    }

    /// <summary>A probability from index.csv to the three decimals the panels show; other text as it is.</summary>
    static string Rounded(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p.ToString("0.000", CultureInfo.InvariantCulture) : value;

    static string Percent(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    static string Number(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "–";

    static string Percent(MetricInterval? i) => i == null ? "" : $"{Percent(i.Low)} – {Percent(i.High)}";

    static string Number(MetricInterval? i) => i == null ? "" : $"{Number(i.Low)} – {Number(i.High)}";

    static string Bracket(IReadOnlyList<MetricInterval?>? intervals, int c) =>
        intervals != null && c < intervals.Count && intervals[c] is { } i ? $" [{Number(i.Low)}, {Number(i.High)}]" : "";
}
