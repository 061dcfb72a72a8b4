using System.Text;
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

    // ScottPlot's Fonts.Default is process-wide: draw one chart set at a time.
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> RegisteredFonts = new(StringComparer.Ordinal);

    /// <summary>
    /// Renders every chart and returns the paths written. With one scenario the files are <c>plots/&lt;chart&gt;.{png,svg}</c>;
    /// with several, the first scenario keeps those names and the others get <c>plots/&lt;chart&gt;_&lt;scenario&gt;.{png,svg}</c>.
    /// </summary>
    /// <exception cref="ChartFontException">No usable font (none found for zh, or glyphs missing).</exception>
    /// <exception cref="FileNotFoundException">A result file is missing.</exception>
    /// <exception cref="InvalidDataException">A result file lacks a column or holds a non-number.</exception>
    public static IReadOnlyList<string> Render(string resultsDir, ChartOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDir);
        options.Validate();
        var data = ResultSet.Load(resultsDir);
        var multi = data.Scenarios.Count > 1;

        var texts = ChartText.AllLabels(options.Language)
            .Concat(data.Regimes.Select(r => ChartText.Regime(options.Language, r)))
            .Concat(multi ? data.Scenarios : [])
            .ToList();
        var (regular, bold) = ResolveFont(options);
        var missing = FontCoverage.MissingGlyphs(regular, texts);
        if (missing.Count > 0)
        {
            throw new ChartFontException(
                $"font '{regular}' has no glyphs for: {string.Join(" ", missing.Select(Describe))}; pass --font <file> with a font that covers them")
            { MissingCharacters = missing };
        }

        var fallback = options.Language == "zh"
            ? "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif"
            : "'Liberation Sans', Arial, Helvetica, sans-serif";

        var dir = Path.Combine(resultsDir, "plots");
        Directory.CreateDirectory(dir);
        var written = new List<string>();
        lock (Gate)
        {
            var alias = Register(regular, bold);
            var previous = Fonts.Default;
            Fonts.Default = alias; // before any Plot is created; never plot.Font.Set (drops bold)
            try
            {
                var style = new ChartStyle(options, alias);
                var colors = Palette.ForRegimes(data.Regimes);
                for (var s = 0; s < data.Scenarios.Count; s++)
                {
                    var scenario = data.Scenarios[s];
                    var suffix = s == 0 ? string.Empty : "_" + Slug(scenario);
                    var view = new ScenarioView(data, scenario, colors, style, multi ? string.Format(System.Globalization.CultureInfo.InvariantCulture, style.Text(ChartText.ScenarioTitle), scenario) : null, fallback);
                    written.AddRange(view.CumulativeHarm().Save(dir, "cumulative_harm" + suffix));
                    written.AddRange(view.Tradeoff("service_value_yuan", ChartText.CumulativeServiceValue).Save(dir, "tradeoff" + suffix));
                    written.AddRange(view.Tradeoff("welfare_yuan", ChartText.CumulativeWelfare).Save(dir, "tradeoff_welfare" + suffix));
                    written.AddRange(view.Timecourses().Save(dir, "timecourses" + suffix));
                    written.AddRange(view.HarmSources().Save(dir, "harm_sources" + suffix));
                    written.AddRange(view.Remedy().Save(dir, "remedy" + suffix));
                    written.AddRange(view.Rights().Save(dir, "rights" + suffix));
                }
            }
            finally
            {
                Fonts.Default = previous;
            }
        }

        return written;
    }

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

    private static string Register(string regular, string bold)
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
