using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Mean of a sample, its standard deviation (n - 1 in the denominator) and the Student-t 95% CI of the mean,
/// mean +- t(0.975, n - 1) sd / sqrt(n). n &lt; 2: Sd and CI are NaN; n = 0: the mean is NaN too.
/// The one place the project computes a t interval: summary.csv, the paired differences and the charts use it.
/// </summary>
public readonly record struct MeanInterval(int N, double Mean, double Sd, double Ci95Low, double Ci95High)
{
    public static MeanInterval Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n == 0) return new MeanInterval(0, double.NaN, double.NaN, double.NaN, double.NaN);
        var mean = values.Sum() / n;
        if (n < 2) return new MeanInterval(n, mean, double.NaN, double.NaN, double.NaN);
        var ss = 0.0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var sd = Math.Sqrt(ss / (n - 1));
        var half = StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n);
        return new MeanInterval(n, mean, sd, mean - half, mean + half);
    }
}
