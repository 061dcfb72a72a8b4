using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Analysis;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>A named regime placed on the Pareto chart: its objective means, their 95% CI half-widths, and its distance to the front.</summary>
public sealed record NamedRegimePoint(string Regime, double X, double Y, double XHalfWidth, double YHalfWidth, double Gap);

/// <summary>
/// What the Pareto chart draws: two objectives (metric names and directions), every evaluated point (faint), the
/// front's points (with CI half-widths) and the named regimes. <see cref="GapUnit"/> is appended to the gap figures
/// (empty when the gap is in the metrics' own unit, as for two yuan objectives).
/// </summary>
public sealed record ParetoChartData(
    string XMetric,
    bool XMaximize,
    string YMetric,
    bool YMaximize,
    IReadOnlyList<(double X, double Y)> Evaluated,
    IReadOnlyList<(double X, double Y, double XHalfWidth, double YHalfWidth)> Front,
    IReadOnlyList<NamedRegimePoint> Named,
    string GapUnit = "");

/// <summary>
/// The decision-support charts in the house style (<see cref="ChartStyle"/>, <see cref="Layout"/>): the PRIM trade-off
/// and box-limits charts, the Shapley waterfall and the Pareto chart. Each takes the analysis rows and
/// <see cref="ChartOptions"/>, writes <c>name.png</c> and <c>name.svg</c> into a folder and returns both paths.
/// </summary>
public static partial class DecisionCharts
{
    private static float Pt(double points) => (float)points;

    private static string Format(string pattern, params object[] args) => string.Format(CultureInfo.InvariantCulture, pattern, args);

    private static string Share(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    private static string PValue(double p) => !double.IsFinite(p) ? "–" : p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Number(double v) => !double.IsFinite(v) ? "–" : Math.Abs(v) >= 100 ? v.ToString("#,0", CultureInfo.InvariantCulture) : v.ToString("#,0.###", CultureInfo.InvariantCulture);

    private static string Signed(double v) => (v > 0 ? "+" : string.Empty) + Number(v);

    // ---------- PRIM trade-off ----------

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

    // ---------- Shapley waterfall ----------

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

    // ---------- Pareto front ----------

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

    // ---------- helpers ----------

    private static Func<string, string> Texts(ChartStyle style) => key => DecisionChartText.Get(style.Language, key);

    private static void Whisker(Plot plot, double y, double at, double low, double high, Color color)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || !double.IsFinite(at)) return;
        var bar = plot.Add.ErrorBar([at], [y], [0.0]);
        bar.XErrorPositive = [Math.Max(0, high - at)];
        bar.XErrorNegative = [Math.Max(0, at - low)];
        bar.YErrorPositive = [0.0];
        bar.YErrorNegative = [0.0];
        bar.Color = color;
        bar.LineWidth = Pt(0.9);
        bar.CapSize = Pt(3);
    }

    private static void CrossWhiskers(Plot plot, double x, double y, double xHalf, double yHalf, Color color, double width)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y)) return;
        var bar = plot.Add.ErrorBar([x], [y], [double.IsFinite(yHalf) ? yHalf : 0.0]);
        bar.XErrorPositive = [double.IsFinite(xHalf) ? xHalf : 0.0];
        bar.XErrorNegative = [double.IsFinite(xHalf) ? xHalf : 0.0];
        bar.Color = color;
        bar.LineWidth = Pt(width);
        bar.CapSize = Pt(2);
    }

    /// <summary>
    /// Resolves the font as <see cref="ChartSet.Render"/> does, builds the figure with that font as ScottPlot's default
    /// (under the chart set's lock: the default is process-wide), checks that the font has a glyph for every character
    /// drawn, and writes the PNG and SVG.
    /// </summary>
    private static IReadOnlyList<string> Draw(string directory, string name, ChartOptions options, Func<ChartStyle, Layout, Figure> build)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var (regular, bold) = ChartSet.ResolveFont(options);
        var fallback = options.Language == "zh"
            ? "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif"
            : "'Liberation Sans', Arial, Helvetica, sans-serif";
        byte[] png;
        string svg;
        lock (ChartSet.Gate)
        {
            var alias = ChartSet.Register(regular, bold);
            var previous = Fonts.Default;
            Fonts.Default = alias;
            try
            {
                var style = new ChartStyle(options, alias);
                var figure = build(style, new Layout(style, fallback));
                svg = figure.RenderSvg();
                var missing = FontCoverage.MissingGlyphs(regular, SvgTexts(svg));
                if (missing.Count > 0)
                {
                    throw new ChartFontException($"font '{regular}' has no glyphs for: {string.Join(" ", missing)}; pass --font <file> with a font that covers them")
                    { MissingCharacters = missing };
                }
                png = figure.RenderPng();
            }
            finally
            {
                Fonts.Default = previous;
            }
        }
        Directory.CreateDirectory(directory);
        var pngPath = Path.Combine(directory, name + ".png");
        var svgPath = Path.Combine(directory, name + ".svg");
        File.WriteAllBytes(pngPath, png);
        File.WriteAllText(svgPath, svg, new UTF8Encoding(false));
        return [pngPath, svgPath];
    }

    /// <summary>The text of every &lt;text&gt; element of an SVG (what the figure draws).</summary>
    internal static IEnumerable<string> SvgTexts(string svg) =>
        SvgText().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex SvgText();
}
