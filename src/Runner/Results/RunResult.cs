using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Runner.Results;

/// <summary>The identity of one run within an experiment.</summary>
public sealed record RunKey(int Index, int Scenario, Regime Regime, int Replicate, ulong Seed);

/// <summary>A finished run: its key and its metric rows, one per tick; the first <paramref name="WarmupTicks"/> ticks are warm-up.</summary>
public sealed record RunResult(RunKey Key, IReadOnlyList<TickRow> Rows, int WarmupTicks = 0)
{
    /// <summary>
    /// Run-level value of each metric over the ticks after the warm-up, exact: flows summed; stocks averaged (the mean of
    /// the raw integers, rounded half away from zero), so that a stock that changes during the run is not reported at
    /// its last tick alone (<see cref="Ends"/> gives that).
    /// </summary>
    public long[] Totals()
    {
        var totals = new long[Metric.Count];
        var first = Math.Min(WarmupTicks, Rows.Count);
        var n = Rows.Count - first;
        if (n <= 0) return totals;
        for (var m = 0; m < Metric.Count; m++)
        {
            long sum = 0;
            for (var t = first; t < Rows.Count; t++) sum += Rows[t].Values[m];
            totals[m] = Metric.All[m].Nature == MetricNature.Stock ? RoundedMean(sum, n) : sum;
        }
        return totals;
    }

    /// <summary>Each stock metric's value at the last tick (flows: 0, not written).</summary>
    public long[] Ends()
    {
        var ends = new long[Metric.Count];
        if (Rows.Count == 0) return ends;
        for (var m = 0; m < Metric.Count; m++)
        {
            if (Metric.All[m].Nature == MetricNature.Stock) ends[m] = Rows[^1].Values[m];
        }
        return ends;
    }

    private static long RoundedMean(long sum, long n) => sum >= 0 ? (sum + n / 2) / n : -((-sum + n / 2) / n);
}
