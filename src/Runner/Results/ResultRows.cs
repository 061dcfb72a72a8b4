using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Results;

/// <summary>
/// The rows of timeseries.csv and runs.csv as text fields (docs/outputs.md §3, §4): one formatting for the CSV files and
/// the Parquet tables, so that the two always hold the same values.
/// </summary>
public sealed class ResultRows(Experiment experiment)
{
    private static readonly string[] KeyColumns = ["experiment", "scenario", "regime", "replicate", "seed", "tick"];
    private static readonly string[] RunColumns = ["experiment", "scenario", "regime", "replicate", "seed", "ticks", "subjects", "users", "providers", "deployers"];

    private int _scenarioOfCache = -1;
    private JsonObject? _scenarioParameters;

    /// <summary>The header of timeseries.csv: the key columns, then every metric.</summary>
    public static IReadOnlyList<string> TimeseriesHeader { get; } = [.. KeyColumns, .. Metric.All.Select(m => m.Name)];

    /// <summary>The header of runs.csv: run, population, every parameter and lever, every metric, then each stock metric's value at the last tick.</summary>
    public static IReadOnlyList<string> RunsHeader { get; } =
        [.. RunColumns, .. Settable.Parameters.Select(p => p.Column), .. Settable.Levers.Select(l => l.Column), .. Metric.All.Select(m => m.Name),
         .. StockMetrics.Select(m => EndColumn(Metric.All[m]))];

    /// <summary>The name of a stock metric's end-of-run column in runs.csv: <c>_end</c> appended, before a money column's <c>_yuan</c>.</summary>
    public static string EndColumn(MetricDefinition metric) =>
        metric.Name.EndsWith("_yuan", StringComparison.Ordinal) ? metric.Name[..^"_yuan".Length] + "_end_yuan" : metric.Name + "_end";

    private static int[] StockMetrics => [.. Enumerable.Range(0, Metric.Count).Where(m => Metric.All[m].Nature == MetricNature.Stock)];

    /// <summary>The run's rows of timeseries.csv, one per tick.</summary>
    public IEnumerable<string[]> Timeseries(RunResult run)
    {
        var k = run.Key;
        foreach (var row in run.Rows)
        {
            var fields = new string[KeyColumns.Length + Metric.Count];
            fields[0] = experiment.Name;
            fields[1] = Text(k.Scenario);
            fields[2] = k.Regime.Name;
            fields[3] = Text(k.Replicate);
            fields[4] = k.Seed.ToString(CultureInfo.InvariantCulture);
            fields[5] = Text(row.Tick);
            for (var m = 0; m < Metric.Count; m++) fields[KeyColumns.Length + m] = TickRow.Format(Metric.All[m].Kind, row.Values[m]);
            yield return fields;
        }
    }

    /// <summary>The run's row of runs.csv: parameters and levers as JSON text, metrics as run-level values (flows summed and stocks averaged after the warm-up), then stocks at the last tick.</summary>
    public string[] Run(RunResult run)
    {
        var key = run.Key;
        if (_scenarioOfCache != key.Scenario)
        {
            _scenarioParameters = JsonSerializer.SerializeToNode(experiment.Scenarios[key.Scenario].Parameters, ModelJson.Options)!.AsObject();
            _scenarioOfCache = key.Scenario;
        }
        var fields = new List<string>(RunsHeader.Count)
        {
            experiment.Name, Text(key.Scenario), key.Regime.Name, Text(key.Replicate), key.Seed.ToString(CultureInfo.InvariantCulture),
            Text(experiment.Ticks), Text(experiment.Population.Subjects), Text(experiment.Population.Users),
            Text(experiment.Population.Providers), Text(experiment.Population.Deployers),
        };
        foreach (var p in Settable.Parameters) fields.Add(_scenarioParameters![p.Name]?.ToJsonString() ?? "");
        var levers = JsonSerializer.SerializeToNode(key.Regime, ModelJson.Options)!.AsObject();
        foreach (var l in RegimeCatalog.LeverNames)
        {
            var v = levers[l];
            fields.Add(v is null ? "" : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
        }
        var totals = run.Totals();
        for (var m = 0; m < Metric.Count; m++) fields.Add(TickRow.Format(Metric.All[m].Kind, totals[m]));
        var ends = run.Ends();
        foreach (var m in StockMetrics) fields.Add(TickRow.Format(Metric.All[m].Kind, ends[m]));
        return [.. fields];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
