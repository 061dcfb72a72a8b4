using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Runner.Results;

/// <summary>The identity of one run within an experiment.</summary>
public sealed record RunKey(int Index, int Scenario, Regime Regime, int Replicate, ulong Seed);

/// <summary>A finished run: its key and its metric rows, one per tick.</summary>
public sealed record RunResult(RunKey Key, IReadOnlyList<TickRow> Rows)
{
    /// <summary>Run-level value of each metric, exact: flows summed over ticks, stocks at the final tick.</summary>
    public long[] Totals()
    {
        var totals = new long[Metric.Count];
        if (Rows.Count == 0) return totals;
        for (var m = 0; m < Metric.Count; m++)
        {
            if (Metric.All[m].Nature == MetricNature.Stock)
            {
                totals[m] = Rows[^1].Values[m];
                continue;
            }
            long sum = 0;
            foreach (var row in Rows) sum += row.Values[m];
            totals[m] = sum;
        }
        return totals;
    }
}
