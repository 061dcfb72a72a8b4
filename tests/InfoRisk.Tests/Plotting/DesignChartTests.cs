using System.Buffers.Binary;
using System.Text.RegularExpressions;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Tests.Plotting;

/// <summary>The charts of the optional result files (contracts.md), drawn from synthetic fixtures that follow the contracts.</summary>
public sealed class DesignChartTests : IDisposable
{
    private static readonly string[] DesignCharts =
        ["sweep_param_subjects", "sweep_lever_fine_cap", "ablation", "sensitivity_sobol", "sensitivity_morris", "robustness"];

    private readonly List<string> _dirs = [];

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

    private string Track(string dir)
    {
        _dirs.Add(dir);
        return dir;
    }

    private static int PngWidth(string path)
    {
        var header = new byte[24];
        using var f = File.OpenRead(path);
        f.ReadExactly(header);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(header, 1, 3));
        return BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16, 4));
    }

    /// <summary>The content of every &lt;text&gt; element (ScottPlot writes one element per label).</summary>
    private static string SvgTexts(string path) =>
        // one element per label line: a title wrapped onto two lines comes out as two consecutive elements, joined by a space
        string.Join(" ", Regex.Matches(File.ReadAllText(path), "<text[^>]*>([^<]*)</text>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()));

    private static IEnumerable<string> Expected(int scenarios) =>
        Enumerable.Range(0, scenarios)
            .SelectMany(s => ChartSet.ChartNames.Append("baseline_difference").Select(n => s == 0 ? n : n + "_" + s))
            .Concat(DesignCharts)
            .SelectMany(n => new[] { n + ".png", n + ".svg" });

    [Fact]
    public void Every_design_chart_is_drawn_with_exact_width_and_real_svg_text()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 3));

        // exact width = 7 in x dpi (100 dpi keeps the test quick; the 300 dpi default is checked at one column)
        var files = ChartSet.Render(dir, new ChartOptions("en", WidthInches: 7.0, Dpi: 100));

        Assert.Equal(Expected(3).Order(), files.Select(Path.GetFileName).Order());
        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.Equal(700, PngWidth(png));
        }

        foreach (var svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var xml = System.Xml.Linq.XDocument.Load(svg);
            Assert.Equal("7in", xml.Root!.Attribute("width")!.Value);
        }

        var plots = Path.Combine(dir, "plots");
        var sweep = SvgTexts(Path.Combine(plots, "sweep_param_subjects.svg"));
        Assert.Contains("Run totals against the model parameter subjects", sweep, StringComparison.Ordinal);
        foreach (var metric in InfoRisk.Runner.Experiments.KeyMetrics.All)
        {
            Assert.Contains(ChartText.Metric("en", metric), sweep, StringComparison.Ordinal);
        }

        Assert.Contains("my-custom", sweep, StringComparison.Ordinal);
        Assert.DoesNotContain("use-first+consent_general", sweep, StringComparison.Ordinal); // ablation variants: only in the ablation chart
        Assert.Contains("the regime lever fine_cap", SvgTexts(Path.Combine(plots, "sweep_lever_fine_cap.svg")), StringComparison.Ordinal);

        var difference = SvgTexts(Path.Combine(plots, "baseline_difference.svg"));
        Assert.Contains("Paired difference from the baseline dynamic-balance", difference, StringComparison.Ordinal);
        Assert.Contains("protection-first", difference, StringComparison.Ordinal);
        Assert.Contains("Total harm (yuan)", difference, StringComparison.Ordinal);

        var ablation = SvgTexts(Path.Combine(plots, "ablation.svg"));
        foreach (var lever in SyntheticResults.AblationLevers.Where(l => l != "all"))
        {
            Assert.Contains(lever, ablation, StringComparison.Ordinal);
        }

        Assert.Contains("all levers together", ablation, StringComparison.Ordinal);
        Assert.Contains("Total harm (yuan)", ablation, StringComparison.Ordinal);
        Assert.Contains("Social welfare (yuan)", ablation, StringComparison.Ordinal);

        var sobol = SvgTexts(Path.Combine(plots, "sensitivity_sobol.svg"));
        Assert.Contains("First-order index S1", sobol, StringComparison.Ordinal);
        Assert.Contains("Total-order index ST", sobol, StringComparison.Ordinal);
        Assert.All(SyntheticResults.SensitivityParameters, p => Assert.Contains(ChartText.Parameter("en", p), sobol, StringComparison.Ordinal));
        Assert.Contains("precautionary", sobol, StringComparison.Ordinal);

        var morris = SvgTexts(Path.Combine(plots, "sensitivity_morris.svg"));
        Assert.Contains("μ*", morris, StringComparison.Ordinal);
        // a point label with no room on either side breaks after an underscore (SvgTexts joins lines with a space)
        Assert.All(SyntheticResults.SensitivityParameters, p => Assert.Contains(ChartText.Parameter("en", p), morris.Replace("_ ", "_", StringComparison.Ordinal), StringComparison.Ordinal));

        var robustness = SvgTexts(Path.Combine(plots, "robustness.svg"));
        Assert.Contains("Total harm (yuan), lower is better", robustness, StringComparison.Ordinal);
        Assert.Contains("Social welfare (yuan), higher is better", robustness, StringComparison.Ordinal);
        Assert.Contains("Robustness across 3 scenarios", robustness, StringComparison.Ordinal);

        // every character drawn is in the shipped font
        var font = FontCoverage.ShippedFont()!;
        Assert.Empty(FontCoverage.MissingGlyphs(font, files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(SvgTexts)));
    }

    [Fact]
    public void One_column_size_is_1050_pixels_at_300_dpi_and_chinese_labels_are_covered_by_the_font()
    {
        var dir = Track(SyntheticResults.CreateDesign("lhs", points: 8));
        var cjk = SystemPackages.Find(SystemPackages.CjkFont);
        if (cjk is null)
        {
            // without a CJK font zh must fail clearly; English at one column still works
            Assert.Throws<ChartFontException>(() => ChartSet.Render(dir, new ChartOptions("zh", WidthInches: 3.5)));
        }

        var language = cjk is null ? "en" : "zh";
        var files = ChartSet.Render(dir, new ChartOptions(language, WidthInches: 3.5, Dpi: 300));

        // 8 scenarios: each gets its own set (at most ChartSet.MaxScenarioChartSets)
        Assert.Equal(Expected(8).Order(), files.Select(Path.GetFileName).Order());
        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.Equal(1050, PngWidth(png));
        }

        foreach (var svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            Assert.Equal("3.5in", System.Xml.Linq.XDocument.Load(svg).Root!.Attribute("width")!.Value);
        }

        var allTexts = files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(SvgTexts).ToList();
        Assert.Empty(FontCoverage.MissingGlyphs(cjk ?? FontCoverage.ShippedFont()!, allTexts));
        if (cjk is null)
        {
            return;
        }

        var plots = Path.Combine(dir, "plots");
        var ablation = SvgTexts(Path.Combine(plots, "ablation.svg"));
        Assert.Contains("全部杠杆同时切换", ablation, StringComparison.Ordinal);
        Assert.Contains("总损害（元）", ablation, StringComparison.Ordinal);
        Assert.Contains("利用优先", ablation, StringComparison.Ordinal);
        Assert.Contains("保护优先", ablation, StringComparison.Ordinal);
        var sweep = SvgTexts(Path.Combine(plots, "sweep_param_subjects.svg"));
        Assert.Contains("各情景均值", sweep, StringComparison.Ordinal); // LHS: scenario means as points
        Assert.Contains("分箱均值", sweep, StringComparison.Ordinal);
        Assert.Contains("动态平衡", sweep, StringComparison.Ordinal);
        Assert.Contains("风险预防", SvgTexts(Path.Combine(plots, "robustness.svg")), StringComparison.Ordinal);
        Assert.Contains("一阶指数 S1", SvgTexts(Path.Combine(plots, "sensitivity_sobol.svg")), StringComparison.Ordinal);
        Assert.Contains("与基准动态平衡的配对差值", SvgTexts(Path.Combine(plots, "baseline_difference.svg")), StringComparison.Ordinal);
        Assert.DoesNotContain("protection-first", string.Join("\n", allTexts), StringComparison.Ordinal);
    }

    [Fact]
    public void Beyond_twelve_scenarios_only_scenario_zero_gets_its_own_charts_and_series()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: ChartSet.MaxScenarioChartSets + 1, replicates: 2));
        var data = ResultSet.Load(dir);
        Assert.Equal(ChartSet.MaxScenarioChartSets + 1, data.Scenarios.Count);
        Assert.Equal(["0"], data.Series.Select(s => s.Scenario).Distinct());

        var files = ChartSet.Render(dir, new ChartOptions(Dpi: 72));

        Assert.Equal(Expected(1).Order(), files.Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Grid_sweep_without_scenarios_csv_falls_back_to_the_varying_runs_columns()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 3, scenariosFile: false));
        var data = ResultSet.Load(dir);

        // runs.csv varies param_subjects between scenarios; lever_fine_cap is 0.5 everywhere there
        Assert.Equal(["param_subjects"], data.SweptColumns);
        var files = ChartSet.Render(dir, new ChartOptions(Dpi: 72));
        Assert.Contains(files, f => Path.GetFileName(f) == "sweep_param_subjects.svg");
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("sweep_lever", StringComparison.Ordinal));
    }

    [Fact]
    public void Ablation_with_leave_one_out_rows_draws_added_and_removed_effects_side_by_side()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 1));
        var old = ResultSet.Load(dir).Ablation;
        Assert.All(old, a => Assert.Equal("add", a.Design)); // no design column: every row is an add row
        Assert.Contains(old, a => a.VariantRegime == "use-first+consent_general");
        var before = RenderAblation(dir, "en");
        Assert.Contains("One lever switched", before, StringComparison.Ordinal);
        Assert.DoesNotContain("removed from", before, StringComparison.Ordinal);

        SyntheticResults.AddLeaveOneOut(dir);
        var rows = ResultSet.Load(dir).Ablation;
        Assert.Equal(SyntheticResults.AblationLevers.Length - 1, rows.Where(a => a.Removes).Select(a => a.Lever).Distinct().Count());
        Assert.Contains(rows, a => a.Removes && a.VariantRegime == "protection-first-liability_sensitive");

        var both = RenderAblation(dir, "en");
        Assert.Contains("added to use-first", both, StringComparison.Ordinal);
        Assert.Contains("removed from protection-first", both, StringComparison.Ordinal);
        Assert.Contains("Effect of the lever (with − without)", both, StringComparison.Ordinal);
        Assert.Contains("all levers together", both, StringComparison.Ordinal);
        foreach (var lever in SyntheticResults.AblationLevers.Where(l => l != "all"))
        {
            // one tick label per lever and panel, although each lever has two markers
            Assert.Equal(Regex.Count(before, Regex.Escape(lever)), Regex.Count(both, Regex.Escape(lever)));
        }

        if (SystemPackages.Find(SystemPackages.CjkFont) is { } cjk)
        {
            var zh = RenderAblation(dir, "zh");
            Assert.Empty(FontCoverage.MissingGlyphs(cjk, [zh]));
            Assert.Contains("加入利用优先", zh, StringComparison.Ordinal);
            Assert.Contains("从保护优先中移除", zh, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ablation_with_remove_rows_only_has_no_added_markers()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 1));
        SyntheticResults.AddLeaveOneOut(dir);
        var path = Path.Combine(dir, "ablation.csv");
        // design "remove": the add part holds the all row only
        File.WriteAllLines(path, File.ReadAllLines(path).Where((l, i) => i == 0 || l.EndsWith(",remove", StringComparison.Ordinal) || l.Contains(",all,", StringComparison.Ordinal)));

        var texts = RenderAblation(dir, "en");

        Assert.Contains("removed from protection-first", texts, StringComparison.Ordinal);
        Assert.Contains("back to its use-first value", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("added to", texts, StringComparison.Ordinal);
        Assert.Contains("all levers together", texts, StringComparison.Ordinal);
        Assert.All(SyntheticResults.AblationLevers.Where(l => l != "all"), l => Assert.Contains(l, texts, StringComparison.Ordinal));
    }

    [Fact]
    public void Ablation_design_other_than_add_or_remove_is_refused()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 1));
        SyntheticResults.AddLeaveOneOut(dir);
        File.AppendAllText(Path.Combine(dir, "ablation.csv"), "synthetic,use-first,protection-first,all,a,b,harm_total_yuan,3,1,1,1,0,2,1,sideways\n");
        var bad = Assert.Throws<InvalidDataException>(() => ResultSet.Load(dir));
        Assert.Contains("ablation.csv line", bad.Message, StringComparison.Ordinal);
        Assert.Contains("design 'sideways'", bad.Message, StringComparison.Ordinal);
        Assert.Contains("add, remove", bad.Message, StringComparison.Ordinal);
    }

    private static string RenderAblation(string dir, string language)
    {
        var files = ChartSet.Render(dir, new ChartOptions(language, Dpi: 72));
        return SvgTexts(files.Single(f => Path.GetFileName(f) == "ablation.svg"));
    }

    [Fact]
    public void Missing_optional_files_mean_their_charts_are_not_drawn()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 3));
        foreach (var file in new[] { "ablation.csv", "sensitivity.csv", "robustness.csv", "scenarios.csv" })
        {
            File.Delete(Path.Combine(dir, file));
        }

        // a summary.csv without the diff_* columns (results written before they existed)
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv")).Select(l => string.Join(",", l.Split(',').Take(9)));
        File.WriteAllLines(Path.Combine(dir, "summary.csv"), summary);

        var names = ChartSet.Render(dir, new ChartOptions(Dpi: 72)).Select(f => Path.GetFileNameWithoutExtension(f)!).Distinct().ToList();

        Assert.DoesNotContain("ablation", names);
        Assert.DoesNotContain("sensitivity_sobol", names);
        Assert.DoesNotContain("sensitivity_morris", names);
        Assert.DoesNotContain("robustness", names);
        Assert.DoesNotContain(names, n => n.StartsWith("baseline_difference", StringComparison.Ordinal));
        Assert.Contains("sweep_param_subjects", names); // still from runs.csv

        // without ablation.csv the variants are ordinary regimes again
        Assert.Contains("use-first+all", ResultSet.Load(dir).ChartRegimes);
    }

    [Fact]
    public void Ablation_variants_are_left_out_of_the_regime_charts_and_colours_stay_fixed()
    {
        var data = ResultSet.Load(Track(SyntheticResults.CreateDesign("grid", points: 1)));

        Assert.Equal(["protection-first", "use-first", "dynamic-balance", "precautionary", "my-custom"], data.ChartRegimes);
        Assert.Equal(SyntheticResults.DesignRegimes.Length, data.Regimes.Count);

        var colors = Palette.ForRegimes(data.ChartRegimes.Concat(data.Regimes));
        Assert.Equal("#0072B2", colors["protection-first"].ToHex()[..7]);
        Assert.Equal("#D55E00", colors["use-first"].ToHex()[..7]);
        Assert.Equal("#009E73", colors["dynamic-balance"].ToHex()[..7]);
        Assert.Equal("#CC79A7", colors["precautionary"].ToHex()[..7]);
        Assert.Equal("#E69F00", colors["my-custom"].ToHex()[..7]); // the first spare colour, whatever variants follow
        Assert.Equal(SyntheticResults.DesignRegimes.Length, colors.Values.Select(c => c.ToHex()).Distinct().Count());
    }

    [Fact]
    public void Twelve_custom_regimes_get_twelve_distinct_colours_none_of_them_a_built_in_one()
    {
        var customs = Enumerable.Range(0, 12).Select(i => "custom-" + i).ToList();
        var colors = Palette.ForRegimes(ChartText.BuiltInRegimes.Concat(customs));
        var builtIn = ChartText.BuiltInRegimes.Select(r => colors[r].ToHex()).ToHashSet();
        var spare = customs.Select(r => colors[r].ToHex()).ToList();
        Assert.Equal(12, spare.Distinct().Count());
        Assert.DoesNotContain(spare, builtIn.Contains);
    }

    [Fact]
    public void Source_and_payer_colours_never_reuse_a_regime_colour()
    {
        var regimeColours = Palette.ForRegimes(ChartText.BuiltInRegimes.Concat(Enumerable.Range(0, 4).Select(i => "c" + i))).Values.Select(c => c.ToHex()).ToHashSet();
        Assert.DoesNotContain(Palette.Sources, c => regimeColours.Contains(c.ToHex()));
        Assert.DoesNotContain(Palette.Payers, c => regimeColours.Contains(c.ToHex()));
    }

    [Fact]
    public void Latin_hypercube_bins_hold_equal_counts_and_their_means()
    {
        var points = Enumerable.Range(0, 10).Select(i => (X: (double)i, Mean: 2.0 * i)).ToList();

        var bins = ExperimentView.Bins(points);

        // round(sqrt(10)) = 3 bins of 3, 3 and 4 points
        Assert.Equal(3, bins.Count);
        Assert.Equal([3, 3, 4], bins.Select(b => b.Ci.N));
        Assert.Equal(1.0, bins[0].X, 12);
        Assert.Equal(2.0, bins[0].Ci.Mean, 12);
        Assert.Equal(7.5, bins[2].X, 12);
        Assert.Equal(15.0, bins[2].Ci.Mean, 12);
        Assert.True(bins[0].Ci.Low < 2.0 && bins[0].Ci.High > 2.0);
    }

    [Fact]
    public void Bad_optional_file_is_refused_with_file_line_column_and_nothing_written()
    {
        var dir = Track(SyntheticResults.CreateDesign("grid", points: 1));
        File.AppendAllText(Path.Combine(dir, "robustness.csv"), "use-first,harm_total_yuan,sideways,1,1,1,0,0\n");

        var ex = Assert.Throws<InvalidDataException>(() => ChartSet.Render(dir, new ChartOptions(Dpi: 72)));
        Assert.Contains("robustness.csv line", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'sideways'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lower, higher", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "plots")));

        File.WriteAllLines(Path.Combine(dir, "robustness.csv"), File.ReadAllLines(Path.Combine(dir, "robustness.csv")).SkipLast(1));
        File.AppendAllText(Path.Combine(dir, "ablation.csv"), "synthetic,use-first,protection-first,all,a,b,harm_total_yuan,3,1,1,lots,0,0,1\n");
        var bad = Assert.Throws<InvalidDataException>(() => ChartSet.Render(dir, new ChartOptions(Dpi: 72)));
        Assert.Contains("ablation.csv line", bad.Message, StringComparison.Ordinal);
        Assert.Contains("'lots' in column 'effect_mean'", bad.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir, ".plots.tmp-*"));
    }

    [Fact]
    public async Task Plot_command_on_a_copied_folder_with_only_csvs_and_manifest_draws_the_whole_set()
    {
        var source = Track(SyntheticResults.CreateDesign("grid", points: 2));
        var copy = Track(Path.Combine(Path.GetTempPath(), "inforisk-copy-" + Guid.NewGuid().ToString("N")[..10]));
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".csv", StringComparison.Ordinal) || Path.GetFileName(f) == "manifest.json"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        Assert.Equal(0, await InfoRisk.Runner.Cli.Build().Parse(["plot", copy, "--width-in", "3.5", "--dpi", "300"]).InvokeAsync());

        var written = Directory.EnumerateFiles(Path.Combine(copy, "plots")).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Expected(2).Order(), written);
        Assert.All(Directory.EnumerateFiles(Path.Combine(copy, "plots"), "*.png"), png => Assert.Equal(1050, PngWidth(png)));
        Assert.Equal(["plots"], Directory.EnumerateDirectories(copy).Select(Path.GetFileName)); // no scratch folder left

        var cjk = SystemPackages.Find(SystemPackages.CjkFont);
        var zh = await InfoRisk.Runner.Cli.Build().Parse(["plot", copy, "--lang", "zh", "--dpi", "72"]).InvokeAsync();
        if (cjk is null)
        {
            Assert.Equal(ExitCodes.BadInput, zh);
        }
        else
        {
            Assert.Equal(ExitCodes.Ok, zh);
            Assert.Contains("保护优先", SvgTexts(Path.Combine(copy, "plots", "robustness.svg")), StringComparison.Ordinal);
            Assert.Equal(Expected(2).Order(), Directory.EnumerateFiles(Path.Combine(copy, "plots")).Select(Path.GetFileName).Order());
        }

        File.WriteAllText(Path.Combine(copy, "sensitivity.csv"), "method,regime\nsobol,use-first\n");
        Assert.Equal(ExitCodes.BadInput, await InfoRisk.Runner.Cli.Build().Parse(["plot", copy]).InvokeAsync());
    }
}
