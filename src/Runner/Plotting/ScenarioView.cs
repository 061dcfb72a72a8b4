using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The charts of one scenario.</summary>
internal sealed class ScenarioView
{
    private readonly ResultSet data;
    private readonly string scenario;
    private readonly IReadOnlyDictionary<string, Color> colors;
    private readonly ChartStyle style;
    private readonly string? title;
    private readonly string svgFontFallback;
    private readonly List<string> regimes;
    private readonly Layout layout;

    public ScenarioView(ResultSet data, string scenario, IReadOnlyDictionary<string, Color> colors, ChartStyle style, string? title, string svgFontFallback)
    {
        this.data = data;
        this.scenario = scenario;
        this.colors = colors;
        this.style = style;
        this.title = title;
        this.svgFontFallback = svgFontFallback;
        layout = new Layout(style, svgFontFallback);
        regimes = data.ChartRegimes
            .Where(r => data.Runs.Any(x => x.Scenario == scenario && x.Regime == r) || data.Series.Any(x => x.Scenario == scenario && x.Regime == r))
            .ToList();
    }

    private int Width => style.Options.WidthPixels;


    private float Pt(double points) => (float)points;

    // ---------- 1. cumulative harm ----------
    public Figure CumulativeHarm()
    {
        var plot = style.NewPlot();
        var items = new List<LegendItem>();
        foreach (var regime in regimes)
        {
            AddBand(plot, regime, "harm_total_yuan", cumulative: true, Bounds.NonNegative);
            items.Add(ChartStyle.LineItem(style.Regime(regime), colors[regime]));
        }

        items.Add(ChartStyle.BandItem(style.Text(ChartText.Band95), Palette.Grey));
        plot.XLabel(style.Text(ChartText.TimeAxis));
        plot.YLabel(style.Text(ChartText.CumulativeHarm));
        plot.Axes.Margins(left: 0, right: 0, bottom: 0, top: 0.05); // cumulative harm starts at zero
        return layout.Single(plot, items, title);
    }

    // ---------- 2. trade-off plane ----------
    public Figure Tradeoff(string yMetric, string yLabelKey, bool yNonNegative)
    {
        var plot = style.NewPlot();
        var items = new List<LegendItem>();
        foreach (var regime in regimes)
        {
            var runs = Runs(regime);
            var xs = runs.Select(r => r["harm_total_yuan"]).ToArray();
            var ys = runs.Select(r => r[yMetric]).ToArray();
            var color = colors[regime];
            var ok = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])).ToArray();
            if (ok.Length == 0)
            {
                continue;
            }

            var points = plot.Add.ScatterPoints(ok.Select(i => xs[i]).ToArray(), ok.Select(i => ys[i]).ToArray(), color.WithAlpha(0.45));
            points.MarkerSize = Pt(3.5);
            points.MarkerShape = MarkerShape.FilledCircle;

            var mx = MeanCi.Of(ok.Select(i => xs[i]));
            var my = MeanCi.Of(ok.Select(i => ys[i]));
            // whiskers stop at zero for quantities that cannot be negative (harm, service value)
            var bars = plot.Add.ErrorBar([mx.Mean], [my.Mean], [my.HalfWidth]);
            bars.XErrorPositive = [mx.HalfWidth];
            bars.XErrorNegative = [mx.Mean - Math.Max(0, mx.Low)];
            bars.YErrorPositive = [my.HalfWidth];
            bars.YErrorNegative = [yNonNegative ? my.Mean - Math.Max(0, my.Low) : my.HalfWidth];
            bars.Color = color;
            bars.LineWidth = Pt(1);
            bars.CapSize = Pt(3);
            var mean = plot.Add.Marker(mx.Mean, my.Mean, MarkerShape.FilledCircle, Pt(6.5), color);
            mean.MarkerLineColor = Colors.White;
            mean.MarkerLineWidth = Pt(0.6);
            items.Add(ChartStyle.MarkerItem(style.Regime(regime), color, Pt(6.5)));
        }

        items.Add(ChartStyle.MarkerItem(style.Text(ChartText.Replicates), Palette.Grey.WithAlpha(0.6), Pt(3.5)));
        items.Add(ChartStyle.MarkerItem(style.Text(ChartText.MeanCi), Palette.Grey, Pt(6.5)));
        plot.XLabel(style.Text(ChartText.CumulativeHarm));
        plot.YLabel(style.Text(yLabelKey));
        return layout.Single(plot, items, title);
    }

    // ---------- 3. time courses (small multiples) ----------
    public Figure Timecourses()
    {
        (string Metric, string Key, bool Cumulative, Bounds Bounds)[] panels =
        [
            ("harm_total_yuan", ChartText.CumulativeHarm, true, Bounds.NonNegative),
            ("compensation_yuan", ChartText.CumulativeCompensation, true, Bounds.NonNegative),
            ("records_held", ChartText.RecordsHeld, false, Bounds.NonNegative),
            ("model_quality", ChartText.ModelQuality, false, Bounds.Unit),
            ("user_trust", ChartText.UserTrust, false, Bounds.Unit),
            ("mean_reid_risk", ChartText.MeanReidRisk, false, Bounds.Unit),
        ];
        const int cols = 2;
        var legend = new List<LegendItem>();
        legend.AddRange(regimes.Select(r => ChartStyle.LineItem(style.Regime(r), colors[r])));
        legend.Add(ChartStyle.BandItem(style.Text(ChartText.Band95), Palette.Grey));

        var (xMin, xMax) = TickRange();
        var plots = new List<Plot>();
        for (var i = 0; i < panels.Length; i++)
        {
            var plot = style.NewPlot();
            foreach (var regime in regimes)
            {
                AddBand(plot, regime, panels[i].Metric, panels[i].Cumulative, panels[i].Bounds);
            }

            ChartStyle.PanelTitle(plot, style.Text(panels[i].Key));
            if (i / cols == (panels.Length - 1) / cols)
            {
                plot.XLabel(style.Text(ChartText.TimeAxis));
            }

            plot.Axes.Margins(horizontal: 0);
            if (xMax > xMin)
            {
                plot.Axes.SetLimitsX(xMin, xMax); // shared x axis
            }

            plots.Add(plot);
        }

        return layout.Grid(plots, cols, layout.PanelHeight(cols, layout.Narrow ? 1.05 : 0.62), legend, title);
    }

    // ---------- 4. harm by source ----------
    public Figure HarmSources()
    {
        (string Metric, string Key)[] sources =
        [
            ("harm_intrusion_yuan", ChartText.SourceIntrusion),
            ("harm_breach_yuan", ChartText.SourceBreach),
            ("harm_regurgitation_yuan", ChartText.SourceRegurgitation),
            ("harm_false_info_yuan", ChartText.SourceFalseInfo),
            ("harm_discrimination_yuan", ChartText.SourceDiscrimination),
            ("harm_secondary_use_yuan", ChartText.SourceSecondaryUse),
        ];
        var plot = style.NewPlot();
        var means = sources.Select(s => regimes.Select(r => MeanOrZero(Runs(r).Select(x => x[s.Metric]))).ToArray()).ToArray();
        AddStacks(plot, means, Palette.Sources);
        ChartStyle.CategoryAxis(plot, regimes.Select(style.Regime).ToList(), SlotPoints);
        plot.YLabel(style.Text(ChartText.MeanTotalHarm));
        plot.Axes.Margins(bottom: 0);
        return layout.Single(plot, sources.Select((s, i) => ChartStyle.BoxItem(style.Text(s.Key), Palette.Sources[i])).ToList(), title);
    }

    // ---------- 5. remedy: share compensated, and who paid ----------
    public Figure Remedy()
    {
        var labels = regimes.Select(style.Regime).ToList();

        var share = style.NewPlot();
        var bars = new List<Bar>();
        var errorLow = new List<double>();
        var errorHigh = new List<double>();
        for (var g = 0; g < regimes.Count; g++)
        {
            var ci = MeanCi.Of(Runs(regimes[g]).Select(r => r["harm_total_yuan"] > 0 ? 100.0 * r["compensation_yuan"] / r["harm_total_yuan"] : double.NaN));
            var mean = double.IsFinite(ci.Mean) ? ci.Mean : 0;
            var low = double.IsFinite(ci.Low) ? Math.Clamp(ci.Low, 0, 100) : mean;
            var high = double.IsFinite(ci.High) ? Math.Clamp(ci.High, 0, 100) : mean;
            bars.Add(new Bar
            {
                Position = g,
                Value = mean,
                Size = 0.6,
                FillColor = colors[regimes[g]],
                LineWidth = Pt(0.9),
                LineColor = Palette.Ink,
            });
            errorLow.Add(mean - low);
            errorHigh.Add(high - mean);
        }

        share.Add.Bars(bars);
        // the share lies in 0..100 %: the whiskers are clipped there
        var whiskers = share.Add.ErrorBar(Enumerable.Range(0, regimes.Count).Select(i => (double)i).ToList(), bars.Select(b => b.Value).ToList(), errorHigh);
        whiskers.YErrorNegative = errorLow;
        whiskers.Color = Palette.Ink;
        whiskers.LineWidth = Pt(0.9);
        whiskers.CapSize = Pt(4);
        ChartStyle.CategoryAxis(share, labels, SlotPoints);
        ChartStyle.PanelTitle(share, style.Text(ChartText.ShareCompensatedTitle));
        share.YLabel(style.Text(ChartText.ShareCompensated));
        share.Axes.Margins(bottom: 0);

        var paid = style.NewPlot();
        (string Metric, string Key)[] payers =
        [
            ("paid_by_providers_yuan", ChartText.PaidByProviders),
            ("paid_by_deployers_yuan", ChartText.PaidByDeployers),
            ("paid_by_users_yuan", ChartText.PaidByUsers),
        ];
        var means = payers.Select(p => regimes.Select(r => MeanOrZero(Runs(r).Select(x => x[p.Metric]))).ToArray()).ToArray();
        AddStacks(paid, means, Palette.Payers);
        ChartStyle.CategoryAxis(paid, labels, SlotPoints);
        ChartStyle.PanelTitle(paid, style.Text(ChartText.WhoPaidTitle));
        paid.YLabel(style.Text(ChartText.AwardsPaid));
        paid.Axes.Margins(bottom: 0);
        var legend = payers.Select((p, i) => ChartStyle.BoxItem(style.Text(p.Key), Palette.Payers[i])).ToList();
        return layout.Grid([share, paid], 1, (int)Math.Round(Width * (layout.Narrow ? 0.62 : 0.42)), legend, title);
    }

    // ---------- 6. rights requests vs served ----------
    public Figure Rights()
    {
        (string Requests, string Served, string Key)[] rights =
        [
            ("deletion_requests", "deletions_served", ChartText.RightDeletion),
            ("restriction_requests", "restrictions_served", ChartText.RightRestriction),
            ("explanation_requests", "explanations_served", ChartText.RightExplanation),
        ];
        var legend = new List<LegendItem>();
        legend.AddRange(regimes.Select(r => ChartStyle.BoxItem(style.Regime(r), colors[r])));
        legend.Add(ChartStyle.BoxItem(style.Text(ChartText.Requests), Palette.Grey.WithAlpha(0.22), Palette.Grey));
        legend.Add(ChartStyle.BoxItem(style.Text(ChartText.Served), Palette.Grey));
        var plots = new List<Plot>();
        for (var k = 0; k < rights.Length; k++)
        {
            var plot = style.NewPlot();
            var requested = new List<Bar>();
            var served = new List<Bar>();
            for (var g = 0; g < regimes.Count; g++)
            {
                var color = colors[regimes[g]];
                var runs = Runs(regimes[g]);
                requested.Add(new Bar { Position = g, Value = MeanOrZero(runs.Select(r => r[rights[k].Requests])), Size = 0.78, FillColor = color.WithAlpha(0.22), LineColor = color, LineWidth = Pt(0.8) });
                served.Add(new Bar { Position = g, Value = MeanOrZero(runs.Select(r => r[rights[k].Served])), Size = 0.46, FillColor = color, LineWidth = 0 });
            }

            plot.Add.Bars(requested);
            plot.Add.Bars(served);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
            plot.Grid.XAxisStyle.IsVisible = false;
            ChartStyle.PanelTitle(plot, style.Text(rights[k].Key));
            if (k == 0)
            {
                plot.YLabel(style.Text(ChartText.RightsAxis));
            }

            plot.Axes.Margins(bottom: 0);
            plots.Add(plot);
        }

        return layout.Grid(plots, rights.Length, layout.SingleHeight, legend, title);
    }

    // ---------- 7. paired difference from the baseline (summary.csv diff_* columns) ----------
    private static readonly string[] NarrowDifferenceMetrics =
        ["harm_total_yuan", "social_welfare_yuan", "service_value_yuan", "uncompensated_harm_yuan", "privacy_intrusions", "user_trust"];

    public Figure? BaselineDifference()
    {
        var rows = data.Summary.Where(r => r.Scenario == scenario && double.IsFinite(r.DiffMean)).ToList();
        var baseline = rows.Select(r => r.Baseline).FirstOrDefault(b => !string.IsNullOrEmpty(b));
        if (baseline is null)
        {
            return null;
        }

        var others = regimes.Where(r => r != baseline && rows.Any(x => x.Regime == r)).ToList();
        // at one-column width the six outcomes of the narrow sweep chart (all thirteen would make a figure 13 in tall)
        var metrics = (layout.Narrow ? NarrowDifferenceMetrics : ChartText.KeyMetrics).Where(m => rows.Any(r => r.Metric == m)).ToList();
        if (others.Count == 0 || metrics.Count == 0)
        {
            return null;
        }

        var plots = new List<Plot>();
        foreach (var metric in metrics)
        {
            var plot = style.NewPlot();
            for (var g = 0; g < others.Count; g++)
            {
                var row = rows.FirstOrDefault(r => r.Regime == others[g] && r.Metric == metric);
                if (row is null)
                {
                    continue;
                }

                var color = colors[others[g]];
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

            ChartStyle.PanelTitle(plot, style.Text(ChartText.MetricKey(metric)!));
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([], []);
            plot.Grid.XAxisStyle.IsVisible = false;
            plot.Axes.SetLimitsX(-0.6, others.Count - 0.4);
            // room above and below the whiskers and the zero line, so that no point sits on the frame
            var extent = rows.Where(r => r.Metric == metric && others.Contains(r.Regime))
                .SelectMany(r => new[] { r.DiffMean, r.DiffLow, r.DiffHigh }).Where(double.IsFinite).Append(0.0).ToList();
            var span = extent.Max() - extent.Min();
            var pad = span > 0 ? 0.08 * span : 1;
            plot.Axes.SetLimitsY(extent.Min() - pad, extent.Max() + pad);
            plots.Add(plot);
        }

        var legend = others.Select(r => ChartStyle.MarkerItem(style.Regime(r), colors[r], Pt(6))).ToList();
        var cols = layout.Columns(plots.Count);
        var chartTitle = layout.Wrap(string.Format(System.Globalization.CultureInfo.InvariantCulture, style.Text(ChartText.TitleBaselineDifference), style.Regime(baseline)));
        return layout.Grid(plots, cols, layout.PanelHeight(cols, layout.Narrow ? 1.0 : 0.7), legend, title is null ? chartTitle : title + "\n" + chartTitle);
    }

    // ---------- helpers ----------

    /// <summary>Approximate width of one regime's slot on a category axis, in points (the data area is about 80% of the figure).</summary>
    private double SlotPoints => 0.8 * style.Options.WidthInches * 72 / Math.Max(1, regimes.Count);
    private List<RunRow> Runs(string regime) => data.Runs.Where(r => r.Scenario == scenario && r.Regime == regime).ToList();

    private static double MeanOrZero(IEnumerable<double> values)
    {
        var m = MeanCi.Of(values).Mean;
        return double.IsFinite(m) ? m : 0;
    }

    private (double Min, double Max) TickRange()
    {
        var ticks = data.Series.Where(s => s.Scenario == scenario).SelectMany(s => s.Ticks).ToList();
        return ticks.Count == 0 ? (0, 0) : (ticks.Min(), ticks.Max());
    }

    /// <summary>Mean line and 95% band over replicates of one metric per tick (cumulated over ticks when asked).</summary>
    private void AddBand(Plot plot, string regime, string metric, bool cumulative, Bounds bounds)
    {
        var reps = data.Series.Where(s => s.Scenario == scenario && s.Regime == regime).ToList();
        if (reps.Count == 0)
        {
            return;
        }

        var lookups = reps.Select(r =>
        {
            var values = r.Values[metric];
            var map = new Dictionary<double, double>();
            var sum = 0.0;
            for (var i = 0; i < r.Ticks.Length; i++)
            {
                if (cumulative)
                {
                    sum += double.IsFinite(values[i]) ? values[i] : 0;
                    map[r.Ticks[i]] = sum;
                }
                else
                {
                    map[r.Ticks[i]] = values[i];
                }
            }

            return map;
        }).ToList();
        var ticks = lookups.SelectMany(m => m.Keys).Distinct().Order().ToArray();
        var stats = ticks.Select(t => MeanCi.Of(lookups.Where(m => m.ContainsKey(t)).Select(m => m[t]))).ToArray();
        var keep = Enumerable.Range(0, ticks.Length).Where(i => stats[i].N > 0).ToArray();
        if (keep.Length == 0)
        {
            return;
        }

        var xs = keep.Select(i => ticks[i]).ToArray();
        var color = colors[regime];
        if (keep.Any(i => stats[i].N > 1))
        {
            var band = plot.Add.FillY(xs, keep.Select(i => bounds.Clip(stats[i].Low)).ToArray(), keep.Select(i => bounds.Clip(stats[i].High)).ToArray());
            band.FillColor = color.WithAlpha(0.2);
            band.LineWidth = 0;
        }

        var line = plot.Add.ScatterLine(xs, keep.Select(i => stats[i].Mean).ToArray(), color);
        line.LineWidth = ChartStyle.LinePt;
        line.MarkerSize = 0;
    }

    private static void AddStacks(Plot plot, double[][] series, IReadOnlyList<Color> palette)
    {
        var groups = series.Length == 0 ? 0 : series[0].Length;
        var baseline = new double[groups];
        for (var s = 0; s < series.Length; s++)
        {
            var bars = new List<Bar>();
            for (var g = 0; g < groups; g++)
            {
                bars.Add(new Bar { Position = g, ValueBase = baseline[g], Value = baseline[g] + series[s][g], Size = 0.6, FillColor = palette[s % palette.Count], LineColor = Colors.White, LineWidth = 0.5f });
                baseline[g] += series[s][g];
            }

            plot.Add.Bars(bars);
        }
    }
}
