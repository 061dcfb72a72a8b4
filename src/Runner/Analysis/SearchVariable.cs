using System.Globalization;

namespace InfoRisk.Runner.Analysis;

/// <summary>The kind of a search variable.</summary>
public enum SearchVariableKind
{
    Continuous,
    WholeNumber,
    Categorical,
}

/// <summary>
/// A decision variable of a regime search: continuous on [Min, Max], integer in [Min, Max], or categorical with the
/// allowed <see cref="Values"/> (a boolean lever is categorical with "false" and "true"). A candidate's gene is the value
/// (continuous, integer) or the index into Values (categorical).
/// </summary>
public sealed record SearchVariable(string Name, SearchVariableKind Kind, double Min, double Max, IReadOnlyList<string>? Values = null)
{
    public static SearchVariable Continuous(string name, double min, double max) => new(name, SearchVariableKind.Continuous, min, max);

    public static SearchVariable WholeNumber(string name, int min, int max) => new(name, SearchVariableKind.WholeNumber, min, max);

    public static SearchVariable Categorical(string name, IReadOnlyList<string> values) => new(name, SearchVariableKind.Categorical, 0, values.Count - 1, values);

    public static SearchVariable Boolean(string name) => Categorical(name, ["false", "true"]);

    /// <summary>The gene as text: the value (invariant culture, shortest round-trip form) or the category.</summary>
    public string Text(double gene) => Kind switch
    {
        SearchVariableKind.Categorical => Values![(int)gene],
        SearchVariableKind.WholeNumber => ((long)gene).ToString(CultureInfo.InvariantCulture),
        _ => gene.ToString("R", CultureInfo.InvariantCulture),
    };
}

/// <summary>An objective: its name and whether it is maximised (else minimised).</summary>
public sealed record SearchObjective(string Name, bool Maximize);

/// <summary>
/// NSGA-II settings: <see cref="PopulationSize"/> (even, at least 4), <see cref="Budget"/> (total evaluations, the
/// initial population included), <see cref="Seed"/>; SBX crossover with probability <see cref="CrossoverProbability"/>
/// and index <see cref="CrossoverEta"/>, polynomial mutation with index <see cref="MutationEta"/> and per-variable
/// probability 1/(number of variables).
/// </summary>
public sealed record SearchOptions(int PopulationSize, int Budget, ulong Seed, double CrossoverProbability = 0.9, double CrossoverEta = 15, double MutationEta = 20);

/// <summary>A point to evaluate: its id (unique in the search) and genes (one per variable).</summary>
public sealed record SearchCandidate(int Id, IReadOnlyList<double> Genes);

/// <summary>
/// The evaluation of a candidate: the objective means over replicates (in objective order) and, optionally, their
/// 95% CI half-widths (NaN or empty when unknown).
/// </summary>
public sealed record SearchEvaluation(int Id, IReadOnlyList<double> Means, IReadOnlyList<double>? HalfWidths = null);

/// <summary>An evaluated point: genes, objective means and CI half-widths, and the generation it was created in (0 = initial).</summary>
public sealed record SearchPoint(int Id, int Generation, IReadOnlyList<double> Genes, IReadOnlyList<double> Means, IReadOnlyList<double> HalfWidths);

/// <summary>The whole state of a search, as serialised to JSON (so a search can stop after any batch and resume).</summary>
public sealed record RegimeSearchState(
    IReadOnlyList<SearchVariable> Variables,
    IReadOnlyList<SearchObjective> Objectives,
    SearchOptions Options,
    int Generation,
    int NextId,
    IReadOnlyList<int> Population,
    IReadOnlyList<SearchPoint> Archive,
    IReadOnlyList<SearchCandidate> Pending);
