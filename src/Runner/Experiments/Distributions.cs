using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// An uncertain input of a Latin hypercube or a sensitivity design: a range { "min": a, "max": b } within the
/// declared range of the parameter or lever, sampled uniformly, or with an optional "distribution" truncated to the
/// range (docs/experiments.md §5, docs/statistics.md "Input distributions"):
/// { "kind": "normal", "mean": m, "sd": s }, { "kind": "lognormal", "mu": m, "sigma": s },
/// { "kind": "triangular", "mode": c }, { "kind": "discrete", "values": [...], "weights": [...] } or { "kind": "uniform" }.
/// </summary>
internal static class Distributions
{
    /// <summary>The distribution kinds an experiment file may name.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["uniform", "normal", "lognormal", "triangular", "discrete"];

    /// <summary>The members each kind takes besides "kind" (all required but a discrete choice's "weights").</summary>
    public static IReadOnlyDictionary<string, string[]> Members { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["uniform"] = [],
        ["normal"] = ["mean", "sd"],
        ["lognormal"] = ["mu", "sigma"],
        ["triangular"] = ["mode"],
        ["discrete"] = ["values", "weights"],
    };

    /// <summary>The uncertain input named <paramref name="name"/> (null, with a problem, when the range or its distribution is refused).</summary>
    public static UncertainParameter? Read(JsonChecks checks, JsonNode? value, string path, Settable declared, string name)
    {
        if (value is JsonObject o) checks.CheckKeys(o, path, ["min", "max", "distribution"]);
        if (checks.Range(value, path, declared) is not { } range) return null;
        if (value is not JsonObject range0 || range0["distribution"] is not { } node) return new UncertainParameter(name, range.Min, range.Max);
        var at = $"{path}.distribution";
        if (node is not JsonObject d || d["kind"] is not JsonValue kindValue || kindValue.GetValueKind() != JsonValueKind.String)
        {
            checks.Problem(at, $"must be an object with a \"kind\": one of {string.Join(", ", Kinds)}");
            return null;
        }
        var kind = kindValue.GetValue<string>();
        if (!Members.TryGetValue(kind, out var members))
        {
            checks.Problem($"{at}.kind", $"unknown distribution '{kind}'; allowed: {string.Join(", ", Kinds)}");
            return null;
        }
        checks.CheckKeys(d, at, ["kind", .. members]);
        var problems = checks.Problems.Count;
        double Required(string key)
        {
            if (d.ContainsKey(key)) return Finite(checks, d[key], $"{at}.{key}") ?? double.NaN;
            checks.Problem($"{at}.{key}", $"is required for a {kind} distribution: a number");
            return double.NaN;
        }
        InputDistribution? distribution = null;
        try
        {
            switch (kind)
            {
                case "uniform":
                    distribution = InputDistribution.Uniform(range.Min, range.Max);
                    break;
                case "normal":
                    var (mean, sd) = (Required("mean"), Required("sd"));
                    if (checks.Problems.Count == problems) distribution = InputDistribution.Normal(mean, sd);
                    break;
                case "lognormal":
                    var (mu, sigma) = (Required("mu"), Required("sigma"));
                    if (checks.Problems.Count == problems) distribution = InputDistribution.LogNormal(mu, sigma);
                    break;
                case "triangular":
                    var mode = Required("mode");
                    if (checks.Problems.Count == problems) distribution = InputDistribution.Triangular(range.Min, mode, range.Max);
                    break;
                default:
                    var values = Numbers(checks, d, "values", at, required: true);
                    var weights = Numbers(checks, d, "weights", at, required: false);
                    if (checks.Problems.Count == problems && values is not null) distribution = InputDistribution.Discrete(values, weights);
                    break;
            }
            if (distribution is null) return null;
            var parameter = new UncertainParameter(name, range.Min, range.Max, distribution);
            distribution.Validate(name, range.Min, range.Max);
            return parameter;
        }
        catch (ArgumentException e)
        {
            checks.Problem(at, $"{e.Message.Split(" (Parameter ")[0]}");
            return null;
        }
    }

    private static double? Finite(JsonChecks checks, JsonNode? node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsFinite(v.GetValue<double>())) return v.GetValue<double>();
        checks.Problem(path, $"must be a finite number, not {node?.ToJsonString() ?? "null"}");
        return null;
    }

    private static double[]? Numbers(JsonChecks checks, JsonObject o, string key, string at, bool required)
    {
        if (!o.ContainsKey(key))
        {
            if (required) checks.Problem($"{at}.{key}", "is required: a list of numbers");
            return null;
        }
        if (o[key] is not JsonArray list || list.Count == 0)
        {
            checks.Problem($"{at}.{key}", "must be a non-empty list of numbers");
            return null;
        }
        var result = new double[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            if (Finite(checks, list[i], $"{at}.{key}[{i}]") is not { } v) return null;
            result[i] = v;
        }
        return result;
    }
}
