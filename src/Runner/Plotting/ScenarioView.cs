using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The charts of one scenario.</summary>
internal sealed partial class ScenarioView
{
    /// <summary>The time courses, in panel order: flows summed from the first day, stocks as they are each day.</summary>
    public static readonly IReadOnlyList<(MetricDefinition Metric, bool Cumulative)> Timecourse =
    [
        (Metric.HarmTotalYuan, true), (Metric.CompensationYuan, true), (Metric.RecordsHeld, false),
        (Metric.ModelQuality, false), (Metric.UserTrust, false), (Metric.MeanReidRisk, false),
    ];

    /// <summary>Harm by source, in stacking order, with the legend key of each source.</summary>
    private static readonly (MetricDefinition Metric, string Key)[] HarmSourceMetrics =
    [
        (Metric.HarmIntrusionYuan, ChartText.SourceIntrusion),
        (Metric.HarmBreachYuan, ChartText.SourceBreach),
        (Metric.HarmRegurgitationYuan, ChartText.SourceRegurgitation),
        (Metric.HarmFalseInfoYuan, ChartText.SourceFalseInfo),
        (Metric.HarmDiscriminationYuan, ChartText.SourceDiscrimination),
        (Metric.HarmSecondaryUseYuan, ChartText.SourceSecondaryUse),
    ];

    /// <summary>Awards by payer, in stacking order, with the legend key of each payer.</summary>
    private static readonly (MetricDefinition Metric, string Key)[] PayerMetrics =
    [
        (Metric.PaidByProvidersYuan, ChartText.PaidByProviders),
        (Metric.PaidByDeployersYuan, ChartText.PaidByDeployers),
        (Metric.PaidByUsersYuan, ChartText.PaidByUsers),
    ];

    /// <summary>Each right's requests and requests served, with the panel key.</summary>
    private static readonly (MetricDefinition Requests, MetricDefinition Served, string Key)[] RightMetrics =
    [
        (Metric.DeletionRequests, Metric.DeletionsServed, ChartText.RightDeletion),
        (Metric.RestrictionRequests, Metric.RestrictionsServed, ChartText.RightRestriction),
        (Metric.ExplanationRequests, Metric.ExplanationsServed, ChartText.RightExplanation),
    ];

    /// <summary>The run totals these charts draw (read from runs.csv).</summary>
    public static IEnumerable<MetricDefinition> RunMetrics =>
        new[] { Metric.HarmTotalYuan, Metric.CompensationYuan, Metric.ServiceValueYuan, Metric.SocialWelfareYuan }
            .Concat(HarmSourceMetrics.Select(s => s.Metric)).Concat(PayerMetrics.Select(p => p.Metric))
            .Concat(RightMetrics.SelectMany(r => new[] { r.Requests, r.Served }));

    private readonly ResultSet _data;
    private readonly string _scenario;
    private readonly IReadOnlyDictionary<string, Color> _colors;
    private readonly ChartStyle _style;
    private readonly string? _title;
    private readonly List<string> _regimes;
    private readonly Layout _layout;

    public ScenarioView(ResultSet data, string scenario, IReadOnlyDictionary<string, Color> colors, ChartStyle style, string? title, string svgFontFallback)
    {
        _data = data;
        _scenario = scenario;
        _colors = colors;
        _style = style;
        _title = title;
        _layout = new Layout(style, svgFontFallback);
        _regimes = data.ChartRegimes
            .Where(r => data.Runs.Any(x => x.Scenario == scenario && x.Regime == r) || data.Series.Any(x => x.Scenario == scenario && x.Regime == r))
            .ToList();
    }

    private int Width => _style.Options.WidthPixels;


    private float Pt(double points) => (float)points;

    // ---------- 1. cumulative harm ----------
    public Figure CumulativeHarm()
    {
        var plot = _style.NewPlot();
        var items = new List<LegendItem>();
        foreach (var regime in _regimes)
        {
            AddBand(plot, regime, Metric.HarmTotalYuan, cumulative: true);
            items.Add(ChartStyle.LineItem(_style.Regime(regime), _colors[regime]));
        }

        items.Add(ChartStyle.BandItem(_style.Text(ChartText.Band95), Palette.Grey));
        plot.XLabel(_style.Text(ChartText.TimeAxis));
        plot.YLabel(ChartText.Cumulative(_style.Language, Metric.HarmTotalYuan));
        plot.Axes.Margins(left: 0, right: 0, bottom: 0, top: 0.05); // cumulative harm starts at zero
        return _layout.Single(plot, items, _title);
    }

    // ---------- 2. trade-off plane ----------
    public Figure Tradeoff(MetricDefinition yMetric)
    {
        var plot = _style.NewPlot();
        var items = new List<LegendItem>();
        var yNonNegative = Bounds.ForMetric(yMetric).Min >= 0;
        foreach (var regime in _regimes)
        {
            var runs = Runs(regime);
            var xs = runs.Select(r => r[Metric.HarmTotalYuan]).ToArray();
            var ys = runs.Select(r => r[yMetric]).ToArray();
            var color = _colors[regime];
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
            items.Add(ChartStyle.MarkerItem(_style.Regime(regime), color, Pt(6.5)));
        }

        items.Add(ChartStyle.MarkerItem(_style.Text(ChartText.Replicates), Palette.Grey.WithAlpha(0.6), Pt(3.5)));
        items.Add(ChartStyle.MarkerItem(_style.Text(ChartText.MeanCi), Palette.Grey, Pt(6.5)));
        plot.XLabel(ChartText.Cumulative(_style.Language, Metric.HarmTotalYuan));
        plot.YLabel(ChartText.Cumulative(_style.Language, yMetric));
        return _layout.Single(plot, items, _title);
    }

    // ---------- 3. time courses (small multiples) ----------
    public Figure Timecourses()
    {
        const int cols = 2;
        var legend = new List<LegendItem>();
        legend.AddRange(_regimes.Select(r => ChartStyle.LineItem(_style.Regime(r), _colors[r])));
        legend.Add(ChartStyle.BandItem(_style.Text(ChartText.Band95), Palette.Grey));

        var (xMin, xMax) = TickRange();
        var plots = new List<Plot>();
        for (var i = 0; i < Timecourse.Count; i++)
        {
            var (metric, cumulative) = Timecourse[i];
            var plot = _style.NewPlot();
            foreach (var regime in _regimes)
            {
                AddBand(plot, regime, metric, cumulative);
            }

            ChartStyle.PanelTitle(plot, cumulative ? ChartText.Cumulative(_style.Language, metric) : ChartText.Level(_style.Language, metric));
            if (i / cols == (Timecourse.Count - 1) / cols)
            {
                plot.XLabel(_style.Text(ChartText.TimeAxis));
            }

            plot.Axes.Margins(horizontal: 0);
            if (xMax > xMin)
            {
                plot.Axes.SetLimitsX(xMin, xMax); // shared x axis
            }

            plots.Add(plot);
        }

        return _layout.Grid(plots, cols, _layout.PanelHeight(cols, _layout.Narrow ? 1.05 : 0.62), legend, _title);
    }

    // ---------- helpers ----------

    /// <summary>Approximate width of one regime's slot on a category axis, in points (the data area is about 80% of the figure).</summary>
    private double SlotPoints => 0.8 * _style.Options.WidthInches * 72 / Math.Max(1, _regimes.Count);
    private List<RunRow> Runs(string regime) => _data.Runs.Where(r => r.Scenario == _scenario && r.Regime == regime).ToList();

    private static double MeanOrZero(IEnumerable<double> values)
    {
        var m = MeanCi.Of(values).Mean;
        return double.IsFinite(m) ? m : 0;
    }

    private (double Min, double Max) TickRange()
    {
        var ticks = _data.Series.Where(s => s.Scenario == _scenario).SelectMany(s => s.Ticks).ToList();
        return ticks.Count == 0 ? (0, 0) : (ticks.Min(), ticks.Max());
    }

    /// <summary>Mean line and 95% band over replicates of one metric per tick (cumulated over ticks when asked).</summary>
    private void AddBand(Plot plot, string regime, MetricDefinition metric, bool cumulative)
    {
        var reps = _data.Series.Where(s => s.Scenario == _scenario && s.Regime == regime).ToList();
        if (reps.Count == 0)
        {
            return;
        }

        var lookups = reps.Select(r =>
        {
            var values = r.Values[metric.Name];
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
        var color = _colors[regime];
        var bounds = Bounds.ForMetric(metric);
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
