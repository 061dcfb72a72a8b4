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

    public ScenarioView(ResultSet data, string scenario, IReadOnlyDictionary<string, Color> colors, ChartStyle style, string? title, string svgFontFallback)
    {
        this.data = data;
        this.scenario = scenario;
        this.colors = colors;
        this.style = style;
        this.title = title;
        this.svgFontFallback = svgFontFallback;
        regimes = data.Regimes
            .Where(r => data.Runs.Any(x => x.Scenario == scenario && x.Regime == r) || data.Series.Any(x => x.Scenario == scenario && x.Regime == r))
            .ToList();
    }

    private int Width => style.Options.WidthPixels;

    private int SingleHeight => (int)Math.Round(Width * 0.62);

    private float Pt(double points) => (float)points;

    // ---------- 1. cumulative harm ----------
    public Figure CumulativeHarm()
    {
        var plot = style.NewPlot();
        var items = new List<LegendItem>();
        foreach (var regime in regimes)
        {
            AddBand(plot, regime, "harm_total_yuan", cumulative: true);
            items.Add(ChartStyle.LineItem(style.Regime(regime), colors[regime]));
        }

        items.Add(ChartStyle.BandItem(style.Text(ChartText.Band95), Palette.Grey));
        plot.XLabel(style.Text(ChartText.TimeAxis));
        plot.YLabel(style.Text(ChartText.CumulativeHarm));
        plot.Axes.Margins(horizontal: 0);
        ChartStyle.Legend(plot, items);
        SetTitle(plot);
        return Single(plot);
    }

    // ---------- 2. trade-off plane ----------
    public Figure Tradeoff(string yMetric, string yLabelKey)
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
            var bars = plot.Add.ErrorBar([mx.Mean], [my.Mean], [my.HalfWidth]);
            bars.XErrorPositive = [mx.HalfWidth];
            bars.XErrorNegative = [mx.HalfWidth];
            bars.YErrorPositive = [my.HalfWidth];
            bars.YErrorNegative = [my.HalfWidth];
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
        ChartStyle.Legend(plot, items);
        SetTitle(plot);
        return Single(plot);
    }

    // ---------- 3. time courses (small multiples) ----------
    public Figure Timecourses()
    {
        (string Metric, string Key, bool Cumulative)[] panels =
        [
            ("harm_total_yuan", ChartText.CumulativeHarm, true),
            ("compensation_yuan", ChartText.CumulativeCompensation, true),
            ("records_held", ChartText.RecordsHeld, false),
            ("model_quality", ChartText.ModelQuality, false),
            ("user_trust", ChartText.UserTrust, false),
            ("mean_reid_risk", ChartText.MeanReidRisk, false),
        ];
        const int cols = 2;
        var rows = (panels.Length + cols - 1) / cols;
        var height = (int)Math.Round(Width * 1.0);
        var legend = new List<LegendItem>();
        legend.AddRange(regimes.Select(r => ChartStyle.LineItem(style.Regime(r), colors[r])));
        legend.Add(ChartStyle.BandItem(style.Text(ChartText.Band95), Palette.Grey));
        var (strip, top) = LegendStrip(legend);
        var pw = Width / cols;
        var ph = (height - top) / rows;
        var figure = new Figure(Width, height, style.Options, svgFontFallback);

        var (xMin, xMax) = TickRange();
        var plots = new List<Plot>();
        for (var i = 0; i < panels.Length; i++)
        {
            var plot = style.NewPlot();
            foreach (var regime in regimes)
            {
                AddBand(plot, regime, panels[i].Metric, panels[i].Cumulative);
            }

            plot.Title(style.Text(panels[i].Key));
            plot.Axes.Title.Label.Bold = false;
            if (i / cols == rows - 1)
            {
                plot.XLabel(style.Text(ChartText.TimeAxis));
            }

            plot.Axes.Margins(horizontal: 0);
            if (xMax > xMin)
            {
                plot.Axes.SetLimitsX(xMin, xMax); // shared x axis
            }

            plots.Add(plot);
            figure.Add(plot, (i % cols) * pw, top + (i / cols) * ph, pw, ph);
        }

        figure.Add(strip, 0, 0, Width, top);

        for (var c = 0; c < cols; c++)
        {
            figure.Align(plots.Where((_, i) => i % cols == c).ToList(), horizontal: true, vertical: false);
        }

        for (var r = 0; r < rows; r++)
        {
            figure.Align(plots.Where((_, i) => i / cols == r).ToList(), horizontal: false, vertical: true);
        }

        return figure;
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
        ];
        var plot = style.NewPlot();
        var means = sources.Select(s => regimes.Select(r => MeanOrZero(Runs(r).Select(x => x[s.Metric]))).ToArray()).ToArray();
        AddStacks(plot, means, Palette.Sources);
        ChartStyle.CategoryAxis(plot, regimes.Select(style.Regime).ToList());
        plot.YLabel(style.Text(ChartText.MeanTotalHarm));
        plot.Axes.Margins(bottom: 0);
        ChartStyle.Legend(plot, sources.Select((s, i) => ChartStyle.BoxItem(style.Text(s.Key), Palette.Sources[i])).Reverse());
        SetTitle(plot);
        return Single(plot);
    }

    // ---------- 5. remedy: share compensated, and who paid ----------
    public Figure Remedy()
    {
        var height = (int)Math.Round(Width * 0.9);
        var top = title is null ? 0 : TopStripHeight();
        var ph = (height - top) / 2;
        var figure = new Figure(Width, height, style.Options, svgFontFallback);
        var labels = regimes.Select(style.Regime).ToList();

        var share = style.NewPlot();
        var bars = new List<Bar>();
        for (var g = 0; g < regimes.Count; g++)
        {
            var ci = MeanCi.Of(Runs(regimes[g]).Select(r => r["harm_total_yuan"] > 0 ? 100.0 * r["compensation_yuan"] / r["harm_total_yuan"] : double.NaN));
            var mean = double.IsFinite(ci.Mean) ? ci.Mean : 0;
            bars.Add(new Bar
            {
                Position = g,
                Value = mean,
                Size = 0.6,
                FillColor = colors[regimes[g]],
                LineWidth = Pt(0.9),
                LineColor = Palette.Ink,
                Error = double.IsFinite(ci.HalfWidth) ? ci.HalfWidth : 0,
                ErrorSize = 0.15,
            });
        }

        share.Add.Bars(bars);
        ChartStyle.CategoryAxis(share, labels);
        share.Title(style.Text(ChartText.ShareCompensatedTitle));
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
        ChartStyle.CategoryAxis(paid, labels);
        paid.Title(style.Text(ChartText.WhoPaidTitle));
        paid.YLabel(style.Text(ChartText.AwardsPaid));
        paid.Axes.Margins(bottom: 0);
        ChartStyle.Legend(paid, payers.Select((p, i) => ChartStyle.BoxItem(style.Text(p.Key), Palette.Payers[i])).Reverse());

        if (title is not null)
        {
            figure.Add(TitleStrip(), 0, 0, Width, top);
        }

        figure.Add(share, 0, top, Width, ph);
        figure.Add(paid, 0, top + ph, Width, ph);
        figure.Align([share, paid], horizontal: true, vertical: false);
        return figure;
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
        var (strip, top) = LegendStrip(legend);
        var pw = Width / rights.Length;
        var figure = new Figure(Width, SingleHeight, style.Options, svgFontFallback);
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
            plot.Title(style.Text(rights[k].Key));
            if (k == 0)
            {
                plot.YLabel(style.Text(ChartText.RightsAxis));
            }

            plot.Axes.Margins(bottom: 0);
            plots.Add(plot);
            figure.Add(plot, k * pw, top, pw, SingleHeight - top);
        }

        figure.Add(strip, 0, 0, Width, top);
        figure.Align(plots, horizontal: false, vertical: true);
        return figure;
    }

    // ---------- helpers ----------
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
    private void AddBand(Plot plot, string regime, string metric, bool cumulative)
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
            var band = plot.Add.FillY(xs, keep.Select(i => stats[i].Low).ToArray(), keep.Select(i => stats[i].High).ToArray());
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

    private int TopStripHeight() => (int)Math.Round(style.Options.Dpi * 0.36);

    /// <summary>A full-width strip holding a horizontal legend (and the scenario title, if any), and the height it needs.</summary>
    private (Plot Strip, int Height) LegendStrip(IEnumerable<LegendItem> items)
    {
        var plot = style.NewPlot();
        plot.HideAxesAndGrid();
        plot.Layout.Frameless();
        plot.Legend.ManualItems.AddRange(items);
        plot.ShowLegend(Alignment.MiddleCenter, Orientation.Horizontal);
        plot.Legend.BackgroundColor = Colors.Transparent;
        plot.Legend.Margin = new PixelPadding(0);
        plot.Legend.Padding = new PixelPadding(2);
        if (title is not null)
        {
            plot.Title(title);
        }

        // measure the legend (it wraps onto more rows when the items do not fit the width)
        plot.RenderInMemory(Width, Width);
        var legendPx = plot.Legend.LastRenderSize.Height * style.Scale;
        var titlePx = title is null ? 0 : 2.2 * ChartStyle.TitlePt * style.Scale;
        var height = (int)Math.Ceiling(Math.Max(TopStripHeight(), legendPx + titlePx + 0.08 * style.Options.Dpi));
        return (plot, height);
    }

    private Plot TitleStrip()
    {
        var plot = style.NewPlot();
        plot.HideAxesAndGrid();
        plot.Title(title ?? string.Empty);
        return plot;
    }

    private void SetTitle(Plot plot)
    {
        if (title is not null)
        {
            plot.Title(title);
        }
    }

    private Figure Single(Plot plot)
    {
        var figure = new Figure(Width, SingleHeight, style.Options, svgFontFallback);
        figure.Add(plot, 0, 0, Width, SingleHeight);
        return figure;
    }
}
