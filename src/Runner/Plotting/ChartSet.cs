using System.Text;
using InfoRisk.Model.Metrics;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// Draws the paper charts of a result folder (runs.csv, timeseries.csv, manifest.json) into <c>&lt;resultsDir&gt;/plots/</c>,
/// each as PNG and SVG. Re-plotting needs no re-run.
/// </summary>
public static class ChartSet
{
    /// <summary>Chart file names (without extension), in the order they are written.</summary>
    public static readonly IReadOnlyList<string> ChartNames =
        ["cumulative_harm", "tradeoff", "tradeoff_welfare", "timecourses", "harm_sources", "remedy", "rights"];

    /// <summary>
    /// Charts drawn only when their data exists: <c>baseline_difference</c> (summary.csv with diff_* columns, per scenario),
    /// <c>sweep_&lt;column&gt;</c> (2+ scenarios, one per swept column), <c>ablation</c> (ablation.csv),
    /// <c>sensitivity_sobol</c> and <c>sensitivity_morris</c> (sensitivity.csv), <c>sensitivity_convergence</c>
    /// (sensitivity_convergence.csv, 2+ sample sizes), <c>robustness</c> (robustness.csv).
    /// </summary>
    public static readonly IReadOnlyList<string> OptionalChartNames =
        ["baseline_difference", "sweep_<column>", "ablation", "sensitivity_sobol", "sensitivity_morris", "sensitivity_convergence", "robustness"];

    /// <summary>The prefix of the hidden scratch folders charts are drawn into before they are moved into plots/.</summary>
    public const string ScratchPrefix = ".plots.tmp-";

    /// <summary>Scenarios beyond this count get no per-scenario chart set of their own (scenario 0 always does; the sweep charts cover them all).</summary>
    public const int MaxScenarioChartSets = 12;

    // ScottPlot's Fonts.Default is process-wide: draw one chart set at a time.
    internal static readonly Lock Gate = new();
    private static readonly HashSet<string> RegisteredFonts = new(StringComparer.Ordinal);

    /// <summary>
    /// Renders every chart and returns the paths written. With one scenario the files are <c>plots/&lt;chart&gt;.{png,svg}</c>;
    /// with several, the first scenario keeps those names and the others get <c>plots/&lt;chart&gt;_&lt;scenario&gt;.{png,svg}</c>.
    /// </summary>
    /// <exception cref="ChartFontException">No usable font (none found for zh, or glyphs missing).</exception>
    /// <exception cref="FileNotFoundException">A result file is missing.</exception>
    /// <exception cref="InvalidDataException">A result file lacks a column or holds a non-number.</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked between charts); plots/ is left as it was.</exception>
    public static IReadOnlyList<string> Render(string resultsDir, ChartOptions options, CancellationToken cancel = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDir);
        options.Validate();
        var data = ResultSet.Load(resultsDir);
        var multi = data.Scenarios.Count > 1;

        var texts = ChartText.AllLabels(options.Language)
            .Concat(data.Regimes.Select(r => ChartText.Regime(options.Language, r)))
            .Concat(multi ? data.Scenarios : [])
            .Concat(data.DataTexts)
            .ToList();
        var (regular, bold) = ResolveFont(options);
        var missing = FontCoverage.MissingGlyphs(regular, texts);
        if (missing.Count > 0)
        {
            throw new ChartFontException(
                $"font '{regular}' has no glyphs for: {string.Join(" ", missing.Select(Describe))}; pass --font <file> with a font that covers them")
            { MissingCharacters = missing };
        }

        var fallback = SvgFontFallback(options.Language);

        // draw into a scratch folder and move the files into plots/ only when every chart is done: a failure leaves
        // plots/ as it was
        var dir = Path.Combine(resultsDir, "plots");
        RemoveAbandonedScratch(resultsDir);
        var scratch = Path.Combine(resultsDir, ScratchPrefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(scratch);
        var written = new List<string>();
        lock (Gate)
        {
            var alias = Register(regular, bold);
            var previous = Fonts.Default;
            Fonts.Default = alias; // before any Plot is created; never plot.Font.Set (drops bold)
            try
            {
                var style = new ChartStyle(options, alias);
                // the per-scenario regimes take the spare colours first, ablation variants after them
                var colors = Palette.ForRegimes(data.ChartRegimes.Concat(data.Regimes));
                var sets = data.Scenarios.Count <= MaxScenarioChartSets ? data.Scenarios.Count : 1;
                for (var s = 0; s < sets; s++)
                {
                    var scenario = data.Scenarios[s];
                    var suffix = s == 0 ? string.Empty : "_" + Slug(scenario);
                    cancel.ThrowIfCancellationRequested();
                    var view = new ScenarioView(data, scenario, colors, style, multi ? string.Format(System.Globalization.CultureInfo.InvariantCulture, style.Text(ChartText.ScenarioTitle), scenario) : null, fallback);
                    written.AddRange(view.CumulativeHarm().Save(scratch, "cumulative_harm" + suffix));
                    written.AddRange(view.Tradeoff(Metric.ServiceValueYuan).Save(scratch, "tradeoff" + suffix));
                    written.AddRange(view.Tradeoff(Metric.SocialWelfareYuan).Save(scratch, "tradeoff_welfare" + suffix));
                    written.AddRange(view.Timecourses().Save(scratch, "timecourses" + suffix));
                    written.AddRange(view.HarmSources().Save(scratch, "harm_sources" + suffix));
                    written.AddRange(view.Remedy().Save(scratch, "remedy" + suffix));
                    written.AddRange(view.Rights().Save(scratch, "rights" + suffix));
                    if (view.BaselineDifference() is { } difference)
                    {
                        written.AddRange(difference.Save(scratch, "baseline_difference" + suffix));
                    }
                }

                cancel.ThrowIfCancellationRequested();
                var experiment = new ExperimentView(data, colors, style, fallback);
                foreach (var column in data.SweptColumns)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (experiment.Sweep(column) is { } sweep)
                    {
                        written.AddRange(sweep.Save(scratch, "sweep_" + Slug(column)));
                    }
                }

                var pairs = experiment.AblationPairs();
                for (var i = 0; i < pairs.Count; i++)
                {
                    if (experiment.Ablation(pairs[i].Base, pairs[i].Target) is { } ablation)
                    {
                        written.AddRange(ablation.Save(scratch, i == 0 ? "ablation" : $"ablation_{Slug(pairs[i].Base)}_{Slug(pairs[i].Target)}"));
                    }
                }

                cancel.ThrowIfCancellationRequested();
                if (experiment.Sobol() is { } sobol)
                {
                    written.AddRange(sobol.Save(scratch, "sensitivity_sobol"));
                }

                if (experiment.SobolConvergence() is { } convergence)
                {
                    written.AddRange(convergence.Save(scratch, "sensitivity_convergence"));
                }

                if (experiment.Morris() is { } morris)
                {
                    written.AddRange(morris.Save(scratch, "sensitivity_morris"));
                }

                if (experiment.Robustness() is { } robustness)
                {
                    written.AddRange(robustness.Save(scratch, "robustness"));
                }
            }
            catch
            {
                TryDelete(scratch);
                throw;
            }
            finally
            {
                Fonts.Default = previous;
            }
        }

        Directory.CreateDirectory(dir);
        var final = new List<string>(written.Count);
        foreach (var file in written)
        {
            var target = Path.Combine(dir, Path.GetFileName(file));
            File.Move(file, target, overwrite: true);
            final.Add(target);
        }

        TryDelete(scratch);
        RemoveStaleCharts(dir, final);
        return final;
    }

    /// <summary>
    /// Chart files of an earlier drawing that this one did not draw (e.g. a baseline_difference chart after summary.csv
    /// lost its diff columns) are removed, so plots/ always shows the current data; other files are left alone.
    /// </summary>
    private static void RemoveStaleCharts(string dir, IReadOnlyCollection<string> written)
    {
        var current = written.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        string[] named = [.. ChartNames, .. OptionalChartNames.Where(n => !n.Contains('<', StringComparison.Ordinal))];
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(file);
            var extension = Path.GetExtension(name);
            if (current.Contains(name) || extension is not (".png" or ".svg"))
            {
                continue;
            }

            var chart = Path.GetFileNameWithoutExtension(name);
            if (chart.StartsWith("sweep_", StringComparison.Ordinal) || named.Any(n => chart == n || chart.StartsWith(n + "_", StringComparison.Ordinal)))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The font families an SVG names after the embedded one, for viewers that lack it.</summary>
    internal static string SvgFontFallback(string language) => language == "zh"
        ? "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif"
        : "'Liberation Sans', Arial, Helvetica, sans-serif";

    /// <summary>The font files used for <paramref name="options"/>: the --font file, the shipped Liberation Sans (en) or an installed CJK font (zh).</summary>
    public static (string Regular, string Bold) ResolveFont(ChartOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.FontPath))
        {
            if (!File.Exists(options.FontPath))
            {
                throw new ChartFontException($"font file not found: '{options.FontPath}'");
            }

            return (options.FontPath, options.FontPath);
        }

        if (options.Language == "zh")
        {
            var cjk = FontCoverage.FindCjkFont() ?? throw new ChartFontException(FontCoverage.NoCjkFontMessage);
            return (cjk, cjk);
        }

        var regular = FontCoverage.ShippedFont(bold: false)
            ?? throw new ChartFontException($"shipped font missing: Fonts/{FontCoverage.ShippedRegular} next to the executable; reinstall, or pass --font <file>");
        return (regular, FontCoverage.ShippedFont(bold: true) ?? regular);
    }

    /// <summary>Scratch folders left by a drawing that was killed (their process is gone) are removed.</summary>
    private static void RemoveAbandonedScratch(string resultsDir)
    {
        foreach (var folder in Directory.EnumerateDirectories(resultsDir, ScratchPrefix + "*"))
        {
            var pid = Path.GetFileName(folder)[ScratchPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id) || !IsRunning(id))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true; // another drawing in this process (tests draw in parallel)
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static string Register(string regular, string bold)
    {
        var alias = "InfoRisk-" + Slug(Path.GetFileNameWithoutExtension(regular)) + "-" + StableHash(regular + "|" + bold);
        if (RegisteredFonts.Add(alias))
        {
            Fonts.AddFontFile(alias, regular, bold: false, italic: false);
            Fonts.AddFontFile(alias, bold, bold: true, italic: false);
        }

        return alias;
    }

    private static string StableHash(string text)
    {
        var h = 2166136261u;
        foreach (var c in text)
        {
            h = (h ^ c) * 16777619u;
        }

        return h.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' ? c : '-');
        }

        return sb.Length == 0 ? "scenario" : sb.ToString();
    }

    private static string Describe(string ch) => $"'{ch}' (U+{char.ConvertToUtf32(ch, 0):X4})";
}
