using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Results;

/// <summary>
/// Writes a result folder atomically: everything goes into a temporary folder next to the target, which is renamed
/// to the target only when complete. timeseries.csv is streamed run by run in run order; runs.csv, summary.csv and
/// manifest.json are written at the end. docs/outputs.md defines every file and column.
/// </summary>
public sealed class ResultWriter : IDisposable
{
    public const int SchemaVersion = 1;
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private static readonly string[] KeyColumns = ["experiment", "scenario", "regime", "replicate", "seed", "tick"];
    private static readonly string[] SummaryColumns = ["experiment", "scenario", "regime", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"];

    private readonly Experiment _experiment;
    private readonly StreamWriter _timeseriesStream;
    private readonly CsvWriter _timeseries;
    private readonly List<(RunKey Key, long[] Totals)> _runs = [];
    private bool _completed;

    public string TargetDirectory { get; }
    public string WorkingDirectory { get; }

    public ResultWriter(Experiment experiment, string targetDirectory)
    {
        _experiment = experiment;
        TargetDirectory = Path.GetFullPath(targetDirectory);
        if (Directory.Exists(TargetDirectory) && Directory.EnumerateFileSystemEntries(TargetDirectory).Any())
            throw new IOException($"result folder {TargetDirectory} already exists and is not empty; choose another --out or remove it");
        var parent = Path.GetDirectoryName(TargetDirectory) ?? ".";
        Directory.CreateDirectory(parent);
        WorkingDirectory = Path.Combine(parent, $".{Path.GetFileName(TargetDirectory)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(WorkingDirectory);
        _timeseriesStream = new StreamWriter(Path.Combine(WorkingDirectory, "timeseries.csv"), false, new UTF8Encoding(false));
        _timeseries = new CsvWriter(_timeseriesStream, Csv);
        foreach (var h in KeyColumns.Concat(Metric.All.Select(m => m.Name))) _timeseries.WriteField(h);
        _timeseries.NextRecord();
    }

    /// <summary>Appends a finished run (runs must arrive in run-index order).</summary>
    public void Add(RunResult run)
    {
        var k = run.Key;
        foreach (var row in run.Rows)
        {
            _timeseries.WriteField(_experiment.Name);
            _timeseries.WriteField(k.Scenario);
            _timeseries.WriteField(k.Regime.Name);
            _timeseries.WriteField(k.Replicate);
            _timeseries.WriteField(k.Seed);
            _timeseries.WriteField(row.Tick);
            for (var m = 0; m < Metric.Count; m++) _timeseries.WriteField(TickRow.Format(Metric.All[m].Kind, row.Values[m]));
            _timeseries.NextRecord();
        }
        _timeseries.Flush();
        _runs.Add((k, run.Totals()));
    }

    /// <summary>Writes runs.csv, summary.csv and manifest.json, then moves the folder into place.</summary>
    public void Complete(JsonObject manifest, Action<string>? beforeRename = null)
    {
        _timeseries.Dispose();
        _timeseriesStream.Dispose();
        WriteRuns();
        WriteSummary();
        manifest["schema_version"] = SchemaVersion;
        File.WriteAllText(Path.Combine(WorkingDirectory, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        beforeRename?.Invoke(WorkingDirectory);
        if (Directory.Exists(TargetDirectory)) Directory.Delete(TargetDirectory); // empty (checked at start)
        Directory.Move(WorkingDirectory, TargetDirectory);
        _completed = true;
    }

    private void WriteRuns()
    {
        var parameterNames = ExperimentLoader.ParameterProperties.Keys.ToList();
        using var stream = new StreamWriter(Path.Combine(WorkingDirectory, "runs.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, Csv);
        var header = new List<string> { "experiment", "scenario", "regime", "replicate", "seed", "ticks", "subjects", "users", "providers", "deployers" };
        header.AddRange(parameterNames.Select(p => "param_" + p));
        header.AddRange(RegimeCatalog.LeverNames.Select(l => "lever_" + l));
        header.AddRange(Metric.All.Select(m => m.Name));
        foreach (var h in header) csv.WriteField(h);
        csv.NextRecord();
        var scenarioParameters = _experiment.Scenarios.Select(s => JsonSerializer.SerializeToNode(s.Parameters, ModelJson.Options)!.AsObject()).ToList();
        foreach (var (key, totals) in _runs)
        {
            csv.WriteField(_experiment.Name);
            csv.WriteField(key.Scenario);
            csv.WriteField(key.Regime.Name);
            csv.WriteField(key.Replicate);
            csv.WriteField(key.Seed);
            csv.WriteField(_experiment.Ticks);
            csv.WriteField(_experiment.Population.Subjects);
            csv.WriteField(_experiment.Population.Users);
            csv.WriteField(_experiment.Population.Providers);
            csv.WriteField(_experiment.Population.Deployers);
            var parameters = scenarioParameters[key.Scenario];
            foreach (var p in parameterNames) csv.WriteField(parameters[p]?.ToJsonString() ?? "");
            foreach (var l in RegimeCatalog.LeverNames) csv.WriteField(RegimeCatalog.LeverValue(key.Regime, l));
            for (var m = 0; m < Metric.Count; m++) csv.WriteField(TickRow.Format(Metric.All[m].Kind, totals[m]));
            csv.NextRecord();
        }
    }

    /// <summary>Per scenario, regime and metric: n, mean, sd and the 95% confidence interval of the mean (Student t).</summary>
    private void WriteSummary()
    {
        using var stream = new StreamWriter(Path.Combine(WorkingDirectory, "summary.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, Csv);
        foreach (var h in SummaryColumns) csv.WriteField(h);
        csv.NextRecord();
        foreach (var group in _runs.GroupBy(r => (r.Key.Scenario, r.Key.Regime.Name)).OrderBy(g => g.Key.Scenario))
        {
            var runs = group.OrderBy(r => r.Key.Replicate).ToList();
            for (var m = 0; m < Metric.Count; m++)
            {
                var values = runs.Select(r => TickRow.AsDouble(m, r.Totals[m])).ToArray();
                var s = Describe(values);
                csv.WriteField(_experiment.Name);
                csv.WriteField(group.Key.Scenario);
                csv.WriteField(group.Key.Name);
                csv.WriteField(Metric.All[m].Name);
                csv.WriteField(values.Length);
                csv.WriteField(Number(s.Mean));
                csv.WriteField(Number(s.Sd));
                csv.WriteField(Number(s.Low));
                csv.WriteField(Number(s.High));
                csv.NextRecord();
            }
        }
    }

    /// <summary>Mean, sample sd and the t-based 95% CI of the mean; with one value the sd and CI are undefined (empty).</summary>
    public static (double Mean, double Sd, double Low, double High) Describe(IReadOnlyList<double> values)
    {
        var n = values.Count;
        var mean = values.Sum() / n;
        if (n < 2) return (mean, double.NaN, double.NaN, double.NaN);
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var sd = Math.Sqrt(ss / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return (mean, sd, mean - half, mean + half);
    }

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public void Dispose()
    {
        _timeseries.Dispose();
        _timeseriesStream.Dispose();
        if (!_completed && Directory.Exists(WorkingDirectory))
        {
            try { Directory.Delete(WorkingDirectory, recursive: true); }
            catch (IOException) { /* best effort: an unfinished temporary folder never looks like a result */ }
        }
    }
}
