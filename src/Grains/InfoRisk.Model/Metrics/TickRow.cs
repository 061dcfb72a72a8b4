using System.Globalization;

namespace InfoRisk.Model.Metrics;

/// <summary>
/// One tick's metrics, all as exact integers: counts as counts, money as fen, ratios as millionths.
/// Writing them needs no floating-point formatting, so files are byte-identical wherever they are made.
/// </summary>
[GenerateSerializer, Immutable, Alias("inforisk.TickRow")]
public sealed class TickRow
{
    [Id(0)] public int Tick { get; set; }
    [Id(1)] public long[] Values { get; set; } = [];

    public TickRow()
    {
    }

    public TickRow(int tick, long[] values)
    {
        Tick = tick;
        Values = values;
    }

    public const long RatioScale = 1_000_000;

    public static long Ratio(double value) => double.IsFinite(value) ? (long)Math.Round(value * RatioScale, MidpointRounding.AwayFromZero) : 0;

    /// <summary>The value as a double in the metric's unit (yuan for money).</summary>
    public double Value(int metric) => AsDouble(metric, Values[metric]);

    public static double AsDouble(int metric, long raw) => Metric.All[metric].Kind switch
    {
        MetricKind.Yuan => raw / 100.0,
        MetricKind.Ratio => raw / (double)RatioScale,
        _ => raw,
    };

    /// <summary>Exact text of a raw value in its unit: counts as integers, yuan with 2 decimals, ratios with 6.</summary>
    public static string Format(MetricKind kind, long raw) => kind switch
    {
        MetricKind.Yuan => FormatFixed(raw, 100, 2),
        MetricKind.Ratio => FormatFixed(raw, RatioScale, 6),
        _ => raw.ToString(CultureInfo.InvariantCulture),
    };

    public static string FormatFixed(long raw, long scale, int decimals)
    {
        var negative = raw < 0;
        var magnitude = negative ? -(decimal)raw : raw;
        var whole = decimal.Truncate(magnitude / scale);
        var fraction = magnitude - whole * scale;
        var text = whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
        return negative ? "-" + text : text;
    }
}
