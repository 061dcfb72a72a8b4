using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Analysis;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The PRIM charts: the peeling trajectory's coverage-density trade-off and the chosen box's limits.</summary>
public static partial class DecisionCharts
{
    /// <summary>
    /// Coverage against density of every box on the PRIM trajectory: a grey line in step order, each box a marker
    /// coloured by its mass (five cividis steps), circles for peeling and squares for pasting, the number of restricted
    /// dimensions written where it changes, and the chosen box ringed (its figures in the title).
    /// </summary>
    public static IReadOnlyList<string> PrimTradeoff(string directory, string name, IReadOnlyList<PrimStep> trajectory, int chosen, ChartOptions options, string? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (trajectory.Count == 0) throw new ArgumentException("the trajectory is empty", nameof(trajectory));
        if (chosen < 0 || chosen >= trajectory.Count) throw new ArgumentOutOfRangeException(nameof(chosen), chosen, "not a step of the trajectory");
        return Draw(directory, name, options, (style, layout) =>
        {
            var text = Texts(style);
            var plot = style.NewPlot();
            var line = plot.Add.ScatterLine(trajectory.Select(s => s.Coverage).ToArray(), trajectory.Select(s => s.Density).ToArray(), Palette.Grey);
            line.LineWidth = Pt(0.8);
            var lastRestricted = -1;
            foreach (var s in trajectory)
            {
                if (!double.IsFinite(s.Coverage) || !double.IsFinite(s.Density)) continue;
                var color = Palette.Sources[Math.Clamp((int)Math.Floor(s.Mass * 5), 0, 4)];
                plot.Add.Marker(s.Coverage, s.Density, s.Pasted ? MarkerShape.FilledSquare : MarkerShape.FilledCircle, Pt(5), color);
                if (s.RestrictedDimensions != lastRestricted)
                {
                    var label = plot.Add.Text(Format(text(DecisionChartText.RestrictedLabel), s.RestrictedDimensions), s.Coverage, s.Density);
                    label.LabelFontSize = ChartStyle.TickPt - 1.5f;
                    label.LabelFontColor = Palette.Ink;
                    label.LabelAlignment = Alignment.LowerLeft;
                    label.LabelOffsetX = Pt(3);
                    label.LabelOffsetY = Pt(-3);
                    lastRestricted = s.RestrictedDimensions;
                }
            }
            var c = trajectory[chosen];
            plot.Add.Marker(c.Coverage, c.Density, MarkerShape.OpenCircle, Pt(11), Palette.Ink).MarkerLineWidth = Pt(1.2);

            var finite = trajectory.Where(s => double.IsFinite(s.Coverage) && double.IsFinite(s.Density)).ToList();
            var xMin = Math.Max(0, finite.Min(s => s.Coverage) - 0.05);
            var yMin = Math.Max(0, finite.Min(s => s.Density) - 0.05);
            plot.Axes.SetLimits(xMin, 1.03, yMin, 1.03);
            plot.XLabel(text(DecisionChartText.CoverageAxis));
            plot.YLabel(text(DecisionChartText.DensityAxis));

            var legend = new List<LegendItem>();
            for (var b = 0; b < 5; b++)
            {
                if (trajectory.Any(s => Math.Clamp((int)Math.Floor(s.Mass * 5), 0, 4) == b))
                {
                    legend.Add(ChartStyle.MarkerItem(Format(text(DecisionChartText.MassBin), Share(b / 5.0), Share((b + 1) / 5.0)), Palette.Sources[b], Pt(5)));
                }
            }
            legend.Add(ChartStyle.MarkerItem(text(DecisionChartText.Peeling), Palette.Grey, Pt(5)));
            if (trajectory.Any(s => s.Pasted)) legend.Add(ChartStyle.MarkerItem(text(DecisionChartText.Pasting), Palette.Grey, Pt(5), MarkerShape.FilledSquare));
            legend.Add(ChartStyle.MarkerItem(text(DecisionChartText.ChosenBox), Palette.Ink, Pt(8), MarkerShape.OpenCircle));
            var title = layout.Wrap(text(DecisionChartText.TitlePrimTradeoff) + (outcome is null ? string.Empty : " — " + outcome))
                + "\n" + layout.Wrap(Format(text(DecisionChartText.ChosenBoxSummary), Share(c.Coverage), Share(c.Density), Share(c.Mass), c.RestrictedDimensions));
            return layout.Single(plot, legend, title);
        });
    }

    // ---------- PRIM box limits ----------

    /// <summary>
    /// One row per restricted dimension of a box: the full range as a light bar from 0 to 1 and the box's range as a
    /// solid bar on the same normalised scale (categories: one slot each, allowed ones solid), the limits written at the
    /// bar's ends, and the dimension's name with its quasi-p-value (and bootstrap share) as the row label.
    /// </summary>
    public static IReadOnlyList<string> PrimBoxLimits(string directory, string name, IReadOnlyList<BoxLimit> limits, PrimStep box, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(box);
        return Draw(directory, name, options, (style, layout) =>
        {
            var text = Texts(style);
            var restricted = limits.Where(l => l.Restricted).ToList();
            var plot = style.NewPlot();
            var full = new List<Bar>();
            var inside = new List<Bar>();
            var labels = new List<string>();
            var positions = new List<double>();
            for (var i = 0; i < restricted.Count; i++)
            {
                var l = restricted[i];
                var y = restricted.Count - 1 - i;
                positions.Add(y);
                var label = ChartText.Parameter(style.Language, l.Dimension) + "\n" + Format(text(DecisionChartText.QuasiP), PValue(l.QuasiP));
                if (double.IsFinite(l.BootstrapShare)) label += "\n" + Format(text(DecisionChartText.BootstrapShare), Math.Round(100 * l.BootstrapShare).ToString(CultureInfo.InvariantCulture));
                labels.Add(label);
                full.Add(new Bar { Position = y, ValueBase = 0, Value = 1, Size = 0.5, FillColor = Palette.Grey.WithAlpha(0.25), LineWidth = 0 });
                if (l.AllCategories is { } all)
                {
                    var width = 1.0 / all.Count;
                    for (var c = 0; c < all.Count; c++)
                    {
                        var allowed = l.Categories!.Contains(all[c]);
                        if (allowed) inside.Add(new Bar { Position = y, ValueBase = (c * width) + (0.08 * width), Value = ((c + 1) * width) - (0.08 * width), Size = 0.5, FillColor = Palette.Blue, LineWidth = 0 });
                        var name = plot.Add.Text(all[c], (c + 0.5) * width, y - 0.3);
                        name.LabelFontSize = ChartStyle.TickPt - 1.5f;
                        name.LabelFontColor = allowed ? Palette.Ink : Palette.Grey;
                        name.LabelAlignment = Alignment.UpperCenter;
                    }
                    continue;
                }
                var span = l.FullHigh - l.FullLow;
                var lo = (l.Low - l.FullLow) / span;
                var hi = (l.High - l.FullLow) / span;
                inside.Add(new Bar { Position = y, ValueBase = lo, Value = hi, Size = 0.5, FillColor = Palette.Blue, LineWidth = 0 });
                // the limits under the bar's ends, inside the bar so that they never leave the data area
                foreach (var (value, at, align) in new[] { (l.Low, lo, Alignment.UpperLeft), (l.High, hi, Alignment.UpperRight) })
                {
                    var limit = plot.Add.Text(Number(value), at, y - 0.3);
                    limit.LabelFontSize = ChartStyle.TickPt - 1.5f;
                    limit.LabelFontColor = Palette.Ink;
                    limit.LabelAlignment = align;
                }
            }
            if (full.Count > 0) plot.Add.Bars(full).Horizontal = true;
            if (inside.Count > 0) plot.Add.Bars(inside).Horizontal = true;
            if (restricted.Count == 0)
            {
                var none = plot.Add.Text(text(DecisionChartText.NoRestriction), 0.5, 0);
                none.LabelAlignment = Alignment.MiddleCenter;
                none.LabelFontColor = Palette.Ink;
                none.LabelFontSize = ChartStyle.LabelPt;
            }
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
            ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Left).MajorTickStyle.Length = 0f;
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Axes.SetLimits(-0.02, 1.02, -0.8, Math.Max(0.5, restricted.Count - 0.5));
            plot.XLabel(text(DecisionChartText.PositionAxis));
            var legend = new List<LegendItem>
            {
                ChartStyle.BoxItem(text(DecisionChartText.FullRange), Palette.Grey.WithAlpha(0.25)),
                ChartStyle.BoxItem(text(DecisionChartText.BoxRange), Palette.Blue),
            };
            var rowHeight = (layout.Narrow ? 0.5 : 0.42) * style.Options.Dpi;
            var height = Math.Max(layout.SingleHeight / 2, (int)Math.Round((Math.Max(1, restricted.Count) * rowHeight) + (0.7 * style.Options.Dpi)));
            var title = layout.Wrap(Format(text(DecisionChartText.TitleBoxLimits), Share(box.Coverage), Share(box.Density), Share(box.Mass)));
            return layout.Grid([plot], 1, height, legend, title);
        });
    }
}
