namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Mean of paired differences d_j = treatment_j - baseline_j over n pairs, their sample standard deviation
/// (n - 1 in the denominator) and the Student-t 95% CI mean +- t(0.975, n - 1) sd / sqrt(n).
/// n &lt; 2: Sd and CI are NaN; n = 0: the mean is NaN too.
/// </summary>
public readonly record struct PairedDifference(int N, double Mean, double Sd, double Ci95Low, double Ci95High);

/// <summary>Paired comparisons (common random numbers: pair j shares its seed in both arms).</summary>
public static class PairedComparison
{
    /// <summary>Treatment minus baseline, paired by position; both lists must have the same length.</summary>
    public static PairedDifference Of(IReadOnlyList<double> treatment, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(baseline);
        if (treatment.Count != baseline.Count)
        {
            throw new ArgumentException($"paired samples must have the same length: treatment has {treatment.Count}, baseline {baseline.Count}", nameof(baseline));
        }
        var d = new double[treatment.Count];
        for (var j = 0; j < d.Length; j++) d[j] = treatment[j] - baseline[j];
        var m = MeanInterval.Of(d);
        return new PairedDifference(m.N, m.Mean, m.Sd, m.Ci95Low, m.Ci95High);
    }
}
