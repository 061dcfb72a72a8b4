namespace InfoRisk.Runner.Analysis;

/// <summary>
/// The distribution of an uncertain input, used through its inverse CDF: a design point u in [0, 1] of the unit
/// cube (Latin hypercube, Sobol', Morris) becomes the value Q(u), so every design on the unit cube carries over
/// unchanged. As the input of an <see cref="UncertainParameter"/> it is truncated to the parameter's range
/// [Min, Max]: Q_[a,b](u) = Q(F(a) + u (F(b) - F(a))), clamped to [a, b].
/// CDFs and inverse CDFs are MathNet.Numerics' (normal, lognormal, triangular).
/// </summary>
public abstract record InputDistribution
{
    /// <summary>The name used in experiment files and tables: uniform, normal, lognormal, triangular or discrete.</summary>
    public abstract string Kind { get; }

    /// <summary>F(x) = P(X &lt;= x), without truncation.</summary>
    public abstract double Cdf(double x);

    /// <summary>The inverse CDF Q(u), without truncation (infinite at 0 or 1 for an unbounded distribution).</summary>
    public abstract double Quantile(double u);

    /// <summary>The inverse CDF of the distribution truncated to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public virtual double Quantile(double u, double min, double max)
    {
        var lo = Cdf(min);
        var hi = Cdf(max);
        if (!(hi > lo)) return min + (Math.Clamp(u, 0, 1) * (max - min));
        return Math.Clamp(Quantile(lo + (Math.Clamp(u, 0, 1) * (hi - lo))), min, max);
    }

    /// <summary>The CDF of the distribution truncated to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public virtual double Cdf(double x, double min, double max)
    {
        if (x < min) return 0;
        if (x >= max) return 1;
        var lo = Cdf(min);
        var hi = Cdf(max);
        return hi > lo ? (Cdf(x) - lo) / (hi - lo) : (x - min) / (max - min);
    }

    /// <summary>Checks the distribution against the range [min, max] it will be truncated to; throws <see cref="ArgumentException"/> naming the parameter.</summary>
    internal virtual void Validate(string parameter, double min, double max)
    {
        var lo = Cdf(min);
        var hi = Cdf(max);
        if (!(hi - lo > 1e-12))
        {
            throw new ArgumentException($"parameter '{parameter}': the {Kind} distribution has (almost) no probability in its range [{min}, {max}]");
        }
    }

    /// <summary>Uniform on [min, max] (the default of every parameter).</summary>
    public static InputDistribution Uniform(double min, double max) => new UniformDistribution(min, max);

    /// <summary>Normal with the given mean and standard deviation (truncated to the parameter's range when used as one).</summary>
    public static InputDistribution Normal(double mean, double sd) => new NormalDistribution(mean, sd);

    /// <summary>Lognormal: ln X is normal with mean <paramref name="mu"/> and standard deviation <paramref name="sigma"/> (median e^mu).</summary>
    public static InputDistribution LogNormal(double mu, double sigma) => new LogNormalDistribution(mu, sigma);

    /// <summary>Triangular on [min, max] with the given mode.</summary>
    public static InputDistribution Triangular(double min, double mode, double max) => new TriangularDistribution(min, mode, max);

    /// <summary>A choice among <paramref name="values"/>, with probabilities proportional to <paramref name="weights"/> (equal when null).</summary>
    public static InputDistribution Discrete(IReadOnlyList<double> values, IReadOnlyList<double>? weights = null) => new DiscreteDistribution(values, weights);
}

/// <summary>Uniform on [Min, Max].</summary>
public sealed record UniformDistribution : InputDistribution
{
    public UniformDistribution(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(min < max)) throw new ArgumentException($"uniform: need finite min < max, got [{min}, {max}]");
        Min = min;
        Max = max;
    }

    public double Min { get; }

    public double Max { get; }

    public override string Kind => "uniform";

    public override double Cdf(double x) => x <= Min ? 0 : x >= Max ? 1 : (x - Min) / (Max - Min);

    public override double Quantile(double u) => u >= 1 ? Max : Min + (Math.Clamp(u, 0, 1) * (Max - Min));
}

/// <summary>Normal(Mean, Sd); MathNet's <see cref="MathNet.Numerics.Distributions.Normal"/>.</summary>
public sealed record NormalDistribution : InputDistribution
{
    public NormalDistribution(double mean, double sd)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(sd) || !(sd > 0)) throw new ArgumentException($"normal: need a finite mean and sd > 0, got mean {mean}, sd {sd}");
        Mean = mean;
        Sd = sd;
    }

    public double Mean { get; }

    public double Sd { get; }

    public override string Kind => "normal";

    public override double Cdf(double x) => MathNet.Numerics.Distributions.Normal.CDF(Mean, Sd, x);

    public override double Quantile(double u) => u <= 0 ? double.NegativeInfinity : u >= 1 ? double.PositiveInfinity : MathNet.Numerics.Distributions.Normal.InvCDF(Mean, Sd, u);

    /// <summary>Truncated to [min, max]; a range in the upper tail is handled by reflection, so F(a) and F(b) are never both close to 1.</summary>
    public override double Quantile(double u, double min, double max)
    {
        if (min > Mean)
        {
            // reflect about the mean: X = 2 mean - Y with Y truncated to [2 mean - max, 2 mean - min]
            return Math.Clamp((2 * Mean) - BaseQuantile(1 - u, (2 * Mean) - max, (2 * Mean) - min), min, max);
        }
        return BaseQuantile(u, min, max);
    }

    private double BaseQuantile(double u, double min, double max) => base.Quantile(u, min, max);
}

/// <summary>Lognormal: ln X ~ Normal(Mu, Sigma); MathNet's <see cref="MathNet.Numerics.Distributions.LogNormal"/>.</summary>
public sealed record LogNormalDistribution : InputDistribution
{
    public LogNormalDistribution(double mu, double sigma)
    {
        if (!double.IsFinite(mu) || !double.IsFinite(sigma) || !(sigma > 0)) throw new ArgumentException($"lognormal: need a finite mu and sigma > 0, got mu {mu}, sigma {sigma}");
        Mu = mu;
        Sigma = sigma;
    }

    public double Mu { get; }

    public double Sigma { get; }

    public override string Kind => "lognormal";

    public override double Cdf(double x) => x <= 0 ? 0 : MathNet.Numerics.Distributions.LogNormal.CDF(Mu, Sigma, x);

    public override double Quantile(double u) => u <= 0 ? 0 : u >= 1 ? double.PositiveInfinity : MathNet.Numerics.Distributions.LogNormal.InvCDF(Mu, Sigma, u);
}

/// <summary>Triangular on [Min, Max] with mode Mode; MathNet's <see cref="MathNet.Numerics.Distributions.Triangular"/>.</summary>
public sealed record TriangularDistribution : InputDistribution
{
    public TriangularDistribution(double min, double mode, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(mode) || !double.IsFinite(max) || !(min < max) || mode < min || mode > max)
        {
            throw new ArgumentException($"triangular: need finite min <= mode <= max with min < max, got {min}, {mode}, {max}");
        }
        Min = min;
        Mode = mode;
        Max = max;
    }

    public double Min { get; }

    public double Mode { get; }

    public double Max { get; }

    public override string Kind => "triangular";

    public override double Cdf(double x) => x <= Min ? 0 : x >= Max ? 1 : MathNet.Numerics.Distributions.Triangular.CDF(Min, Max, Mode, x);

    public override double Quantile(double u) => u <= 0 ? Min : u >= 1 ? Max : MathNet.Numerics.Distributions.Triangular.InvCDF(Min, Max, Mode, u);
}

/// <summary>
/// A discrete choice among Values with probabilities proportional to Weights: Q(u) is the first value whose
/// cumulative probability exceeds u (Q(1) is the last value). Used as a parameter's distribution the values must lie in
/// its range; it is not truncated further.
/// </summary>
public sealed record DiscreteDistribution : InputDistribution
{
    private readonly double[] _cumulative;

    public DiscreteDistribution(IReadOnlyList<double> values, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("discrete: at least one value is required", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("discrete: values must be finite", nameof(values));
        if (weights is not null && weights.Count != values.Count)
        {
            throw new ArgumentException($"discrete: {values.Count} values but {weights.Count} weights", nameof(weights));
        }
        if (weights is not null && (weights.Any(w => !double.IsFinite(w) || w < 0) || !(weights.Sum() > 0)))
        {
            throw new ArgumentException("discrete: weights must be finite, non-negative and not all zero", nameof(weights));
        }
        Values = [.. values];
        Weights = weights is null ? [.. values.Select(_ => 1.0)] : [.. weights];
        var total = Weights.Sum();
        _cumulative = new double[values.Count];
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            sum += Weights[i];
            _cumulative[i] = sum / total;
        }
        _cumulative[^1] = 1.0;
    }

    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<double> Weights { get; }

    public override string Kind => "discrete";

    /// <summary>Probability of value i.</summary>
    public double Probability(int i) => _cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1]);

    public override double Cdf(double x)
    {
        var p = 0.0;
        for (var i = 0; i < Values.Count; i++)
        {
            if (Values[i] <= x) p += Probability(i);
        }
        return Math.Min(1, p);
    }

    public override double Quantile(double u)
    {
        for (var i = 0; i < _cumulative.Length; i++)
        {
            if (u < _cumulative[i]) return Values[i];
        }
        return Values[^1];
    }

    public override double Quantile(double u, double min, double max) => Quantile(u);

    public override double Cdf(double x, double min, double max) => Cdf(x);

    internal override void Validate(string parameter, double min, double max)
    {
        if (Values.Any(v => v < min || v > max))
        {
            throw new ArgumentException($"parameter '{parameter}': discrete values must lie in its range [{min}, {max}]");
        }
    }

    public bool Equals(DiscreteDistribution? other) =>
        other is not null && Values.SequenceEqual(other.Values) && Weights.SequenceEqual(other.Weights);

    public override int GetHashCode() => HashCode.Combine(Values.Count, Values[0], Weights[0]);
}
