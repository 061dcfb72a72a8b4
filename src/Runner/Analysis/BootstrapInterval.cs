namespace InfoRisk.Runner.Analysis;

/// <summary>Percentile bootstrap intervals.</summary>
internal static class BootstrapInterval
{
    /// <summary>
    /// The 2.5% and 97.5% percentiles of the finite values (linear interpolation between order statistics,
    /// "type 7" of Hyndman and Fan 1996). NaN when no value is finite.
    /// </summary>
    public static (double Low, double High) Percentile95(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).ToArray();
        if (sorted.Length == 0) return (double.NaN, double.NaN);
        Array.Sort(sorted);
        return (Quantile(sorted, 0.025), Quantile(sorted, 0.975));
    }

    /// <summary>Quantile p of sorted values, linear interpolation at h = (n - 1) p.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 1) return sorted[0];
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
    }
}
