using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The convergence chart of Sobol indices: each index against the base sample size N (sensitivity_convergence.csv).</summary>
internal sealed partial class ExperimentView
{
    /// <summary>
    /// For the headline metric of the analysis, a panel per parameter: per regime, the total-order index ST (line with
    /// filled markers, 95% CI band) and the first-order index S1 (thin line, open markers) at N = n0, 2 n0, ... (log 2 axis), all from the first N base
    /// rows of the one design. Indices that have settled are flat with narrowing bands.
    /// </summary>
    public Figure? SobolConvergence()
    {
        var rows = _data.Convergence.Where(r => double.IsFinite(r.Estimate)).ToList();
        if (rows.Select(r => r.BaseSamples).Distinct().Count() < 2) return null;
        var metric = Preferred(rows.Select(r => r.Metric), 1)[0];
        rows = [.. rows.Where(r => r.Metric == metric)];
        var regimes = Ordered(rows.Select(r => r.Regime));
        var parameters = rows.Select(r => r.Parameter).Distinct(StringComparer.Ordinal).ToList();
        var sizes = rows.Select(r => r.BaseSamples).Distinct().Order().ToArray();
        var ticks = sizes.Select(n => Math.Log2(n)).ToArray();
        var cols = Math.Min(parameters.Count, _layout.Narrow ? 2 : 3);
        var plots = new List<Plot>();
        for (var p = 0; p < parameters.Count; p++)
        {
            var plot = _style.NewPlot();
            foreach (var regime in regimes)
            {
                var color = ColorOf(regime);
                foreach (var index in new[] { "ST", "S1" })
                {
                    var line = rows.Where(r => r.Regime == regime && r.Parameter == parameters[p] && r.Index == index).OrderBy(r => r.BaseSamples).ToList();
                    if (line.Count == 0) continue;
                    var xs = line.Select(r => Math.Log2(r.BaseSamples)).ToArray();
                    if (index == "ST" && line.All(r => double.IsFinite(r.Low) && double.IsFinite(r.High)))
                    {
                        var band = plot.Add.FillY(xs, line.Select(r => r.Low).ToArray(), line.Select(r => r.High).ToArray());
                        band.FillColor = color.WithAlpha(0.16);
                        band.LineWidth = 0;
                    }
                    // S1 thin with open markers (no dash patterns: Skia's SVG writer cannot draw them)
                    var mean = plot.Add.ScatterLine(xs, line.Select(r => r.Estimate).ToArray(), index == "ST" ? color : color.WithAlpha(0.7));
                    mean.LineWidth = index == "ST" ? ChartStyle.LinePt : Pt(0.8);
                    mean.MarkerSize = Pt(index == "ST" ? 3 : 3.5);
                    mean.MarkerShape = index == "ST" ? MarkerShape.FilledCircle : MarkerShape.OpenCircle;
                    mean.MarkerColor = color;
                }
            }
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, sizes.Select(n => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimitsX(ticks[0] - 0.3, ticks[^1] + 0.3);
            ChartStyle.PanelTitle(plot, ChartText.Parameter(_style.Language, parameters[p]));
            if (p >= parameters.Count - cols) plot.XLabel(_style.Text(ChartText.ConvergenceAxis));
            plots.Add(plot);
        }
        var legend = regimes.Select(r => ChartStyle.LineItem(_style.Regime(r), ColorOf(r))).ToList();
        legend.Add(ChartStyle.BandItem(_style.Text(ChartText.SobolSt), Palette.Grey));
        legend.Add(ChartStyle.MarkerItem(_style.Text(ChartText.SobolS1), Palette.Grey, Pt(3.5), MarkerShape.OpenCircle));
        return _layout.Grid(plots, cols, _layout.PanelHeight(cols, _layout.Narrow ? 0.95 : 0.72), legend,
            _layout.Wrap(Format(_style.Text(ChartText.TitleConvergence), ChartText.Metric(_style.Language, metric))));
    }
}
