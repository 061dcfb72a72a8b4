using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The sweep charts (sweep_&lt;column&gt;): run totals of the key metrics against each swept column.</summary>
internal sealed partial class ExperimentView
{
    /// <summary>True when the sweep is drawn as a Latin hypercube (points and binned line) rather than a grid (line per value).</summary>
    public bool IsScattered(string column)
    {
        switch (_data.SweepDesign)
        {
            case "lhs":
                return true;
            case "grid":
                return false;
        }

        // no design given (or another one): scattered when every scenario has its own value, or there are too many values for a line
        var distinct = _data.Scenarios.Select(s => ValueText(s, column)).Distinct(StringComparer.Ordinal).Count();
        return (distinct == _data.Scenarios.Count && distinct > 6) || distinct > 12;
    }

    private string ValueText(string scenario, string column) =>
        _data.ScenarioValues.TryGetValue(scenario, out var values) && values.TryGetValue(column, out var v) ? v : string.Empty;

    /// <summary>Run totals of the key metrics against one swept column, a line per regime with its 95% band.</summary>
    public Figure? Sweep(string column)
    {
        if (_data.Scenarios.Count < 2)
        {
            return null;
        }

        // x per scenario: numbers (booleans as 0/1), else categories in order of appearance
        var texts = _data.Scenarios.ToDictionary(s => s, s => ValueText(s, column), StringComparer.Ordinal);
        var numeric = texts.Values.All(t => TryNumber(t, out _));
        var categories = numeric ? [] : texts.Values.Distinct(StringComparer.Ordinal).ToList();
        var x = texts.ToDictionary(kv => kv.Key, kv => numeric ? (TryNumber(kv.Value, out var v) ? v : double.NaN) : categories.IndexOf(kv.Value), StringComparer.Ordinal);
        if (x.Values.Distinct().Count() < 2)
        {
            return null;
        }

        var scattered = numeric && IsScattered(column);
        // a grid of a few values: a tick at each swept value (automatic ticks may miss the ends of the range)
        var values = x.Values.Where(double.IsFinite).Distinct().Order().ToArray();
        var gridTicks = numeric && !scattered && values.Length <= (_layout.Narrow ? 5 : 8) ? values : [];
        var metrics = _layout.Narrow ? KeyMetrics.Narrow : KeyMetrics.All;
        var cols = _layout.Columns(metrics.Count);
        var name = ChartText.Parameter(_style.Language, column.StartsWith("param_", StringComparison.Ordinal) ? column["param_".Length..] : column["lever_".Length..]);
        var inTitle = _style.Language == "en" && name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
        var what = Format(_style.Text(column.StartsWith("param_", StringComparison.Ordinal) ? ChartText.ModelParameter : ChartText.RegimeLever), inTitle);
        var plots = new List<Plot>();
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var bounds = Bounds.ForMetric(metric);
            var plot = _style.NewPlot();
            foreach (var regime in _data.ChartRegimes)
            {
                var color = ColorOf(regime);
                var byScenario = _data.Runs.Where(r => r.Regime == regime).GroupBy(r => r.Scenario)
                    .Where(g => x.ContainsKey(g.Key) && double.IsFinite(x[g.Key]))
                    .Select(g => (X: x[g.Key], Values: g.Select(r => r[metric]).ToList()))
                    .ToList();
                if (byScenario.Count == 0)
                {
                    continue;
                }

                List<(double X, MeanCi Ci)> line;
                if (scattered)
                {
                    var means = byScenario.Select(s => (s.X, Mean: MeanCi.Of(s.Values).Mean)).Where(s => double.IsFinite(s.Mean)).OrderBy(s => s.X).ToList();
                    var points = plot.Add.ScatterPoints(means.Select(p => p.X).ToArray(), means.Select(p => p.Mean).ToArray(), color.WithAlpha(0.4));
                    points.MarkerSize = Pt(2.5);
                    line = Bins(means);
                }
                else
                {
                    line = byScenario.GroupBy(s => s.X).OrderBy(g => g.Key)
                        .Select(g => (g.Key, MeanCi.Of(g.SelectMany(s => s.Values)))).Where(p => p.Item2.N > 0).ToList();
                }

                if (line.Count == 0)
                {
                    continue;
                }

                var xs = line.Select(p => p.X).ToArray();
                if (line.Any(p => p.Ci.N > 1))
                {
                    var band = plot.Add.FillY(xs, line.Select(p => bounds.Clip(p.Ci.Low)).ToArray(), line.Select(p => bounds.Clip(p.Ci.High)).ToArray());
                    band.FillColor = color.WithAlpha(0.18);
                    band.LineWidth = 0;
                }

                var mean = plot.Add.ScatterLine(xs, line.Select(p => p.Ci.Mean).ToArray(), color);
                mean.LineWidth = ChartStyle.LinePt;
                mean.MarkerSize = scattered ? 0 : Pt(3);
                mean.MarkerShape = MarkerShape.FilledCircle;
                mean.MarkerColor = color;
            }

            ChartStyle.PanelTitle(plot, ChartText.Metric(_style.Language, metric));
            if (!numeric)
            {
                ChartStyle.CategoryAxis(plot, categories);
            }
            else if (gridTicks.Length > 0)
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(gridTicks, gridTicks.Select(ChartStyle.FormatTick).ToArray());
            }

            if (m >= metrics.Count - cols)
            {
                plot.XLabel(name);
            }

            plots.Add(plot);
        }

        var legend = _data.ChartRegimes.Select(r => ChartStyle.LineItem(_style.Regime(r), ColorOf(r))).ToList();
        if (scattered)
        {
            legend.Add(ChartStyle.MarkerItem(_style.Text(ChartText.ScenarioMeans), Palette.Grey.WithAlpha(0.6), Pt(3)));
            legend.Add(ChartStyle.BandItem(_style.Text(ChartText.BinnedMean), Palette.Grey));
        }
        else
        {
            legend.Add(ChartStyle.BandItem(_style.Text(ChartText.MeanBand), Palette.Grey));
        }

        return _layout.Grid(plots, cols, _layout.PanelHeight(cols, _layout.Narrow ? 0.95 : 0.72), legend, _layout.Wrap(Format(_style.Text(ChartText.TitleSweep), what)));
    }

    /// <summary>
    /// Equal-count bins of scenario means sorted by x: about √n bins (3 to 10); each bin's point is (mean x, mean of
    /// the scenario means) with a Student-t 95% CI across the scenarios in the bin.
    /// </summary>
    internal static List<(double X, MeanCi Ci)> Bins(IReadOnlyList<(double X, double Mean)> sorted)
    {
        var n = sorted.Count;
        if (n == 0)
        {
            return [];
        }

        var bins = Math.Clamp((int)Math.Round(Math.Sqrt(n)), Math.Min(3, n), 10);
        var result = new List<(double, MeanCi)>();
        for (var b = 0; b < bins; b++)
        {
            var from = b * n / bins;
            var to = (b + 1) * n / bins;
            if (to <= from)
            {
                continue;
            }

            var slice = sorted.Skip(from).Take(to - from).ToList();
            result.Add((slice.Average(p => p.X), MeanCi.Of(slice.Select(p => p.Mean))));
        }

        return result;
    }

    private static bool TryNumber(string text, out double value)
    {
        if (bool.TryParse(text, out var flag))
        {
            value = flag ? 1 : 0;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
