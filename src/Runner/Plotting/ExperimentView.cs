using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// The experiment-level charts: sweeps (one per swept column), ablation, Sobol and Morris sensitivity, robustness.
/// Each returns null (and is not drawn) when its data is absent.
/// </summary>
internal sealed partial class ExperimentView
{
    private readonly ResultSet _data;
    private readonly IReadOnlyDictionary<string, Color> _colors;
    private readonly ChartStyle _style;
    private readonly Layout _layout;

    public ExperimentView(ResultSet data, IReadOnlyDictionary<string, Color> colors, ChartStyle style, string svgFontFallback)
    {
        _data = data;
        _colors = colors;
        _style = style;
        _layout = new Layout(style, svgFontFallback);
    }

    private static float Pt(double points) => (float)points;

    private static string Format(string pattern, params object[] args) => string.Format(CultureInfo.InvariantCulture, pattern, args);

    private Color ColorOf(string regime) => _colors.TryGetValue(regime, out var c) ? c : Palette.Ink;

    // ---------- helpers ----------

    /// <summary>Up to <paramref name="max"/> metrics: the headline metrics present first, then other key metrics, then any others.</summary>
    private static List<string> Preferred(IEnumerable<string> present, int max)
    {
        var set = present.Distinct(StringComparer.Ordinal).ToList();
        return KeyMetrics.Headline.Select(m => m.Name).Where(set.Contains)
            .Concat(KeyMetrics.Names.Where(set.Contains))
            .Concat(set)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>Regimes in the result set's order, then any others in order of appearance.</summary>
    private List<string> Ordered(IEnumerable<string> present)
    {
        var set = present.Distinct(StringComparer.Ordinal).ToList();
        return _data.Regimes.Where(set.Contains).Concat(set).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Points with asymmetric 95% CI whiskers: horizontal whiskers at (mean, y) when <paramref name="horizontal"/>.</summary>
    private static void Whiskers(Plot plot, IReadOnlyList<(double Y, double Mean, double Low, double High)> points, Color color, MarkerShape marker, bool horizontal, double lineWidth = 1, double capSize = 3)
    {
        foreach (var (y, mean, low, high) in points)
        {
            if (!double.IsFinite(mean))
            {
                continue;
            }

            if (double.IsFinite(low) && double.IsFinite(high))
            {
                var bar = horizontal ? plot.Add.ErrorBar([mean], [y], [0.0]) : plot.Add.ErrorBar([y], [mean], [high - mean]);
                if (horizontal)
                {
                    bar.XErrorPositive = [Math.Max(0, high - mean)];
                    bar.XErrorNegative = [Math.Max(0, mean - low)];
                    bar.YErrorPositive = [0.0];
                    bar.YErrorNegative = [0.0];
                }
                else
                {
                    bar.YErrorNegative = [Math.Max(0, mean - low)];
                }

                bar.Color = color;
                bar.LineWidth = Pt(lineWidth);
                bar.CapSize = Pt(capSize);
            }

            if (marker != MarkerShape.None)
            {
                _ = horizontal ? plot.Add.Marker(mean, y, marker, Pt(5.5), color) : plot.Add.Marker(y, mean, marker, Pt(5.5), color);
            }
        }
    }
}
