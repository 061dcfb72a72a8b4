using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Plotting;

/// <summary>Mean and two-sided t-based 95% confidence interval of a sample.</summary>
public readonly record struct MeanCi(double Mean, double Low, double High, int N)
{
    /// <summary>Half-width of the interval (0 for a single value).</summary>
    public double HalfWidth => (High - Low) / 2;

    /// <summary>Mean and 95% CI (Student t with n-1 degrees of freedom) of the finite values; NaN when there are none.</summary>
    public static MeanCi Of(IEnumerable<double> values)
    {
        var xs = values.Where(double.IsFinite).ToArray();
        if (xs.Length == 0)
        {
            return new MeanCi(double.NaN, double.NaN, double.NaN, 0);
        }

        var mean = xs.Average();
        if (xs.Length == 1)
        {
            return new MeanCi(mean, mean, mean, 1);
        }

        var ss = 0.0;
        foreach (var x in xs)
        {
            ss += (x - mean) * (x - mean);
        }

        var sd = Math.Sqrt(ss / (xs.Length - 1));
        var half = StudentT.InvCDF(0, 1, xs.Length - 1, 0.975) * sd / Math.Sqrt(xs.Length);
        return new MeanCi(mean, mean - half, mean + half, xs.Length);
    }
}
