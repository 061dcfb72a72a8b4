using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Analysis;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>A named regime placed on the Pareto chart: its objective means, their 95% CI half-widths, and its distance to the front.</summary>
public sealed record NamedRegimePoint(string Regime, double X, double Y, double XHalfWidth, double YHalfWidth, double Gap);

/// <summary>
/// What the Pareto chart draws: two objectives (metric names and directions), every evaluated point (faint), the
/// front's points (with CI half-widths) and the named regimes. <see cref="GapUnit"/> is appended to the gap figures
/// (empty when the gap is in the metrics' own unit, as for two yuan objectives).
/// </summary>
public sealed record ParetoChartData(
    string XMetric,
    bool XMaximize,
    string YMetric,
    bool YMaximize,
    IReadOnlyList<(double X, double Y)> Evaluated,
    IReadOnlyList<(double X, double Y, double XHalfWidth, double YHalfWidth)> Front,
    IReadOnlyList<NamedRegimePoint> Named,
    string GapUnit = "");

/// <summary>
/// The decision-support charts in the house style (<see cref="ChartStyle"/>, <see cref="Layout"/>): the PRIM trade-off
/// and box-limits charts, the Shapley waterfall and the Pareto chart. Each takes the analysis rows and
/// <see cref="ChartOptions"/>, writes <c>name.png</c> and <c>name.svg</c> into a folder and returns both paths.
/// </summary>
public static partial class DecisionCharts
{
    private static float Pt(double points) => (float)points;

    private static string Format(string pattern, params object[] args) => string.Format(CultureInfo.InvariantCulture, pattern, args);

    private static string Share(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string PValue(double p) => !double.IsFinite(p) ? "–" : p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Number(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Signed(double v) => (v > 0 ? "+" : string.Empty) + Number(v);

    // ---------- helpers ----------

    private static Func<string, string> Texts(ChartStyle style) => key => DecisionChartText.Get(style.Language, key);

    private static void Whisker(Plot plot, double y, double at, double low, double high, Color color)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !double.IsFinite(at)) return;
        var bar = plot.Add.ErrorBar([at], [y], [0.0]);
        bar.XErrorPositive = [Math.Max(0, high - at)];
        bar.XErrorNegative = [Math.Max(0, at - low)];
        bar.YErrorPositive = [0.0];
        bar.YErrorNegative = [0.0];
        bar.Color = color;
        bar.LineWidth = Pt(0.9);
        bar.CapSize = Pt(3);
    }

    private static void CrossWhiskers(Plot plot, double x, double y, double xHalf, double yHalf, Color color, double width)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        var bar = plot.Add.ErrorBar([x], [y], [double.IsFinite(yHalf) ? yHalf : 0.0]);
        bar.XErrorPositive = [double.IsFinite(xHalf) ? xHalf : 0.0];
        bar.XErrorNegative = [double.IsFinite(xHalf) ? xHalf : 0.0];
        bar.Color = color;
        bar.LineWidth = Pt(width);
        bar.CapSize = Pt(2);
    }

    /// <summary>
    /// Resolves the font as <see cref="ChartSet.Render"/> does, builds the figure with that font as ScottPlot's default
    /// (under the chart set's lock: the default is process-wide), checks that the font has a glyph for every character
    /// drawn, and writes the PNG and SVG.
    /// </summary>
    private static IReadOnlyList<string> Draw(string directory, string name, ChartOptions options, Func<ChartStyle, Layout, Figure> build)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (regular, bold) = ChartSet.ResolveFont(options);
        var fallback = ChartSet.SvgFontFallback(options.Language);
        byte[] png;
        string svg;
        lock (ChartSet.Gate)
        {
            var alias = ChartSet.Register(regular, bold);
            var previous = Fonts.Default;
            Fonts.Default = alias;
            try
            {
                var style = new ChartStyle(options, alias);
                var figure = build(style, new Layout(style, fallback));
                svg = figure.RenderSvg();
                var missing = FontCoverage.MissingGlyphs(regular, SvgTexts(svg));
                if (missing.Count > 0)
                {
                    throw new ChartFontException($"font '{regular}' has no glyphs for: {string.Join(" ", missing)}; pass --font <file> with a font that covers them")
                    { MissingCharacters = missing };
                }
                png = figure.RenderPng();
            }
            finally
            {
                Fonts.Default = previous;
            }
        }
        Directory.CreateDirectory(directory);
        var pngPath = Path.Combine(directory, name + ".png");
        var svgPath = Path.Combine(directory, name + ".svg");
        File.WriteAllBytes(pngPath, png);
        File.WriteAllText(svgPath, svg, new UTF8Encoding(false));
        return [pngPath, svgPath];
    }

    /// <summary>The text of every &lt;text&gt; element of an SVG (what the figure draws).</summary>
    internal static IEnumerable<string> SvgTexts(string svg) =>
        SvgText().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();
}
