using System.Text.RegularExpressions;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Report;

namespace InfoRisk.Tests.Explorer;

/// <summary>inforisk report without a browser: self-contained, every chart, the tables, the refusals of plot, atomic writing.</summary>
[Collection(ReportCollection.Name)]
public sealed class ReportTests(ReportFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> ReportAsync(string results, string? outPath, string language = "en")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ReportCommand.ExecuteAsync(results, language, outPath, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static async Task<(int Code, string Err)> PlotAsync(string results)
    {
        var error = new StringWriter();
        var code = await PlotCommand.ExecuteAsync(results, new ChartOptions(), new StringWriter(), error);
        return (code, error.ToString());
    }

    [Fact]
    public async Task The_report_is_one_self_contained_file_with_every_chart_the_tables_and_the_definitions()
    {
        var results = fixture.Copy(Path.Combine(_dir, "results"));
        var before = Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories).Order().ToList();
        var file = Path.Combine(_dir, "report.html");
        var (code, output, error) = await ReportAsync(results, file);
        Assert.True(code == 0, error);
        Assert.Contains(file, output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);

        // nothing to fetch: no external script, style, image or font; the only http(s) text is the SVG namespace name
        Assert.DoesNotMatch(new Regex(@"<(script|img|link|iframe)[^>]+(src|href)=""(?!data:|#)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"url\((?!data:)", RegexOptions.IgnoreCase), html);
        var urls = Regex.Matches(html, @"https?://[^\s""'<>)]*").Select(m => m.Value).Distinct().ToList();
        Assert.All(urls, u => Assert.Equal("http://www.w3.org/2000/svg", u));

        // every chart of the folder: the same charts 'inforisk plot' draws, inlined as SVG data
        var plotted = ChartSet.Render(fixture.Copy(Path.Combine(_dir, "plotted")), new ChartOptions(Dpi: 96)).Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).ToList();
        var inlined = Regex.Matches(html, @"<figure class=""paper-chart"" id=""chart-([^""]+)""><img src=""data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)""").ToList();
        Assert.Equal(plotted, inlined.Select(m => m.Groups[1].Value));
        Assert.True(inlined.All(m => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value)).Contains("<svg ", StringComparison.Ordinal)), "every inlined chart is SVG");

        // the summary table with paired differences, the manifest, and the registry's definitions of the metrics shown
        Assert.Contains("class=\"summary-table\"", html, StringComparison.Ordinal);
        Assert.Contains("data-diff=", html, StringComparison.Ordinal);
        Assert.Contains("id=\"manifest\"", html, StringComparison.Ordinal);
        foreach (var m in Metric.All) Assert.Contains($"<dt id=\"def-{m.Name}\">", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Metric.HarmTotalYuan.Meaning), html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);

        // the result folder is not changed (no plots/ added), and no temporary file is left beside the report
        Assert.Equal(before, Directory.EnumerateFileSystemEntries(results, "*", SearchOption.AllDirectories).Order().ToList());
        Assert.Equal(["report.html"], Directory.EnumerateFiles(_dir).Select(Path.GetFileName));
        // the numbers of the table are summary.csv's
        using var csv = CsvTable.Open(Path.Combine(results, "summary.csv"));
        while (csv.Read())
        {
            if (csv[csv.IndexOf("metric")] != Metric.HarmTotalYuan.Name) continue;
            Assert.Contains($"data-regime=\"{csv[csv.IndexOf("regime")]}\" data-mean=\"{csv[csv.IndexOf("mean")]}\"", html, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_chinese_report_uses_the_chinese_labels()
    {
        SystemPackages.Require(SystemPackages.CjkFont);
        var results = fixture.Results;
        var file = Path.Combine(_dir, "report-zh.html");
        var (code, _, error) = await ReportAsync(results, file, "zh");
        Assert.True(code == 0, error);
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains(Metric.HarmTotalYuan.LabelZh, html, StringComparison.Ordinal);
        Assert.Contains(ChartText.Regime("zh", "use-first"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_or_damaged_folder_is_refused_with_the_errors_of_plot_and_nothing_is_written()
    {
        var partial = fixture.Copy(Path.Combine(_dir, ".interrupted.partial"));
        File.WriteAllText(Path.Combine(partial, "journal.txt"), "inforisk-journal 2 {}\n");
        var damaged = fixture.Copy(Path.Combine(_dir, "damaged"));
        var runs = Path.Combine(damaged, "runs.csv");
        var lines = File.ReadAllLines(runs);
        lines[2] = Regex.Replace(lines[2], @",(\d+(\.\d+)?),", ",twelve,");
        File.WriteAllLines(runs, lines);
        var missing = Path.Combine(_dir, "missing");
        foreach (var folder in new[] { partial, damaged, missing })
        {
            var file = Path.Combine(_dir, Path.GetFileName(folder) + ".html");
            var (code, _, error) = await ReportAsync(folder, file);
            var plot = await PlotAsync(folder);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Equal(plot.Code, code);
            Assert.Equal(plot.Err, error);
            Assert.False(File.Exists(file));
        }
        Assert.Empty(Directory.EnumerateFiles(_dir, "*.html*"));
        Assert.Empty(Directory.EnumerateFiles(_dir, ".*tmp*"));
    }

    [Fact]
    public async Task The_report_is_not_written_into_the_result_folder()
    {
        var results = fixture.Copy(Path.Combine(_dir, "results"));
        var (code, _, error) = await ReportAsync(results, Path.Combine(results, "report.html"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("inside the result folder", error, StringComparison.Ordinal);
        Assert.Equal(ReportCommand.DefaultOut(results), Path.Combine(_dir, "results-report.html"));
    }
}
