using System.Globalization;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// The experiment-level charts: sweeps (one per swept column), ablation, Sobol and Morris sensitivity, robustness.
/// Each returns null (and is not drawn) when its data is absent.
/// </summary>
internal sealed class ExperimentView
{
    /// <summary>Metrics shown first by the ablation, sensitivity and robustness charts (those present are taken in this order).</summary>
    private static readonly string[] Headline = ["harm_total_yuan", "social_welfare_yuan", "service_value_yuan", "uncompensated_harm_yuan"];

    /// <summary>The outcomes of a sweep chart at one-column width (all key metrics at two-column width).</summary>
    private static readonly double[] SobolSteps = [0.2, 0.25, 0.5, 1.0];

    private static readonly string[] NarrowSweepMetrics =
        ["harm_total_yuan", "social_welfare_yuan", "service_value_yuan", "uncompensated_harm_yuan", "privacy_intrusions", "user_trust"];

    private readonly ResultSet data;
    private readonly IReadOnlyDictionary<string, Color> colors;
    private readonly ChartStyle style;
    private readonly Layout layout;

    public ExperimentView(ResultSet data, IReadOnlyDictionary<string, Color> colors, ChartStyle style, string svgFontFallback)
    {
        this.data = data;
        this.colors = colors;
        this.style = style;
        layout = new Layout(style, svgFontFallback);
    }

    private static float Pt(double points) => (float)points;

    private static string Format(string pattern, params object[] args) => string.Format(CultureInfo.InvariantCulture, pattern, args);

    private Color ColorOf(string regime) => colors.TryGetValue(regime, out var c) ? c : Palette.Ink;

    // ---------- sweep_<column> ----------

    /// <summary>True when the sweep is drawn as a Latin hypercube (points and binned line) rather than a grid (line per value).</summary>
    public bool IsScattered(string column)
    {
        switch (data.SweepDesign)
        {
            case "lhs":
                return true;
            case "grid":
                return false;
        }

        // no design given (or another one): scattered when every scenario has its own value, or there are too many values for a line
        var distinct = data.Scenarios.Select(s => ValueText(s, column)).Distinct(StringComparer.Ordinal).Count();
        return (distinct == data.Scenarios.Count && distinct > 6) || distinct > 12;
    }

    private string ValueText(string scenario, string column) =>
        data.ScenarioValues.TryGetValue(scenario, out var values) && values.TryGetValue(column, out var v) ? v : string.Empty;

    /// <summary>Run totals of the key metrics against one swept column, a line per regime with its 95% band.</summary>
    public Figure? Sweep(string column)
    {
        if (data.Scenarios.Count < 2)
        {
            return null;
        }

        // x per scenario: numbers (booleans as 0/1), else categories in order of appearance
        var texts = data.Scenarios.ToDictionary(s => s, s => ValueText(s, column), StringComparer.Ordinal);
        var numeric = texts.Values.All(t => TryNumber(t, out _));
        var categories = numeric ? [] : texts.Values.Distinct(StringComparer.Ordinal).ToList();
        var x = texts.ToDictionary(kv => kv.Key, kv => numeric ? (TryNumber(kv.Value, out var v) ? v : double.NaN) : categories.IndexOf(kv.Value), StringComparer.Ordinal);
        if (x.Values.Distinct().Count() < 2)
        {
            return null;
        }

        var scattered = numeric && IsScattered(column);
        // a grid of a few values: a tick at each swept value (automatic ticks may miss the ends of the range)
        var values = x.Values.Where(double.IsFinite).Distinct().Order().ToArray();
        var gridTicks = numeric && !scattered && values.Length <= (layout.Narrow ? 5 : 8) ? values : [];
        var metrics = layout.Narrow ? NarrowSweepMetrics : ChartText.KeyMetrics;
        var cols = layout.Columns(metrics.Count);
        var name = ChartText.Parameter(style.Language, column.StartsWith("param_", StringComparison.Ordinal) ? column["param_".Length..] : column["lever_".Length..]);
        var inTitle = style.Language == "en" && name.Length > 1 && char.IsUpper(name[0]) && char.IsLower(name[1]) ? char.ToLowerInvariant(name[0]) + name[1..] : name;
        var what = Format(style.Text(column.StartsWith("param_", StringComparison.Ordinal) ? ChartText.ModelParameter : ChartText.RegimeLever), inTitle);
        var plots = new List<Plot>();
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var bounds = Bounds.ForMetric(metric);
            var plot = style.NewPlot();
            foreach (var regime in data.ChartRegimes)
            {
                var color = ColorOf(regime);
                var byScenario = data.Runs.Where(r => r.Regime == regime).GroupBy(r => r.Scenario)
                    .Where(g => x.ContainsKey(g.Key) && double.IsFinite(x[g.Key]))
                    .Select(g => (X: x[g.Key], Values: g.Select(r => r[metric]).ToList()))
                    .ToList();
                if (byScenario.Count == 0)
                {
                    continue;
                }

                List<(double X, MeanCi Ci)> line;
                if (scattered)
                {
                    var means = byScenario.Select(s => (s.X, Mean: MeanCi.Of(s.Values).Mean)).Where(s => double.IsFinite(s.Mean)).OrderBy(s => s.X).ToList();
                    var points = plot.Add.ScatterPoints(means.Select(p => p.X).ToArray(), means.Select(p => p.Mean).ToArray(), color.WithAlpha(0.4));
                    points.MarkerSize = Pt(2.5);
                    line = Bins(means);
                }
                else
                {
                    line = byScenario.GroupBy(s => s.X).OrderBy(g => g.Key)
                        .Select(g => (g.Key, MeanCi.Of(g.SelectMany(s => s.Values)))).Where(p => p.Item2.N > 0).ToList();
                }

                if (line.Count == 0)
                {
                    continue;
                }

                var xs = line.Select(p => p.X).ToArray();
                if (line.Any(p => p.Ci.N > 1))
                {
                    var band = plot.Add.FillY(xs, line.Select(p => bounds.Clip(p.Ci.Low)).ToArray(), line.Select(p => bounds.Clip(p.Ci.High)).ToArray());
                    band.FillColor = color.WithAlpha(0.18);
                    band.LineWidth = 0;
                }

                var mean = plot.Add.ScatterLine(xs, line.Select(p => p.Ci.Mean).ToArray(), color);
                mean.LineWidth = ChartStyle.LinePt;
                mean.MarkerSize = scattered ? 0 : Pt(3);
                mean.MarkerShape = MarkerShape.FilledCircle;
                mean.MarkerColor = color;
            }

            ChartStyle.PanelTitle(plot, ChartText.Metric(style.Language, metric));
            if (!numeric)
            {
                ChartStyle.CategoryAxis(plot, categories);
            }
            else if (gridTicks.Length > 0)
            {
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(gridTicks, gridTicks.Select(ChartStyle.FormatTick).ToArray());
            }

            if (m >= metrics.Count - cols)
            {
                plot.XLabel(name);
            }

            plots.Add(plot);
        }

        var legend = data.ChartRegimes.Select(r => ChartStyle.LineItem(style.Regime(r), ColorOf(r))).ToList();
        if (scattered)
        {
            legend.Add(ChartStyle.MarkerItem(style.Text(ChartText.ScenarioMeans), Palette.Grey.WithAlpha(0.6), Pt(3)));
            legend.Add(ChartStyle.BandItem(style.Text(ChartText.BinnedMean), Palette.Grey));
        }
        else
        {
            legend.Add(ChartStyle.BandItem(style.Text(ChartText.MeanBand), Palette.Grey));
        }

        return layout.Grid(plots, cols, layout.PanelHeight(cols, layout.Narrow ? 0.95 : 0.72), legend, layout.Wrap(Format(style.Text(ChartText.TitleSweep), what)));
    }

    /// <summary>
    /// Equal-count bins of scenario means sorted by x: about √n bins (3 to 10); each bin's point is (mean x, mean of
    /// the scenario means) with a Student-t 95% CI across the scenarios in the bin.
    /// </summary>
    internal static List<(double X, MeanCi Ci)> Bins(IReadOnlyList<(double X, double Mean)> sorted)
    {
        var n = sorted.Count;
        if (n == 0)
        {
            return [];
        }

        var bins = Math.Clamp((int)Math.Round(Math.Sqrt(n)), Math.Min(3, n), 10);
        var result = new List<(double, MeanCi)>();
        for (var b = 0; b < bins; b++)
        {
            var from = b * n / bins;
            var to = (b + 1) * n / bins;
            if (to <= from)
            {
                continue;
            }

            var slice = sorted.Skip(from).Take(to - from).ToList();
            result.Add((slice.Average(p => p.X), MeanCi.Of(slice.Select(p => p.Mean))));
        }

        return result;
    }

    private static bool TryNumber(string text, out double value)
    {
        if (bool.TryParse(text, out var flag))
        {
            value = flag ? 1 : 0;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    // ---------- ablation ----------

    /// <summary>The (base, target) pairs of ablation.csv, in order of appearance.</summary>
    public IReadOnlyList<(string Base, string Target)> AblationPairs() =>
        data.Ablation.Select(a => (a.BaseRegime, a.TargetRegime)).Distinct().ToList();

    /// <summary>
    /// Effect of each lever (paired 95% CI), levers sorted by effect, the all-levers row on top. With leave-one-out
    /// rows (design remove) each lever gets two markers side by side: added to the base alone, removed from the target
    /// alone; the two differ when the lever interacts with the others.
    /// </summary>
    public Figure? Ablation(string baseRegime, string targetRegime)
    {
        var rows = data.Ablation.Where(a => a.BaseRegime == baseRegime && a.TargetRegime == targetRegime).ToList();
        // harm and social welfare always; service value and uncompensated harm too at two-column width
        var metrics = Preferred(rows.Select(r => r.Metric), layout.Narrow ? 2 : 4);
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
        var cols = layout.Narrow ? 1 : Math.Min(2, metrics.Count);
        var levers = 0;
        for (var m = 0; m < metrics.Count; m++)
        {
            var metric = metrics[m];
            var plot = style.NewPlot();
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
                labels.Add(style.Text(ChartText.AllLevers));
            }

            var zero = plot.Add.VerticalLine(0, Pt(0.8), Palette.Ink, LinePattern.Dashed);
            zero.ExcludeFromLegend = true;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions.ToArray(), labels.ToArray());
            ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Left).MajorTickStyle.Length = 0f;
            plot.Grid.YAxisStyle.IsVisible = false;
            plot.Axes.SetLimitsY(-0.7, positions.Count == 0 ? 1 : positions.Max() + 0.7);
            ChartStyle.PanelTitle(plot, ChartText.Metric(style.Language, metric));
            plot.XLabel(style.Text(hasRemove ? ChartText.LeverEffectAxis : ChartText.EffectAxis));
            plots.Add(plot);
        }

        var legend = new List<LegendItem>();
        if (hasRemove)
        {
            if (hasAdd)
            {
                legend.Add(ChartStyle.MarkerItem(Format(style.Text(ChartText.AddedTo), style.Regime(baseRegime)), addColor, Pt(5)));
            }

            legend.Add(ChartStyle.MarkerItem(Format(style.Text(ChartText.RemovedFrom), style.Regime(targetRegime)), removeColor, Pt(5), MarkerShape.FilledSquare));
        }
        else
        {
            legend.Add(ChartStyle.MarkerItem(style.Text(ChartText.OneLever), addColor, Pt(5)));
        }

        legend.Add(ChartStyle.MarkerItem(style.Text(ChartText.AllLevers), Palette.Ink, Pt(6), MarkerShape.FilledDiamond));
        var height = Math.Max(layout.PanelHeight(cols, 0.62), (int)Math.Round((levers + 2) * (both ? 0.28 : 0.2) * style.Options.Dpi + 0.6 * style.Options.Dpi));
        var pattern = !hasRemove ? ChartText.TitleAblation : hasAdd ? ChartText.TitleAblationBoth : ChartText.TitleAblationRemove;
        var title = layout.Wrap(Format(style.Text(pattern), style.Regime(baseRegime), style.Regime(targetRegime)));
        return layout.Grid(plots, cols, height, legend, title);
    }

    // ---------- sensitivity_sobol ----------

    /// <summary>
    /// A panel per key metric (3 at two-column width, 2 at one-column width), stacked in one column so that the
    /// parameter names are written once per row at full width and every panel shares the 0–1 index axis; per parameter
    /// a group of bars, one per regime: total-order ST as a light bar with an outline, first-order S1 as a narrower
    /// solid bar on top, each with its CI.
    /// </summary>
    public Figure? Sobol()
    {
        var rows = data.Sensitivity.Where(s => s.Method == "sobol" && s.Index is "S1" or "ST").ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        var metrics = Preferred(rows.Select(r => r.Metric), layout.Narrow ? 2 : 3);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var parameters = rows.Select(r => r.Parameter).Distinct(StringComparer.Ordinal).ToList();
        // long names break onto more lines (18 characters a line at one-column width), so that the bars keep most of the width
        var labels = parameters.Select(p => ChartText.Parameter(style.Language, p)).Select(l => Lines(l, layout.Narrow ? 18 : 32)).ToArray();
        var plots = new List<Plot>();
        var slot = 0.84 / regimes.Count;
        var lows = new List<double>();
        var highs = new List<double>();
        foreach (var metric in metrics)
        {
            var plot = style.NewPlot();
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
            ChartStyle.PanelTitle(plot, ChartText.Metric(style.Language, metric));
            plots.Add(plot);
        }

        // one 0–1 scale for every panel (wider only when a CI reaches beyond it); ticks every 0.2, 0.25, 0.5 or 1,
        // the finest that leaves each tick label room (about 5 ticks at one-column width, 9 at two-column width)
        var lowest = lows.DefaultIfEmpty(0).Min();
        var highest = highs.DefaultIfEmpty(1).Max();
        var step = SobolSteps.First(d => d >= 1.0 || ((Math.Max(1, Math.Ceiling(highest / d) * d) - Math.Min(0, Math.Floor(lowest / d) * d)) / d) + 1 <= (layout.Narrow ? 5 : 9));
        var low = Math.Min(0, Math.Floor(lowest / step) * step);
        var high = Math.Max(1, Math.Ceiling(highest / step) * step);
        var ticks = Enumerable.Range(0, (int)Math.Round((high - low) / step) + 1).Select(i => Math.Round(low + (i * step), 6)).ToArray();
        foreach (var plot in plots)
        {
            plot.Axes.SetLimitsX(low - 0.02, high + 0.02);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, ticks.Select(t => ChartStyle.FormatTick(t)).ToArray());
        }

        plots[^1].XLabel(style.Text(ChartText.SobolAxis));
        var legend = regimes.Select(r => ChartStyle.BoxItem(style.Regime(r), ColorOf(r))).ToList();
        legend.Add(ChartStyle.BoxItem(style.Text(ChartText.SobolS1), Palette.Grey));
        legend.Add(ChartStyle.BoxItem(style.Text(ChartText.SobolSt), Palette.Grey.WithAlpha(0.22), Palette.Grey));
        // about 0.09 in per bar (at least room for its name: two lines at one-column width) plus the panel title and tick labels
        var perParameter = Math.Max(regimes.Count * 0.09, (labels.Max(l => l.Split('\n').Length) * 0.135) + 0.03);
        var height = (int)Math.Round(((parameters.Count * perParameter) + 0.55) * style.Options.Dpi);
        return layout.Grid(plots, 1, height, legend, layout.Wrap(style.Text(ChartText.TitleSobol)), layout.AxisTitleHeight);
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

    // ---------- sensitivity_morris ----------

    public Figure? Morris()
    {
        var rows = data.Sensitivity.Where(s => s.Method == "morris" && s.Index is "mu_star" or "sigma").ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // two metrics at two-column width, total harm (or the first present) at one-column width
        var metrics = Preferred(rows.Select(r => r.Metric), layout.Narrow ? 1 : 2);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var plots = new List<Plot>();
        // one column at one-column width: each panel gets the full width for its point labels
        var cols = layout.Narrow ? 1 : Math.Min(4, regimes.Count);
        var aspect = layout.Narrow ? 0.62 : 0.85;
        var panelWidth = layout.Width / cols;
        var panelHeight = layout.PanelHeight(cols, aspect);
        foreach (var metric in metrics)
        {
            foreach (var regime in regimes)
            {
                var plot = style.NewPlot();
                var color = ColorOf(regime);
                var points = rows.Where(r => r.Metric == metric && r.Regime == regime).GroupBy(r => r.Parameter)
                    .Select(g => (Parameter: g.Key, Mu: g.FirstOrDefault(r => r.Index == "mu_star"), Sigma: g.FirstOrDefault(r => r.Index == "sigma")))
                    .Where(p => p.Mu is not null && p.Sigma is not null && double.IsFinite(p.Mu.Estimate) && double.IsFinite(p.Sigma.Estimate))
                    .ToList();
                Whiskers(plot, points.Select(p => (p.Sigma!.Estimate, p.Mu!.Estimate, p.Mu.Low, p.Mu.High)).ToList(), color.WithAlpha(0.6), MarkerShape.None, horizontal: true);
                foreach (var p in points)
                {
                    plot.Add.Marker(p.Mu!.Estimate, p.Sigma!.Estimate, MarkerShape.FilledCircle, Pt(5), color);
                }

                var maxX = points.Select(p => double.IsFinite(p.Mu!.High) ? Math.Max(p.Mu.High, p.Mu.Estimate) : p.Mu.Estimate).DefaultIfEmpty(1).Max();
                var maxY = points.Select(p => p.Sigma!.Estimate).DefaultIfEmpty(1).Max();
                var xMax = maxX <= 0 ? 1 : maxX * 1.12;
                var yMax = maxY <= 0 ? 1 : maxY * 1.15;
                plot.Axes.SetLimits(0, xMax, 0, yMax);

                // at one-column width only the three most influential parameters (largest μ*) are labelled
                var labelled = points.OrderByDescending(p => p.Mu!.Estimate).Take(layout.Narrow ? 3 : points.Count)
                    .Select(p => new MorrisLabel(ChartText.Parameter(style.Language, p.Parameter), p.Mu!.Estimate, p.Sigma!.Estimate)
                    {
                        // the label starts beyond the CI whisker on its side
                        ReachLeft = double.IsFinite(p.Mu.Low) ? Math.Max(0, p.Mu.Estimate - p.Mu.Low) : 0,
                        ReachRight = double.IsFinite(p.Mu.High) ? Math.Max(0, p.Mu.High - p.Mu.Estimate) : 0,
                    }).ToList();
                var fontPt = ChartStyle.TickPt - 1f;
                PlaceLabels(labelled, xMax, yMax, panelWidth, panelHeight, fontPt);
                foreach (var l in labelled)
                {
                    var label = plot.Add.Text(l.Text, l.X, l.LabelY);
                    label.LabelFontSize = fontPt;
                    label.LabelFontColor = Palette.Ink;
                    label.LabelAlignment = l.Left ? Alignment.MiddleRight : Alignment.MiddleLeft;
                    var clear = (l.Left ? l.ReachLeft : l.ReachRight) / xMax * (panelWidth - (0.85 * style.Options.Dpi)) / style.Scale;
                    label.LabelOffsetX = Pt((l.Left ? -1 : 1) * (3 + Math.Max(1, clear)));
                    if (Math.Abs(l.LabelY - l.Y) > 1e-9)
                    {
                        // a thin leader from the point to its moved label
                        var leader = plot.Add.Line(l.X, l.Y, l.X + (xMax * (l.Left ? -0.012 : 0.012)), l.LabelY);
                        leader.LineWidth = Pt(0.5);
                        leader.LineColor = Palette.Grey;
                    }
                }

                ChartStyle.PanelTitle(plot, metrics.Count == 1 ? style.Regime(regime) : style.Regime(regime) + "\n" + ChartText.Metric(style.Language, metric));
                var i = plots.Count;
                if (i % cols == 0)
                {
                    plot.YLabel(style.Text(ChartText.MorrisSigma));
                }

                if (i >= metrics.Count * regimes.Count - cols)
                {
                    plot.XLabel(style.Text(ChartText.MorrisMuStar));
                }

                plots.Add(plot);
            }
        }

        return layout.Grid(plots, cols, panelHeight, null,
            layout.Wrap(style.Text(ChartText.TitleMorris)) + (metrics.Count == 1 ? "\n" + ChartText.Metric(style.Language, metrics[0]) : string.Empty));
    }

    private sealed class MorrisLabel(string text, double x, double y)
    {
        public string Text { get; set; } = text;

        public double X { get; } = x;

        public double Y { get; } = y;

        public double LabelY { get; set; } = y;

        public bool Left { get; set; }

        public double ReachLeft { get; init; }

        public double ReachRight { get; init; }
    }

    /// <summary>
    /// Puts each label beside its point, on the left when it would run out of the data area on the right, and moves
    /// labels of the same side up or down (no further than needed) so that no two overlap.
    /// Pixel sizes are estimated from the panel size: about 0.75 in of it goes to the axes, 0.55 em per Latin character.
    /// </summary>
    private void PlaceLabels(List<MorrisLabel> labels, double xMax, double yMax, int panelWidth, int panelHeight, float fontPt)
    {
        var dpi = style.Options.Dpi;
        var dataWidth = Math.Max(1.0, panelWidth - (0.85 * dpi));
        var dataHeight = Math.Max(1.0, panelHeight - (0.75 * dpi));
        var em = fontPt * style.Scale;
        foreach (var l in labels)
        {
            var textPx = l.Text.Sum(c => c >= '\u2E80' ? 1.0 : 0.55) * em;
            var rightRoom = (1 - ((l.X + l.ReachRight) / xMax)) * dataWidth;
            var leftRoom = (l.X - l.ReachLeft) / xMax * dataWidth;
            l.Left = textPx + (0.1 * dpi) > rightRoom && leftRoom > rightRoom;
            var room = (l.Left ? leftRoom : rightRoom) - (0.1 * dpi);
            if (textPx > room)
            {
                // fits neither side: onto more lines as wide as the room
                l.Text = Lines(l.Text, Math.Max(8, (int)(room / (0.55 * em))));
            }
        }

        var line = 1.25 * em * yMax / dataHeight; // one text line's height in data units
        double Half(MorrisLabel l) => l.Text.Split('\n').Length * line / 2;
        foreach (var side in labels.GroupBy(l => l.Left))
        {
            var stack = side.OrderBy(l => l.Y).ToList();
            for (var i = 0; i < stack.Count; i++)
            {
                var floor = i == 0 ? Half(stack[i]) : stack[i - 1].LabelY + Half(stack[i - 1]) + Half(stack[i]);
                stack[i].LabelY = Math.Max(stack[i].Y, floor);
            }

            // pushed past the top: shift down again from the top
            for (var i = stack.Count - 1; i >= 0; i--)
            {
                var ceiling = i == stack.Count - 1 ? yMax - Half(stack[i]) : stack[i + 1].LabelY - Half(stack[i + 1]) - Half(stack[i]);
                stack[i].LabelY = Math.Min(stack[i].LabelY, ceiling);
            }
        }
    }

    // ---------- robustness ----------

    public Figure? Robustness()
    {
        var rows = data.Robustness.ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // at one-column width: two metrics, panels in one column so that their titles have the full width
        var metrics = Preferred(rows.Select(r => r.Metric), layout.Narrow ? 2 : 4);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var plots = new List<Plot>();
        var cols = layout.Narrow ? 1 : 2;
        foreach (var metric in metrics)
        {
            var mine = rows.Where(r => r.Metric == metric).ToList();
            var direction = mine.Select(r => r.Direction).FirstOrDefault() ?? "lower";
            var label = ChartText.Metric(style.Language, metric);
            var share = style.NewPlot();
            var regret = style.NewPlot();
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
            ChartStyle.PanelTitle(share, Format(style.Text(direction == "higher" ? ChartText.HigherBetter : ChartText.LowerBetter), label) + "\n" + style.Text(ChartText.BestShare));
            ChartStyle.PanelTitle(regret, label + "\n" + style.Text(ChartText.MaxRegret));
            plots.Add(share);
            plots.Add(regret);
        }

        var legend = regimes.Select(r => ChartStyle.BoxItem(style.Regime(r), ColorOf(r))).ToList();
        var scenarios = rows.Max(r => r.Scenarios);
        return layout.Grid(plots, cols, layout.PanelHeight(cols, layout.Narrow ? 0.42 : 0.6), legend, Format(style.Text(ChartText.TitleRobustness), scenarios));
    }

    // ---------- helpers ----------

    /// <summary>Up to <paramref name="max"/> metrics: the headline metrics present first, then other key metrics, then any others.</summary>
    private static List<string> Preferred(IEnumerable<string> present, int max)
    {
        var set = present.Distinct(StringComparer.Ordinal).ToList();
        return Headline.Where(set.Contains)
            .Concat(ChartText.KeyMetrics.Where(set.Contains))
            .Concat(set)
            .Distinct(StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    /// <summary>Regimes in the result set's order, then any others in order of appearance.</summary>
    private List<string> Ordered(IEnumerable<string> present)
    {
        var set = present.Distinct(StringComparer.Ordinal).ToList();
        return data.Regimes.Where(set.Contains).Concat(set).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Points with asymmetric 95% CI whiskers: horizontal whiskers at (mean, y) when <paramref name="horizontal"/>.</summary>
    private static void Whiskers(Plot plot, IReadOnlyList<(double Y, double Mean, double Low, double High)> points, Color color, MarkerShape marker, bool horizontal, double lineWidth = 1, double capSize = 3)
    {
        foreach (var (y, mean, low, high) in points)
        {
            if (!double.IsFinite(mean))
            {
                continue;
            }

            if (double.IsFinite(low) && double.IsFinite(high))
            {
                var bar = horizontal ? plot.Add.ErrorBar([mean], [y], [0.0]) : plot.Add.ErrorBar([y], [mean], [high - mean]);
                if (horizontal)
                {
                    bar.XErrorPositive = [Math.Max(0, high - mean)];
                    bar.XErrorNegative = [Math.Max(0, mean - low)];
                    bar.YErrorPositive = [0.0];
                    bar.YErrorNegative = [0.0];
                }
                else
                {
                    bar.YErrorNegative = [Math.Max(0, mean - low)];
                }

                bar.Color = color;
                bar.LineWidth = Pt(lineWidth);
                bar.CapSize = Pt(capSize);
            }

            if (marker != MarkerShape.None)
            {
                _ = horizontal ? plot.Add.Marker(mean, y, marker, Pt(5.5), color) : plot.Add.Marker(y, mean, marker, Pt(5.5), color);
            }
        }
    }
}
