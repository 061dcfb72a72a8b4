using System.Buffers.Binary;
using System.Text.RegularExpressions;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Tests.Plotting;

public sealed class ChartSetTests : IDisposable
{
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

    private string NewResults(string[]? regimes = null)
    {
        var dir = SyntheticResults.Create(regimes);
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

    private static string SvgTexts(string path) =>
        // one element per label line: a title wrapped onto two lines comes out as two consecutive elements, joined by a space
        string.Join(" ", Regex.Matches(File.ReadAllText(path), "<text[^>]*>([^<]*)</text>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()));

    [Fact]
    public void English_charts_are_written_with_exact_pixel_width_and_real_svg_text()
    {
        var dir = NewResults();
        var options = new ChartOptions("en", WidthInches: 7.0, Dpi: 300);

        var files = ChartSet.Render(dir, options);

        var expected = ChartSet.ChartNames.SelectMany(n => new[] { n + ".png", n + ".svg" }).ToList();
        Assert.Equal(expected.Order(), files.Select(Path.GetFileName).Order());
        foreach (var file in files)
        {
            Assert.Equal(Path.Combine(dir, "plots"), Path.GetDirectoryName(file));
            Assert.True(File.Exists(file), file);
            Assert.True(new FileInfo(file).Length > 5_000, $"{file} is only {new FileInfo(file).Length} bytes");
        }

        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.Equal(2100, PngWidth(png));
        }

        foreach (var svg in files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)))
        {
            var xml = System.Xml.Linq.XDocument.Load(svg); // well-formed
            Assert.Equal("7in", xml.Root!.Attribute("width")!.Value);
            Assert.Contains("<text", File.ReadAllText(svg), StringComparison.Ordinal);
        }

        var harm = SvgTexts(Path.Combine(dir, "plots", "cumulative_harm.svg"));
        Assert.Contains("protection-first", harm, StringComparison.Ordinal);
        Assert.Contains("use-first", harm, StringComparison.Ordinal);
        Assert.Contains("Cumulative total harm (yuan)", harm, StringComparison.Ordinal);
        Assert.Contains("Time (days)", harm, StringComparison.Ordinal);
        Assert.Matches(@"\d,\d{3}", harm); // thousands separators on ticks

        var trade = SvgTexts(Path.Combine(dir, "plots", "tradeoff.svg"));
        Assert.Contains("Cumulative service value (yuan)", trade, StringComparison.Ordinal);
        Assert.Contains("Cumulative social welfare (yuan)", SvgTexts(Path.Combine(dir, "plots", "tradeoff_welfare.svg")), StringComparison.Ordinal);

        // time-course panels carry the registry's labels with the unit: cumulated flows, stocks as they are
        var courses = SvgTexts(Path.Combine(dir, "plots", "timecourses.svg"));
        foreach (var label in new[] { "Cumulative compensation (yuan)", "Records held (records)", "Model quality (0–1)", "User trust (0–1)", "Mean re-identification risk (probability)" })
        {
            Assert.Contains(label, courses, StringComparison.Ordinal);
        }

        Assert.Contains("Data breach", SvgTexts(Path.Combine(dir, "plots", "harm_sources.svg")), StringComparison.Ordinal);
        Assert.Contains("Harm compensated (%)", SvgTexts(Path.Combine(dir, "plots", "remedy.svg")), StringComparison.Ordinal);
        Assert.Contains("Deletion", SvgTexts(Path.Combine(dir, "plots", "rights.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Pixel_width_follows_width_and_dpi()
    {
        var dir = NewResults(["protection-first", "use-first", "dynamic-balance", "precautionary", "my-custom"]);
        var files = ChartSet.Render(dir, new ChartOptions("en", WidthInches: 3.5, Dpi: 200));
        foreach (var png in files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)))
        {
            Assert.Equal(700, PngWidth(png));
        }

        Assert.Contains("my-custom", SvgTexts(Path.Combine(dir, "plots", "cumulative_harm.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Regime_colours_are_fixed_okabe_ito()
    {
        var colors = Palette.ForRegimes(["use-first", "custom-a", "protection-first", "dynamic-balance", "precautionary", "custom-b"]);
        Assert.Equal("#0072B2", colors["protection-first"].ToHex()[..7]);
        Assert.Equal("#D55E00", colors["use-first"].ToHex()[..7]);
        Assert.Equal("#009E73", colors["dynamic-balance"].ToHex()[..7]);
        Assert.Equal("#CC79A7", colors["precautionary"].ToHex()[..7]);
        Assert.Equal("#E69F00", colors["custom-a"].ToHex()[..7]);
        Assert.Equal("#56B4E9", colors["custom-b"].ToHex()[..7]);
    }

    [Fact]
    public void Shipped_font_covers_every_english_label()
    {
        var font = FontCoverage.ShippedFont();
        Assert.NotNull(font);
        Assert.True(new FileInfo(font).Length < 1_000_000);
        Assert.NotNull(FontCoverage.ShippedFont(bold: true));
        Assert.Empty(FontCoverage.MissingGlyphs(font, ChartText.AllLabels("en")));
    }

    [Fact]
    public void Metric_labels_come_from_the_registry_with_the_run_level_unit_in_both_languages()
    {
        // flows: the run total in the unit without "/tick"; stocks: the final value; ranges with an en dash
        Assert.Equal("Total harm (yuan)", ChartText.Metric("en", Metric.HarmTotalYuan));
        Assert.Equal("总损害（元）", ChartText.Metric("zh", Metric.HarmTotalYuan));
        Assert.Equal("Final user trust (0–1)", ChartText.Metric("en", Metric.UserTrust));
        Assert.Equal("期末用户信任（0–1）", ChartText.Metric("zh", Metric.UserTrust));
        Assert.Equal("Privacy intrusions (items)", ChartText.Metric("en", Metric.PrivacyIntrusions.Name));
        Assert.Equal("Cumulative total harm (yuan)", ChartText.Cumulative("en", Metric.HarmTotalYuan));
        Assert.Equal("累计赔偿（元）", ChartText.Cumulative("zh", Metric.CompensationYuan));
        Assert.Equal("Mean total harm per run (yuan)", ChartText.MeanRunTotal("en", Metric.HarmTotalYuan));
        Assert.Equal("Records held (records)", ChartText.Level("en", Metric.RecordsHeld));
        // a name the registry does not know is shown as it is
        Assert.Equal("not_a_metric", ChartText.Metric("en", "not_a_metric"));
        // every unit the registry declares has a Chinese form (a new unit needs one in ChartText)
        Assert.Empty(ChartText.UnitsWithoutChinese());
        // the labels of every metric are registry labels: each label contains the registry's label in its language
        foreach (var m in Metric.All)
        {
            Assert.Contains(m.LabelZh, ChartText.Metric("zh", m), StringComparison.Ordinal);
            Assert.Contains(m.LabelEn[1..], ChartText.Metric("en", m), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_label_key_has_english_and_chinese_text()
    {
        Assert.Equal(ChartText.Table("en").Keys.Order(), ChartText.Table("zh").Keys.Order());
        Assert.Equal("保护优先", ChartText.Regime("zh", "protection-first"));
        Assert.Equal("利用优先", ChartText.Regime("zh", "use-first"));
        Assert.Equal("动态平衡", ChartText.Regime("zh", "dynamic-balance"));
        Assert.Equal("风险预防", ChartText.Regime("zh", "precautionary"));
        Assert.Equal("custom", ChartText.Regime("zh", "custom"));
        // every zh label is Chinese: it holds at least one CJK ideograph, or, for a pure pattern such as "{0}（{1}）",
        // its punctuation is the full-width (Chinese) form
        Assert.All(ChartText.Table("zh").Values, v =>
        {
            var text = System.Text.RegularExpressions.Regex.Replace(v, @"\{\d+\}", "");
            if (text.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(text, @"\p{IsCJKUnifiedIdeographs}"))
                Assert.Matches(@"^[\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}\s]+$", text);
            else
                Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", v);
        });
    }

    [Fact]
    public void Missing_glyphs_are_reported_by_character()
    {
        var font = FontCoverage.ShippedFont()!;
        Assert.Equal(["保", "护"], FontCoverage.MissingGlyphs(font, ["abc 保护 def 保"]));

        var dir = NewResults();
        var ex = Assert.Throws<ChartFontException>(() => ChartSet.Render(dir, new ChartOptions("zh", FontPath: font)));
        Assert.Contains("保", ex.MissingCharacters);
        Assert.Contains("保", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--font", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "plots", "cumulative_harm.png")));
    }

    /// <summary>Needs a CJK font (fonts-wqy-microhei): skipped without one, failed under INFORISK_REQUIRE_SYSTEM_PACKAGES=1.</summary>
    [SkippableFact]
    public void Chinese_charts_use_an_installed_cjk_font_or_explain_how_to_get_one()
    {
        var dir = NewResults();
        if (SystemPackages.Find(SystemPackages.CjkFont) is null)
        {
            var ex = Assert.Throws<ChartFontException>(() => ChartSet.Render(dir, new ChartOptions("zh")));
            Assert.Contains("no CJK font found", ex.Message, StringComparison.Ordinal);
            Assert.Contains("fonts-noto-cjk", ex.Message, StringComparison.Ordinal);
            Assert.Contains("--font", ex.Message, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "plots")));
        }

        var cjk = SystemPackages.Require(SystemPackages.CjkFont);
        var files = ChartSet.Render(dir, new ChartOptions("zh"));
        Assert.Equal(ChartSet.ChartNames.Count * 2, files.Count);
        var harm = SvgTexts(Path.Combine(dir, "plots", "cumulative_harm.svg"));
        Assert.Contains("保护优先", harm, StringComparison.Ordinal);
        Assert.Contains("利用优先", harm, StringComparison.Ordinal);
        Assert.Contains("累计总损害（元）", harm, StringComparison.Ordinal);
        Assert.DoesNotContain("protection-first", harm, StringComparison.Ordinal);
        Assert.Empty(FontCoverage.MissingGlyphs(cjk, ChartText.AllLabels("zh")));
    }

    [Fact]
    public void Replotting_needs_only_the_result_files_and_tolerates_a_sparse_manifest()
    {
        var dir = NewResults();
        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{}");
        var files = ChartSet.Render(dir, new ChartOptions(Dpi: 100));
        Assert.Equal(ChartSet.ChartNames.Count * 2, files.Count);

        File.Delete(Path.Combine(dir, "runs.csv"));
        Assert.Throws<FileNotFoundException>(() => ChartSet.Render(dir, new ChartOptions(Dpi: 100)));
    }

    [Fact]
    public void Each_further_scenario_gets_suffixed_files_and_a_title()
    {
        var dir = NewResults();
        var other = SyntheticResults.Create(scenario: "high risk");
        _dirs.Add(other);
        foreach (var file in new[] { "timeseries.csv", "runs.csv" })
        {
            File.AppendAllLines(Path.Combine(dir, file), File.ReadAllLines(Path.Combine(other, file)).Skip(1));
        }

        var files = ChartSet.Render(dir, new ChartOptions(Dpi: 100));

        Assert.Equal(ChartSet.ChartNames.Count * 4, files.Count);
        Assert.True(File.Exists(Path.Combine(dir, "plots", "cumulative_harm.png")));
        Assert.True(File.Exists(Path.Combine(dir, "plots", "rights_high-risk.svg")));
        Assert.Contains("Scenario: high risk", SvgTexts(Path.Combine(dir, "plots", "tradeoff_high-risk.svg")), StringComparison.Ordinal);
        Assert.Contains("Scenario: baseline", SvgTexts(Path.Combine(dir, "plots", "timecourses.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Confidence_interval_is_t_based()
    {
        var ci = MeanCi.Of([1.0, 2.0, 3.0]);
        Assert.Equal(2.0, ci.Mean, 12);
        // t(0.975, 2) = 4.302653; sd = 1; half = 4.302653 / sqrt(3)
        Assert.Equal(4.302653 / Math.Sqrt(3), ci.HalfWidth, 5);
        Assert.Equal(0, MeanCi.Of([5.0]).HalfWidth);
    }
}
