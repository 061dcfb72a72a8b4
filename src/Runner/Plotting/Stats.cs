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

    /// <summary>The bounds of a run-level metric: unit for model_quality/user_trust, none for profit and welfare, else non-negative.</summary>
    public static Bounds ForMetric(string metric) => metric switch
    {
        "model_quality" or "user_trust" or "mean_reid_risk" or "mean_security" or "mean_deployer_bias" => Unit,
        "social_welfare_yuan" or "provider_profit_yuan" => None,
        _ => NonNegative,
    };
}
