using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// Arranges panels into a figure: an optional full-width strip on top holding the title and a horizontal legend
/// (so that legends never cover data and never eat the width of a one-column figure), then the panels row by row,
/// with the data areas of each column and each row lined up.
/// </summary>
internal sealed class Layout
{
    private readonly ChartStyle _style;
    private readonly string _svgFontFallback;

    public Layout(ChartStyle style, string svgFontFallback)
    {
        _style = style;
        _svgFontFallback = svgFontFallback;
    }

    public int Width => _style.Options.WidthPixels;

    /// <summary>True for figures narrower than 5 in (one journal column): fewer columns, taller panels.</summary>
    public bool Narrow => _style.Options.WidthInches < 5;

    /// <summary>Height of the data panel of a single chart: 0.62 of the width at two-column size, 0.8 at one-column size.</summary>
    public int SingleHeight => (int)Math.Round(Width * (Narrow ? 0.8 : 0.62));

    /// <summary>Columns for <paramref name="count"/> small multiples: at most <paramref name="wide"/> (7 in) or 2 (3.5 in).</summary>
    public int Columns(int count, int wide = 3) => Math.Max(1, Math.Min(count, Narrow ? 2 : wide));

    /// <summary>Panel height for <paramref name="cols"/> columns: 0.78 of the panel width, at least a fifth of the figure width.</summary>
    public int PanelHeight(int cols, double aspect = 0.78) => (int)Math.Round(Math.Max(Width / cols * aspect, Width * 0.2));

    /// <summary>Height in pixels of a one-line axis title with its padding.</summary>
    public int AxisTitleHeight => (int)Math.Round(2.0 * ChartStyle.LabelPt * _style.Scale);

    /// <summary>One plot under a legend strip.</summary>
    public Figure Single(Plot plot, IReadOnlyList<LegendItem>? legend, string? title) => Grid([plot], 1, SingleHeight, legend, title);

    /// <summary>Panels row by row in <paramref name="cols"/> columns, under a strip holding <paramref name="title"/> and <paramref name="legend"/>.</summary>
    /// <param name="panels">The panels, row by row.</param>
    /// <param name="cols">Panels per row.</param>
    /// <param name="panelHeight">Height of every row.</param>
    /// <param name="legend">Legend items of the strip on top (none: no legend).</param>
    /// <param name="title">Figure title in the strip on top (null: none).</param>
    /// <param name="lastRowExtra">Extra height of the last row: room for an x-axis title drawn only there, so its data area is as tall as the others'.</param>
    public Figure Grid(IReadOnlyList<Plot> panels, int cols, int panelHeight, IReadOnlyList<LegendItem>? legend, string? title, int lastRowExtra = 0)
    {
        var rows = (panels.Count + cols - 1) / cols;
        var hasStrip = (legend is { Count: > 0 }) || title is not null;
        var (strip, top) = hasStrip ? Strip(legend ?? [], title) : (null, 0);
        var figure = new Figure(Width, top + (rows * panelHeight) + lastRowExtra, _style.Options, _svgFontFallback);
        var pw = Width / cols;
        foreach (var panel in panels)
        {
            FitLabel(panel.Axes.Title.Label, pw);
            FitLabel(panel.Axes.Bottom.Label, pw);
        }

        for (var i = 0; i < panels.Count; i++)
        {
            figure.Add(panels[i], (i % cols) * pw, top + (i / cols) * panelHeight, pw, panelHeight + (i / cols == rows - 1 ? lastRowExtra : 0));
        }

        if (strip is not null)
        {
            figure.Add(strip, 0, 0, Width, top);
        }

        for (var c = 0; c < cols; c++)
        {
            figure.Align(panels.Where((_, i) => i % cols == c).ToList(), horizontal: true, vertical: false);
        }

        for (var r = 0; r < rows; r++)
        {
            figure.Align(panels.Where((_, i) => i / cols == r).ToList(), horizontal: false, vertical: true);
        }

        return figure;
    }

    /// <summary>A full-width strip holding a horizontal legend (wrapped onto more rows when needed) under an optional title, and the height it needs.</summary>
    public (Plot Strip, int Height) Strip(IReadOnlyList<LegendItem> items, string? title)
    {
        var plot = _style.NewPlot();
        plot.HideAxesAndGrid();
        plot.Layout.Frameless();
        var legendPx = 0.0;
        if (items.Count > 0)
        {
            plot.Legend.ManualItems.AddRange(items);
            plot.ShowLegend(title is null ? Alignment.MiddleCenter : Alignment.LowerCenter, Orientation.Horizontal);
            plot.Legend.BackgroundColor = Colors.Transparent;
            plot.Legend.Margin = new PixelPadding(0);
            plot.Legend.Padding = new PixelPadding(2);
        }

        if (title is not null)
        {
            plot.Title(title);
        }

        if (items.Count > 0)
        {
            // measure the legend (it wraps onto more rows when the items do not fit the width)
            plot.RenderInMemory(Width, Width);
            legendPx = plot.Legend.LastRenderSize.Height * _style.Scale;
        }

        var titlePx = title is null ? 0 : TitleLines(title) * 1.9 * ChartStyle.TitlePt * _style.Scale;
        var height = (int)Math.Ceiling(legendPx + titlePx + 0.06 * _style.Options.Dpi);
        return (plot, Math.Max(height, (int)Math.Round(0.2 * _style.Options.Dpi)));
    }

    /// <summary>Wraps a panel title or x-axis title that would be wider than the room it has: before its parenthesis, then between words.</summary>
    private void FitLabel(LabelStyle label, int panelPixels)
    {
        if (string.IsNullOrEmpty(label.Text))
        {
            return;
        }

        // each line of a multi-line label on its own
        label.Text = string.Join("\n", label.Text.Split('\n').Select(line => FitLine(line, label.FontSize, panelPixels)));
    }

    private string FitLine(string text, float fontSize, int panelPixels)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // titles are centred on the data area, which leaves about 0.68 of the panel width on its narrower side;
        // estimated widths: about 0.55 em per Latin character, 1 em per CJK character
        var room = 0.68 * panelPixels / _style.Scale / fontSize;
        double Em(string t) => t.Sum(c => c >= '\u2E80' ? 1.0 : 0.55);
        if (Em(text) <= room)
        {
            return text;
        }

        // two lines when they fit: the break before a parenthesis if both lines fit, else the most even break
        var breaks = Enumerable.Range(1, text.Length - 1).Where(i => text[i] is ' ' or '(' or '（').ToList();
        var splits = breaks.Select(i => (First: text[..i].TrimEnd(), Second: text[i..].TrimStart(), Paren: text[i] is '(' or '（'))
            .Where(p => p.First.Length > 0 && p.Second.Length > 0 && Em(p.First) <= room && Em(p.Second) <= room)
            .OrderByDescending(p => p.Paren).ThenBy(p => Math.Max(Em(p.First), Em(p.Second)))
            .ToList();
        if (splits.Count > 0)
        {
            return splits[0].First + "\n" + splits[0].Second;
        }

        // otherwise: a forced break before the parenthesis, and each part wrapped between words
        var cut = text.IndexOfAny(['(', '（']);
        var parts = cut > 0 ? [text[..cut].TrimEnd(), text[cut..]] : new[] { text };
        return string.Join("\n", parts.Select(part => Greedy(part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => (w, true)), t => Em(t) <= room)));
    }

    /// <summary>Long titles wrap onto a second line at a narrow width.</summary>
    private int TitleLines(string title) => title.Contains('\n', StringComparison.Ordinal) ? title.Split('\n').Length : 1;

    /// <summary>
    /// Wraps a figure title that is too long for the width (about 48 Latin characters per line at one-column width,
    /// 96 at two-column width, CJK characters counting double): lines break between words or before a parenthesis.
    /// </summary>
    public string Wrap(string title)
    {
        var perLine = Narrow ? 48 : 96;
        static int Width(string t) => t.Sum(c => c >= '\u2E80' ? 2 : 1);
        if (Width(title) <= perLine)
        {
            return title;
        }

        // tokens: words, with a break allowed before an opening parenthesis too
        var tokens = new List<(string Text, bool SpaceBefore)>();
        foreach (var (word, w) in title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((word, w) => (word, w)))
        {
            var parts = System.Text.RegularExpressions.Regex.Split(word, "(?=[(（])").Where(p => p.Length > 0).ToList();
            for (var p = 0; p < parts.Count; p++)
            {
                tokens.Add((parts[p], p == 0 && w > 0));
            }
        }

        return Greedy(tokens, t => Width(t) <= perLine);
    }

    /// <summary>Greedy line filling: each token goes on the current line while the line still fits, else starts a new one.</summary>
    private static string Greedy(IEnumerable<(string Text, bool SpaceBefore)> tokens, Func<string, bool> fits)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var (text, space) in tokens)
        {
            var candidate = line.Length == 0 ? text : line + (space ? " " : string.Empty) + text;
            if (line.Length > 0 && !fits(candidate))
            {
                lines.Add(line);
                line = text;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return string.Join("\n", lines);
    }
}
