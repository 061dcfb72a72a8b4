using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>One point of a sweep: parameter values that override the experiment's parameters.</summary>
public sealed record Scenario(int Index, IReadOnlyList<KeyValuePair<string, JsonNode>> Overrides, ModelParameters Parameters);

/// <summary>A validated experiment: what to run and how.</summary>
public sealed record Experiment
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string FilePath { get; init; }
    public required string FileSha256 { get; init; }
    public required int Ticks { get; init; }
    public required int Replicates { get; init; }
    public required ulong Seed { get; init; }
    public required Population Population { get; init; }
    public required IReadOnlyList<Regime> Regimes { get; init; }
    public required string Baseline { get; init; }
    public required ModelParameters Parameters { get; init; }
    public required IReadOnlyList<Scenario> Scenarios { get; init; }
    /// <summary>Names of the swept parameters (columns of runs.csv that vary between scenarios).</summary>
    public IReadOnlyList<string> SweptParameters { get; init; } = [];
    public int CohortSize { get; init; } = 8192;
    public bool Plots { get; init; } = true;

    public int RunCount => Scenarios.Count * Regimes.Count * Replicates;

    /// <summary>Replicate r uses the same seed under every regime and scenario (common random numbers).</summary>
    public ulong ReplicateSeed(int replicate) => Model.Randomness.CounterRandom.Derive(Seed, Model.Randomness.RandomStream.Replicate, replicate);
}
