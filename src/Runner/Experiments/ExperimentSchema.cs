using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The JSON Schema of experiment files (experiments/schema.json), generated from the same parameter and lever
/// tables the loader validates against, so the two cannot drift apart (a test compares the file with this).
/// </summary>
public static class ExperimentSchema
{
    public static string Generate()
    {
        var defaults = JsonSerializer.SerializeToNode(new ModelParameters(), ModelJson.Options)!.AsObject();
        var parameters = new JsonObject();
        foreach (var declared in Settable.Parameters.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var s = ValueSchema(declared);
            s["default"] = defaults[declared.Name]?.DeepClone();
            parameters[declared.Name] = s;
        }
        var levers = new JsonObject();
        foreach (var declared in Settable.Levers.OrderBy(l => l.Name, StringComparer.Ordinal)) levers[declared.Name] = ValueSchema(declared);
        var builtIns = new JsonArray([.. RegimeCatalog.BuiltInNames.Select(n => JsonValue.Create(n))]);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:inforisk:experiment-schema:1",
            ["title"] = "InfoRisk experiment",
            ["description"] = "An InfoRisk experiment: regimes x scenarios x replicates. See README.md and docs/model.md.",
            ["type"] = "object",
            ["$defs"] = new JsonObject { ["distribution"] = DistributionSchema() },
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("name", "ticks", "replicates", "seed", "population", "regimes"),
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._-]{1,64}$" },
                ["description"] = new JsonObject { ["type"] = "string" },
                ["ticks"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 36500, ["description"] = "Simulated days" },
                ["warmup_ticks"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 36499, ["description"] = "First days left out of the run values (flows summed, stocks averaged over the rest); below ticks" },
                ["replicates"] = new JsonObject
                {
                    ["description"] = "Paired replicates per scenario and regime: a number, or a sequential rule that adds replicates until the paired differences from the baseline are precise enough (docs/experiments.md §2)",
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100000 },
                        new JsonObject
                        {
                            ["type"] = "object",
                            ["additionalProperties"] = false,
                            ["required"] = new JsonArray("target_half_width"),
                            ["properties"] = new JsonObject
                            {
                                ["min"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100000, ["default"] = 10 },
                                ["max"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100000, ["default"] = 100 },
                                ["batch"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100000, ["default"] = 2 },
                                ["target_half_width"] = new JsonObject { ["type"] = "number", ["exclusiveMinimum"] = 0, ["description"] = "The 95% CI half-width every stated paired difference must reach, in each metric's unit (yuan for money)" },
                                ["metrics"] = new JsonObject
                                {
                                    ["type"] = "array",
                                    ["minItems"] = 1,
                                    ["description"] = "Default: harm_total_yuan",
                                    ["items"] = new JsonObject { ["enum"] = new JsonArray([.. Model.Metrics.Metric.All.Select(m => JsonValue.Create(m.Name))]) },
                                },
                            },
                        }),
                },
                ["seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Master seed; replicate r's seed is derived from it and shared by every regime" },
                ["cohort_size"] = new JsonObject { ["type"] = "integer", ["minimum"] = 64, ["description"] = "Subjects per cohort grain (engine setting; never changes results)" },
                ["baseline"] = new JsonObject { ["type"] = "string", ["description"] = "The regime others are compared with (default dynamic-balance)" },
                ["population"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("subjects"),
                    ["properties"] = new JsonObject
                    {
                        ["subjects"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 },
                        ["users"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Default: 30% of subjects" },
                        ["providers"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = Model.Randomness.DrawLayout.MaxProviders, ["default"] = 3 },
                        ["deployers"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = Model.Randomness.DrawLayout.MaxDeployers, ["default"] = 20 },
                    },
                },
                ["regimes"] = new JsonObject
                {
                    ["type"] = "array",
                    ["minItems"] = 1,
                    ["items"] = new JsonObject
                    {
                        ["oneOf"] = new JsonArray(
                            new JsonObject { ["enum"] = builtIns },
                            new JsonObject
                            {
                                ["type"] = "object",
                                ["additionalProperties"] = false,
                                ["required"] = new JsonArray("name", "base"),
                                ["properties"] = new JsonObject
                                {
                                    ["name"] = new JsonObject { ["type"] = "string" },
                                    ["base"] = new JsonObject { ["enum"] = builtIns.DeepClone() },
                                    ["description"] = new JsonObject { ["type"] = "string" },
                                    ["levers"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = levers },
                                },
                            },
                            new JsonObject
                            {
                                ["type"] = "object",
                                ["additionalProperties"] = false,
                                ["required"] = new JsonArray("file"),
                                ["properties"] = new JsonObject { ["file"] = new JsonObject { ["type"] = "string" } },
                            }),
                    },
                },
                ["parameters"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = parameters },
                ["sweep"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Scenarios: a full grid over value lists or stepped ranges, or a Latin hypercube of 'points' points over min..max ranges (docs/experiments.md)",
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["design"] = new JsonObject { ["enum"] = new JsonArray("grid", "lhs"), ["default"] = "grid" },
                        ["points"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100000, ["description"] = "Latin hypercube points (design lhs only)" },
                        ["parameters"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["description"] = "Model parameters to vary: a list of values, { min, max, steps } (grid) or { min, max } (lhs)",
                            ["additionalProperties"] = false,
                            ["properties"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)SweepEntry(p.Value!)))),
                        },
                        ["levers"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["description"] = "Regime levers to vary; the value is set in every regime of the scenario",
                            ["additionalProperties"] = false,
                            ["properties"] = new JsonObject(levers.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)SweepEntry(p.Value!)))),
                        },
                    },
                },
                ["ablation"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Switch the target regime's levers onto the base regime one at a time (design add: regime '<base>+<lever>'), out of the target one at a time (design remove, leave one out: regime '<target>-<lever>'), and all together ('<base>+all'); writes ablation.csv",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("base", "target"),
                    ["properties"] = new JsonObject
                    {
                        ["base"] = new JsonObject { ["type"] = "string" },
                        ["target"] = new JsonObject { ["type"] = "string" },
                        ["levers"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["minItems"] = 1,
                            ["uniqueItems"] = true,
                            ["description"] = "Default: every lever whose value differs between base and target",
                            ["items"] = new JsonObject { ["enum"] = new JsonArray([.. levers.Select(l => JsonValue.Create(l.Key))]) },
                        },
                        ["design"] = new JsonObject
                        {
                            ["enum"] = new JsonArray([.. Ablation.Designs.Select(d => JsonValue.Create(d))]),
                            ["default"] = Ablation.Both,
                            ["description"] = "add: each lever onto the base ('<base>+<lever>'); remove: each lever back to the base value in the target ('<target>-<lever>'); both: the two",
                        },
                    },
                },
                ["optimize"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Regime search (NSGA-II) over levers of a base regime for the Pareto front of the objectives (docs/experiments.md §8); writes pareto.csv and a regime file per Pareto regime",
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["base"] = new JsonObject { ["type"] = "string", ["description"] = "The regime whose other levers the candidates keep (default: the baseline)" },
                        ["levers"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["minProperties"] = 1,
                            ["description"] = "The searched levers: {} for the declared range or every value, { \"min\", \"max\" } for a narrower range, { \"values\": [...] } for a subset",
                            ["propertyNames"] = new JsonObject { ["enum"] = new JsonArray([.. levers.Select(l => JsonValue.Create(l.Key))]) },
                            ["additionalProperties"] = new JsonObject { ["type"] = "object" },
                        },
                        ["objectives"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["minItems"] = 2,
                            ["description"] = "Default: harm_total_yuan (minimize) and service_value_yuan (maximize)",
                            ["items"] = new JsonObject
                            {
                                ["type"] = "object",
                                ["additionalProperties"] = false,
                                ["required"] = new JsonArray("metric"),
                                ["properties"] = new JsonObject
                                {
                                    ["metric"] = new JsonObject { ["enum"] = new JsonArray([.. Model.Metrics.Metric.All.Select(m => JsonValue.Create(m.Name))]) },
                                    ["direction"] = new JsonObject { ["enum"] = new JsonArray("minimize", "maximize"), ["default"] = "minimize" },
                                },
                            },
                        },
                        ["population_size"] = new JsonObject { ["type"] = "integer", ["minimum"] = 4, ["maximum"] = 1000, ["default"] = 12 },
                        ["budget"] = new JsonObject { ["type"] = "integer", ["minimum"] = 4, ["maximum"] = 100000, ["description"] = "Candidates evaluated in all (default: 5 x population_size)" },
                        ["seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Seed of the search (default: the experiment's seed)" },
                    },
                },
                ["sensitivity"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "Global sensitivity analysis: the design's points become the scenarios; writes sensitivity.csv",
                    ["additionalProperties"] = false,
                    ["required"] = new JsonArray("method", "parameters"),
                    ["properties"] = new JsonObject
                    {
                        ["method"] = new JsonObject { ["enum"] = new JsonArray("morris", "sobol") },
                        ["parameters"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["description"] = "Uncertain model parameters, each uniform on [min, max] unless it gives a distribution",
                            ["minProperties"] = 2,
                            ["additionalProperties"] = false,
                            ["properties"] = new JsonObject(parameters.Where(p => p.Value!["type"]?.GetValue<string>() is "number" or "integer")
                                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)UncertainRangeSchema(p.Value!)))),
                        },
                        ["samples"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["description"] = "Sobol: base samples N (N x (k + 2) points)" },
                        ["trajectories"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["description"] = "Morris: trajectories r (r x (k + 1) points)" },
                        ["levels"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2, ["maximum"] = 100, ["default"] = 4, ["description"] = "Morris: grid levels (even)" },
                        ["bootstrap"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["default"] = 200, ["description"] = "Bootstrap resamples for the 95% CIs" },
                        ["metrics"] = new JsonObject
                        {
                            ["type"] = "array",
                            ["minItems"] = 1,
                            ["description"] = "Run totals to analyse (default: the key metrics)",
                            ["items"] = new JsonObject { ["enum"] = new JsonArray([.. Model.Metrics.Metric.All.Select(m => JsonValue.Create(m.Name))]) },
                        },
                    },
                },
                ["outputs"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject { ["plots"] = new JsonObject { ["type"] = "boolean", ["default"] = true } },
                },
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <summary>A sweep entry: a list of values; for numbers also a range { min, max } (lhs) or { min, max, steps } (grid).</summary>
    private static JsonObject SweepEntry(JsonNode valueSchema)
    {
        var list = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = StripDefault(valueSchema) };
        if (valueSchema["type"]?.GetValue<string>() is not ("number" or "integer")) return list;
        var range = UncertainRangeSchema(valueSchema);
        range["properties"]!["steps"] = new JsonObject { ["type"] = "integer", ["minimum"] = 2 };
        return new JsonObject { ["oneOf"] = new JsonArray(list, range) };
    }

    private static JsonObject RangeSchema(JsonNode valueSchema) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new JsonArray("min", "max"),
        ["properties"] = new JsonObject { ["min"] = StripDefault(valueSchema), ["max"] = StripDefault(valueSchema) },
    };

    /// <summary>An uncertain input's optional distribution, truncated to its range (one shared definition).</summary>
    private static JsonObject DistributionSchema() => new()
    {
        ["description"] = "Optional: sample from this distribution truncated to [min, max] instead of uniformly (docs/statistics.md, Input distributions)",
        ["oneOf"] = new JsonArray([.. Distributions.Kinds.Select(kind => (JsonNode?)new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray([(JsonNode?)"kind", .. Distributions.Members[kind].Where(m => m != "weights").Select(m => (JsonNode?)m)]),
            ["properties"] = new JsonObject([
                KeyValuePair.Create("kind", (JsonNode?)new JsonObject { ["const"] = kind }),
                .. Distributions.Members[kind].Select(m => KeyValuePair.Create(m, (JsonNode?)(m is "values" or "weights"
                    ? new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = "number" } }
                    : new JsonObject { ["type"] = "number" }))),
            ]),
        })]),
    };

    /// <summary>A range of an uncertain input (Latin hypercube, sensitivity): { min, max } and an optional distribution truncated to it.</summary>
    private static JsonObject UncertainRangeSchema(JsonNode valueSchema)
    {
        var range = RangeSchema(valueSchema);
        range["properties"]!["distribution"] = new JsonObject { ["$ref"] = "#/$defs/distribution" };
        return range;
    }

    private static JsonNode StripDefault(JsonNode node)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove("default");
        return copy;
    }

    /// <summary>
    /// The schema of a parameter's or lever's value, read from its declaration: the allowed names of an enum, a boolean,
    /// or a number (whole when declared so) with the declared minimum and maximum (no maximum for the registries' open
    /// bounds of 1e12 and more), and the declared meaning (and unit) as its description.
    /// </summary>
    private static JsonObject ValueSchema(Settable declared)
    {
        var s = declared.IsEnum
            ? new JsonObject { ["enum"] = new JsonArray([.. declared.AllowedValues.Select(v => JsonValue.Create(v))]) }
            : declared.IsBoolean
                ? new JsonObject { ["type"] = "boolean" }
                : new JsonObject { ["type"] = declared.IsInteger ? "integer" : "number", ["minimum"] = declared.Min };
        if (declared.IsNumeric && declared.Max < 1e12) s["maximum"] = declared.Max;
        var unit = declared.IsNumeric && declared.Unit.Length > 0 ? $" ({declared.Unit})" : "";
        if (declared.Meaning.Length > 0) s["description"] = declared.Meaning + unit;
        return s;
    }
}
