using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// One point of a sweep (or of a sensitivity design): model parameter values that override the experiment's
/// parameters, and lever values that override that lever in every regime of the scenario.
/// </summary>
public sealed record Scenario(int Index, IReadOnlyList<KeyValuePair<string, JsonNode>> Overrides, ModelParameters Parameters)
{
    /// <summary>Lever values set in every regime of this scenario (a lever sweep).</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> LeverOverrides { get; init; } = [];
}

/// <summary>How the scenarios were made: "none" (one scenario), "grid", "lhs", or a sensitivity method ("morris", "sobol").</summary>
public sealed record SweepDesign(string Design, int Points);

/// <summary>
/// A lever ablation. Design "add": the target regime's value of each lever switched onto the base regime, one lever
/// at a time (variant <c>base+lever</c>). Design "remove" (leave one out): the target regime with one lever switched
/// back to the base value (variant <c>target-lever</c>). "both" runs the two. Every design runs all levers together
/// (<c>base+all</c>), the reference of share_of_all.
/// </summary>
public sealed record Ablation(Regime Base, Regime Target, IReadOnlyList<string> Levers, string Design = Ablation.Both)
{
    public const string AllLevers = "all";
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Both = "both";

    /// <summary>The allowed values of the block's "design" key.</summary>
    public static readonly string[] Designs = [Add, Remove, Both];

    public bool Adds => Design is Add or Both;

    public bool Removes => Design is Remove or Both;

    public static string VariantName(string baseName, string lever) => $"{baseName}+{lever}";

    /// <summary>The leave-one-out variant: the target regime with <paramref name="lever"/> at the base value.</summary>
    public static string RemovedName(string targetName, string lever) => $"{targetName}-{lever}";
}

/// <summary>A sensitivity analysis: its design's points are the experiment's scenarios.</summary>
public sealed record Sensitivity
{
    public required string Method { get; init; }
    public required IReadOnlyList<UncertainParameter> Parameters { get; init; }
    public required IReadOnlyList<double[]> Points { get; init; }
    public required IReadOnlyList<string> Metrics { get; init; }
    public required int Bootstrap { get; init; }
    public required ulong BootstrapSeed { get; init; }
    /// <summary>Sobol: base samples N; Morris: trajectories r.</summary>
    public required int Samples { get; init; }
    public int Levels { get; init; }
    public required Func<IReadOnlyList<double>, int, ulong, IReadOnlyList<IndexEstimate>> Estimator { get; init; }

    public IReadOnlyList<IndexEstimate> Estimate(IReadOnlyList<double> outputs) => Estimator(outputs, Bootstrap, BootstrapSeed);

    /// <summary>Sobol: the indices at growing base sample sizes from the same outputs (sensitivity_convergence.csv); null for Morris.</summary>
    public Func<IReadOnlyList<double>, int, ulong, IReadOnlyList<SobolConvergenceRow>>? Convergence { get; init; }

    /// <summary>The convergence rows of <paramref name="outputs"/>, or none (Morris).</summary>
    public IReadOnlyList<SobolConvergenceRow> Converge(IReadOnlyList<double> outputs) => Convergence?.Invoke(outputs, Bootstrap, BootstrapSeed) ?? [];

    /// <summary>
    /// The first base sample size of a convergence figure for a design of size <paramref name="n"/>: the smallest of
    /// n, n/2, n/4, ... that is at least max(2, n/16), so that the figure has up to five sizes ending at n.
    /// </summary>
    public static int FirstConvergenceSize(int n)
    {
        var first = n;
        while (first / 2 >= Math.Max(2, n / 16)) first /= 2;
        return first;
    }
}

/// <summary>A file the experiment file refers to (a regime file): as written, its full path and the SHA-256 of its bytes.</summary>
public sealed record ReferencedFile(string AsWritten, string FullPath, string Sha256);

/// <summary>A validated experiment: what to run and how.</summary>
public sealed record Experiment
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string FilePath { get; init; }
    public required string FileSha256 { get; init; }
    /// <summary>Regime files the experiment loads ({ "file": ... }), in the order they are listed.</summary>
    public IReadOnlyList<ReferencedFile> ReferencedFiles { get; init; } = [];
    public required int Ticks { get; init; }

    /// <summary>
    /// The first ticks of every run, simulated but left out of runs.csv's run values (and so of summary.csv): flows are
    /// summed and stocks averaged over ticks [WarmupTicks, Ticks). timeseries.csv keeps every tick.
    /// </summary>
    public int WarmupTicks { get; init; }
    /// <summary>Replicates per scenario and regime (for a sequential block: the minimum until the runner has decided).</summary>
    public required int Replicates { get; init; }
    /// <summary>Sequential replicates: add paired replicates until the stated differences are precise enough (null: fixed).</summary>
    public SequentialReplicatePlan? Sequential { get; init; }
    /// <summary>The replicate number of this experiment's first replicate (the batches of a sequential run; 0 otherwise).</summary>
    public int FirstReplicate { get; init; }
    public required ulong Seed { get; init; }
    public required Population Population { get; init; }
    /// <summary>Every regime that runs, in report order: the listed ones, then ablation variants.</summary>
    public required IReadOnlyList<Regime> Regimes { get; init; }
    public required string Baseline { get; init; }
    public required ModelParameters Parameters { get; init; }
    public required IReadOnlyList<Scenario> Scenarios { get; init; }
    /// <summary>Columns of scenarios.csv and runs.csv that vary between scenarios: <c>param_&lt;name&gt;</c> and <c>lever_&lt;name&gt;</c>.</summary>
    public IReadOnlyList<string> SweptParameters { get; init; } = [];
    public SweepDesign Sweep { get; init; } = new("none", 1);
    public Ablation? Ablation { get; init; }
    public Sensitivity? Sensitivity { get; init; }
    /// <summary>The regime search of an <c>optimize</c> block: the listed regimes are then the named regimes placed on the Pareto chart.</summary>
    public Optimization? Optimize { get; init; }
    public int CohortSize { get; init; } = 8192;
    public bool Plots { get; init; } = true;

    public int RunCount => Scenarios.Count * Regimes.Count * Replicates;

    /// <summary>Replicate r uses the same seed under every regime and scenario (common random numbers).</summary>
    public ulong ReplicateSeed(int replicate) => Model.Randomness.CounterRandom.Derive(Seed, Model.Randomness.RandomStream.Replicate, replicate);

    /// <summary>The regime as it runs in a scenario: swept levers override the regime's own values.</summary>
    public static Regime RegimeIn(Scenario scenario, Regime regime)
    {
        if (scenario.LeverOverrides.Count == 0) return regime;
        var doc = JsonSerializer.SerializeToNode(regime, ModelJson.Options)!.AsObject();
        foreach (var (lever, value) in scenario.LeverOverrides) doc[lever] = value.DeepClone();
        return doc.Deserialize<Regime>(ModelJson.Strict)!;
    }
}
