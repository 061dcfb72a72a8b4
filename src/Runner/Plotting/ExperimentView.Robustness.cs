using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The robustness chart: best-regime shares and maximum regret across scenarios.</summary>
internal sealed partial class ExperimentView
{
    public Figure? Robustness()
    {
        var rows = _data.Robustness.ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // at one-column width: two metrics, panels in one column so that their titles have the full width
        var metrics = Preferred(rows.Select(r => r.Metric), _layout.Narrow ? 2 : 4);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var plots = new List<Plot>();
        var cols = _layout.Narrow ? 1 : 2;
        foreach (var metric in metrics)
        {
            var mine = rows.Where(r => r.Metric == metric).ToList();
            var direction = mine.Select(r => r.Direction).FirstOrDefault() ?? "lower";
            var label = ChartText.Metric(_style.Language, metric);
            var share = _style.NewPlot();
            var regret = _style.NewPlot();
            var shareBars = new List<Bar>();
            var regretBars = new List<Bar>();
            for (var g = 0; g < regimes.Count; g++)
            {
                var row = mine.FirstOrDefault(r => r.Regime == regimes[g]);
                if (row is null)
                {
                    continue;
                }

                var color = ColorOf(regimes[g]);
                shareBars.Add(new Bar { Position = g, Value = double.IsFinite(row.BestShare) ? 100 * row.BestShare : 0, Size = 0.7, FillColor = color, LineWidth = 0 });
                regretBars.Add(new Bar { Position = g, Value = double.IsFinite(row.MaxRegret) ? row.MaxRegret : 0, Size = 0.7, FillColor = color.WithAlpha(0.35), LineColor = color, LineWidth = Pt(0.8) });
            }

            share.Add.Bars(shareBars);
            regret.Add.Bars(regretBars);
            foreach (var plot in new[] { share, regret })
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
                plot.Grid.XAxisStyle.IsVisible = false;
                plot.Axes.Margins(bottom: 0);
            }

            share.Axes.SetLimitsY(0, 105);
            // what the bars measure goes in the panel title's second line: a vertical axis title longer than a short
            // panel is tall would be cut
            ChartStyle.PanelTitle(share, Format(_style.Text(direction == "higher" ? ChartText.HigherBetter : ChartText.LowerBetter), label) + "\n" + _style.Text(ChartText.BestShare));
            ChartStyle.PanelTitle(regret, label + "\n" + _style.Text(ChartText.MaxRegret));
            plots.Add(share);
            plots.Add(regret);
        }

        var legend = regimes.Select(r => ChartStyle.BoxItem(_style.Regime(r), ColorOf(r))).ToList();
        var scenarios = rows.Max(r => r.Scenarios);
        return _layout.Grid(plots, cols, _layout.PanelHeight(cols, _layout.Narrow ? 0.42 : 0.6), legend, Format(_style.Text(ChartText.TitleRobustness), scenarios));
    }
}
