using InfoRisk.Model.Metrics;

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

        var m = Analysis.MeanInterval.Of(xs);
        return xs.Length == 1
            ? new MeanCi(m.Mean, m.Mean, m.Mean, 1)
            : new MeanCi(m.Mean, m.Ci95Low, m.Ci95High, m.N);
    }
}

/// <summary>The natural range of a quantity: confidence bands and whiskers are clipped to it.</summary>
public readonly record struct Bounds(double Min, double Max)
{
    /// <summary>No bounds.</summary>
    public static readonly Bounds None = new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>Money, counts and records: never below zero.</summary>
    public static readonly Bounds NonNegative = new(0, double.PositiveInfinity);

    /// <summary>Ratios, probabilities and indices in 0..1.</summary>
    public static readonly Bounds Unit = new(0, 1);

    /// <summary>The value moved into the range (NaN stays NaN).</summary>
    public double Clip(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Min, Max);

    /// <summary>Metrics that can be negative (differences of money): no bounds.</summary>
    private static readonly HashSet<MetricDefinition> Signed = [Metric.SocialWelfareYuan, Metric.ProviderProfitYuan];

    /// <summary>
    /// The bounds of a metric, from its declared unit: a range "0..X" is [0, X], a probability or share [0, 1]; metrics
    /// that can be negative (social welfare, provider profit) have none; every other quantity is non-negative.
    /// </summary>
    public static Bounds ForMetric(MetricDefinition metric)
    {
        if (Signed.Contains(metric)) return None;
        if (metric.Unit is "probability" or "share") return Unit;
        if (metric.Unit.StartsWith("0..", StringComparison.Ordinal)
            && double.TryParse(metric.Unit[3..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var max)) return new Bounds(0, max);
        return NonNegative;
    }
}
