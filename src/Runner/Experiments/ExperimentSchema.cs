using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        foreach (var (name, property) in ExperimentLoader.ParameterProperties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var s = TypeSchema(property);
            s["default"] = defaults[name]?.DeepClone();
            parameters[name] = s;
        }
        var levers = new JsonObject();
        foreach (var (name, property) in ExperimentLoader.LeverProperties.OrderBy(p => p.Key, StringComparer.Ordinal)) levers[name] = TypeSchema(property);
        var builtIns = new JsonArray([.. RegimeCatalog.BuiltInNames.Select(n => JsonValue.Create(n))]);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "urn:inforisk:experiment-schema:1",
            ["title"] = "InfoRisk experiment",
            ["description"] = "An InfoRisk experiment: regimes x scenarios x replicates. See README.md and docs/model.md.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("name", "ticks", "replicates", "seed", "population", "regimes"),
            ["properties"] = new JsonObject
            {
                ["$schema"] = new JsonObject { ["type"] = "string" },
                ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._-]{1,64}$" },
                ["description"] = new JsonObject { ["type"] = "string" },
                ["ticks"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 36500, ["description"] = "Simulated days" },
                ["replicates"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 100000 },
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
                        ["providers"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 20, ["default"] = 3 },
                        ["deployers"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 1000, ["default"] = 20 },
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
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["parameters"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["description"] = "Full grid: one scenario per combination of the listed values",
                            ["additionalProperties"] = false,
                            ["properties"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = StripDefault(p.Value!) }))),
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

    private static JsonNode StripDefault(JsonNode node)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove("default");
        return copy;
    }

    private static JsonObject TypeSchema(PropertyInfo property)
    {
        var t = property.PropertyType;
        if (t.IsEnum) return new JsonObject { ["enum"] = new JsonArray([.. Enum.GetNames(t).Select(n => JsonValue.Create(JsonNamingPolicy.SnakeCaseLower.ConvertName(n)))]) };
        if (t == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (t == typeof(int) || t == typeof(long)) return new JsonObject { ["type"] = "integer", ["minimum"] = 0 };
        return new JsonObject { ["type"] = "number", ["minimum"] = 0 };
    }
}
