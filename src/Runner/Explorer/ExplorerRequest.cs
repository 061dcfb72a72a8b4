using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// What the explorer's form asks for, turned into an experiment document: the baseline regime and the chosen regime (a
/// built-in preset, or the preset with lever overrides as a custom regime), the population, ticks, replicates and seed.
/// The document is validated by <see cref="ExperimentLoader"/> (through <see cref="InMemoryExperiment"/>), runs as it is,
/// and is the file "Save as experiment" downloads, so <c>inforisk run</c> of that file repeats the run exactly.
/// </summary>
public static class ExplorerRequest
{
    /// <summary>The experiment's name, and the downloaded file's name.</summary>
    public const string ExperimentName = "explorer";

    public const string FileName = ExperimentName + ".json";

    /// <summary>The interactive size: 20,000 subjects (users 30% of them, the loader's default), 365 ticks, 3 paired replicates, seed 1.</summary>
    /// <remarks>A new object on every call: nothing mutable is shared between requests.</remarks>
    public static JsonObject Defaults => new()
    {
        ["regime"] = "precautionary",
        ["baseline"] = "dynamic-balance",
        ["subjects"] = 20_000,
        ["ticks"] = 365,
        ["replicates"] = 3,
        ["seed"] = 1,
        ["providers"] = 3,
        ["deployers"] = 20,
    };

    // a file for people to read: no \u escapes of quotes or Chinese text (it is never embedded in HTML)
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The name of the chosen regime in the experiment: the preset's, with "-edited" when a lever is overridden.</summary>
    public static string RegimeName(string preset, bool edited) => edited ? preset + "-edited" : preset;

    /// <summary>
    /// The experiment document for a request. Every value is copied as given (a number typed as text stays text), so
    /// the loader, not this code, decides what is allowed and says so. Lever overrides are written in registry order.
    /// </summary>
    public static byte[] Document(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var defaults = Defaults;
        JsonNode? Field(string key) => (request[key] ?? defaults[key])?.DeepClone();
        var preset = request["regime"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : defaults["regime"]!.GetValue<string>();
        var baseline = request["baseline"]?.DeepClone() ?? defaults["baseline"]!.DeepClone();
        var overrides = new JsonObject();
        if (request["levers"] is JsonObject levers)
        {
            var order = LeverRegistry.All.Select((l, i) => (l.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
            foreach (var (name, value) in levers.OrderBy(p => order.TryGetValue(p.Key, out var i) ? i : int.MaxValue).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                overrides[name] = value?.DeepClone();
            }
        }
        JsonNode chosen = overrides.Count == 0
            ? JsonValue.Create(preset)
            : new JsonObject { ["name"] = RegimeName(preset, edited: true), ["base"] = preset, ["levers"] = overrides };
        var population = new JsonObject { ["subjects"] = Field("subjects") };
        if (request["users"] is { } users && !(users is JsonValue u && u.GetValueKind() == JsonValueKind.Null)) population["users"] = users.DeepClone();
        population["providers"] = Field("providers");
        population["deployers"] = Field("deployers");
        var changes = overrides.Count == 0 ? "no lever changed" : $"{overrides.Count} lever(s) changed: {string.Join(", ", overrides.Select(p => $"{p.Key} = {p.Value?.ToJsonString()}"))}";
        var document = new JsonObject
        {
            ["name"] = ExperimentName,
            ["description"] = $"Made with 'inforisk explore': {preset} ({changes}) against the baseline {baseline.ToJsonString().Trim('"')}, paired replicates (common random numbers). Repeat it with: inforisk run {FileName} --out results/{ExperimentName}",
            ["ticks"] = Field("ticks"),
            ["replicates"] = Field("replicates"),
            ["seed"] = Field("seed"),
            ["population"] = population,
            ["regimes"] = new JsonArray(baseline, chosen),
            ["baseline"] = baseline.DeepClone(),
        };
        return Encoding.UTF8.GetBytes(document.ToJsonString(Indented) + "\n");
    }

    /// <summary>The document loaded and validated by the experiment loader; throws <see cref="ExperimentException"/> with its problems.</summary>
    public static Experiment Validate(byte[] document) => InMemoryExperiment.Load(document, FileName);
}
