namespace InfoRisk.Runner.Analysis;

/// <summary>
/// An uncertain input on [<see cref="Min"/>, <see cref="Max"/>] in its own units: uniform by default, or following
/// <see cref="Distribution"/> truncated to that range (docs/statistics.md, "Input distributions").
/// </summary>
public sealed record UncertainParameter(string Name, double Min, double Max, InputDistribution? Distribution = null)
{
    /// <summary>
    /// The value at position <paramref name="u"/> of the normalised input (u in [0, 1]): uniform, Min + u (Max - Min)
    /// (u = 1 gives <see cref="Max"/> exactly), or the inverse CDF of <see cref="Distribution"/> truncated to [Min, Max].
    /// </summary>
    public double At(double u) => Distribution is { } d ? d.Quantile(u, Min, Max) : u >= 1.0 ? Max : Min + (u * (Max - Min));

    /// <summary>Checks a parameter list: at least one parameter, non-empty distinct names, finite bounds with Min &lt; Max.</summary>
    internal static void Validate(IReadOnlyList<UncertainParameter> parameters, string argument)
    {
        ArgumentNullException.ThrowIfNull(parameters, argument);
        if (parameters.Count == 0) throw new ArgumentException("at least one uncertain parameter is required", argument);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i] ?? throw new ArgumentException($"parameter {i} is null", argument);
            if (string.IsNullOrWhiteSpace(p.Name)) throw new ArgumentException($"parameter {i} has an empty name", argument);
            if (!names.Add(p.Name)) throw new ArgumentException($"parameter '{p.Name}' is listed twice; names must be distinct", argument);
            if (!double.IsFinite(p.Min) || !double.IsFinite(p.Max) || !(p.Min < p.Max))
            {
                throw new ArgumentException($"parameter '{p.Name}': range [{p.Min}, {p.Max}] is not allowed; Min and Max must be finite with Min < Max", argument);
            }
            p.Distribution?.Validate(p.Name, p.Min, p.Max);
        }
    }
}

/// <summary>
/// One sensitivity index of one parameter: <see cref="Index"/> is S1 or ST (Sobol), mu, mu_star or sigma (Morris).
/// The CI is a bootstrap percentile 95% interval; NaN when not computed (no bootstrap, or too few samples).
/// </summary>
public sealed record IndexEstimate(string Parameter, string Index, double Estimate, double Ci95Low, double Ci95High);
