using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>
/// The built-in regimes (experiments/regimes/*.json, embedded in the model assembly) and the composition of
/// custom regimes: a base regime plus lever overrides.
/// </summary>
public static class RegimeCatalog
{
    /// <summary>The four built-in regimes, in the order they are reported.</summary>
    public static readonly string[] BuiltInNames = ["protection-first", "use-first", "dynamic-balance", "precautionary"];

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> Documents = new(LoadBuiltIns);

    /// <summary>The lever names (JSON keys of a regime file other than name and description), in declaration order.</summary>
    public static IReadOnlyList<string> LeverNames { get; } = [.. LeverRegistry.All.Select(l => l.Name)];

    public static bool IsBuiltIn(string name) => Documents.Value.ContainsKey(name);

    public static Regime Get(string name) =>
        Documents.Value.TryGetValue(name, out var doc)
            ? Deserialize(doc, $"built-in regime '{name}'")
            : throw new KeyNotFoundException($"unknown regime '{name}'");

    /// <summary>The JSON document of a built-in regime (a copy).</summary>
    public static JsonObject Document(string name) => (JsonObject)Documents.Value[name].DeepClone();

    /// <summary>A custom regime: the base regime's levers with the given overrides applied, under a new name.</summary>
    public static Regime Compose(string name, string baseName, JsonObject? overrides, string? description = null)
    {
        var doc = Document(baseName);
        doc["name"] = name;
        doc["description"] = description ?? $"{baseName} with overrides";
        if (overrides is not null)
        {
            foreach (var (key, value) in overrides) doc[key] = value?.DeepClone();
        }
        return Deserialize(doc, $"regime '{name}'");
    }

    /// <summary>The value of a lever of a regime as JSON text (for runs.csv and the regimes command).</summary>
    public static string LeverValue(Regime regime, string lever)
    {
        var node = JsonSerializer.SerializeToNode(regime, ModelJson.Options)!.AsObject();
        var v = node[lever];
        return v is null ? "" : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
    }

    private static Regime Deserialize(JsonObject doc, string what) =>
        doc.Deserialize<Regime>(ModelJson.Strict) ?? throw new InvalidOperationException($"{what} is empty");

    private static IReadOnlyDictionary<string, JsonObject> LoadBuiltIns()
    {
        var assembly = typeof(RegimeCatalog).Assembly;
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var name in BuiltInNames)
        {
            using var stream = assembly.GetManifestResourceStream($"InfoRisk.Regimes.{name}.json")
                ?? throw new InvalidOperationException($"built-in regime file {name}.json is not embedded");
            var node = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            result[name] = node?.AsObject() ?? throw new InvalidOperationException($"{name}.json is empty");
        }
        return result;
    }
}
