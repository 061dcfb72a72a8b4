using System.Text.Json.Nodes;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>One point of a scenario design: the parameter values and lever values it sets.</summary>
internal sealed record SweepPoint(List<KeyValuePair<string, JsonNode>> Parameters, List<KeyValuePair<string, JsonNode>> Levers);

/// <summary>The scenarios of an experiment: the design's name, the swept columns and the points.</summary>
internal sealed record SweepPlan(string Design, List<string> Columns, List<SweepPoint> Points)
{
    /// <summary>No sweep: one scenario with nothing set.</summary>
    public static SweepPlan None => new("none", [], [new SweepPoint([], [])]);
}

/// <summary>
/// The <c>sweep</c> block: a full grid (every combination of the listed values, or of min..max in steps) or a Latin
/// hypercube of <c>points</c> points over ranges (uniform, or with an input distribution), over model parameters
/// (<c>parameters</c>) and regime levers (<c>levers</c>).
/// </summary>
internal static class SweepReader
{
    private static readonly string[] SweepKeys = ["design", "points", "parameters", "levers"];
    private static readonly string[] SweepDesigns = ["grid", "lhs"];

    /// <summary>Most scenarios a grid may make.</summary>
    public const int MaxScenarios = 100_000;

    private sealed record Axis(Settable Declared, List<JsonNode> Values, UncertainParameter? Range);

    public static SweepPlan Read(JsonChecks checks, JsonNode? node, ulong seed)
    {
        if (node is null) return SweepPlan.None;
        if (node is not JsonObject sweep)
        {
            checks.Problem("$.sweep", "must be an object { \"design\": \"grid\"|\"lhs\", \"parameters\": { ... }, \"levers\": { ... } }");
            return SweepPlan.None;
        }
        checks.CheckKeys(sweep, "$.sweep", SweepKeys);
        var design = checks.OptionalString(sweep, "design", "$.sweep.design") ?? "grid";
        if (!SweepDesigns.Contains(design))
        {
            checks.Problem("$.sweep.design", $"'{design}' is not allowed; allowed values: {string.Join(", ", SweepDesigns)}{Suggest.DidYouMean(design, SweepDesigns)}");
            return SweepPlan.None;
        }
        var lhs = design == "lhs";
        var pointCount = 0;
        if (lhs) pointCount = (int)checks.RequiredInteger(sweep, "points", "$.sweep.points", 2, MaxScenarios);
        else if (sweep.ContainsKey("points")) checks.Problem("$.sweep.points", "is only used with \"design\": \"lhs\" (a grid has one point per combination)");

        var axes = new List<Axis>();
        foreach (var (group, lever) in new[] { ("parameters", false), ("levers", true) })
        {
            if (sweep[group] is null) continue;
            if (sweep[group] is not JsonObject entries)
            {
                checks.Problem($"$.sweep.{group}", $"must be an object {{ \"<{(lever ? "lever" : "model parameter")}>\": {(lhs ? "{ \"min\": a, \"max\": b }" : "[value, value, ...]")} }}");
                continue;
            }
            foreach (var (key, value) in entries)
            {
                var path = $"$.sweep.{group}.{key}";
                if (Known(checks, key, lever, path) is not { } declared) continue;
                if (lhs)
                {
                    if (!declared.IsNumeric)
                    {
                        checks.Problem(path, $"'{key}' is not numeric, so it cannot be sampled by a Latin hypercube; use \"design\": \"grid\" with a list of values");
                        continue;
                    }
                    if (Distributions.Read(checks, value, path, declared, declared.Column) is { } uncertain) axes.Add(new Axis(declared, [], uncertain));
                    continue;
                }
                if (GridValues(checks, value, path, declared) is { Count: > 0 } values) axes.Add(new Axis(declared, values, null));
            }
        }
        if (axes.Count == 0)
        {
            if (!checks.HasProblems) checks.Problem("$.sweep", "sweeps nothing: give \"parameters\" and/or \"levers\" to vary");
            return SweepPlan.None;
        }
        foreach (var dup in axes.GroupBy(a => a.Declared.Column).Where(g => g.Count() > 1)) checks.Problem("$.sweep", $"'{dup.Key}' is swept twice");

        var points = lhs ? LatinHypercubePoints(axes, pointCount, seed) : GridPoints(checks, axes);
        return points is null ? SweepPlan.None : new SweepPlan(design, [.. axes.Select(a => a.Declared.Column)], points);
    }

    /// <summary>The declaration of a swept name, or null with a "did you mean" problem.</summary>
    public static Settable? Known(JsonChecks checks, string key, bool lever, string path)
    {
        var declared = lever ? Settable.Lever(key) : Settable.Parameter(key);
        if (declared is null)
        {
            checks.Problem(path, lever
                ? $"unknown lever '{key}'{Suggest.DidYouMean(key, Settable.LeverNames)}; levers are listed by 'inforisk regimes'"
                : $"unknown model parameter '{key}'{Suggest.DidYouMean(key, Settable.ParameterNames)}; parameters are listed in docs/model.md", key: true);
        }
        return declared;
    }

    /// <summary>A grid entry: a list of allowed values, or for a number { "min", "max", "steps" }.</summary>
    private static List<JsonNode>? GridValues(JsonChecks checks, JsonNode? value, string path, Settable declared)
    {
        var values = new List<JsonNode>();
        if (value is JsonArray list && list.Count > 0)
        {
            for (var k = 0; k < list.Count; k++)
            {
                if (checks.CheckValue(declared, list[k], $"{path}[{k}]")) values.Add(list[k]!.DeepClone());
            }
            return values;
        }
        if (value is JsonObject stepped && declared.IsNumeric)
        {
            checks.CheckKeys(stepped, path, ["min", "max", "steps"]);
            var r = checks.Range(stepped, path, declared);
            var steps = (int)checks.RequiredInteger(stepped, "steps", $"{path}.steps", 2, 10_000);
            if (r is { } rr)
            {
                for (var k = 0; k < steps; k++) values.Add(declared.Node(rr.Min + ((rr.Max - rr.Min) * k / (steps - 1))));
            }
            return values;
        }
        checks.Problem(path, declared.IsNumeric
            ? "must be a non-empty list of values, e.g. [0.03, 0.1, 0.27], or a range { \"min\": a, \"max\": b, \"steps\": n }"
            : "must be a non-empty list of values, e.g. [\"opt_in\", \"opt_out\"]");
        return null;
    }

    /// <summary>Every combination of the axes' values, the last axis varying fastest; null (with a problem) beyond <see cref="MaxScenarios"/>.</summary>
    private static List<SweepPoint>? GridPoints(JsonChecks checks, List<Axis> axes)
    {
        long total = 1;
        foreach (var a in axes) total *= Math.Max(1, a.Values.Count);
        if (total > MaxScenarios)
        {
            checks.Problem("$.sweep", $"{total} scenarios is more than the 100,000 allowed");
            return null;
        }
        var points = new List<SweepPoint> { new([], []) };
        foreach (var axis in axes)
        {
            points = [.. points.SelectMany(point => axis.Values.Select(v =>
            {
                var next = new SweepPoint([.. point.Parameters], [.. point.Levers]);
                (axis.Declared.IsLever ? next.Levers : next.Parameters).Add(new(axis.Declared.Name, v.DeepClone()));
                return next;
            }))];
        }
        return points;
    }

    /// <summary>A Latin hypercube over the axes' ranges (equal-probability strata of each input distribution), drawn from the master seed.</summary>
    private static List<SweepPoint> LatinHypercubePoints(List<Axis> axes, int count, ulong seed)
    {
        var points = new List<SweepPoint>();
        foreach (var sample in LatinHypercube.Sample([.. axes.Select(a => a.Range!)], count, Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 1)))
        {
            var point = new SweepPoint([], []);
            for (var i = 0; i < axes.Count; i++)
            {
                (axes[i].Declared.IsLever ? point.Levers : point.Parameters).Add(new(axes[i].Declared.Name, axes[i].Declared.Node(sample[i])));
            }
            points.Add(point);
        }
        return points;
    }
}
