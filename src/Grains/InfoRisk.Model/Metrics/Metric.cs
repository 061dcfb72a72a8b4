using InfoRisk.Model.Actors;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>
/// The metric registry: every output metric of a tick, in column order. Names are a stable contract (docs/outputs.md).
/// Nothing else names a metric: code refers to these definitions, files and charts take their names, units and labels
/// from them, and <see cref="Compose"/> computes a tick's row from them.
/// </summary>
public static partial class Metric
{
    private static readonly Lazy<MetricDefinition[]> Registry = new(Read);

    /// <summary>Every metric, in column order.</summary>
    public static MetricDefinition[] All => Registry.Value;

    public static int Count => All.Length;

    public static int IndexOf(string name) => Array.FindIndex(All, m => m.Name == name);

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>A tick's metric row (raw values), computed in column order.</summary>
    public static long[] Compose(TickInputs inputs)
    {
        foreach (var m in All) inputs.Values[m.Index] = m.Compute(inputs);
        return inputs.Values;
    }

    /// <summary>Declares a metric at its column (a stable number, like a serialisation id: a new metric takes the next free one).</summary>
    private static MetricDefinition Define(int column, string name, MetricKind kind, MetricNature nature, string unit, string meaning, string labelEn, string labelZh, Func<TickInputs, long> compute) =>
        new(column, name, kind, nature, unit, meaning, labelEn, labelZh, compute);

    /// <summary>The declared metrics in column order; the columns must run 0, 1, 2, ... without gaps.</summary>
    private static MetricDefinition[] Read()
    {
        var all = typeof(Metric).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MetricDefinition)).Select(f => (MetricDefinition)f.GetValue(null)!).OrderBy(m => m.Index).ToArray();
        for (var k = 0; k < all.Length; k++)
        {
            if (all[k].Index != k) throw new InvalidOperationException($"metric columns are not contiguous at {k} ({all[k].Name} declares {all[k].Index})");
        }
        return all;
    }

    private static Func<TickInputs, long> Tally(TallyField field) => x => x.Tally[field];

    /// <summary>The mean of a provider report's level over the providers in the market (0 when none is).</summary>
    private static long MeanOverProviders(TickInputs x, Func<ProviderTickReport, double> level)
    {
        var active = x.Providers.Where(r => r.Current.Active).ToList();
        return TickRow.Ratio(active.Count == 0 ? 0 : active.Average(level));
    }
}
