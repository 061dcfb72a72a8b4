using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The ablation chart: each lever's paired effect, added to the base and removed from the target.</summary>
internal sealed partial class ExperimentView
{
    /// <summary>The (base, target) pairs of ablation.csv, in order of appearance.</summary>
    public IReadOnlyList<(string Base, string Target)> AblationPairs() =>
        _data.Ablation.Select(a => (a.BaseRegime, a.TargetRegime)).Distinct().ToList();

    /// <summary>
    /// Effect of each lever (paired 95% CI), levers sorted by effect, the all-levers row on top. With leave-one-out
    /// rows (design remove) each lever gets two markers side by side: added to the base alone, removed from the target
    /// alone; the two differ when the lever interacts with the others.
    /// </summary>
    public Figure? Ablation(string baseRegime, string targetRegime)
    {
        var rows = _data.Ablation.Where(a => a.BaseRegime == baseRegime && a.TargetRegime == targetRegime).ToList();
        // harm and social welfare always; service value and uncompensated harm too at two-column width
        var metrics = Preferred(rows.Select(r => r.Metric), _layout.Narrow ? 2 : 4);
        if (metrics.Count == 0)
        {
            return null;
        }

        var hasAdd = rows.Any(r => !r.Removes && r.Lever != "all");
        var hasRemove = rows.Any(r => r.Removes);
        var both = hasAdd && hasRemove;
        var addColor = ColorOf(targetRegime);
        var removeColor = ColorOf(baseRegime);
        if (removeColor == addColor)
        {
            removeColor = addColor == Palette.Orange ? Palette.SkyBlue : Palette.Orange;
        }

        var offset = both ? 0.18 : 0.0;
        var plots = new List<Plot>();
        var cols = _layout.Narrow ? 1 : Math.Min(2, metrics.Count);
        var levers = 0;
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var plot = _style.NewPlot();
            var added = rows.Where(r => r.Metric == metric && !r.Removes && r.Lever != "all" && double.IsFinite(r.EffectMean)).ToDictionary(r => r.Lever, StringComparer.Ordinal);
            var removed = rows.Where(r => r.Metric == metric && r.Removes && double.IsFinite(r.EffectMean)).ToDictionary(r => r.Lever, StringComparer.Ordinal);
            // sorted by the add effect (the remove effect when a lever has no add row)
            var order = added.Keys.Concat(removed.Keys).Distinct(StringComparer.Ordinal)
                .OrderBy(l => added.TryGetValue(l, out var a) ? a.EffectMean : removed[l].EffectMean).ToList();
            var all = rows.FirstOrDefault(r => r.Metric == metric && !r.Removes && r.Lever == "all");
            levers = Math.Max(levers, order.Count);
            var labels = order.ToList();
            var positions = Enumerable.Range(0, order.Count).Select(i => (double)i).ToList();
            var addPoints = order.Select((l, i) => (l, i)).Where(x => added.ContainsKey(x.l))
                .Select(x => (Y: x.i + offset, added[x.l].EffectMean, added[x.l].EffectLow, added[x.l].EffectHigh)).ToList();
            var removePoints = order.Select((l, i) => (l, i)).Where(x => removed.ContainsKey(x.l))
                .Select(x => (Y: x.i - offset, removed[x.l].EffectMean, removed[x.l].EffectLow, removed[x.l].EffectHigh)).ToList();
            Whiskers(plot, addPoints, addColor, MarkerShape.FilledCircle, horizontal: true);
            Whiskers(plot, removePoints, removeColor, MarkerShape.FilledSquare, horizontal: true);
            if (all is not null && double.IsFinite(all.EffectMean))
            {
                var y = order.Count + 0.6;
                Whiskers(plot, [(y, all.EffectMean, all.EffectLow, all.EffectHigh)], Palette.Ink, MarkerShape.FilledDiamond, horizontal: true);
                var separator = plot.Add.HorizontalLine(order.Count - 0.2, Pt(0.5), Palette.Grey, LinePattern.Dotted);
                separator.ExcludeFromLegend = true;
                positions.Add(y);
                labels.Add(_style.Text(ChartText.AllLevers));
            }

            var zero = plot.Add.VerticalLine(0, Pt(0.8), Palette.Ink, LinePattern.Dashed);
            zero.ExcludeFromLegend = true;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
            ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Left).MajorTickStyle.Length = 0f;
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Axes.SetLimitsY(-0.7, positions.Count == 0 ? 1 : positions.Max() + 0.7);
            ChartStyle.PanelTitle(plot, ChartText.Metric(_style.Language, metric));
            plot.XLabel(_style.Text(hasRemove ? ChartText.LeverEffectAxis : ChartText.EffectAxis));
            plots.Add(plot);
        }

        var legend = new List<LegendItem>();
        if (hasRemove)
        {
            if (hasAdd)
            {
                legend.Add(ChartStyle.MarkerItem(Format(_style.Text(ChartText.AddedTo), _style.Regime(baseRegime)), addColor, Pt(5)));
            }

            legend.Add(ChartStyle.MarkerItem(Format(_style.Text(ChartText.RemovedFrom), _style.Regime(targetRegime)), removeColor, Pt(5), MarkerShape.FilledSquare));
        }
        else
        {
            legend.Add(ChartStyle.MarkerItem(_style.Text(ChartText.OneLever), addColor, Pt(5)));
        }

        legend.Add(ChartStyle.MarkerItem(_style.Text(ChartText.AllLevers), Palette.Ink, Pt(6), MarkerShape.FilledDiamond));
        var height = Math.Max(_layout.PanelHeight(cols, 0.62), (int)Math.Round((levers + 2) * (both ? 0.28 : 0.2) * _style.Options.Dpi + 0.6 * _style.Options.Dpi));
        var pattern = !hasRemove ? ChartText.TitleAblation : hasAdd ? ChartText.TitleAblationBoth : ChartText.TitleAblationRemove;
        var title = _layout.Wrap(Format(_style.Text(pattern), _style.Regime(baseRegime), _style.Regime(targetRegime)));
        return _layout.Grid(plots, cols, height, legend, title);
    }
}
