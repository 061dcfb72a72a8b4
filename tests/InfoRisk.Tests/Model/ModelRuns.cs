using System.Collections.Concurrent;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Helpers shared by the model tests: run specifications, a cache of whole runs that several test classes read
/// (so that the expensive 20,000-subject runs are made once per test process), and sums over rows.
/// </summary>
internal static class ModelRuns
{
    /// <summary>The four built-in regimes, as xunit theory data.</summary>
    public static TheoryData<string> BuiltInRegimes => new(RegimeCatalog.BuiltInNames);

    public static RunSpec Spec(string regime, int subjects, int users, ulong seed = 42, int ticks = 365, int cohortSize = 8192, ModelParameters? parameters = null) =>
        Spec(RegimeCatalog.Get(regime), subjects, users, seed, ticks, cohortSize, parameters);

    public static RunSpec Spec(Regime regime, int subjects, int users, ulong seed = 42, int ticks = 365, int cohortSize = 8192, ModelParameters? parameters = null) =>
        new()
        {
            Seed = seed,
            Ticks = ticks,
            CohortSize = cohortSize,
            Population = new Population { Subjects = subjects, Users = users },
            Regime = regime,
            Parameters = parameters ?? new ModelParameters(),
        };

    private static readonly ConcurrentDictionary<string, Lazy<TickRow[]>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// A whole 20,000-subject, 6,000-user, 365-tick run of a built-in regime with seed 42 (the brief's reference size),
    /// made once per test process and shared by the conservation and mechanism tests.
    /// </summary>
    public static TickRow[] Large(string regime) =>
        Cache.GetOrAdd("large/" + regime, _ => new Lazy<TickRow[]>(() => PlainRun.Run(Spec(regime, 20_000, 6_000)))).Value;

    /// <summary>Sum of a metric's raw values over the rows (flows: the run total).</summary>
    public static long Sum(TickRow[] rows, int metric) => rows.Sum(r => r.Values[metric]);

    /// <summary>Mean of a metric's raw values over the rows.</summary>
    public static double Mean(TickRow[] rows, int metric) => rows.Average(r => (double)r.Values[metric]);

    public static string Name(int metric) => Metric.All[metric].Name;
}

/// <summary>
/// The test classes that read the shared runs of <see cref="ModelRuns.Large"/>. They run one after another, so that a test
/// thread never sits blocked waiting for a run that another thread is making while other tests could use the core.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRunsCollection
{
    public const string Name = "shared 20,000-subject runs";
}
