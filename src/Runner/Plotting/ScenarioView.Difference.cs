using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The paired difference of each regime from the baseline (summary.csv diff_* columns).</summary>
internal sealed partial class ScenarioView
{
    // ---------- 7. paired difference from the baseline (summary.csv diff_* columns) ----------
    public Figure? BaselineDifference()
    {
        var rows = _data.Summary.Where(r => r.Scenario == _scenario && double.IsFinite(r.DiffMean)).ToList();
        var baseline = rows.Select(r => r.Baseline).FirstOrDefault(b => !string.IsNullOrEmpty(b));
        if (baseline is null)
        {
            return null;
        }

        var others = _regimes.Where(r => r != baseline && rows.Any(x => x.Regime == r)).ToList();
        // at one-column width the six outcomes of the narrow sweep chart (all thirteen would make a figure 13 in tall)
        var metrics = (_layout.Narrow ? KeyMetrics.Narrow : KeyMetrics.All).Where(m => rows.Any(r => r.Metric == m.Name)).ToList();
        if (others.Count == 0 || metrics.Count == 0)
        {
            return null;
        }

        var plots = new List<Plot>();
        foreach (var metric in metrics)
        {
            var plot = _style.NewPlot();
            for (var g = 0; g < others.Count; g++)
            {
                var row = rows.FirstOrDefault(r => r.Regime == others[g] && r.Metric == metric.Name);
                if (row is null)
                {
                    continue;
                }

                var color = _colors[others[g]];
                if (double.IsFinite(row.DiffLow) && double.IsFinite(row.DiffHigh))
                {
                    var bar = plot.Add.ErrorBar([g], [row.DiffMean], [row.DiffHigh - row.DiffMean]);
                    bar.YErrorNegative = [row.DiffMean - row.DiffLow];
                    bar.Color = color;
                    bar.LineWidth = Pt(1.2);
                    bar.CapSize = Pt(4);
                }

                plot.Add.Marker(g, row.DiffMean, MarkerShape.FilledCircle, Pt(6), color);
            }

            // the dashed zero line after the markers, as in the ablation chart: drawn first, its dash pattern stayed on
            // the paint of the markers that followed it, which the SVG renderer reported ("Unsupported path effect in
            // addPaint.") once per marker when no whisker came between them (one replicate)
            var zero = plot.Add.HorizontalLine(0, Pt(0.8), Palette.Ink, LinePattern.Dashed);
            zero.ExcludeFromLegend = true;

            ChartStyle.PanelTitle(plot, ChartText.Metric(_style.Language, metric));
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
            plot.Grid.XAxisStyle.IsVisible = false;
            plot.Axes.SetLimitsX(-0.6, others.Count - 0.4);
            // room above and below the whiskers and the zero line, so that no point sits on the frame
            var extent = rows.Where(r => r.Metric == metric.Name && others.Contains(r.Regime))
                .SelectMany(r => new[] { r.DiffMean, r.DiffLow, r.DiffHigh }).Where(double.IsFinite).Append(0.0).ToList();
            var span = extent.Max() - extent.Min();
            var pad = span > 0 ? 0.08 * span : 1;
            plot.Axes.SetLimitsY(extent.Min() - pad, extent.Max() + pad);
            plots.Add(plot);
        }

        var legend = others.Select(r => ChartStyle.MarkerItem(_style.Regime(r), _colors[r], Pt(6))).ToList();
        var cols = _layout.Columns(plots.Count);
        var chartTitle = _layout.Wrap(string.Format(System.Globalization.CultureInfo.InvariantCulture, _style.Text(ChartText.TitleBaselineDifference), _style.Regime(baseline)));
        return _layout.Grid(plots, cols, _layout.PanelHeight(cols, _layout.Narrow ? 1.0 : 0.7), legend, _title is null ? chartTitle : _title + "\n" + chartTitle);
    }
}
