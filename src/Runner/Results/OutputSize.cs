using System.Globalization;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Results;

/// <summary>
/// How much an experiment writes, known before it runs: timeseries.csv has one row per run and tick, runs.csv one row
/// per run. <see cref="MinimumBytes"/> is a true lower bound (every value at its shortest: <c>0</c>, <c>0.00</c>,
/// <c>0.000000</c>); <see cref="TypicalBytes"/> assumes values a few digits long. validate prints them; run refuses an
/// experiment whose lower bound exceeds the free space where --out is.
/// </summary>
public sealed record OutputSize(long TimeseriesRows, long RunRows, long MinimumBytes, long TypicalBytes)
{
    public static OutputSize Of(Experiment e)
    {
        var runs = (long)e.RunCount;
        var rows = runs * e.Ticks;
        // key columns: name, scenario, regime, replicate, seed (up to 20 digits), tick, with commas
        var key = e.Name.Length + 1 + Digits(e.Scenarios.Count) + 1 + (long)e.Regimes.Average(r => r.Name.Length) + 1 + Digits(e.Replicates) + 1 + 1 + 1 + Digits(e.Ticks) + 1;
        long shortest = 0;
        foreach (var m in Metric.All) shortest += m.Kind switch { MetricKind.Yuan => 4, MetricKind.Ratio => 8, _ => 1 } + 1;
        var minimumRow = key + shortest;
        var typicalRow = key + 19 + shortest + 3L * Metric.Count; // seeds are ~20 digits, values a few digits longer
        // runs.csv: about the timeseries row plus the parameters and levers (about 2,000 bytes)
        var minimum = rows * minimumRow + runs * (minimumRow + 1_000);
        var typical = rows * typicalRow + runs * (typicalRow + 2_000);
        return new OutputSize(rows, runs, minimum, typical);
    }

    /// <summary>Why the result cannot fit in <paramref name="freeBytes"/> (null when it may, or when the free space is unknown).</summary>
    public string? Problem(long? freeBytes) =>
        freeBytes is { } free && MinimumBytes > free
            ? $"the result needs at least {Bytes(MinimumBytes)} ({TimeseriesRows:N0} rows of timeseries.csv), but its file system has {Bytes(free)} free; allowed: a result that fits (fewer runs, ticks or scenarios, or another --out)"
            : null;

    /// <summary>One line for validate and the run's start.</summary>
    public string Describe() =>
        $"output: timeseries.csv {TimeseriesRows:N0} rows, runs.csv {RunRows:N0} rows, about {Bytes(TypicalBytes)} (at least {Bytes(MinimumBytes)})";

    /// <summary>Free bytes on the file system that would hold <paramref name="path"/> (its nearest existing folder), or null when unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var dir = new DirectoryInfo(Path.GetFullPath(path));
            while (dir is not null && !dir.Exists) dir = dir.Parent;
            return dir is null ? null : new DriveInfo(dir.FullName).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? $"{bytes} bytes" : value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static int Digits(long n) => Math.Max(1, (int)Math.Floor(Math.Log10(Math.Max(1, n - 1))) + 1);
}
