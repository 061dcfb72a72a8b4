using System.Globalization;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Tests.Plotting;

/// <summary>
/// Layout checks with labels as long as real results have them (the synthetic fixture with its sensitivity
/// parameters renamed to long names): no text is cut at its panel's edge, and the panels of the design charts give
/// most of their width to the data rather than to labels.
/// </summary>
public sealed partial class ChartGeometryTests : IDisposable
{
    /// <summary>Real-length parameter names: one with a display name (a long one), two without.</summary>
    private static readonly string[] LongParameters =
        ["breach_probability_24_months", "memorization_duplication_slope_per_log_copy", "litigation_cost_yuan_before_any_award"];

    private readonly List<string> _dirs = [];

    public static TheoryData<double> Widths => new(7.0, 3.5);

    public void Dispose()
    {
        foreach (var dir in _dirs)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private string Fixture()
    {
        var dir = SyntheticResults.CreateDesign("grid", points: 3);
        _dirs.Add(dir);
        var path = Path.Combine(dir, "sensitivity.csv");
        var text = File.ReadAllText(path);
        for (var i = 0; i < LongParameters.Length; i++)
        {
            text = text.Replace("," + SyntheticResults.SensitivityParameters[i] + ",", "," + LongParameters[i] + ",", StringComparison.Ordinal);
        }

        File.WriteAllText(path, text);
        return dir;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Every_text_of_every_chart_lies_inside_its_panel(double width)
    {
        var dir = Fixture();

        var files = ChartSet.Render(dir, new ChartOptions("en", WidthInches: width, Dpi: 300));

        var svgs = files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        Assert.Contains(svgs, f => Path.GetFileName(f) == "sensitivity_sobol.svg");
        var checkedTexts = 0;
        var clipped = new List<string>();
        foreach (var svg in svgs)
        {
            var (count, outside) = TextsOutsidePanels(File.ReadAllText(svg));
            checkedTexts += count;
            clipped.AddRange(outside.Select(t => Path.GetFileName(svg) + ": " + t));
        }

        Assert.True(checkedTexts > 100 * svgs.Count / 10, $"only {checkedTexts} texts found in {svgs.Count} charts");
        Assert.True(clipped.Count == 0, string.Join("\n", clipped));
    }

    [Fact]
    public void The_clipping_check_finds_a_text_that_runs_past_its_panel()
    {
        // a 100-wide panel: a 10-glyph label scaled 4x from x = 60 ends near 60 + 4 * (36 + 4) = 220
        const string svg = """
            <svg x="0" y="0" width="100" height="50" viewBox="0 0 100 50" overflow="hidden">
            <text transform="matrix(4 0 0 4 60 30)" font-size="8" x="0, 4, 8, 12, 16, 20, 24, 28, 32, 36" y="2">Total harm</text>
            <text transform="matrix(4 0 0 4 10 30)" font-size="8" x="0, 4" y="2">ok</text>
            </svg>
            """;

        var (count, outside) = TextsOutsidePanels(svg);

        Assert.Equal(2, count);
        Assert.Equal(["Total harm"], outside.Select(t => t.Split(" at ")[0]));
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Design_chart_panels_give_most_of_their_width_to_the_data(double width)
    {
        var data = ResultSet.Load(Fixture());
        var style = new ChartStyle(new ChartOptions("en", WidthInches: width, Dpi: 300), "Liberation Sans");
        var view = new ExperimentView(data, Palette.ForRegimes(data.ChartRegimes.Concat(data.Regimes)), style, "sans-serif");
        var figures = new Dictionary<string, Figure?>
        {
            ["sensitivity_sobol"] = view.Sobol(),
            ["sensitivity_morris"] = view.Morris(),
            ["robustness"] = view.Robustness(),
            ["sweep_param_subjects"] = view.Sweep("param_subjects"),
        };

        foreach (var (name, figure) in figures)
        {
            Assert.NotNull(figure);
            figure.RenderPng();
            // the strip holding the title and legend is the panel at the top edge; the others hold data
            var panels = figure.Panels.Where(p => p.Y > 0).ToList();
            Assert.NotEmpty(panels);
            foreach (var p in panels)
            {
                var dataWidth = p.Plot.LastRender.DataRect.Width * p.Plot.ScaleFactor;
                // tick labels such as "1,000,000" take about 0.6 in, so a 1.75 in panel keeps a bit over a third for data
                Assert.True(dataWidth >= 0.35 * p.Width, $"{name}: data area {dataWidth:0} px of a {p.Width} px panel");
            }

            if (name == "sensitivity_sobol")
            {
                // one panel per row: the bars get at least half of the figure's width whatever the parameter names
                Assert.All(panels, p => Assert.True(p.Plot.LastRender.DataRect.Width * p.Plot.ScaleFactor >= 0.5 * figure.Width));
            }
        }
    }

    [Fact]
    public void Sobol_axis_runs_from_zero_to_one_with_labelled_ticks_and_parameters_get_display_names()
    {
        var dir = Fixture();

        ChartSet.Render(dir, new ChartOptions("en", WidthInches: 7.0, Dpi: 150));

        var texts = Regex.Matches(File.ReadAllText(Path.Combine(dir, "plots", "sensitivity_sobol.svg")), "<text[^>]*>([^<]*)</text>")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        Assert.Contains("0", texts);
        Assert.Contains("0.4", texts);
        Assert.Contains("1", texts);
        Assert.Contains("Breach probability in 24 months", texts);
        Assert.DoesNotContain("breach_probability_24_months", texts);
        // no display name: the column name, broken after an underscore onto lines of at most 32 characters
        Assert.Contains("memorization_duplication_slope_", texts);
        Assert.Contains("per_log_copy", texts);
        Assert.Single(texts, t => t == "Sobol index (0–1)"); // the axis title once, under the last panel
    }

    /// <summary>
    /// The number of &lt;text&gt; elements inside the figure's panels (nested &lt;svg x y width height&gt;), and those whose
    /// box (glyph positions through the element's transform; about half an em for the last glyph, 0.7 em tall) leaves
    /// their panel by more than a pixel: the panel clips them.
    /// </summary>
    private static (int Count, List<string> Outside) TextsOutsidePanels(string svg)
    {
        var inv = CultureInfo.InvariantCulture;
        var count = 0;
        var outside = new List<string>();
        foreach (Match panel in PanelElement().Matches(svg))
        {
            var w = double.Parse(panel.Groups[1].Value, inv);
            var h = double.Parse(panel.Groups[2].Value, inv);
            foreach (Match text in TextElement().Matches(panel.Groups[3].Value))
            {
                count++;
                var attributes = text.Groups[1].Value;
                var content = System.Net.WebUtility.HtmlDecode(text.Groups[2].Value).Trim();
                var matrix = Regex.Match(attributes, @"transform=""matrix\(([^)]*)\)""");
                var m = matrix.Success
                    ? matrix.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, inv)).ToArray()
                    : [1, 0, 0, 1, 0, 0];
                var size = double.Parse(Regex.Match(attributes, @"font-size=""([^""]*)""").Groups[1].Value, inv);
                var xs = Regex.Match(attributes, @"\sx=""([^""]*)""").Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => double.Parse(v, inv)).ToList();
                var y = double.Parse(Regex.Match(attributes, @"\sy=""([^""]*)""").Groups[1].Value.Split(',')[0], inv);
                var last = content.Length > 0 && content[^1] >= '\u2E80' ? 1.0 : 0.5;
                var left = xs.Min();
                var right = xs.Max() + (last * size);
                foreach (var (px, py) in new[] { (left, y), (right, y), (left, y - (0.7 * size)), (right, y - (0.7 * size)) })
                {
                    var fx = (m[0] * px) + (m[2] * py) + m[4];
                    var fy = (m[1] * px) + (m[3] * py) + m[5];
                    if (fx < -1 || fx > w + 1 || fy < -1 || fy > h + 1)
                    {
                        outside.Add(string.Create(inv, $"{content} at ({fx:0}, {fy:0}) in a {w}x{h} panel"));
                        break;
                    }
                }
            }
        }

        return (count, outside);
    }

    [GeneratedRegex(@"<svg x=""\d+"" y=""\d+"" width=""(\d+)"" height=""(\d+)""[^>]*>(.*?)</svg>", RegexOptions.Singleline)]
    private static partial Regex PanelElement();

    [GeneratedRegex(@"<text([^>]*)>([^<]*)</text>")]
    private static partial Regex TextElement();
}
