using System.Globalization;
using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>The look shared by every chart: sizes in points (the plot's ScaleFactor maps points to pixels), light styling.</summary>
internal sealed class ChartStyle
{
    public const float TickPt = 8f;
    public const float LabelPt = 9f;
    public const float TitlePt = 9f;
    public const float LegendPt = 8f;
    public const float LinePt = 1.3f;

    public ChartStyle(ChartOptions options, string fontName)
    {
        Options = options;
        FontName = fontName;
    }

    public ChartOptions Options { get; }

    /// <summary>The alias registered with ScottPlot's <see cref="Fonts"/>.</summary>
    public string FontName { get; }

    public string Language => Options.Language;

    /// <summary>Pixels per point: 300 dpi → 4.17, so an 8-point label is 8 pt tall when printed at WidthInches.</summary>
    public double Scale => Options.Dpi / 72.0;

    public string Text(string key) => ChartText.Get(Language, key);

    public string Regime(string regime) => ChartText.Regime(Language, regime);

    /// <summary>Tick labels: thousands separators, at most three decimals, no exponent.</summary>
    public static string FormatTick(double value)
    {
        if (Math.Abs(value) < 1e-12)
        {
            return "0";
        }

        return Math.Abs(value) >= 100
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("#,0.###", CultureInfo.InvariantCulture);
    }

    public Plot NewPlot()
    {
        var plot = new Plot { ScaleFactor = Scale };
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;

        var ink = Palette.Ink;
        foreach (var axis in new ScottPlot.AxisPanels.AxisBase[] { (ScottPlot.AxisPanels.AxisBase)plot.Axes.Bottom, (ScottPlot.AxisPanels.AxisBase)plot.Axes.Left })
        {
            axis.TickLabelStyle.FontSize = TickPt;
            axis.TickLabelStyle.ForeColor = ink;
            axis.LabelStyle.FontSize = LabelPt;
            axis.LabelStyle.ForeColor = ink;
            axis.LabelStyle.Bold = false;
            axis.FrameLineStyle.Width = 0.6f;
            axis.FrameLineStyle.Color = ink;
            axis.MajorTickStyle.Length = 3f;
            axis.MajorTickStyle.Width = 0.6f;
            axis.MajorTickStyle.Color = ink;
            axis.MinorTickStyle.Length = 0f;
            axis.MinorTickStyle.Width = 0f;
        }

        foreach (var axis in new ScottPlot.AxisPanels.AxisBase[] { (ScottPlot.AxisPanels.AxisBase)plot.Axes.Top, (ScottPlot.AxisPanels.AxisBase)plot.Axes.Right })
        {
            axis.FrameLineStyle.Width = 0f;
            axis.MajorTickStyle.Length = 0f;
            axis.MinorTickStyle.Length = 0f;
        }

        plot.Axes.Title.Label.FontSize = TitlePt;
        plot.Axes.Title.Label.ForeColor = ink;
        plot.Axes.Title.Label.Bold = true;

        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.Grid.MajorLineWidth = 0.5f;
        plot.Grid.MinorLineWidth = 0f;

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = FormatTick, TickDensity = Options.WidthInches < 5 ? 1.3 : 1.0 };
        // denser than ScottPlot's default on the vertical axis: small panels otherwise get a single tick
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = FormatTick, TickDensity = 1.6 };

        plot.Legend.FontSize = LegendPt;
        plot.Legend.FontName = FontName;
        plot.Legend.FontColor = ink;
        plot.Legend.OutlineWidth = 0f;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.BackgroundColor = Colors.White;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.DisplayPlottableLegendItems = false; // every chart lists its items explicitly
        return plot;
    }

    /// <summary>The title of a small-multiple panel: regular weight, one point smaller than a figure title.</summary>
    public static void PanelTitle(Plot plot, string text)
    {
        plot.Title(text);
        // the top axis draws nothing: hidden, it leaves no gap between the title and the data (without a title its
        // room keeps the top tick label inside the panel, so it stays there)
        plot.Axes.Top.IsVisible = false;
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Title.Label.FontSize = TitlePt - 0.5f;
    }

    /// <summary>Categorical x axis (bars): labels at 0..n-1, no vertical grid.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="labels">One label per category.</param>
    /// <param name="slotPoints">Width of one category in points: longer labels are broken after their hyphens onto more lines.</param>
    public static void CategoryAxis(Plot plot, IReadOnlyList<string> labels, double slotPoints = double.PositiveInfinity)
    {
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        var fitted = labels.Select(l => l.Sum(c => c >= '\u2E80' ? 1.0 : 0.55) * TickPt <= 0.9 * slotPoints ? l : l.Replace("-", "-\n", StringComparison.Ordinal)).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, fitted);
        plot.Grid.XAxisStyle.IsVisible = false;
        ((ScottPlot.AxisPanels.AxisBase)plot.Axes.Bottom).MajorTickStyle.Length = 0f;
    }

    public static LegendItem LineItem(string label, Color color) =>
        new() { LabelText = label, LineColor = color, LineWidth = 2f * LinePt, MarkerShape = MarkerShape.None };

    public static LegendItem BandItem(string label, Color color) =>
        new() { LabelText = label, FillColor = color.WithAlpha(0.2), LineWidth = 0f, MarkerShape = MarkerShape.None };

    public static LegendItem BoxItem(string label, Color fill, Color? outline = null) =>
        new() { LabelText = label, FillColor = fill, OutlineColor = outline ?? fill, OutlineWidth = outline is null ? 0f : 1f, LineWidth = 0f, MarkerShape = MarkerShape.None };

    public static LegendItem MarkerItem(string label, Color color, float size, MarkerShape shape = MarkerShape.FilledCircle) =>
        new() { LabelText = label, MarkerShape = shape, MarkerFillColor = color, MarkerLineColor = color, MarkerSize = size, LineWidth = 0f };

    public static void Legend(Plot plot, IEnumerable<LegendItem> items, Edge edge = Edge.Right)
    {
        plot.Legend.ManualItems.Clear();
        plot.Legend.ManualItems.AddRange(items);
        plot.ShowLegend(edge);
    }
}
