using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The bar charts of one scenario: harm by source, remedy (share compensated and who paid) and rights.</summary>
internal sealed partial class ScenarioView
{
    // ---------- 4. harm by source ----------
    public Figure HarmSources()
    {
        var plot = _style.NewPlot();
        var means = HarmSourceMetrics.Select(s => _regimes.Select(r => MeanOrZero(Runs(r).Select(x => x[s.Metric]))).ToArray()).ToArray();
        AddStacks(plot, means, Palette.Sources);
        ChartStyle.CategoryAxis(plot, _regimes.Select(_style.Regime).ToList(), SlotPoints);
        plot.YLabel(ChartText.MeanRunTotal(_style.Language, Metric.HarmTotalYuan));
        plot.Axes.Margins(bottom: 0);
        return _layout.Single(plot, HarmSourceMetrics.Select((s, i) => ChartStyle.BoxItem(_style.Text(s.Key), Palette.Sources[i])).ToList(), _title);
    }

    // ---------- 5. remedy: share compensated, and who paid ----------
    public Figure Remedy()
    {
        var labels = _regimes.Select(_style.Regime).ToList();

        var share = _style.NewPlot();
        var bars = new List<Bar>();
        var errorLow = new List<double>();
        var errorHigh = new List<double>();
        for (var g = 0; g < _regimes.Count; g++)
        {
            var ci = MeanCi.Of(Runs(_regimes[g]).Select(r => r[Metric.HarmTotalYuan] > 0 ? 100.0 * r[Metric.CompensationYuan] / r[Metric.HarmTotalYuan] : double.NaN));
            var mean = double.IsFinite(ci.Mean) ? ci.Mean : 0;
            var low = double.IsFinite(ci.Low) ? Math.Clamp(ci.Low, 0, 100) : mean;
            var high = double.IsFinite(ci.High) ? Math.Clamp(ci.High, 0, 100) : mean;
            bars.Add(new Bar
            {
                Position = g,
                Value = mean,
                Size = 0.6,
                FillColor = _colors[_regimes[g]],
                LineWidth = Pt(0.9),
                LineColor = Palette.Ink,
            });
            errorLow.Add(mean - low);
            errorHigh.Add(high - mean);
        }

        share.Add.Bars(bars);
        // the share lies in 0..100 %: the whiskers are clipped there
        var whiskers = share.Add.ErrorBar(Enumerable.Range(0, _regimes.Count).Select(i => (double)i).ToList(), bars.Select(b => b.Value).ToList(), errorHigh);
        whiskers.YErrorNegative = errorLow;
        whiskers.Color = Palette.Ink;
        whiskers.LineWidth = Pt(0.9);
        whiskers.CapSize = Pt(4);
        ChartStyle.CategoryAxis(share, labels, SlotPoints);
        ChartStyle.PanelTitle(share, _style.Text(ChartText.ShareCompensatedTitle));
        share.YLabel(_style.Text(ChartText.ShareCompensated));
        share.Axes.Margins(bottom: 0);

        var paid = _style.NewPlot();
        var means = PayerMetrics.Select(p => _regimes.Select(r => MeanOrZero(Runs(r).Select(x => x[p.Metric]))).ToArray()).ToArray();
        AddStacks(paid, means, Palette.Payers);
        ChartStyle.CategoryAxis(paid, labels, SlotPoints);
        ChartStyle.PanelTitle(paid, _style.Text(ChartText.WhoPaidTitle));
        paid.YLabel(_style.Text(ChartText.AwardsPaid));
        paid.Axes.Margins(bottom: 0);
        var legend = PayerMetrics.Select((p, i) => ChartStyle.BoxItem(_style.Text(p.Key), Palette.Payers[i])).ToList();
        return _layout.Grid([share, paid], 1, (int)Math.Round(Width * (_layout.Narrow ? 0.62 : 0.42)), legend, _title);
    }

    // ---------- 6. rights requests vs served ----------
    public Figure Rights()
    {
        var legend = new List<LegendItem>();
        legend.AddRange(_regimes.Select(r => ChartStyle.BoxItem(_style.Regime(r), _colors[r])));
        legend.Add(ChartStyle.BoxItem(_style.Text(ChartText.Requests), Palette.Grey.WithAlpha(0.22), Palette.Grey));
        legend.Add(ChartStyle.BoxItem(_style.Text(ChartText.Served), Palette.Grey));
        var plots = new List<Plot>();
        for (var k = 0; k < RightMetrics.Length; k++)
        {
            var plot = _style.NewPlot();
            var requested = new List<Bar>();
            var served = new List<Bar>();
            for (var g = 0; g < _regimes.Count; g++)
            {
                var color = _colors[_regimes[g]];
                var runs = Runs(_regimes[g]);
                requested.Add(new Bar { Position = g, Value = MeanOrZero(runs.Select(r => r[RightMetrics[k].Requests])), Size = 0.78, FillColor = color.WithAlpha(0.22), LineColor = color, LineWidth = Pt(0.8) });
                served.Add(new Bar { Position = g, Value = MeanOrZero(runs.Select(r => r[RightMetrics[k].Served])), Size = 0.46, FillColor = color, LineWidth = 0 });
            }

            plot.Add.Bars(requested);
            plot.Add.Bars(served);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
            plot.Grid.XAxisStyle.IsVisible = false;
            ChartStyle.PanelTitle(plot, _style.Text(RightMetrics[k].Key));
            if (k == 0)
            {
                plot.YLabel(_style.Text(ChartText.RightsAxis));
            }

            plot.Axes.Margins(bottom: 0);
            plots.Add(plot);
        }

        return _layout.Grid(plots, RightMetrics.Length, _layout.SingleHeight, legend, _title);
    }
}
