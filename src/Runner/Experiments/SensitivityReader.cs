using System.Text.Json.Nodes;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The <c>sensitivity</c> block, { "method": "morris"|"sobol", "parameters": { name: { "min", "max" } },
/// "samples" | "trajectories" + "levels", "bootstrap", "metrics" }: the design's points become the scenarios.
/// </summary>
internal static class SensitivityReader
{
    private static readonly string[] SensitivityKeys = ["method", "parameters", "samples", "trajectories", "levels", "bootstrap", "metrics"];
    private static readonly string[] SensitivityMethods = ["morris", "sobol"];
    private static readonly string[] MorrisKeys = ["trajectories", "levels"];

    public static Sensitivity? Read(JsonChecks checks, JsonNode? node, ulong seed)
    {
        if (node is null) return null;
        if (node is not JsonObject o)
        {
            checks.Problem("$.sensitivity", "must be an object { \"method\": \"sobol\", \"parameters\": { \"hallucination_rate\": { \"min\": 0.01, \"max\": 0.1 }, ... }, \"samples\": 32 }");
            return null;
        }
        checks.CheckKeys(o, "$.sensitivity", SensitivityKeys);
        var method = checks.RequiredString(o, "method", "$.sensitivity.method");
        if (method is not null && !SensitivityMethods.Contains(method))
        {
            checks.Problem("$.sensitivity.method", $"'{method}' is not allowed; allowed values: {string.Join(", ", SensitivityMethods)}{Suggest.DidYouMean(method, SensitivityMethods)}");
            method = null;
        }
        var parameters = ReadParameters(checks, o);
        int samples = 0, levels = 0;
        if (method == "sobol")
        {
            samples = (int)checks.RequiredInteger(o, "samples", "$.sensitivity.samples", 2, 100_000);
            foreach (var k in MorrisKeys.Where(o.ContainsKey)) checks.Problem($"$.sensitivity.{k}", "is a Morris setting; with \"method\": \"sobol\" give \"samples\" (base samples N; N x (k + 2) points)");
        }
        else if (method == "morris")
        {
            samples = (int)checks.RequiredInteger(o, "trajectories", "$.sensitivity.trajectories", 2, 100_000);
            levels = (int)checks.OptionalInteger(o, "levels", "$.sensitivity.levels", 2, 100, 4);
            if (levels % 2 != 0) checks.Problem("$.sensitivity.levels", $"{levels} is odd; Morris designs need an even number of levels (4 is usual)");
            if (o.ContainsKey("samples")) checks.Problem("$.sensitivity.samples", "is a Sobol setting; with \"method\": \"morris\" give \"trajectories\" (and optionally \"levels\")");
        }
        var bootstrap = (int)checks.OptionalInteger(o, "bootstrap", "$.sensitivity.bootstrap", 0, 100_000, 200);
        var metrics = checks.MetricList(o, "metrics", "$.sensitivity.metrics") ?? (o["metrics"] is null ? [.. KeyMetrics.Names] : []);
        if (method is null || parameters.Count < 2 || samples == 0 || checks.HasProblems) return null;
        var designSeed = Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 2);
        var bootstrapSeed = Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 3);
        var pointCount = method == "sobol" ? (long)samples * (parameters.Count + 2) : (long)samples * (parameters.Count + 1);
        if (pointCount > SweepReader.MaxScenarios)
        {
            checks.Problem("$.sensitivity", $"{pointCount} design points is more than the 100,000 allowed");
            return null;
        }
        if (method == "sobol")
        {
            var design = SobolDesign.Create(parameters, samples, designSeed);
            return new Sensitivity
            {
                Method = method,
                Parameters = parameters,
                Points = design.Points,
                Metrics = metrics,
                Bootstrap = bootstrap,
                BootstrapSeed = bootstrapSeed,
                Samples = samples,
                Estimator = design.Estimate,
                Convergence = (outputs, b, seed) => SobolConvergence.Compute(design, outputs, Sensitivity.FirstConvergenceSize(samples), b, seed),
            };
        }
        var morris = MorrisDesign.Create(parameters, samples, levels, designSeed);
        return new Sensitivity { Method = method, Parameters = parameters, Points = morris.Points, Metrics = metrics, Bootstrap = bootstrap, BootstrapSeed = bootstrapSeed, Samples = samples, Levels = levels, Estimator = morris.Estimate };
    }

    /// <summary>At least two numeric model parameters, each with a range.</summary>
    private static List<UncertainParameter> ReadParameters(JsonChecks checks, JsonObject o)
    {
        var parameters = new List<UncertainParameter>();
        if (o["parameters"] is not JsonObject entries || entries.Count < 2)
        {
            checks.Problem("$.sensitivity.parameters", "is required: an object of at least two model parameters with ranges, e.g. { \"hallucination_rate\": { \"min\": 0.01, \"max\": 0.1 }, ... }");
            return parameters;
        }
        foreach (var (key, value) in entries)
        {
            var path = $"$.sensitivity.parameters.{key}";
            if (SweepReader.Known(checks, key, lever: false, path) is not { } declared) continue;
            if (!declared.IsNumeric)
            {
                checks.Problem(path, $"'{key}' is not numeric and cannot be an uncertain parameter");
                continue;
            }
            if (Distributions.Read(checks, value, path, declared, key) is { } uncertain) parameters.Add(uncertain);
        }
        return parameters;
    }

    /// <summary>The scenario design of a sensitivity analysis: its points, with whole-number parameters rounded.</summary>
    public static SweepPlan Plan(Sensitivity sensitivity) =>
        new(sensitivity.Method, [.. sensitivity.Parameters.Select(p => "param_" + p.Name)],
            [.. sensitivity.Points.Select(point => new SweepPoint([.. sensitivity.Parameters.Select((p, i) => KeyValuePair.Create(p.Name, Settable.Parameter(p.Name)!.Node(point[i])))], []))]);
}
