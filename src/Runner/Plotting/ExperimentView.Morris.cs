using System.Globalization;
using InfoRisk.Runner.Experiments;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The Morris screening chart: μ* against σ, with labels placed clear of each other.</summary>
internal sealed partial class ExperimentView
{
    public Figure? Morris()
    {
        var rows = _data.Sensitivity.Where(s => s.Method == "morris" && s.Index is "mu_star" or "sigma").ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // two metrics at two-column width, total harm (or the first present) at one-column width
        var metrics = Preferred(rows.Select(r => r.Metric), _layout.Narrow ? 1 : 2);
        var regimes = Ordered(rows.Select(r => r.Regime));
        var plots = new List<Plot>();
        // one column at one-column width: each panel gets the full width for its point labels
        var cols = _layout.Narrow ? 1 : Math.Min(4, regimes.Count);
        var aspect = _layout.Narrow ? 0.62 : 0.85;
        var panelWidth = _layout.Width / cols;
        var panelHeight = _layout.PanelHeight(cols, aspect);
        foreach (var metric in metrics)
        {
            foreach (var regime in regimes)
            {
                var plot = _style.NewPlot();
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
                var labelled = points.OrderByDescending(p => p.Mu!.Estimate).Take(_layout.Narrow ? 3 : points.Count)
                    .Select(p => new MorrisLabel(ChartText.Parameter(_style.Language, p.Parameter), p.Mu!.Estimate, p.Sigma!.Estimate)
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
                    var clear = (l.Left ? l.ReachLeft : l.ReachRight) / xMax * (panelWidth - (0.85 * _style.Options.Dpi)) / _style.Scale;
                    label.LabelOffsetX = Pt((l.Left ? -1 : 1) * (3 + Math.Max(1, clear)));
                    if (Math.Abs(l.LabelY - l.Y) > 1e-9)
                    {
                        // a thin leader from the point to its moved label
                        var leader = plot.Add.Line(l.X, l.Y, l.X + (xMax * (l.Left ? -0.012 : 0.012)), l.LabelY);
                        leader.LineWidth = Pt(0.5);
                        leader.LineColor = Palette.Grey;
                    }
                }

                ChartStyle.PanelTitle(plot, metrics.Count == 1 ? _style.Regime(regime) : _style.Regime(regime) + "\n" + ChartText.Metric(_style.Language, metric));
                var i = plots.Count;
                if (i % cols == 0)
                {
                    plot.YLabel(_style.Text(ChartText.MorrisSigma));
                }

                if (i >= metrics.Count * regimes.Count - cols)
                {
                    plot.XLabel(_style.Text(ChartText.MorrisMuStar));
                }

                plots.Add(plot);
            }
        }

        return _layout.Grid(plots, cols, panelHeight, null,
            _layout.Wrap(_style.Text(ChartText.TitleMorris)) + (metrics.Count == 1 ? "\n" + ChartText.Metric(_style.Language, metrics[0]) : string.Empty));
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
        var dpi = _style.Options.Dpi;
        var dataWidth = Math.Max(1.0, panelWidth - (0.85 * dpi));
        var dataHeight = Math.Max(1.0, panelHeight - (0.75 * dpi));
        var em = fontPt * _style.Scale;
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
}
