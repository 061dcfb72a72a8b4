using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Multi-objective regime search with NSGA-II (Deb, Pratap, Agarwal and Meyarivan 2002) over mixed variables, with an
/// ask/tell interface: <see cref="Ask"/> hands out a batch (the initial population, then one generation of offspring),
/// the caller evaluates it (for example as one batch of simulation runs with replicates and common random numbers) and
/// gives the means back with <see cref="Tell"/>. Every random draw is a CounterRandom draw keyed by (seed, generation,
/// counter), and the state (<see cref="ToJson"/>) holds everything else, so a search resumed from its JSON continues
/// exactly as an uninterrupted one.
/// <para>
/// Generation g + 1: parents by binary tournament on (rank, crowding distance); continuous and integer genes by
/// simulated binary crossover (SBX, Deb and Agrawal 1995; bounded form of Deb's NSGA-II code) and polynomial mutation
/// (integers rounded after both), categorical genes by uniform crossover and by mutation to another value chosen
/// uniformly; survivors: the best PopulationSize of parents plus offspring by non-dominated rank, then crowding distance.
/// The initial population is uniform at random (integers and categories uniform over their values).
/// </para>
/// </summary>
public sealed class RegimeSearch
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly List<SearchPoint> _archive;
    private readonly Dictionary<int, SearchPoint> _byId;
    private List<int> _population;
    private List<SearchCandidate> _pending;
    private int _generation;
    private int _nextId;

    private RegimeSearch(RegimeSearchState state)
    {
        Variables = state.Variables;
        Objectives = state.Objectives;
        Options = state.Options;
        _generation = state.Generation;
        _nextId = state.NextId;
        _population = [.. state.Population];
        _archive = [.. state.Archive];
        _byId = _archive.ToDictionary(p => p.Id);
        _pending = [.. state.Pending];
    }

    public IReadOnlyList<SearchVariable> Variables { get; }

    public IReadOnlyList<SearchObjective> Objectives { get; }

    public SearchOptions Options { get; }

    /// <summary>Generations completed (0 until the initial population is told).</summary>
    public int Generation => _generation;

    /// <summary>Evaluations told so far.</summary>
    public int Evaluations => _archive.Count;

    /// <summary>True when the budget is spent and nothing is pending.</summary>
    public bool Finished => _pending.Count == 0 && _archive.Count >= Options.Budget;

    /// <summary>Every evaluated point, in evaluation order.</summary>
    public IReadOnlyList<SearchPoint> Archive => _archive;

    /// <summary>The current population (the survivors of the last generation).</summary>
    public IReadOnlyList<SearchPoint> Population => [.. _population.Select(id => _byId[id])];

    /// <summary>The non-dominated points among all evaluated ones (in evaluation order).</summary>
    public IReadOnlyList<SearchPoint> Front
    {
        get
        {
            var maximize = Objectives.Select(o => o.Maximize).ToArray();
            return [.. ParetoFront.NonDominated([.. _archive.Select(p => p.Means)], maximize).Select(i => _archive[i])];
        }
    }

    /// <summary>Starts a search; nothing is drawn until <see cref="Ask"/>.</summary>
    public static RegimeSearch Start(IReadOnlyList<SearchVariable> variables, IReadOnlyList<SearchObjective> objectives, SearchOptions options)
    {
        Validate(variables, objectives, options);
        return new RegimeSearch(new RegimeSearchState([.. variables], [.. objectives], options, 0, 0, [], [], []));
    }

    /// <summary>
    /// The batch to evaluate next: the pending batch if one is out (so asking again after a restart returns the same
    /// candidates), else the initial population or the next generation's offspring (fewer when the budget is nearly
    /// spent); empty when <see cref="Finished"/>.
    /// </summary>
    public IReadOnlyList<SearchCandidate> Ask()
    {
        if (_pending.Count > 0) return _pending.AsReadOnly();
        var remaining = Options.Budget - _archive.Count;
        if (remaining <= 0) return [];
        var count = Math.Min(Options.PopulationSize, remaining);
        var draws = new Draws(Options.Seed, _generation);
        _pending = _population.Count == 0 ? Initial(count, draws) : Offspring(count, draws);
        return _pending.AsReadOnly();
    }

    /// <summary>
    /// The evaluations of the whole pending batch (any order). Then the survivors are selected and the generation
    /// counter moves on. Objective means must be finite.
    /// </summary>
    public void Tell(IReadOnlyList<SearchEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        if (_pending.Count == 0) throw new InvalidOperationException("nothing is pending: call Ask first");
        var byId = evaluations.ToDictionary(e => e.Id);
        if (byId.Count != _pending.Count || _pending.Any(c => !byId.ContainsKey(c.Id)))
        {
            throw new ArgumentException($"expected evaluations of candidates {string.Join(", ", _pending.Select(c => c.Id))}", nameof(evaluations));
        }
        var m = Objectives.Count;
        var added = new List<int>();
        foreach (var candidate in _pending)
        {
            var e = byId[candidate.Id];
            if (e.Means.Count != m || e.Means.Any(v => !double.IsFinite(v)))
            {
                throw new ArgumentException($"candidate {candidate.Id}: expected {m} finite objective means", nameof(evaluations));
            }
            var half = e.HalfWidths is { Count: > 0 } h ? h : [.. Enumerable.Repeat(double.NaN, m)];
            if (half.Count != m) throw new ArgumentException($"candidate {candidate.Id}: expected {m} half-widths", nameof(evaluations));
            var point = new SearchPoint(candidate.Id, _generation, candidate.Genes, [.. e.Means], [.. half]);
            _archive.Add(point);
            _byId[point.Id] = point;
            added.Add(point.Id);
        }
        _pending = [];
        _population = Survivors([.. _population, .. added]);
        _generation++;
    }

    /// <summary>Runs the whole search with an in-process evaluator (batch by batch); returns the search.</summary>
    public RegimeSearch Run(Func<IReadOnlyList<SearchCandidate>, IReadOnlyList<SearchEvaluation>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        while (!Finished) Tell(evaluate(Ask()));
        return this;
    }

    /// <summary>The state as indented JSON (snake_case names).</summary>
    public string ToJson() => JsonSerializer.Serialize(State, Json);

    public RegimeSearchState State => new([.. Variables], [.. Objectives], Options, _generation, _nextId, [.. _population], [.. _archive], [.. _pending]);

    /// <summary>A search from its saved JSON state.</summary>
    public static RegimeSearch FromJson(string json)
    {
        var state = JsonSerializer.Deserialize<RegimeSearchState>(json, Json) ?? throw new JsonException("empty search state");
        Validate(state.Variables, state.Objectives, state.Options);
        return new RegimeSearch(state);
    }

    /// <summary>The genes of a candidate as text, one per variable.</summary>
    public IReadOnlyList<string> Describe(IReadOnlyList<double> genes) => [.. Variables.Select((v, i) => v.Text(genes[i]))];

    private List<SearchCandidate> Initial(int count, Draws draws)
    {
        var list = new List<SearchCandidate>(count);
        for (var c = 0; c < count; c++)
        {
            var genes = new double[Variables.Count];
            for (var i = 0; i < genes.Length; i++)
            {
                var v = Variables[i];
                var u = draws.Next();
                genes[i] = v.Kind switch
                {
                    SearchVariableKind.Continuous => v.Min + (u * (v.Max - v.Min)),
                    _ => v.Min + Math.Min(Math.Floor(u * (v.Max - v.Min + 1)), v.Max - v.Min),
                };
            }
            list.Add(new SearchCandidate(_nextId++, genes));
        }
        return list;
    }

    private List<SearchCandidate> Offspring(int count, Draws draws)
    {
        var parents = _population.Select(id => _byId[id]).ToList();
        var objectives = parents.Select(p => Minimised(p.Means)).ToList();
        var rank = ParetoFront.Ranks(objectives);
        var crowding = new double[parents.Count];
        foreach (var front in Enumerable.Range(0, parents.Count).GroupBy(i => rank[i]))
        {
            var members = front.ToList();
            var distance = ParetoFront.Crowding(objectives, members);
            for (var i = 0; i < members.Count; i++) crowding[members[i]] = distance[i];
        }

        int Tournament()
        {
            var a = draws.Below(parents.Count);
            var b = draws.Below(parents.Count);
            if (rank[a] != rank[b]) return rank[a] < rank[b] ? a : b;
            if (crowding[a] != crowding[b]) return crowding[a] > crowding[b] ? a : b;
            return Math.Min(a, b);
        }

        var k = Variables.Count;
        var mutation = 1.0 / k;
        var list = new List<SearchCandidate>(count);
        while (list.Count < count)
        {
            var p1 = parents[Tournament()].Genes.ToArray();
            var p2 = parents[Tournament()].Genes.ToArray();
            var (c1, c2) = (p1, p2);
            if (draws.Next() < Options.CrossoverProbability)
            {
                c1 = (double[])p1.Clone();
                c2 = (double[])p2.Clone();
                for (var i = 0; i < k; i++)
                {
                    var v = Variables[i];
                    if (v.Kind == SearchVariableKind.Categorical)
                    {
                        if (draws.Next() < 0.5) (c1[i], c2[i]) = (c2[i], c1[i]);
                        continue;
                    }
                    (c1[i], c2[i]) = Sbx(p1[i], p2[i], v.Min, v.Max, Options.CrossoverEta, draws);
                }
            }
            foreach (var child in new[] { (double[])c1.Clone(), (double[])c2.Clone() })
            {
                for (var i = 0; i < k; i++)
                {
                    var v = Variables[i];
                    if (draws.Next() < mutation)
                    {
                        if (v.Kind == SearchVariableKind.Categorical)
                        {
                            var values = (int)(v.Max - v.Min + 1);
                            if (values > 1)
                            {
                                var other = draws.Below(values - 1);
                                child[i] = other >= child[i] ? other + 1 : other;
                            }
                        }
                        else
                        {
                            child[i] = Mutate(child[i], v.Min, v.Max, Options.MutationEta, draws.Next());
                        }
                    }
                    if (v.Kind == SearchVariableKind.WholeNumber) child[i] = Math.Clamp(Math.Round(child[i], MidpointRounding.AwayFromZero), v.Min, v.Max);
                }
                if (list.Count < count) list.Add(new SearchCandidate(_nextId++, child));
            }
        }
        return list;
    }

    /// <summary>Simulated binary crossover of one variable on [lo, hi] (bounded form; children swapped with probability 1/2).</summary>
    private static (double, double) Sbx(double x1, double x2, double lo, double hi, double eta, Draws draws)
    {
        var swapDraw = draws.Next();
        var u = draws.Next();
        if (draws.Next() >= 0.5 || Math.Abs(x1 - x2) <= 1e-14 || !(hi > lo)) return (x1, x2);
        var y1 = Math.Min(x1, x2);
        var y2 = Math.Max(x1, x2);
        double Betaq(double beta)
        {
            var alpha = 2 - Math.Pow(beta, -(eta + 1));
            return u <= 1 / alpha ? Math.Pow(u * alpha, 1 / (eta + 1)) : Math.Pow(1 / (2 - (u * alpha)), 1 / (eta + 1));
        }
        var c1 = 0.5 * (y1 + y2 - (Betaq(1 + (2 * (y1 - lo) / (y2 - y1))) * (y2 - y1)));
        var c2 = 0.5 * (y1 + y2 + (Betaq(1 + (2 * (hi - y2) / (y2 - y1))) * (y2 - y1)));
        c1 = Math.Clamp(c1, lo, hi);
        c2 = Math.Clamp(c2, lo, hi);
        return swapDraw < 0.5 ? (c2, c1) : (c1, c2);
    }

    /// <summary>Polynomial mutation of one variable on [lo, hi] (Deb's bounded form).</summary>
    private static double Mutate(double y, double lo, double hi, double eta, double u)
    {
        if (!(hi > lo)) return y;
        var d1 = (y - lo) / (hi - lo);
        var d2 = (hi - y) / (hi - lo);
        var power = 1 / (eta + 1);
        double dq;
        if (u <= 0.5)
        {
            var val = (2 * u) + ((1 - (2 * u)) * Math.Pow(1 - d1, eta + 1));
            dq = Math.Pow(val, power) - 1;
        }
        else
        {
            var val = (2 * (1 - u)) + (2 * (u - 0.5) * Math.Pow(1 - d2, eta + 1));
            dq = 1 - Math.Pow(val, power);
        }
        return Math.Clamp(y + (dq * (hi - lo)), lo, hi);
    }

    /// <summary>The best PopulationSize of <paramref name="ids"/> by rank, then crowding distance (ties: earlier id).</summary>
    private List<int> Survivors(List<int> ids)
    {
        if (ids.Count <= Options.PopulationSize) return ids;
        var objectives = ids.Select(id => Minimised(_byId[id].Means)).ToList();
        var rank = ParetoFront.Ranks(objectives);
        var survivors = new List<int>(Options.PopulationSize);
        foreach (var front in Enumerable.Range(0, ids.Count).GroupBy(i => rank[i]).OrderBy(g => g.Key))
        {
            var members = front.ToList();
            if (survivors.Count + members.Count <= Options.PopulationSize)
            {
                survivors.AddRange(members.Select(i => ids[i]));
                continue;
            }
            var distance = ParetoFront.Crowding(objectives, members);
            survivors.AddRange(Enumerable.Range(0, members.Count)
                .OrderByDescending(i => distance[i]).ThenBy(i => ids[members[i]])
                .Take(Options.PopulationSize - survivors.Count)
                .Select(i => ids[members[i]]));
            break;
        }
        return survivors;
    }

    private double[] Minimised(IReadOnlyList<double> means) => [.. means.Select((v, j) => Objectives[j].Maximize ? -v : v)];

    private static void Validate(IReadOnlyList<SearchVariable> variables, IReadOnlyList<SearchObjective> objectives, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(options);
        if (variables.Count == 0) throw new ArgumentException("at least one variable is required", nameof(variables));
        if (objectives.Count < 2) throw new ArgumentException("a multi-objective search needs at least 2 objectives", nameof(objectives));
        foreach (var v in variables)
        {
            var ok = v.Kind switch
            {
                SearchVariableKind.Continuous => double.IsFinite(v.Min) && double.IsFinite(v.Max) && v.Min < v.Max,
                SearchVariableKind.WholeNumber => v.Min == Math.Floor(v.Min) && v.Max == Math.Floor(v.Max) && v.Min <= v.Max,
                _ => v.Values is { Count: > 0 } values && v.Min == 0 && v.Max == values.Count - 1,
            };
            if (!ok) throw new ArgumentException($"variable '{v.Name}': a continuous variable needs finite Min < Max, an integer one whole Min <= Max, a categorical one its values", nameof(variables));
        }
        if (options.PopulationSize < 4 || options.PopulationSize % 2 != 0) throw new ArgumentException($"population size must be even and at least 4, got {options.PopulationSize}", nameof(options));
        if (options.Budget < options.PopulationSize) throw new ArgumentException($"the budget ({options.Budget}) must cover at least the initial population ({options.PopulationSize})", nameof(options));
        if (!(options.CrossoverProbability >= 0 && options.CrossoverProbability <= 1) || !(options.CrossoverEta >= 0) || !(options.MutationEta >= 0))
        {
            throw new ArgumentException("crossover probability must be in [0, 1] and the distribution indices non-negative", nameof(options));
        }
    }

    /// <summary>The draws of one generation: CounterRandom uniforms keyed by (seed, generation), numbered in order of use.</summary>
    private sealed class Draws(ulong seed, int generation)
    {
        private readonly DesignDraws _draws = new(seed, DesignPurpose.ParetoSearch, generation);
        private int _counter;

        public double Next() => _draws.Uniform(_counter++);

        public int Below(int n) => _draws.Below(_counter++, n);
    }
}
