using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Analysis;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The Shapley waterfall: each lever's share of a paired regime difference, bars ending at the total.</summary>
public static partial class DecisionCharts
{
    /// <summary>
    /// A horizontal waterfall: the levers from the largest |value| down, each a bar from the running sum to the running
    /// sum plus its Shapley value (vermillion when it raises the difference, blue when it lowers it) with its 95% CI as a
    /// whisker at the bar's end, then the total difference (target - base) as a dark bar from 0 with its CI. The bars
    /// end exactly at the total because the values add up to it.
    /// </summary>
    public static IReadOnlyList<string> ShapleyWaterfall(string directory, string name, ShapleyResult result, string metric, string baseRegime, string targetRegime, ChartOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Draw(directory, name, options, (style, layout) =>
        {
            var text = Texts(style);
            var plot = style.NewPlot();
            var order = result.Values.OrderByDescending(v => Math.Abs(v.Mean)).ToList();
            var k = order.Count;
            var bars = new List<Bar>();
            var positions = new List<double>();
            var labels = new List<string>();
            var running = 0.0;
            var reach = new List<double> { 0 };
            var values = new List<(double Value, double Y, double LabelAt)>();
            for (var i = 0; i < k; i++)
            {
                var v = order[i];
                var y = k - i + 0.5;
                var start = running;
                var end = running + v.Mean;
                var color = v.Mean >= 0 ? Palette.Vermillion : Palette.Blue;
                bars.Add(new Bar { Position = y, ValueBase = start, Value = end, Size = 0.62, FillColor = color.WithAlpha(0.85), LineWidth = 0 });
                // the lever's CI around the bar's end
                var low = end + (v.Ci95TotalLow - v.Mean);
                var high = end + (v.Ci95TotalHigh - v.Mean);
                Whisker(plot, y, end, low, high, Palette.Ink);
                reach.AddRange([start, end, low, high]);
                values.Add((v.Mean, y, new[] { start, end, high }.Where(double.IsFinite).Max()));
                if (i > 0)
                {
                    var connector = plot.Add.Line(start, y + 1 - 0.31, start, y + 0.31);
                    connector.LineWidth = Pt(0.5);
                    connector.LineColor = Palette.Grey;
                    connector.LinePattern = LinePattern.Dotted;
                }
                positions.Add(y);
                labels.Add(ChartText.Parameter(style.Language, v.Lever));
                running = end;
            }
            var total = result.Total;
            bars.Add(new Bar { Position = 0, ValueBase = 0, Value = total.Mean, Size = 0.62, FillColor = Palette.Ink, LineWidth = 0 });
            Whisker(plot, 0, total.Mean, total.Ci95Low, total.Ci95High, Palette.Ink);
            reach.AddRange([total.Mean, total.Ci95Low, total.Ci95High]);
            values.Add((total.Mean, 0, new[] { 0, total.Mean, total.Ci95High }.Where(double.IsFinite).Max()));
            positions.Add(0);
            labels.Add(text(DecisionChartText.TotalDifference));
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            var separator = plot.Add.HorizontalLine(0.75, Pt(0.5), Palette.Grey, LinePattern.Dotted);
            separator.ExcludeFromLegend = true;
            var zero = plot.Add.VerticalLine(0, Pt(0.8), Palette.Ink, LinePattern.Dashed);
            zero.ExcludeFromLegend = true;

            // the values as text beside each bar, beyond its whisker
            var finite = reach.Where(double.IsFinite).ToList();
            var (xMin, xMax) = (finite.Min(), finite.Max());
            var pad = Math.Max((xMax - xMin) * 0.22, 1e-9);
            foreach (var (value, y, at) in values)
            {
                var label = plot.Add.Text(Signed(value), at, y);
                label.LabelFontSize = ChartStyle.TickPt - 1.5f;
                label.LabelFontColor = Palette.Ink;
                label.LabelAlignment = Alignment.MiddleLeft;
                label.LabelOffsetX = Pt(4);
            }

            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
            ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Left).MajorTickStyle.Length = 0f;
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Axes.SetLimits(Math.Min(0, xMin) - (pad * 0.15), xMax + pad, -0.6, k + 1.1);
            plot.XLabel(ChartText.Metric(style.Language, metric));
            var legend = new List<LegendItem>
            {
                ChartStyle.BoxItem(text(DecisionChartText.Increase), Palette.Vermillion.WithAlpha(0.85)),
                ChartStyle.BoxItem(text(DecisionChartText.Decrease), Palette.Blue.WithAlpha(0.85)),
                ChartStyle.BoxItem(text(DecisionChartText.TotalDifference), Palette.Ink),
                ChartStyle.LineItem(text(DecisionChartText.Ci95), Palette.Ink),
            };
            var method = result.Exact
                ? Format(text(DecisionChartText.ShapleyExact), 1L << k, total.N)
                : Format(text(DecisionChartText.ShapleySampled), result.Permutations, total.N);
            var title = layout.Wrap(Format(text(DecisionChartText.TitleShapley), style.Regime(targetRegime), style.Regime(baseRegime))) + "\n" + method;
            var height = Math.Max(layout.SingleHeight / 2, (int)Math.Round(((k + 1) * 0.32 * style.Options.Dpi) + (0.75 * style.Options.Dpi)));
            return layout.Grid([plot], 1, height, legend, title);
        });
    }
}
