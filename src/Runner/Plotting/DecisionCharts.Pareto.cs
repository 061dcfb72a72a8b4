using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Analysis;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The Pareto chart: evaluated regimes, the front with CIs, and the named regimes with their distance to the front.</summary>
public static partial class DecisionCharts
{
    /// <summary>
    /// The regime search in the plane of two objectives: every evaluated regime as a faint grey point, the Pareto front
    /// as orange points joined by a staircase, with their 95% CI whiskers, and each named regime in its colour with CI
    /// whiskers and a label giving its distance to the front (the additive epsilon gap) or "on the front".
    /// </summary>
    public static IReadOnlyList<string> Pareto(string directory, string name, ParetoChartData data, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Draw(directory, name, options, (style, layout) =>
        {
            var text = Texts(style);
            var plot = style.NewPlot();
            if (data.Evaluated.Count > 0)
            {
                var cloud = plot.Add.ScatterPoints(data.Evaluated.Select(p => p.X).ToArray(), data.Evaluated.Select(p => p.Y).ToArray(), Palette.Grey.WithAlpha(0.35));
                cloud.MarkerSize = Pt(3);
            }

            var front = data.Front.OrderBy(p => p.X).ToList();
            if (front.Count > 0)
            {
                // staircase between consecutive front points: the region the front dominates has right-angled corners
                var xs = new List<double>();
                var ys = new List<double>();
                for (var i = 0; i < front.Count; i++)
                {
                    if (i > 0)
                    {
                        // the corner keeps the worse value of the objective that changes second
                        var cornerY = data.YMaximize == data.XMaximize ? front[i - 1].Y : front[i].Y;
                        var cornerX = data.YMaximize == data.XMaximize ? front[i].X : front[i - 1].X;
                        xs.Add(cornerX);
                        ys.Add(cornerY);
                    }
                    xs.Add(front[i].X);
                    ys.Add(front[i].Y);
                }
                var stairs = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), Palette.Orange);
                stairs.LineWidth = Pt(1);
                foreach (var p in front)
                {
                    CrossWhiskers(plot, p.X, p.Y, p.XHalfWidth, p.YHalfWidth, Palette.Orange.WithAlpha(0.7), 0.6);
                    plot.Add.Marker(p.X, p.Y, MarkerShape.FilledCircle, Pt(4), Palette.Orange);
                }
            }

            var colors = Palette.ForRegimes(data.Named.Select(n => n.Regime));
            var all = data.Evaluated.Select(p => (p.X, p.Y)).Concat(front.Select(p => (p.X, p.Y))).Concat(data.Named.Select(n => (n.X, n.Y))).ToList();
            var xMid = all.Count == 0 ? 0 : (all.Min(p => p.X) + all.Max(p => p.X)) / 2;
            var legend = new List<LegendItem>
            {
                ChartStyle.MarkerItem(text(DecisionChartText.Evaluated), Palette.Grey.WithAlpha(0.5), Pt(4)),
                ChartStyle.LineItem(text(DecisionChartText.ParetoFrontLabel), Palette.Orange),
            };
            foreach (var n in data.Named.Select((n, i) => (n, i)))
            {
                var (point, index) = n;
                var color = colors[point.Regime];
                CrossWhiskers(plot, point.X, point.Y, point.XHalfWidth, point.YHalfWidth, color, 0.9);
                plot.Add.Marker(point.X, point.Y, MarkerShape.FilledDiamond, Pt(7), color);
                var regime = style.Regime(point.Regime);
                var caption = !double.IsFinite(point.Gap) ? regime
                    : point.Gap <= 0 ? Format(text(DecisionChartText.OnFront), regime)
                    : Format(text(DecisionChartText.BehindFront), regime, Number(point.Gap) + data.GapUnit);
                var label = plot.Add.Text(caption, point.X, point.Y);
                label.LabelFontSize = ChartStyle.TickPt - 1f;
                label.LabelFontColor = Palette.Ink;
                var left = point.X > xMid;
                var up = index % 2 == 0;
                label.LabelAlignment = left ? (up ? Alignment.LowerRight : Alignment.UpperRight) : (up ? Alignment.LowerLeft : Alignment.UpperLeft);
                label.LabelOffsetX = Pt(left ? -5 : 5);
                label.LabelOffsetY = Pt(up ? -3 : 3);
                legend.Add(ChartStyle.MarkerItem(regime, color, Pt(6), MarkerShape.FilledDiamond));
            }

            plot.XLabel(Format(text(data.XMaximize ? DecisionChartText.Maximise : DecisionChartText.Minimise), ChartText.Metric(style.Language, data.XMetric)));
            plot.YLabel(Format(text(data.YMaximize ? DecisionChartText.Maximise : DecisionChartText.Minimise), ChartText.Metric(style.Language, data.YMetric)));
            var title = layout.Wrap(Format(text(DecisionChartText.TitlePareto), data.Evaluated.Count));
            return layout.Single(plot, legend, title);
        });
    }
}
