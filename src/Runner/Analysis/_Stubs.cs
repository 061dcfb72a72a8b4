// TEMPORARY STAND-INS for the STATS helper's Analysis API (issue 4), so the design branch compiles and runs.
// The integrator deletes this file when merging the stats branch. Same signatures as the brief; simple but working
// implementations (Saltelli on counter-based uniforms instead of a Sobol sequence, Jansen estimators, Morris
// elementary effects, percentile bootstrap).
using InfoRisk.Model.Randomness;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Analysis;

public sealed record UncertainParameter(string Name, double Min, double Max);

public sealed record IndexEstimate(string Parameter, string Index, double Estimate, double Ci95Low, double Ci95High);

public sealed class SobolDesign
{
    private readonly int _n;

    private SobolDesign(IReadOnlyList<UncertainParameter> parameters, int n, List<double[]> points)
    {
        Parameters = parameters;
        _n = n;
        Points = points;
    }

    public IReadOnlyList<UncertainParameter> Parameters { get; }
    public IReadOnlyList<double[]> Points { get; }

    public static SobolDesign Create(IReadOnlyList<UncertainParameter> parameters, int baseSamples, ulong seed)
    {
        var k = parameters.Count;
        var points = new List<double[]>();
        for (var j = 0; j < baseSamples; j++)
        {
            var a = new double[k];
            var b = new double[k];
            for (var i = 0; i < k; i++)
            {
                a[i] = Scale(parameters[i], (j + CounterRandom.Uniform(CounterRandom.Key(seed, RandomStream.Sweep, i, 0), j)) / baseSamples);
                b[i] = Scale(parameters[i], CounterRandom.Uniform(CounterRandom.Key(seed, RandomStream.Sweep, k + i, 1), j));
            }
            points.Add(a);
            points.Add(b);
            for (var i = 0; i < k; i++)
            {
                var ab = (double[])a.Clone();
                ab[i] = b[i];
                points.Add(ab);
            }
        }
        return new SobolDesign(parameters, baseSamples, points);
    }

    public IReadOnlyList<IndexEstimate> Estimate(IReadOnlyList<double> outputs, int bootstrap, ulong seed)
    {
        var k = Parameters.Count;
        var stride = k + 2;
        (double S1, double St)[] Compute(int[] rows)
        {
            var all = rows.SelectMany(j => new[] { outputs[j * stride], outputs[j * stride + 1] }).ToArray();
            var mean = all.Average();
            var v = all.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, all.Length - 1);
            var r = new (double, double)[k];
            for (var i = 0; i < k; i++)
            {
                double s1 = 0, st = 0;
                foreach (var j in rows)
                {
                    var fa = outputs[j * stride];
                    var fb = outputs[j * stride + 1];
                    var fab = outputs[j * stride + 2 + i];
                    s1 += (fb - fab) * (fb - fab);
                    st += (fa - fab) * (fa - fab);
                }
                r[i] = v > 0 ? ((v - s1 / (2.0 * rows.Length)) / v, st / (2.0 * rows.Length) / v) : (double.NaN, double.NaN);
            }
            return r;
        }
        var full = Compute([.. Enumerable.Range(0, _n)]);
        var boot = Bootstrap(_n, bootstrap, seed, Compute);
        var result = new List<IndexEstimate>();
        for (var i = 0; i < k; i++)
        {
            var s1 = Percentiles(boot.Select(b => b[i].S1));
            var st = Percentiles(boot.Select(b => b[i].St));
            result.Add(new(Parameters[i].Name, "S1", full[i].S1, s1.Low, s1.High));
            result.Add(new(Parameters[i].Name, "ST", full[i].St, st.Low, st.High));
        }
        return result;
    }

    internal static double Scale(UncertainParameter p, double u) => p.Min + (p.Max - p.Min) * u;

    internal static List<T> Bootstrap<T>(int n, int count, ulong seed, Func<int[], T> compute)
    {
        var result = new List<T>();
        for (var b = 0; b < count; b++)
        {
            var key = CounterRandom.Key(seed, RandomStream.Sweep, b, 7);
            var rows = new int[n];
            for (var j = 0; j < n; j++) rows[j] = (int)Math.Min(n - 1, CounterRandom.Uniform(key, j) * n);
            result.Add(compute(rows));
        }
        return result;
    }

    internal static (double Low, double High) Percentiles(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).OrderBy(x => x).ToArray();
        if (v.Length < 2) return (double.NaN, double.NaN);
        return (v[(int)Math.Floor(0.025 * (v.Length - 1))], v[(int)Math.Ceiling(0.975 * (v.Length - 1))]);
    }
}

public sealed class MorrisDesign
{
    private readonly int _r;
    private readonly List<(int Parameter, double Delta)[]> _steps;

    private MorrisDesign(IReadOnlyList<UncertainParameter> parameters, int r, List<double[]> points, List<(int, double)[]> steps)
    {
        Parameters = parameters;
        _r = r;
        Points = points;
        _steps = steps;
    }

    public IReadOnlyList<UncertainParameter> Parameters { get; }
    public IReadOnlyList<double[]> Points { get; }

    public static MorrisDesign Create(IReadOnlyList<UncertainParameter> parameters, int trajectories, int levels, ulong seed)
    {
        var k = parameters.Count;
        var delta = levels / (2.0 * (levels - 1));
        var points = new List<double[]>();
        var steps = new List<(int, double)[]>();
        for (var t = 0; t < trajectories; t++)
        {
            var key = CounterRandom.Key(seed, RandomStream.Sweep, t, 3);
            var x = new double[k];
            var lowLevels = levels / 2;
            for (var i = 0; i < k; i++) x[i] = Math.Min(lowLevels - 1, (int)(CounterRandom.Uniform(key, i) * lowLevels)) / (double)(levels - 1);
            var order = Enumerable.Range(0, k).OrderBy(i => CounterRandom.Uniform(key, 100 + i)).ToArray();
            points.Add(x.Select((u, i) => SobolDesign.Scale(parameters[i], u)).ToArray());
            var s = new (int, double)[k];
            for (var step = 0; step < k; step++)
            {
                x[order[step]] += delta;
                s[step] = (order[step], delta);
                points.Add(x.Select((u, i) => SobolDesign.Scale(parameters[i], u)).ToArray());
            }
            steps.Add(s);
        }
        return new MorrisDesign(parameters, trajectories, points, steps);
    }

    public IReadOnlyList<IndexEstimate> Estimate(IReadOnlyList<double> outputs, int bootstrap, ulong seed)
    {
        var k = Parameters.Count;
        var effects = new double[_r, k];
        for (var t = 0; t < _r; t++)
        {
            for (var step = 0; step < k; step++)
            {
                var (i, d) = _steps[t][step];
                effects[t, i] = (outputs[t * (k + 1) + step + 1] - outputs[t * (k + 1) + step]) / d;
            }
        }
        (double Mu, double MuStar, double Sigma)[] Compute(int[] rows)
        {
            var r = new (double, double, double)[k];
            for (var i = 0; i < k; i++)
            {
                var e = rows.Select(t => effects[t, i]).ToArray();
                var mu = e.Average();
                var sd = e.Length > 1 ? Math.Sqrt(e.Sum(x => (x - mu) * (x - mu)) / (e.Length - 1)) : double.NaN;
                r[i] = (mu, e.Average(Math.Abs), sd);
            }
            return r;
        }
        var full = Compute([.. Enumerable.Range(0, _r)]);
        var boot = SobolDesign.Bootstrap(_r, bootstrap, seed, Compute);
        var result = new List<IndexEstimate>();
        for (var i = 0; i < k; i++)
        {
            var mu = SobolDesign.Percentiles(boot.Select(b => b[i].Mu));
            var ms = SobolDesign.Percentiles(boot.Select(b => b[i].MuStar));
            var sg = SobolDesign.Percentiles(boot.Select(b => b[i].Sigma));
            result.Add(new(Parameters[i].Name, "mu", full[i].Mu, mu.Low, mu.High));
            result.Add(new(Parameters[i].Name, "mu_star", full[i].MuStar, ms.Low, ms.High));
            result.Add(new(Parameters[i].Name, "sigma", full[i].Sigma, sg.Low, sg.High));
        }
        return result;
    }
}

public static class LatinHypercube
{
    public static IReadOnlyList<double[]> Sample(IReadOnlyList<UncertainParameter> parameters, int points, ulong seed)
    {
        var k = parameters.Count;
        var result = Enumerable.Range(0, points).Select(_ => new double[k]).ToList();
        for (var i = 0; i < k; i++)
        {
            var key = CounterRandom.Key(seed, RandomStream.Sweep, i, 5);
            var strata = Enumerable.Range(0, points).OrderBy(j => CounterRandom.Uniform(key, j)).ToArray();
            for (var j = 0; j < points; j++) result[j][i] = SobolDesign.Scale(parameters[i], (strata[j] + CounterRandom.Uniform(key, points + j)) / points);
        }
        return result;
    }
}

public readonly record struct PairedDifference(int N, double Mean, double Sd, double Ci95Low, double Ci95High);

public static class PairedComparison
{
    public static PairedDifference Of(IReadOnlyList<double> treatment, IReadOnlyList<double> baseline)
    {
        var d = treatment.Zip(baseline, (t, b) => t - b).ToArray();
        var n = d.Length;
        var mean = d.Average();
        if (n < 2) return new(n, mean, double.NaN, double.NaN, double.NaN);
        var sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new(n, mean, sd, mean - half, mean + half);
    }
}

public sealed record RobustnessRow(string Regime, int Scenarios, int BestCount, double BestShare, double MaxRegret, double MeanRegret);

public static class Robustness
{
    public static IReadOnlyList<RobustnessRow> Compute(IReadOnlyList<string> regimes, double[,] means, bool lowerIsBetter)
    {
        var s = means.GetLength(0);
        var rows = new List<RobustnessRow>();
        for (var r = 0; r < regimes.Count; r++)
        {
            int best = 0;
            double max = 0, sum = 0;
            for (var i = 0; i < s; i++)
            {
                var b = Enumerable.Range(0, regimes.Count).Select(q => means[i, q]).Aggregate(lowerIsBetter ? Math.Min : Math.Max);
                var regret = Math.Abs(b - means[i, r]);
                if (regret == 0) best++;
                max = Math.Max(max, regret);
                sum += regret;
            }
            rows.Add(new(regimes[r], s, best, (double)best / s, max, sum / s));
        }
        return rows;
    }
}
