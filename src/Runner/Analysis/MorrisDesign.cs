namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Morris (1991) elementary effects with mu* (Campolongo, Cariboni and Saltelli 2007): r one-at-a-time trajectories
/// on a p-level grid of the normalised inputs {0, 1/(p-1), ..., 1}, step delta = p / (2 (p - 1)) (p/2 grid steps).
/// <para>
/// Trajectory t (random from the seed): every parameter i gets a base level b_i uniform on {0, ..., p/2 - 1} and a
/// direction (up or down with probability 1/2); it starts at b_i/(p-1) (up) or b_i/(p-1) + delta (down); then the
/// parameters move one at a time, in a random order, by +delta or -delta. So each trajectory is k + 1 points and each
/// parameter's move is between grid levels b_i and b_i + p/2, as in Morris's B* construction.
/// <see cref="Points"/>: trajectory 0's k + 1 points, then trajectory 1's, ...; values in parameter units.
/// </para>
/// <para>
/// Elementary effects are per unit of the normalised input: EE_i = (f(x + delta e_i) - f(x)) / delta in the output's
/// units, so a linear f = sum c_i x_i (x_i in parameter units) has EE_i = c_i (Max_i - Min_i) and indices are
/// comparable across parameters whatever their units.
/// </para>
/// </summary>
public sealed class MorrisDesign
{
    /// <summary>Largest number of trajectories accepted.</summary>
    public const int MaxTrajectories = 1_000_000;

    /// <summary>Largest number of grid levels accepted.</summary>
    public const int MaxLevels = 1 << 20;

    private readonly int[][] _order;   // [trajectory][step] = parameter moved at that step
    private readonly bool[][] _up;     // [trajectory][parameter] = moves by +delta
    private readonly IReadOnlyList<double[]> _points;

    private MorrisDesign(IReadOnlyList<UncertainParameter> parameters, int levels, int[][] order, bool[][] up, IReadOnlyList<double[]> points)
    {
        Parameters = parameters;
        Levels = levels;
        _order = order;
        _up = up;
        _points = points;
    }

    public IReadOnlyList<UncertainParameter> Parameters { get; }

    /// <summary>p, the number of grid levels.</summary>
    public int Levels { get; }

    /// <summary>r, the number of trajectories.</summary>
    public int Trajectories => _order.Length;

    /// <summary>delta = p / (2 (p - 1)), the step in normalised units.</summary>
    public double Delta => Levels / (2.0 * (Levels - 1));

    /// <summary>r (k + 1) points in parameter units, trajectory by trajectory.</summary>
    public IReadOnlyList<double[]> Points => _points;

    /// <summary>
    /// Builds r = <paramref name="trajectories"/> trajectories (1 .. <see cref="MaxTrajectories"/>; sigma and CIs
    /// need 2 or more) on a grid of <paramref name="levels"/> levels (even, 2 .. <see cref="MaxLevels"/>; 4 is usual).
    /// </summary>
    public static MorrisDesign Create(IReadOnlyList<UncertainParameter> parameters, int trajectories, int levels, ulong seed)
    {
        UncertainParameter.Validate(parameters, nameof(parameters));
        if (trajectories is < 1 or > MaxTrajectories)
        {
            throw new ArgumentOutOfRangeException(nameof(trajectories), trajectories, $"trajectories must be in [1, {MaxTrajectories}]");
        }
        if (levels is < 2 or > MaxLevels || levels % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, $"levels must be even and in [2, {MaxLevels}] so that delta = p/(2(p-1)) falls on the grid");
        }

        var copy = parameters.ToArray();
        var k = copy.Length;
        var half = levels / 2;
        var top = levels - 1.0;
        var order = new int[trajectories][];
        var up = new bool[trajectories][];
        var points = new double[trajectories * (k + 1)][];
        var level = new int[k];
        for (var t = 0; t < trajectories; t++)
        {
            var draws = new DesignDraws(seed, DesignPurpose.MorrisTrajectory, t);
            up[t] = new bool[k];
            for (var i = 0; i < k; i++)
            {
                var baseLevel = draws.Below(i, half);
                up[t][i] = draws.Uniform(k + i) < 0.5;
                level[i] = up[t][i] ? baseLevel : baseLevel + half;
            }
            order[t] = draws.Permutation(2 * k, k);

            var row = t * (k + 1);
            points[row] = Values(copy, level, top);
            for (var m = 0; m < k; m++)
            {
                var i = order[t][m];
                level[i] += up[t][i] ? half : -half;
                points[row + m + 1] = Values(copy, level, top);
            }
        }
        return new MorrisDesign(Array.AsReadOnly(copy), levels, order, up, Array.AsReadOnly(points));
    }

    private static double[] Values(UncertainParameter[] parameters, int[] level, double top)
    {
        var x = new double[parameters.Length];
        for (var i = 0; i < x.Length; i++) x[i] = parameters[i].At(level[i] / top);
        return x;
    }

    /// <summary>
    /// mu (mean EE), mu_star (mean |EE|) and sigma (sample standard deviation of EE, r - 1 in the denominator; NaN
    /// when r &lt; 2) of every parameter, in parameter order. CIs: <paramref name="bootstrap"/> resamples of the r
    /// trajectories with replacement, percentile 2.5% and 97.5%; NaN when bootstrap is 0 (and for sigma when r &lt; 2).
    /// Non-finite outputs give NaN for the parameters whose effects they touch.
    /// </summary>
    public IReadOnlyList<IndexEstimate> Estimate(IReadOnlyList<double> outputs, int bootstrap, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var k = Parameters.Count;
        var r = Trajectories;
        if (outputs.Count != _points.Count)
        {
            throw new ArgumentException($"expected {_points.Count} outputs (r = {r} trajectories x (k + 1) = {k + 1} points, in the order of Points), got {outputs.Count}", nameof(outputs));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);

        var effects = new double[k][];   // [parameter][trajectory]
        for (var i = 0; i < k; i++) effects[i] = new double[r];
        var delta = Delta;
        for (var t = 0; t < r; t++)
        {
            var row = t * (k + 1);
            for (var m = 0; m < k; m++)
            {
                var i = _order[t][m];
                var change = outputs[row + m + 1] - outputs[row + m];
                effects[i][t] = _up[t][i] ? change / delta : -change / delta;
            }
        }

        var all = Enumerable.Range(0, r).ToArray();
        var resampled = new int[r];
        var result = new List<IndexEstimate>(3 * k);
        for (var i = 0; i < k; i++)
        {
            var (mu, muStar, sigma) = Moments(effects[i], all);
            var boot = new (double Mu, double MuStar, double Sigma)[bootstrap];
            for (var b = 0; b < bootstrap; b++)
            {
                var draws = new DesignDraws(seed, DesignPurpose.MorrisBootstrap, b);
                for (var t = 0; t < r; t++) resampled[t] = draws.Below(t, r);
                boot[b] = Moments(effects[i], resampled);
            }
            var withCi = bootstrap > 0 && r >= 2;
            var name = Parameters[i].Name;
            result.Add(Index(name, "mu", mu, withCi, boot.Select(x => x.Mu)));
            result.Add(Index(name, "mu_star", muStar, withCi, boot.Select(x => x.MuStar)));
            result.Add(Index(name, "sigma", sigma, withCi, boot.Select(x => x.Sigma)));
        }
        return result;
    }

    private static IndexEstimate Index(string parameter, string index, double estimate, bool withCi, IEnumerable<double> boot)
    {
        var (low, high) = withCi && double.IsFinite(estimate) ? BootstrapInterval.Percentile95(boot) : (double.NaN, double.NaN);
        return new IndexEstimate(parameter, index, estimate, low, high);
    }

    private static (double Mu, double MuStar, double Sigma) Moments(double[] effects, int[] trajectories)
    {
        var r = trajectories.Length;
        double sum = 0, sumAbs = 0;
        foreach (var t in trajectories)
        {
            sum += effects[t];
            sumAbs += Math.Abs(effects[t]);
        }
        var mu = sum / r;
        if (r < 2) return (mu, sumAbs / r, double.NaN);
        double ss = 0;
        foreach (var t in trajectories) ss += (effects[t] - mu) * (effects[t] - mu);
        return (mu, sumAbs / r, Math.Sqrt(ss / (r - 1)));
    }
}
