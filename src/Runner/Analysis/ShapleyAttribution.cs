namespace InfoRisk.Runner.Analysis;

/// <summary>
/// One set of levers switched from the base regime's value to the target regime's (the others keep the base value):
/// one regime to run. Bit i of <see cref="Mask"/> is lever i of the plan.
/// </summary>
public sealed record LeverCoalition(int Index, ulong Mask, IReadOnlyList<string> Switched)
{
    public bool Contains(int lever) => (Mask & (1UL << lever)) != 0;
}

/// <summary>
/// The Shapley value of one lever: its share of the paired difference target - base. <see cref="PerReplicate"/> holds
/// the value in each replicate (same seeds in every coalition); Mean, Sd and Ci95 are the Student-t interval over
/// replicates. <see cref="PermutationSe"/> is the standard error from sampling permutations (0 when exact), and
/// Ci95Total widens the interval by it: mean +- sqrt(h^2 + (1.96 PermutationSe)^2), h the replicate half-width.
/// </summary>
public sealed record ShapleyValue(string Lever, double Mean, double Sd, double Ci95Low, double Ci95High, double PermutationSe, double Ci95TotalLow, double Ci95TotalHigh, IReadOnlyList<double> PerReplicate);

/// <summary>
/// Shapley values of the levers, in the plan's lever order, and the total paired difference f(all) - f(none) they
/// add up to: per replicate, <c>Values.Sum(v =&gt; v.PerReplicate[r])</c> (summed in lever order) equals
/// <c>TotalPerReplicate[r]</c> exactly, and the means add up to <c>Total.Mean</c> exactly.
/// <see cref="MaxEfficiencyCorrection"/> is the largest change made to the last lever's value to make those sums exact
/// (floating-point rounding only).
/// </summary>
public sealed record ShapleyResult(IReadOnlyList<ShapleyValue> Values, MeanInterval Total, IReadOnlyList<double> TotalPerReplicate, bool Exact, int Permutations, double MaxEfficiencyCorrection);

/// <summary>
/// Shapley attribution of the difference between two regimes to the k levers in which they differ (Shapley 1953).
/// The player set is the levers; the value of a coalition S is the outcome (per replicate) of the base regime with
/// the levers in S switched to the target's values. The plan (<see cref="Coalitions"/>: the regimes to run) is
/// separate from the computation (<see cref="Compute"/>), so a runner can run the coalitions as a batch, in parallel,
/// and resume; every coalition must be run with the same replicates (common random numbers).
/// <para>
/// Exact (<see cref="Exact"/>): all 2^k coalitions, phi_i = sum over S not containing i of
/// |S|! (k - |S| - 1)! / k! [v(S + i) - v(S)]. Sampled (<see cref="Sampled"/>): m random orders of the levers
/// (Castro, Gomez and Tejada 2009); phi_i is the mean over orders of lever i's marginal contribution when it is
/// switched after the levers before it; the coalitions are the prefixes of the orders (at most m (k - 1) + 2 runs).
/// </para>
/// </summary>
public sealed class ShapleyPlan
{
    /// <summary>Most levers for exact enumeration (2^20 coalitions); in practice keep it to about 10.</summary>
    public const int MaxExactLevers = 20;

    /// <summary>Most levers in any plan (coalitions are 64-bit masks).</summary>
    public const int MaxLevers = 63;

    private readonly int[][] _orders;
    private readonly Dictionary<ulong, int> _index;

    private ShapleyPlan(IReadOnlyList<string> levers, bool exact, int[][] orders, ulong seed, IReadOnlyList<LeverCoalition> coalitions)
    {
        Levers = levers;
        IsExact = exact;
        _orders = orders;
        Seed = seed;
        Coalitions = coalitions;
        _index = coalitions.ToDictionary(c => c.Mask, c => c.Index);
    }

    public IReadOnlyList<string> Levers { get; }

    /// <summary>True for exact enumeration, false for permutation sampling.</summary>
    public bool IsExact { get; }

    /// <summary>Sampled orders m (0 when exact).</summary>
    public int Permutations => IsExact ? 0 : _orders.Length;

    public ulong Seed { get; }

    /// <summary>
    /// The coalitions to run, each once: exact plans list all 2^k by mask (mask 0 = the base regime first, the last one
    /// = every lever switched); sampled plans list none, all, then the prefixes of the orders in order of first use.
    /// </summary>
    public IReadOnlyList<LeverCoalition> Coalitions { get; }

    /// <summary>The lever orders of a sampled plan (lever indices), in sampling order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Orders => _orders;

    /// <summary>Exact when k &lt;= <paramref name="maxExact"/>, otherwise <paramref name="permutations"/> sampled orders.</summary>
    public static ShapleyPlan For(IReadOnlyList<string> levers, int permutations, ulong seed, int maxExact = 10)
    {
        ArgumentNullException.ThrowIfNull(levers);
        return levers.Count <= Math.Min(maxExact, MaxExactLevers) ? Exact(levers) : Sampled(levers, permutations, seed);
    }

    /// <summary>All 2^k coalitions (k = 1 .. <see cref="MaxExactLevers"/>).</summary>
    public static ShapleyPlan Exact(IReadOnlyList<string> levers)
    {
        var copy = Check(levers);
        if (copy.Length > MaxExactLevers)
        {
            throw new ArgumentException($"exact Shapley values enumerate 2^k coalitions; at most {MaxExactLevers} levers (got {copy.Length}): use permutation sampling", nameof(levers));
        }
        var coalitions = new LeverCoalition[1 << copy.Length];
        for (var mask = 0; mask < coalitions.Length; mask++) coalitions[mask] = Coalition(copy, mask, (ulong)mask);
        return new ShapleyPlan(Array.AsReadOnly(copy), true, [], 0, Array.AsReadOnly(coalitions));
    }

    /// <summary><paramref name="permutations"/> (at least 2) uniformly random orders of the levers, drawn from <paramref name="seed"/>.</summary>
    public static ShapleyPlan Sampled(IReadOnlyList<string> levers, int permutations, ulong seed)
    {
        var copy = Check(levers);
        if (permutations < 2) throw new ArgumentOutOfRangeException(nameof(permutations), permutations, "permutation sampling needs at least 2 orders (for its standard error)");
        var k = copy.Length;
        var all = (1UL << k) - 1;
        var list = new List<LeverCoalition> { Coalition(copy, 0, 0), Coalition(copy, 1, all) };
        var seen = new HashSet<ulong> { 0, all };
        var orders = new int[permutations][];
        for (var p = 0; p < permutations; p++)
        {
            orders[p] = new DesignDraws(seed, DesignPurpose.ShapleyPermutation, p).Permutation(0, k);
            var mask = 0UL;
            foreach (var lever in orders[p])
            {
                mask |= 1UL << lever;
                if (seen.Add(mask)) list.Add(Coalition(copy, list.Count, mask));
            }
        }
        return new ShapleyPlan(Array.AsReadOnly(copy), false, orders, seed, list.AsReadOnly());
    }

    /// <summary>Runs <paramref name="evaluate"/> on every coalition in order and computes the values (for callers that evaluate in process).</summary>
    public ShapleyResult Evaluate(Func<LeverCoalition, IReadOnlyList<double>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        return Compute([.. Coalitions.Select(evaluate)]);
    }

    /// <summary>
    /// <paramref name="values"/>[c][r]: the outcome of coalition c (in the order of <see cref="Coalitions"/>) in replicate r;
    /// every coalition needs the same replicates, in the same order.
    /// </summary>
    public ShapleyResult Compute(IReadOnlyList<IReadOnlyList<double>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != Coalitions.Count)
        {
            throw new ArgumentException($"expected {Coalitions.Count} coalition outcomes (one per entry of Coalitions), got {values.Count}", nameof(values));
        }
        var replicates = values[0].Count;
        if (replicates == 0 || values.Any(v => v.Count != replicates))
        {
            throw new ArgumentException($"every coalition needs the same replicates (at least one); counts are {string.Join(", ", values.Select(v => v.Count).Distinct())}", nameof(values));
        }

        var k = Levers.Count;
        var phi = new double[k][];   // [lever][replicate]
        for (var i = 0; i < k; i++) phi[i] = new double[replicates];
        var none = values[_index[0]];
        var all = values[_index[AllMask]];
        double[] permutationSe;
        if (IsExact)
        {
            ComputeExact(values, phi, replicates);
            permutationSe = new double[k];
        }
        else
        {
            permutationSe = ComputeSampled(values, phi, replicates);
        }

        var total = new double[replicates];
        var correction = 0.0;
        for (var r = 0; r < replicates; r++)
        {
            total[r] = all[r] - none[r];
            var parts = new double[k];
            for (var i = 0; i < k; i++) parts[i] = phi[i][r];
            correction = Math.Max(correction, MakeExact(parts, total[r]));
            phi[k - 1][r] = parts[k - 1];
        }

        var totalInterval = MeanInterval.Of(total);
        var intervals = phi.Select(p => MeanInterval.Of(p)).ToArray();
        var means = intervals.Select(i => i.Mean).ToArray();
        correction = Math.Max(correction, MakeExact(means, totalInterval.Mean));
        var result = new ShapleyValue[k];
        for (var i = 0; i < k; i++)
        {
            var iv = intervals[i];
            var shift = means[i] - iv.Mean; // the efficiency correction of the last lever's mean (0 for the others)
            var half = (iv.Ci95High - iv.Ci95Low) / 2;
            var wide = Math.Sqrt((half * half) + Math.Pow(1.959963984540054 * permutationSe[i], 2));
            result[i] = new ShapleyValue(Levers[i], means[i], iv.Sd, iv.Ci95Low + shift, iv.Ci95High + shift, permutationSe[i], means[i] - wide, means[i] + wide, Array.AsReadOnly(phi[i]));
        }
        return new ShapleyResult(Array.AsReadOnly(result), totalInterval, Array.AsReadOnly(total), IsExact, Permutations, correction);
    }

    private ulong AllMask => (1UL << Levers.Count) - 1;

    private static void ComputeExact(IReadOnlyList<IReadOnlyList<double>> values, double[][] phi, int replicates)
    {
        var k = phi.Length;
        // weight of a coalition of size s not containing i: s! (k - s - 1)! / k! = 1 / (k C(k - 1, s))
        var weight = new double[k];
        for (var s = 0; s < k; s++)
        {
            double binomial = 1;
            for (var j = 1; j <= s; j++) binomial = binomial * (k - j) / j;
            weight[s] = 1.0 / (k * binomial);
        }
        var count = 1 << k;
        for (var i = 0; i < k; i++)
        {
            var bit = 1 << i;
            for (var mask = 0; mask < count; mask++)
            {
                if ((mask & bit) != 0) continue;
                var w = weight[System.Numerics.BitOperations.PopCount((uint)mask)];
                var without = values[mask];
                var with = values[mask | bit];
                for (var r = 0; r < replicates; r++) phi[i][r] += w * (with[r] - without[r]);
            }
        }
    }

    /// <summary>Mean marginal contributions over the sampled orders; returns each lever's permutation standard error.</summary>
    private double[] ComputeSampled(IReadOnlyList<IReadOnlyList<double>> values, double[][] phi, int replicates)
    {
        var k = phi.Length;
        var m = _orders.Length;
        var perOrder = new double[k][];   // [lever][order]: the replicate mean of the marginal contribution
        for (var i = 0; i < k; i++) perOrder[i] = new double[m];
        for (var p = 0; p < m; p++)
        {
            var mask = 0UL;
            foreach (var lever in _orders[p])
            {
                var before = values[_index[mask]];
                mask |= 1UL << lever;
                var after = values[_index[mask]];
                double sum = 0;
                for (var r = 0; r < replicates; r++)
                {
                    var delta = after[r] - before[r];
                    phi[lever][r] += delta / m;
                    sum += delta;
                }
                perOrder[lever][p] = sum / replicates;
            }
        }
        return [.. perOrder.Select(c => MeanInterval.Of(c).Sd / Math.Sqrt(m))];
    }

    /// <summary>
    /// Changes the last part so that the parts, summed left to right, equal <paramref name="total"/> exactly; returns the
    /// size of the change. The change is a rounding residual (a few ulps of the partial sums).
    /// </summary>
    internal static double MakeExact(double[] parts, double total)
    {
        if (!double.IsFinite(total) || parts.Any(p => !double.IsFinite(p))) return 0;
        var head = 0.0;
        for (var i = 0; i < parts.Length - 1; i++) head += parts[i];
        var original = parts[^1];
        var last = total - head;
        for (var step = 0; step < 64 && head + last != total; step++)
        {
            last = head + last < total ? Math.BitIncrement(last) : Math.BitDecrement(last);
        }
        parts[^1] = last;
        return Math.Abs(last - original);
    }

    private static string[] Check(IReadOnlyList<string> levers)
    {
        ArgumentNullException.ThrowIfNull(levers);
        if (levers.Count is < 1 or > MaxLevers) throw new ArgumentException($"a Shapley plan needs 1 to {MaxLevers} levers, got {levers.Count}", nameof(levers));
        if (levers.Distinct(StringComparer.Ordinal).Count() != levers.Count || levers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("lever names must be distinct and non-empty", nameof(levers));
        }
        return [.. levers];
    }

    private static LeverCoalition Coalition(string[] levers, int index, ulong mask) =>
        new(index, mask, Array.AsReadOnly(levers.Where((_, i) => (mask & (1UL << i)) != 0).ToArray()));
}
