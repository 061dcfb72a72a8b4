using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Runner.Results;

/// <summary>
/// <c>run --format parquet</c> (docs/outputs.md §1): timeseries.csv and runs.csv again as Parquet, one part per run
/// (<c>timeseries/part-00000.parquet</c>, <c>runs/part-00000.parquet</c>, numbered in run order), with the same columns
/// and values, money as integer fen (<see cref="ParquetTable"/>). Written from the finished CSV files inside the partial
/// folder, before it is renamed, so resume, clusters and the CSV contract are unchanged.
/// </summary>
public static class ParquetExport
{
    private static readonly HashSet<string> CountColumns = new(StringComparer.Ordinal) { "scenario", "replicate", "tick", "ticks", "subjects", "users", "providers", "deployers" };

    /// <summary>How each column of a result table is stored: keys and parameters as text or counts, metrics by their kind.</summary>
    public static IReadOnlyList<TableColumn> Columns(IReadOnlyList<string> header) =>
        [.. header.Select(name => KindOf(name) is var kind && kind == TableColumnKind.Fixed ? new TableColumn(name, kind, 6) : new TableColumn(name, kind))];

    private static TableColumnKind KindOf(string name)
    {
        if (CountColumns.Contains(name)) return TableColumnKind.Count;
        var metric = Metric.Find(name)
            ?? (name.EndsWith("_end_yuan", StringComparison.Ordinal) ? Metric.Find(name[..^"_end_yuan".Length] + "_yuan") : null)
            ?? (name.EndsWith("_end", StringComparison.Ordinal) ? Metric.Find(name[..^"_end".Length]) : null);
        return metric?.Kind switch
        {
            MetricKind.Count => TableColumnKind.Count,
            MetricKind.Yuan => TableColumnKind.Money,
            MetricKind.Ratio => TableColumnKind.Fixed,
            _ => TableColumnKind.Text, // experiment, regime, seed (unsigned 64-bit), param_*, lever_* (JSON text)
        };
    }

    /// <summary>Writes the parts of both tables from the CSV files in <paramref name="directory"/>; returns the part count.</summary>
    public static async Task<int> WriteAsync(string directory, CancellationToken cancel = default)
    {
        var runs = await WriteTableAsync(directory, "runs", cancel).ConfigureAwait(false);
        var series = await WriteTableAsync(directory, "timeseries", cancel).ConfigureAwait(false);
        if (runs != series) throw new InvalidDataException($"{directory}: runs.csv has {runs} runs, timeseries.csv {series}");
        return runs;
    }

    /// <summary>One part per run: consecutive rows with the same scenario, regime and replicate.</summary>
    private static async Task<int> WriteTableAsync(string directory, string table, CancellationToken cancel)
    {
        var folder = Path.Combine(directory, table);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // a resumed analysis writes them again
        Directory.CreateDirectory(folder);
        using var csv = CsvTable.Open(Path.Combine(directory, table + ".csv"));
        var columns = Columns(csv.Headers);
        int scenario = csv.IndexOf("scenario"), regime = csv.IndexOf("regime"), replicate = csv.IndexOf("replicate");
        var part = 0;
        string? key = null;
        var rows = new List<IReadOnlyList<string>>();
        while (csv.Read())
        {
            var rowKey = $"{csv[scenario]}\u001f{csv[regime]}\u001f{csv[replicate]}";
            if (key is not null && rowKey != key)
            {
                await ParquetTable.WriteAsync(ParquetTable.PartPath(directory, table, part++), columns, rows, cancel).ConfigureAwait(false);
                rows = [];
            }
            key = rowKey;
            rows.Add([.. Enumerable.Range(0, columns.Count).Select(i => csv[i])]);
        }
        if (rows.Count > 0) await ParquetTable.WriteAsync(ParquetTable.PartPath(directory, table, part++), columns, rows, cancel).ConfigureAwait(false);
        return part;
    }
}
