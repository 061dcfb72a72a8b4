using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Explorer;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Report;

/// <summary>
/// Builds the report of a result folder as one HTML text: the experiment (from manifest.json and the lever columns of
/// runs.csv), the manifest, the summary table with paired differences (summary.csv), interactive time courses
/// (timeseries.csv, drawn in the page as SVG with hover values and regime toggles), every chart of the folder drawn by
/// the same code as <c>inforisk plot</c> and inlined as SVG data, and the registry's definition of every metric shown.
/// Style sheet and scripts are inlined; the page fetches nothing.
/// </summary>
public static class ReportBuilder
{
    /// <summary>Longest time course drawn in the page (longer runs are thinned to this many ticks).</summary>
    public const int MaxPoints = 400;

    public static string Build(string resultsDirectory, string language, CancellationToken cancel = default)
    {
        if (!ChartText.Languages.Contains(language))
        {
            throw new ArgumentException($"unknown report language '{language}'; use one of: {string.Join(", ", ChartText.Languages)}");
        }
        var data = ResultSet.Load(resultsDirectory); // the strict reader: refuses a damaged or cut folder with file and line
        var manifest = ReadManifest(Path.Combine(resultsDirectory, "manifest.json"));
        var summary = ReadSummary(Path.Combine(resultsDirectory, "summary.csv"));
        var levers = ReadLevers(Path.Combine(resultsDirectory, "runs.csv"));
        var charts = DrawCharts(resultsDirectory, language, cancel);
        var t = new ReportText(language);
        var regimes = data.ChartRegimes;
        var colors = Palette.ForRegimes(data.ChartRegimes.Concat(data.Regimes)).ToDictionary(p => p.Key, p => $"#{p.Value.R:X2}{p.Value.G:X2}{p.Value.B:X2}");
        var baseline = manifest?["baseline"]?.GetValue<string>() ?? summary.FirstOrDefault(s => s.Baseline.Length > 0)?.Baseline ?? regimes[0];

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"{(language == "zh" ? "zh-CN" : "en")}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>{E(t["title"])}: {E(data.Experiment)}</title>\n<style>\n{WebAssets.Text("inforisk.css")}\n</style>\n</head>\n<body class=\"report\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<header><h1>{E(t["title"])}: {E(data.Experiment)}</h1>\n<p class=\"note\">{E(string.Format(CultureInfo.InvariantCulture, t["made"], Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(resultsDirectory))), ProgramVersion.Version))}</p></header>\n");
        html.Append(CultureInfo.InvariantCulture, $"<nav aria-label=\"{E(t["contents"])}\"><ol><li><a href=\"#experiment\">{E(t["experiment"])}</a></li><li><a href=\"#summary\">{E(t["summary"])}</a></li><li><a href=\"#timecourses\">{E(t["timecourses"])}</a></li><li><a href=\"#charts\">{E(t["charts"])}</a></li><li><a href=\"#manifest\">{E(t["manifest"])}</a></li><li><a href=\"#definitions\">{E(t["definitions"])}</a></li></ol></nav>\n<main>\n");

        // --- the experiment
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"experiment\"><h2>{E(t["experiment"])}</h2>\n");
        if (manifest?["description"]?.GetValue<string>() is { Length: > 0 } description) html.Append(CultureInfo.InvariantCulture, $"<p>{E(description)}</p>\n");
        html.Append("<dl class=\"facts\">");
        Fact(html, t["population"], manifest?["population"] is JsonObject p ? string.Join(", ", p.Select(x => $"{x.Key} {Thousands(x.Value)}")) : "");
        Fact(html, t["ticks"], Thousands(manifest?["ticks"]));
        Fact(html, t["replicates"], Thousands(manifest?["replicates"]));
        Fact(html, t["seed"], manifest?["master_seed"]?.ToJsonString() ?? "");
        Fact(html, t["baseline"], ChartText.Regime(language, baseline));
        Fact(html, t["scenarios"], data.Scenarios.Count.ToString(CultureInfo.InvariantCulture));
        html.Append("</dl>\n");
        html.Append(CultureInfo.InvariantCulture, $"<fieldset class=\"regime-toggles no-print\"><legend>{E(t["show"])}</legend>");
        foreach (var r in regimes)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" checked data-toggle-regime=\"{E(r)}\"> <span class=\"swatch\" style=\"background:{colors[r]}\"></span> {E(ChartText.Regime(language, r))}</label> ");
        }
        html.Append("</fieldset>\n");
        if (levers.Count > 0)
        {
            var shown = levers.Keys.Where(regimes.Contains).ToList();
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(t["levers"])}</summary>\n<table class=\"levers\"><thead><tr><th scope=\"col\">{E(t["lever"])}</th>");
            foreach (var r in shown) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-regime=\"{E(r)}\">{E(ChartText.Regime(language, r))}</th>");
            html.Append("</tr></thead><tbody>\n");
            foreach (var lever in LeverRegistry.All)
            {
                var values = shown.Select(r => levers[r].GetValueOrDefault(lever.Name, "")).ToList();
                var differs = values.Distinct(StringComparer.Ordinal).Count() > 1;
                html.Append(CultureInfo.InvariantCulture, $"<tr{(differs ? " class=\"differs\"" : "")}><th scope=\"row\"><span title=\"{E(lever.Meaning)}\">{E(lever.Name)}</span></th>");
                for (var i = 0; i < shown.Count; i++) html.Append(CultureInfo.InvariantCulture, $"<td data-regime=\"{E(shown[i])}\">{E(values[i])}</td>");
                html.Append("</tr>\n");
            }
            html.Append(CultureInfo.InvariantCulture, $"</tbody></table><p class=\"note\">{E(t["leversNote"])}</p></details>\n");
        }
        html.Append("</section>\n");

        // --- the summary table
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"summary\"><h2>{E(t["summary"])}</h2>\n<p class=\"note\">{E(string.Format(CultureInfo.InvariantCulture, t["summaryNote"], ChartText.Regime(language, baseline)))}</p>\n");
        foreach (var scenario in summary.Select(s => s.Scenario).Distinct(StringComparer.Ordinal))
        {
            var rows = summary.Where(s => s.Scenario == scenario).ToList();
            if (data.Scenarios.Count > 1) html.Append(CultureInfo.InvariantCulture, $"<h3>{E(string.Format(CultureInfo.InvariantCulture, ChartText.Get(language, ChartText.ScenarioTitle), scenario))}</h3>\n");
            SummaryTable(html, t, language, rows, regimes, Headline.Metrics, "summary-table", t["headline"]);
            html.Append(CultureInfo.InvariantCulture, $"<details><summary>{E(t["allMetrics"])}</summary>\n");
            SummaryTable(html, t, language, rows, regimes, Metric.All, "summary-all", t["allMetrics"]);
            html.Append("</details>\n");
        }
        html.Append("</section>\n");

        // --- interactive time courses
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"timecourses\"><h2>{E(t["timecourses"])}</h2>\n<p class=\"note no-print\">{E(t["timecoursesNote"])}</p>\n<div class=\"chart-grid\" id=\"timecourse-charts\"></div>\n</section>\n");

        // --- the charts of the folder
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"charts\"><h2>{E(t["charts"])}</h2>\n<p class=\"note\">{E(t["chartsNote"])}</p>\n");
        foreach (var (name, svg) in charts)
        {
            var (width, height) = SvgSize(svg);
            html.Append(CultureInfo.InvariantCulture, $"<figure class=\"paper-chart\" id=\"chart-{E(name)}\"><img src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))}\" alt=\"{E(name)}\" width=\"{width}\" height=\"{height}\"><figcaption>{E(name)}.svg</figcaption></figure>\n");
        }
        html.Append("</section>\n");

        // --- the manifest
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"manifest\"><h2>{E(t["manifest"])}</h2>\n<table class=\"manifest\"><tbody>\n");
        foreach (var (key, value) in manifest ?? [])
        {
            var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(key)}</th><td>{E(text)}</td></tr>\n");
        }
        html.Append("</tbody></table></section>\n");

        // --- definitions, from the metric registry (docs/outputs.md is checked against it)
        html.Append(CultureInfo.InvariantCulture, $"<section id=\"definitions\"><h2>{E(t["definitions"])}</h2>\n<p class=\"note\">{E(t["definitionsNote"])}</p>\n<dl class=\"definitions\">\n");
        foreach (var m in Metric.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt id=\"def-{E(m.Name)}\"><code>{E(m.Name)}</code> {E(m.Label(language))}</dt><dd>{E(m.Meaning)} <span class=\"note\">({E(m.Unit)}, {E(m.Nature == MetricNature.Flow ? t["flow"] : t["stock"])})</span></dd>\n");
        }
        html.Append("</dl></section>\n</main>\n");

        var pageData = new JsonObject
        {
            ["lang"] = language,
            ["texts"] = ExplorerModel.Texts(language),
            ["baseline"] = baseline,
            ["regimes"] = new JsonArray([.. regimes.Select(r => (JsonNode)new JsonObject { ["name"] = r, ["label"] = ChartText.Regime(language, r), ["color"] = colors[r] })]),
            ["timecourses"] = TimeCourses(data, regimes, language, t),
        };
        html.Append(CultureInfo.InvariantCulture, $"<script type=\"application/json\" id=\"report-data\">{pageData.ToJsonString().Replace("</", "<\\/", StringComparison.Ordinal)}</script>\n");
        html.Append(CultureInfo.InvariantCulture, $"<script>\n{WebAssets.Text("charts.js")}\n</script>\n<script>\n{WebAssets.Text("report.js")}\n</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<div><dt>{E(name)}</dt><dd>{E(value)}</dd></div>");

    private static void SummaryTable(StringBuilder html, ReportText t, string language, List<SummaryLine> rows, IReadOnlyList<string> regimes, IReadOnlyList<MetricDefinition> metrics, string cssClass, string caption)
    {
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"table-wrap\"><table class=\"{cssClass}\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">{E(t["metric"])}</th><th scope=\"col\">{E(t["unit"])}</th>");
        foreach (var r in regimes) html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" data-regime=\"{E(r)}\">{E(ChartText.Regime(language, r))}</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var m in metrics)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-metric=\"{E(m.Name)}\"><th scope=\"row\"><a href=\"#def-{E(m.Name)}\">{E(m.Label(language))}</a></th><td>{E(Headline.RunUnit(m))}</td>");
            foreach (var r in regimes)
            {
                var row = rows.FirstOrDefault(x => x.Regime == r && x.Metric == m.Name);
                if (row is null)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td data-regime=\"{E(r)}\"></td>");
                    continue;
                }
                html.Append(CultureInfo.InvariantCulture, $"<td data-regime=\"{E(r)}\" data-mean=\"{E(row.MeanText)}\">{E(Format(row.Mean, m))}{Interval(row.Low, row.High, m)}");
                if (row.Regime != row.Baseline && double.IsFinite(row.DiffMean))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<br><span class=\"diff\" data-diff=\"{E(row.DiffText)}\">Δ {E(Signed(row.DiffMean, m))}{Interval(row.DiffLow, row.DiffHigh, m, signed: true)}</span>");
                }
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody></table></div>\n");
    }

    private static string Interval(double low, double high, MetricDefinition m, bool signed = false) =>
        double.IsFinite(low) && double.IsFinite(high)
            ? $" <span class=\"ci\">[{E(signed ? Signed(low, m) : Format(low, m))}, {E(signed ? Signed(high, m) : Format(high, m))}]</span>"
            : "";

    /// <summary>A value for the tables: money and counts as whole numbers with thousands separators, ratios with 4 decimals.</summary>
    public static string Format(double value, MetricDefinition metric) =>
        !double.IsFinite(value) ? "" : metric.Kind == MetricKind.Ratio ? value.ToString("0.0000", CultureInfo.InvariantCulture) : value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Signed(double value, MetricDefinition metric) => (value > 0 ? "+" : "") + Format(value, metric);

    private static string Thousands(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString("#,0", CultureInfo.InvariantCulture) : node?.ToJsonString() ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static JsonObject? ReadManifest(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"manifest.json is not valid JSON: {e.Message}", e);
        }
    }

    private sealed record SummaryLine(string Scenario, string Regime, string Metric, string Baseline, double Mean, double Low, double High, double DiffMean, double DiffLow, double DiffHigh, string MeanText, string DiffText);

    /// <summary>summary.csv with the strict reader (every number checked, with file, line and column in any error).</summary>
    private static List<SummaryLine> ReadSummary(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"summary.csv not found in the result folder ({path}): the report's table is made from it", path);
        using var csv = CsvTable.Open(path);
        int Col(string name) => csv.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"summary.csv has no column '{name}'");
        var (scenario, regime, metric, mean) = (Col("scenario"), Col("regime"), Col("metric"), Col("mean"));
        // the CI and paired-difference columns are read when present (summary.csv of older versions lacks the diff_* ones)
        var (low, high, baseline) = (csv.IndexOf("ci95_low"), csv.IndexOf("ci95_high"), csv.IndexOf("baseline"));
        var (diff, diffLow, diffHigh) = (csv.IndexOf("diff_mean"), csv.IndexOf("diff_ci95_low"), csv.IndexOf("diff_ci95_high"));
        double Optional(int column) => column < 0 ? double.NaN : csv.Number(column, optional: true);
        var rows = new List<SummaryLine>();
        while (csv.Read())
        {
            rows.Add(new SummaryLine(csv[scenario], csv[regime], csv[metric], baseline < 0 ? "" : csv[baseline], csv.Number(mean), Optional(low), Optional(high),
                Optional(diff), Optional(diffLow), Optional(diffHigh), csv[mean], diff < 0 ? "" : csv[diff]));
        }
        return rows;
    }

    /// <summary>The lever values of each regime (first run of each regime in runs.csv), as written there.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadLevers(string path)
    {
        using var csv = CsvTable.Open(path);
        var regime = csv.IndexOf("regime");
        var columns = Enumerable.Range(0, csv.Headers.Count).Where(i => csv.Headers[i].StartsWith("lever_", StringComparison.Ordinal)).ToArray();
        var result = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        while (csv.Read())
        {
            if (regime < 0 || result.ContainsKey(csv[regime])) continue;
            result[csv[regime]] = columns.ToDictionary(i => csv.Headers[i]["lever_".Length..], i => csv[i], StringComparer.Ordinal);
        }
        return result;
    }

    /// <summary>
    /// Every chart of the folder, drawn by <see cref="ChartSet.Render"/> (the code behind <c>inforisk plot</c>) in the
    /// report's language, into a private temporary folder that links to the result files: the result folder and its
    /// plots/ are not changed. Returns (chart name, SVG text) in drawing order.
    /// </summary>
    private static List<(string Name, string Svg)> DrawCharts(string resultsDirectory, string language, CancellationToken cancel)
    {
        var scratch = Directory.CreateTempSubdirectory("inforisk-report-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(resultsDirectory))
            {
                File.CreateSymbolicLink(Path.Combine(scratch.FullName, Path.GetFileName(file)), Path.GetFullPath(file));
            }
            var written = ChartSet.Render(scratch.FullName, new ChartOptions(language, Dpi: 96), cancel);
            return [.. written.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(f => (Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))];
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The chart's size in CSS pixels from its viewBox (ScottPlot writes width and height in inches).</summary>
    private static (string Width, string Height) SvgSize(string svg)
    {
        var match = System.Text.RegularExpressions.Regex.Match(svg, "<svg[^>]*\\sviewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value) : ("672", "480");
    }

    /// <summary>Mean and 95% CI over replicates per tick of the time-course metrics (flows cumulated, as in the paper charts).</summary>
    private static JsonArray TimeCourses(ResultSet data, IReadOnlyList<string> regimes, string language, ReportText t)
    {
        var scenario = data.Scenarios[0];
        var charts = new JsonArray();
        foreach (var metric in ResultSet.SeriesMetrics)
        {
            var name = metric.Name;
            var flow = metric.Nature == MetricNature.Flow;
            var series = new JsonObject();
            JsonArray? xs = null;
            foreach (var regime in regimes)
            {
                var runs = data.Series.Where(s => s.Scenario == scenario && s.Regime == regime).ToList();
                if (runs.Count == 0) continue;
                var ticks = runs.Min(s => s.Ticks.Length);
                var step = Math.Max(1, (int)Math.Ceiling(ticks / (double)MaxPoints));
                var values = runs.Select(s => flow ? Cumulative(s.Values[name]) : s.Values[name]).ToList();
                var (mean, low, high) = (new JsonArray(), new JsonArray(), new JsonArray());
                var x = new JsonArray();
                for (var k = 0; k < ticks; k += step)
                {
                    var m = MeanInterval.Of([.. values.Select(v => v[k])]);
                    x.Add(runs[0].Ticks[k]);
                    mean.Add(Json(m.Mean));
                    low.Add(Json(m.Ci95Low));
                    high.Add(Json(m.Ci95High));
                }
                xs ??= x;
                series[regime] = new JsonObject { ["mean"] = mean, ["low"] = low, ["high"] = high };
            }
            charts.Add(new JsonObject
            {
                ["metric"] = name,
                ["title"] = flow ? string.Format(CultureInfo.InvariantCulture, t["cumulative"], metric.Label(language)) : metric.Label(language),
                ["unit"] = Headline.RunUnit(metric),
                ["kind"] = metric.Kind.ToString().ToLowerInvariant(),
                ["x"] = xs ?? [],
                ["series"] = series,
            });
        }
        return charts;
    }

    private static double[] Cumulative(double[] values)
    {
        var result = new double[values.Length];
        var sum = 0.0;
        for (var i = 0; i < values.Length; i++) result[i] = sum += values[i];
        return result;
    }

    private static JsonNode? Json(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;
}
