using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The Sobol sensitivity chart: first-order and total indices with bootstrap CIs.</summary>
internal sealed partial class ExperimentView
{
    /// <summary>Tick steps of the Sobol index axis, finest first.</summary>
    private static readonly double[] SobolSteps = [0.2, 0.25, 0.5, 1.0];

    /// <summary>
    /// A panel per key metric (3 at two-column width, 2 at one-column width), stacked in one column so that the
    /// parameter names are written once per row at full width and every panel shares the 0–1 index axis; per parameter
    /// a group of bars, one per regime: total-order ST as a light bar with an outline, first-order S1 as a narrower
    /// solid bar on top, each with its CI.
    /// </summary>
    public Figure? Sobol()
    {
        var rows = _data.Sensitivity.Where(s => s.Method == "sobol" && s.Index is "S1" or "ST").ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var metrics = Preferred(rows.Select(r => r.Metric), _layout.Narrow ? 2 : 3);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var parameters = rows.Select(r => r.Parameter).Distinct(StringComparer.Ordinal).ToList();
        // long names break onto more lines (18 characters a line at one-column width), so that the bars keep most of the width
        var labels = parameters.Select(p => ChartText.Parameter(_style.Language, p)).Select(l => Lines(l, _layout.Narrow ? 18 : 32)).ToArray();
        var plots = new List<Plot>();
        var slot = 0.84 / regimes.Count;
        var lows = new List<double>();
        var highs = new List<double>();
        foreach (var metric in metrics)
        {
            var plot = _style.NewPlot();
            var total = new List<Bar>();
            var first = new List<Bar>();
            var whiskers = new List<(double Y, double Mean, double Low, double High)>();
            for (var p = 0; p < parameters.Count; p++)
            {
                var y = parameters.Count - 1 - p; // first parameter on top
                for (var g = 0; g < regimes.Count; g++)
                {
                    var color = ColorOf(regimes[g]);
                    var position = y + ((regimes.Count - 1) / 2.0 - g) * slot; // first regime on top of its group
                    SobolRow? Find(string index) => rows.FirstOrDefault(r => r.Metric == metric && r.Regime == regimes[g] && r.Parameter == parameters[p] && r.Index == index) is { } row && double.IsFinite(row.Estimate) ? new SobolRow(row.Estimate, row.Low, row.High) : null;
                    if (Find("ST") is { } st)
                    {
                        total.Add(new Bar { Position = position, Value = st.Estimate, Size = 0.92 * slot, FillColor = color.WithAlpha(0.22), LineColor = color, LineWidth = Pt(0.7) });
                        whiskers.Add((position, st.Estimate, st.Low, st.High));
                    }

                    if (Find("S1") is { } s1)
                    {
                        first.Add(new Bar { Position = position, Value = s1.Estimate, Size = 0.45 * slot, FillColor = color, LineWidth = 0 });
                        whiskers.Add((position, s1.Estimate, s1.Low, s1.High));
                    }
                }
            }

            plot.Add.Bars(total).Horizontal = true;
            plot.Add.Bars(first).Horizontal = true;
            Whiskers(plot, whiskers, Palette.Ink, MarkerShape.None, horizontal: true, lineWidth: 0.6, capSize: 1.5);
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                Enumerable.Range(0, parameters.Count).Select(p => (double)(parameters.Count - 1 - p)).ToArray(), labels);
            ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Left).MajorTickStyle.Length = 0f;
            plot.Grid.YAxisStyle.IsVisible = false;
            highs.Add(whiskers.Select(w => double.IsFinite(w.High) ? w.High : w.Mean).DefaultIfEmpty(1).Max());
            lows.Add(whiskers.Select(w => double.IsFinite(w.Low) ? w.Low : w.Mean).DefaultIfEmpty(0).Min());
            plot.Axes.SetLimitsY(-0.5, parameters.Count - 0.5);
            ChartStyle.PanelTitle(plot, ChartText.Metric(_style.Language, metric));
            plots.Add(plot);
        }

        // one 0–1 scale for every panel (wider only when a CI reaches beyond it); ticks every 0.2, 0.25, 0.5 or 1,
        // the finest that leaves each tick label room (about 5 ticks at one-column width, 9 at two-column width)
        var lowest = lows.DefaultIfEmpty(0).Min();
        var highest = highs.DefaultIfEmpty(1).Max();
        var step = SobolSteps.First(d => d >= 1.0 || ((Math.Max(1, Math.Ceiling(highest / d) * d) - Math.Min(0, Math.Floor(lowest / d) * d)) / d) + 1 <= (_layout.Narrow ? 5 : 9));
        var low = Math.Min(0, Math.Floor(lowest / step) * step);
        var high = Math.Max(1, Math.Ceiling(highest / step) * step);
        var ticks = Enumerable.Range(0, (int)Math.Round((high - low) / step) + 1).Select(i => Math.Round(low + (i * step), 6)).ToArray();
        foreach (var plot in plots)
        {
            plot.Axes.SetLimitsX(low - 0.02, high + 0.02);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(t => ChartStyle.FormatTick(t)).ToArray());
        }

        plots[^1].XLabel(_style.Text(ChartText.SobolAxis));
        var legend = regimes.Select(r => ChartStyle.BoxItem(_style.Regime(r), ColorOf(r))).ToList();
        legend.Add(ChartStyle.BoxItem(_style.Text(ChartText.SobolS1), Palette.Grey));
        legend.Add(ChartStyle.BoxItem(_style.Text(ChartText.SobolSt), Palette.Grey.WithAlpha(0.22), Palette.Grey));
        // about 0.09 in per bar (at least room for its name: two lines at one-column width) plus the panel title and tick labels
        var perParameter = Math.Max(regimes.Count * 0.09, (labels.Max(l => l.Split('\n').Length) * 0.135) + 0.03);
        var height = (int)Math.Round(((parameters.Count * perParameter) + 0.55) * _style.Options.Dpi);
        return _layout.Grid(plots, 1, height, legend, _layout.Wrap(_style.Text(ChartText.TitleSobol)), _layout.AxisTitleHeight);
    }

    /// <summary>
    /// Breaks a label longer than <paramref name="maxChars"/> (CJK characters count double) onto as many lines as needed,
    /// between words or after the underscores of a column name; a single word longer than a line stays whole.
    /// </summary>
    internal static string Lines(string label, int maxChars)
    {
        static int Width(string t) => t.Sum(c => c >= '\u2E80' ? 2 : 1);
        if (Width(label) <= maxChars)
        {
            return label;
        }

        // pieces end after a space or an underscore
        var pieces = System.Text.RegularExpressions.Regex.Split(label, "(?<=[ _])").Where(p => p.Length > 0).ToList();
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var piece in pieces)
        {
            if (line.Length > 0 && Width((line + piece).TrimEnd()) > maxChars)
            {
                lines.Add(line.TrimEnd());
                line = piece;
            }
            else
            {
                line += piece;
            }
        }

        lines.Add(line.TrimEnd());
        return string.Join("\n", lines);
    }

    private sealed record SobolRow(double Estimate, double Low, double High);
}
