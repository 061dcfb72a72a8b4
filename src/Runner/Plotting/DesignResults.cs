namespace InfoRisk.Runner.Plotting;

/// <summary>One row of summary.csv, with the paired difference from the baseline when the file has the diff_* columns (NaN otherwise).</summary>
public sealed record SummaryRow(string Scenario, string Regime, string Metric, double Mean, string Baseline, double DiffMean, double DiffLow, double DiffHigh);

/// <summary>
/// One row of ablation.csv: the effect of switching one lever (or <c>all</c>) of the base regime to the target's value
/// (design <c>add</c>), or of the lever in the target regime against the target with that lever at the base value
/// (design <c>remove</c>, leave one out). Files without the design column are all <c>add</c>.
/// </summary>
public sealed record AblationRow(string BaseRegime, string TargetRegime, string Lever, string Metric, double EffectMean, double EffectLow, double EffectHigh, string Design = "add")
{
    public bool Removes => Design == "remove";

    /// <summary>The regime this row's variant ran under: <c>base+lever</c> (add) or <c>target-lever</c> (remove).</summary>
    public string VariantRegime => Removes ? TargetRegime + "-" + Lever : BaseRegime + "+" + Lever;
}

/// <summary>One row of sensitivity.csv.</summary>
public sealed record SensitivityRow(string Method, string Regime, string Parameter, string Metric, string Index, double Estimate, double Low, double High);

/// <summary>One row of sensitivity_convergence.csv: a Sobol index at one base sample size.</summary>
public sealed record ConvergenceRow(string Regime, string Parameter, string Metric, string Index, int BaseSamples, double Estimate, double Low, double High);

/// <summary>One row of robustness.csv.</summary>
public sealed record RobustnessRow(string Regime, string Metric, string Direction, int Scenarios, double BestShare, double MaxRegret);

/// <summary>A whole small CSV read into rows of named fields; numbers are parsed on request with the file, line and column in any error.</summary>
internal sealed class CsvRows
{
    private CsvRows(string path, IReadOnlyList<string> headers, List<(long Line, string[] Fields)> rows)
    {
        Path = path;
        Headers = headers;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<(long Line, string[] Fields)> Rows { get; }

    /// <summary>Reads <paramref name="path"/>, or returns null when the file does not exist (optional files).</summary>
    public static CsvRows? ReadOptional(string path, params string[] required)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var csv = CsvTable.Open(path);
        foreach (var name in required)
        {
            if (csv.IndexOf(name) < 0)
            {
                throw new InvalidDataException($"{System.IO.Path.GetFileName(path)} has no column '{name}' (needed columns: {string.Join(",", required)})");
            }
        }

        var rows = new List<(long, string[])>();
        while (csv.Read())
        {
            rows.Add((csv.Line, Enumerable.Range(0, csv.Headers.Count).Select(i => csv[i]).ToArray()));
        }

        return new CsvRows(path, csv.Headers, rows);
    }

    public int IndexOf(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    public string Text((long Line, string[] Fields) row, string column)
    {
        var i = IndexOf(column);
        return i >= 0 && i < row.Fields.Length ? row.Fields[i] : string.Empty;
    }

    /// <summary>The finite number in <paramref name="column"/>; NaN for an empty field (an undefined statistic) or a missing column; NaN, infinities and text are refused.</summary>
    public double Number((long Line, string[] Fields) row, string column)
    {
        var text = Text(row, column);
        return text.Length == 0 ? double.NaN : CsvTable.Finite(text, System.IO.Path.GetFileName(Path), row.Line, column, emptyAllowed: true);
    }
}

/// <summary>Readers of the optional result files: summary.csv (diff columns), scenarios.csv, ablation.csv, sensitivity.csv, robustness.csv.</summary>
internal static class DesignResults
{
    public static List<SummaryRow> ReadSummary(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "summary.csv"), "scenario", "regime", "metric", "mean");
        if (csv is null)
        {
            return [];
        }

        var hasDiff = csv.IndexOf("diff_mean") >= 0;
        return csv.Rows.Select(r => new SummaryRow(
            csv.Text(r, "scenario"), csv.Text(r, "regime"), csv.Text(r, "metric"), csv.Number(r, "mean"),
            hasDiff ? csv.Text(r, "baseline") : string.Empty,
            hasDiff ? csv.Number(r, "diff_mean") : double.NaN,
            hasDiff ? csv.Number(r, "diff_ci95_low") : double.NaN,
            hasDiff ? csv.Number(r, "diff_ci95_high") : double.NaN)).ToList();
    }

    /// <summary>scenarios.csv: scenario → (swept column → value as written), and the swept columns in file order; null when absent.</summary>
    public static (Dictionary<string, Dictionary<string, string>> Values, List<string> Columns)? ReadScenarios(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "scenarios.csv"), "scenario");
        if (csv is null)
        {
            return null;
        }

        var columns = csv.Headers.Where(h => h.StartsWith("param_", StringComparison.Ordinal) || h.StartsWith("lever_", StringComparison.Ordinal)).ToList();
        var values = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            values[csv.Text(row, "scenario")] = columns.ToDictionary(c => c, c => csv.Text(row, c), StringComparer.Ordinal);
        }

        return (values, columns);
    }

    public static List<AblationRow> ReadAblation(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "ablation.csv"), "base_regime", "target_regime", "lever", "metric", "effect_mean", "effect_ci95_low", "effect_ci95_high");
        if (csv is null)
        {
            return [];
        }

        // the design column came later (appended): older files hold add rows only
        var hasDesign = csv.IndexOf("design") >= 0;
        return csv.Rows.Select(r => new AblationRow(
            csv.Text(r, "base_regime"), csv.Text(r, "target_regime"), csv.Text(r, "lever"), csv.Text(r, "metric"),
            csv.Number(r, "effect_mean"), csv.Number(r, "effect_ci95_low"), csv.Number(r, "effect_ci95_high"),
            hasDesign ? Design(csv, r) : "add")).ToList();
    }

    private static string Design(CsvRows csv, (long Line, string[] Fields) row)
    {
        var design = csv.Text(row, "design");
        return design is "add" or "remove"
            ? design
            : throw new InvalidDataException($"ablation.csv line {row.Line}: design '{design}' is not one of: add, remove");
    }

    public static List<SensitivityRow> ReadSensitivity(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "sensitivity.csv"), "method", "regime", "parameter", "metric", "index", "estimate", "ci95_low", "ci95_high");
        if (csv is null)
        {
            return [];
        }

        var rows = new List<SensitivityRow>();
        foreach (var r in csv.Rows)
        {
            var method = csv.Text(r, "method");
            if (method is not ("morris" or "sobol"))
            {
                throw new InvalidDataException($"sensitivity.csv line {r.Line}: method '{method}' is not one of: morris, sobol");
            }

            rows.Add(new SensitivityRow(method, csv.Text(r, "regime"), csv.Text(r, "parameter"), csv.Text(r, "metric"), csv.Text(r, "index"),
                csv.Number(r, "estimate"), csv.Number(r, "ci95_low"), csv.Number(r, "ci95_high")));
        }

        return rows;
    }

    public static List<ConvergenceRow> ReadConvergence(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "sensitivity_convergence.csv"), "regime", "parameter", "metric", "index", "base_samples", "estimate", "ci95_low", "ci95_high");
        if (csv is null)
        {
            return [];
        }

        var rows = new List<ConvergenceRow>();
        foreach (var r in csv.Rows)
        {
            var n = csv.Number(r, "base_samples");
            if (!(n >= 1 && n == Math.Floor(n)))
            {
                throw new InvalidDataException($"sensitivity_convergence.csv line {r.Line}: base_samples '{csv.Text(r, "base_samples")}' is not a whole number of at least 1");
            }

            rows.Add(new ConvergenceRow(csv.Text(r, "regime"), csv.Text(r, "parameter"), csv.Text(r, "metric"), csv.Text(r, "index"), (int)n,
                csv.Number(r, "estimate"), csv.Number(r, "ci95_low"), csv.Number(r, "ci95_high")));
        }

        return rows;
    }

    public static List<RobustnessRow> ReadRobustness(string dir)
    {
        var csv = CsvRows.ReadOptional(Path.Combine(dir, "robustness.csv"), "regime", "metric", "direction", "scenarios", "best_share", "max_regret");
        if (csv is null)
        {
            return [];
        }

        var rows = new List<RobustnessRow>();
        foreach (var r in csv.Rows)
        {
            var direction = csv.Text(r, "direction");
            if (direction is not ("lower" or "higher"))
            {
                throw new InvalidDataException($"robustness.csv line {r.Line}: direction '{direction}' is not one of: lower, higher");
            }

            var scenarios = csv.Number(r, "scenarios");
            rows.Add(new RobustnessRow(csv.Text(r, "regime"), csv.Text(r, "metric"), direction, double.IsFinite(scenarios) ? (int)scenarios : 0,
                csv.Number(r, "best_share"), csv.Number(r, "max_regret")));
        }

        return rows;
    }
}
