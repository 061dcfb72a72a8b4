namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Variance-based sensitivity: Saltelli (2010) sampling on a Sobol' sequence, Jansen (1999) estimators of the
/// first-order (S1) and total (ST) indices, and bootstrap percentile CIs over the N base rows.
/// <para>
/// Design: a 2k-dimensional Sobol' sequence (<see cref="SobolSequence"/>), points 0 .. N-1, randomised by a digital
/// shift (every coordinate XOR a 32-bit number drawn from the seed, one per dimension; a shifted Sobol' net keeps
/// its stratification, so for N a power of two every column still has one point in each interval [j/N, (j+1)/N)).
/// Columns 1..k form matrix A, columns k+1..2k matrix B; AB_i is A with column i taken from B.
/// <see cref="Points"/> holds, in parameter units, the N rows of A, then the N rows of B, then the N rows of
/// AB_1, ..., then AB_k: N (k + 2) points. Row j of every block shares the base row j.
/// </para>
/// </summary>
public sealed class SobolDesign
{
    /// <summary>Largest N accepted (the design then holds N (k + 2) points).</summary>
    public const int MaxBaseSamples = 1 << 20;

    /// <summary>Largest number of parameters: A and B need 2k Sobol' dimensions.</summary>
    public const int MaxParameters = SobolSequence.MaxDimensions / 2;

    private readonly IReadOnlyList<double[]> _points;

    private SobolDesign(IReadOnlyList<UncertainParameter> parameters, int baseSamples, IReadOnlyList<double[]> points)
    {
        Parameters = parameters;
        BaseSamples = baseSamples;
        _points = points;
    }

    public IReadOnlyList<UncertainParameter> Parameters { get; }

    /// <summary>N, the number of rows of A (and of B and of each AB_i).</summary>
    public int BaseSamples { get; }

    /// <summary>N (k + 2) points in parameter units: block A, block B, blocks AB_1 .. AB_k, N rows each.</summary>
    public IReadOnlyList<double[]> Points => _points;

    /// <summary>
    /// Builds the design. <paramref name="baseSamples"/> is N (2 .. <see cref="MaxBaseSamples"/>; a power of two
    /// gives the best balance); <paramref name="seed"/> sets the digital shift.
    /// </summary>
    public static SobolDesign Create(IReadOnlyList<UncertainParameter> parameters, int baseSamples, ulong seed)
    {
        UncertainParameter.Validate(parameters, nameof(parameters));
        var k = parameters.Count;
        if (k > MaxParameters)
        {
            throw new ArgumentException($"a Sobol design takes at most {MaxParameters} parameters (2k Sobol dimensions, {SobolSequence.MaxDimensions} embedded); got {k}", nameof(parameters));
        }
        if (baseSamples is < 2 or > MaxBaseSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(baseSamples), baseSamples, $"base samples N must be in [2, {MaxBaseSamples}]");
        }

        var copy = parameters.ToArray();
        var sequence = new SobolSequence(2 * k);
        var shift = new uint[2 * k];
        for (var d = 0; d < shift.Length; d++) shift[d] = (uint)(new DesignDraws(seed, DesignPurpose.SobolShift, d).Bits(0) >> 32);

        var n = baseSamples;
        var a = new double[n][];
        var b = new double[n][];
        var rows = sequence.IntegerPoints(0, n);
        for (var j = 0; j < n; j++)
        {
            a[j] = new double[k];
            b[j] = new double[k];
            for (var i = 0; i < k; i++)
            {
                a[j][i] = copy[i].At(SobolSequence.ToUnit(rows[j][i] ^ shift[i]));
                b[j][i] = copy[i].At(SobolSequence.ToUnit(rows[j][k + i] ^ shift[k + i]));
            }
        }

        var points = new double[n * (k + 2)][];
        for (var j = 0; j < n; j++)
        {
            points[j] = a[j];
            points[n + j] = b[j];
        }
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var ab = (double[])a[j].Clone();
                ab[i] = b[j][i];
                points[((2 + i) * n) + j] = ab;
            }
        }
        return new SobolDesign(Array.AsReadOnly(copy), n, Array.AsReadOnly(points));
    }

    /// <summary>
    /// S1 and ST of every parameter (in parameter order: S1 then ST) from the model outputs at <see cref="Points"/>
    /// (same order). With V the sample variance of the 2N outputs of A and B:
    /// S1_i = (V - 1/(2N) sum_j (f(B)_j - f(AB_i)_j)^2) / V and ST_i = 1/(2N) sum_j (f(A)_j - f(AB_i)_j)^2 / V
    /// (Jansen 1999; Saltelli et al. 2010, table 2). CIs: <paramref name="bootstrap"/> resamples of the N base rows
    /// with replacement (the same rows in every block), percentile 2.5% and 97.5%; NaN when bootstrap is 0.
    /// Any non-finite output, or V = 0, gives NaN estimates.
    /// </summary>
    public IReadOnlyList<IndexEstimate> Estimate(IReadOnlyList<double> outputs, int bootstrap, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var n = BaseSamples;
        var k = Parameters.Count;
        if (outputs.Count != _points.Count)
        {
            throw new ArgumentException($"expected {_points.Count} outputs (N = {n} rows x (k + 2) = {k + 2} blocks, in the order of Points), got {outputs.Count}", nameof(outputs));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(bootstrap);

        var blocks = new double[k + 2][];
        for (var block = 0; block < k + 2; block++)
        {
            blocks[block] = new double[n];
            for (var j = 0; j < n; j++) blocks[block][j] = outputs[(block * n) + j];
        }

        var s1 = new double[k];
        var st = new double[k];
        var rows = Enumerable.Range(0, n).ToArray();
        Jansen(blocks, rows, s1, st);

        var bootS1 = new double[k][];
        var bootSt = new double[k][];
        for (var i = 0; i < k; i++)
        {
            bootS1[i] = new double[bootstrap];
            bootSt[i] = new double[bootstrap];
        }
        var rs1 = new double[k];
        var rst = new double[k];
        for (var r = 0; r < bootstrap; r++)
        {
            var draws = new DesignDraws(seed, DesignPurpose.SobolBootstrap, r);
            for (var j = 0; j < n; j++) rows[j] = draws.Below(j, n);
            Jansen(blocks, rows, rs1, rst);
            for (var i = 0; i < k; i++)
            {
                bootS1[i][r] = rs1[i];
                bootSt[i][r] = rst[i];
            }
        }

        var result = new List<IndexEstimate>(2 * k);
        for (var i = 0; i < k; i++)
        {
            var (s1Low, s1High) = bootstrap > 0 && double.IsFinite(s1[i]) ? BootstrapInterval.Percentile95(bootS1[i]) : (double.NaN, double.NaN);
            var (stLow, stHigh) = bootstrap > 0 && double.IsFinite(st[i]) ? BootstrapInterval.Percentile95(bootSt[i]) : (double.NaN, double.NaN);
            result.Add(new IndexEstimate(Parameters[i].Name, "S1", s1[i], s1Low, s1High));
            result.Add(new IndexEstimate(Parameters[i].Name, "ST", st[i], stLow, stHigh));
        }
        return result;
    }

    /// <summary>Jansen's S1 and ST over the base rows <paramref name="rows"/> (with repeats when bootstrapping).</summary>
    private static void Jansen(double[][] blocks, int[] rows, double[] s1, double[] st)
    {
        var fa = blocks[0];
        var fb = blocks[1];
        var n = rows.Length;
        double sum = 0;
        foreach (var j in rows) sum += fa[j] + fb[j];
        var mean = sum / (2.0 * n);
        double ss = 0;
        foreach (var j in rows) ss += ((fa[j] - mean) * (fa[j] - mean)) + ((fb[j] - mean) * (fb[j] - mean));
        var variance = ss / ((2.0 * n) - 1);
        var usable = double.IsFinite(variance) && variance > 0;

        for (var i = 0; i < s1.Length; i++)
        {
            if (!usable)
            {
                s1[i] = st[i] = double.NaN;
                continue;
            }
            var fab = blocks[2 + i];
            double first = 0, total = 0;
            foreach (var j in rows)
            {
                var dFirst = fb[j] - fab[j];
                var dTotal = fa[j] - fab[j];
                first += dFirst * dFirst;
                total += dTotal * dTotal;
            }
            s1[i] = (variance - (first / (2.0 * n))) / variance;
            st[i] = total / (2.0 * n) / variance;
        }
    }
}
