using InfoRisk.Model.Actors;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>How a metric's value is written and what unit it has.</summary>
public enum MetricKind
{
    /// <summary>An integer count.</summary>
    Count,
    /// <summary>Money, kept as integer fen and written in yuan with two decimals (exact).</summary>
    Yuan,
    /// <summary>A ratio or level, kept in millionths and written with six decimals.</summary>
    Ratio,
}

/// <summary>Whether a metric is a flow during the tick (summed over a run) or a stock at the end of the tick (its final value is kept).</summary>
public enum MetricNature
{
    Flow,
    Stock,
}

/// <summary>What one tick's metrics are computed from: the summed tallies, the users' activity and the firms' reports.</summary>
public sealed class TickInputs(Tally tally, long activeUsers, long[] queries, ProviderTickReport[] providers, DeployerTickReport[] deployers, long disparateImpact)
{
    /// <summary>A claimant's cost of suing (fen): a real resource cost, counted in social cost.</summary>
    public long LitigationCostFen { get; init; }
    /// <summary>Users who have chosen a provider (not lapsed).</summary>
    public long Users { get; init; }
    /// <summary>Harm events and won claims since the start of the run.</summary>
    public long CumulativeHarmEvents { get; init; }
    public long CumulativeClaimsWon { get; init; }
    /// <summary>Service value per user in the market (fen) on the last earlier tick with users in the market: what a user who lapsed when its provider left would have had, once no provider is left.</summary>
    public double LastServiceValuePerUserFen { get; init; }

    public Tally Tally { get; } = tally;
    public long ActiveUsers { get; } = activeUsers;
    public long[] Queries { get; } = queries;
    public ProviderTickReport[] Providers { get; } = providers;
    public DeployerTickReport[] Deployers { get; } = deployers;
    public long DisparateImpact { get; } = disparateImpact;

    internal long[] Values { get; } = new long[Metric.Count];

    /// <summary>The raw value of a metric computed earlier in column order.</summary>
    public long Value(MetricDefinition m) => Values[m.Index];
}

/// <summary>
/// One metric, declared once in <see cref="Metric"/>: its column name in timeseries.csv, runs.csv and summary.csv, how
/// it is written, its unit and meaning (docs/outputs.md is checked against these), its chart labels in English and
/// Chinese, and how a tick's raw value (count, fen or millionths) is computed.
/// </summary>
public sealed class MetricDefinition
{
    private readonly Func<TickInputs, long> _compute;

    internal MetricDefinition(int index, string name, MetricKind kind, MetricNature nature, string unit, string meaning, string labelEn, string labelZh, Func<TickInputs, long> compute)
    {
        (Index, Name, Kind, Nature, Unit, Meaning, LabelEn, LabelZh, _compute) = (index, name, kind, nature, unit, meaning, labelEn, labelZh, compute);
    }

    /// <summary>Column position among the metrics (in timeseries.csv after the key columns).</summary>
    public int Index { get; }
    public string Name { get; }
    public MetricKind Kind { get; }
    public MetricNature Nature { get; }
    public string Unit { get; }
    public string Meaning { get; }
    public string LabelEn { get; }
    public string LabelZh { get; }

    /// <summary>True for money: kept in fen, shown in yuan.</summary>
    public bool IsMoney => Kind == MetricKind.Yuan;

    /// <summary>The chart label in a language ("en" or "zh").</summary>
    public string Label(string language) => language == "zh" ? LabelZh : LabelEn;

    internal long Compute(TickInputs inputs) => _compute(inputs);

    /// <summary>A metric used as an index into a row of values.</summary>
    public static implicit operator int(MetricDefinition metric) => metric.Index;

    public int ToInt32() => Index;

    public override string ToString() => Name;
}
