using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The experiment's <c>regimes</c>: built-in names, custom regimes (a base regime plus lever overrides) and regime
/// files (complete, or with a base), each lever value checked against its declaration.
/// </summary>
internal static class RegimeReader
{
    private static readonly string[] RegimeObjectKeys = ["name", "base", "description", "levers", "file"];

    /// <summary>The listed regimes in order; regime files read are added to <paramref name="referencedFiles"/>.</summary>
    public static List<Regime> Read(JsonChecks checks, JsonObject root, string directory, List<ReferencedFile> referencedFiles)
    {
        var result = new List<Regime>();
        if (root["regimes"] is not JsonArray array || array.Count == 0)
        {
            checks.Problem("$.regimes", $"is required: a non-empty list of regime names ({string.Join(", ", RegimeCatalog.BuiltInNames)}) or objects {{ \"name\", \"base\", \"levers\" }}");
            return result;
        }
        for (var k = 0; k < array.Count; k++)
        {
            var path = $"$.regimes[{k}]";
            switch (array[k])
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    {
                        var name = v.GetValue<string>();
                        if (RegimeCatalog.IsBuiltIn(name)) result.Add(RegimeCatalog.Get(name));
                        else checks.Problem(path, $"unknown regime '{name}'; built-in regimes are {string.Join(", ", RegimeCatalog.BuiltInNames)}{Suggest.DidYouMean(name, RegimeCatalog.BuiltInNames)}");
                        break;
                    }
                case JsonObject o:
                    {
                        var regime = o.ContainsKey("file") ? ReadFile(checks, o, path, directory, referencedFiles) : ReadCustom(checks, o, path);
                        if (regime is not null) result.Add(regime);
                        break;
                    }
                default:
                    checks.Problem(path, "must be a regime name (string) or an object { \"name\": ..., \"base\": ..., \"levers\": { ... } }");
                    break;
            }
        }
        foreach (var duplicate in result.GroupBy(r => r.Name).Where(g => g.Count() > 1))
            checks.Problem("$.regimes", $"regime '{duplicate.Key}' is listed {duplicate.Count()} times; names must be unique");
        return result;
    }

    /// <summary>{ "name", "base", "description", "levers": { ... } }: a built-in base regime with lever overrides.</summary>
    public static Regime? ReadCustom(JsonChecks checks, JsonObject o, string path)
    {
        checks.CheckKeys(o, path, RegimeObjectKeys);
        var name = checks.RequiredString(o, "name", $"{path}.name");
        var baseName = checks.RequiredString(o, "base", $"{path}.base");
        var description = checks.OptionalString(o, "description", $"{path}.description");
        if (name is not null && !ExperimentLoader.IsAllowedName(name)) checks.Problem($"{path}.name", $"'{name}' is not allowed: use letters, digits, '.', '_' and '-'");
        if (baseName is not null && !RegimeCatalog.IsBuiltIn(baseName))
        {
            checks.Problem($"{path}.base", $"unknown base regime '{baseName}'; built-in regimes are {string.Join(", ", RegimeCatalog.BuiltInNames)}{Suggest.DidYouMean(baseName, RegimeCatalog.BuiltInNames)}");
            baseName = null;
        }
        JsonObject? levers = null;
        if (o["levers"] is JsonNode node)
        {
            if (node is JsonObject l)
            {
                levers = l;
                foreach (var (key, value) in l) CheckLever(checks, key, value, $"{path}.levers.{key}");
            }
            else checks.Problem($"{path}.levers", "must be an object of lever values, e.g. { \"punitive_multiplier\": 3 }");
        }
        if (name is null || baseName is null) return null;
        try
        {
            return RegimeCatalog.Compose(name, baseName, levers, description);
        }
        catch (JsonException)
        {
            return null; // the lever problems were reported above
        }
    }

    /// <summary>
    /// { "file": "regimes/x.json" }: a regime file, complete (every lever) or naming a base like an inline regime. Its
    /// problems name the regime file, with their line and column in it.
    /// </summary>
    private static Regime? ReadFile(JsonChecks checks, JsonObject o, string path, string directory, List<ReferencedFile> referencedFiles)
    {
        checks.CheckKeys(o, path, ["file"]);
        var file = checks.RequiredString(o, "file", $"{path}.file");
        if (file is null) return null;
        var full = Path.IsPathRooted(file) ? file : Path.Combine(directory, file);
        if (InputFile.KindOf(full) == InputFileKind.Missing)
        {
            checks.Problem($"{path}.file", $"regime file '{file}' not found (looked for {full})");
            return null;
        }
        if (JsonInput.Read(full, full, checks.Problems) is not { } input) return null;
        if (input.Root is not JsonObject doc)
        {
            checks.Problem($"{path}.file", $"{file}: not valid JSON: the file must hold one JSON object");
            return null;
        }
        referencedFiles.Add(new ReferencedFile(file, Path.GetFullPath(full), Convert.ToHexStringLower(SHA256.HashData(input.Raw))));
        var inner = new JsonChecks(full, input.Positions, checks.Problems);
        var before = checks.Problems.Count;
        if (doc.ContainsKey("base")) return ReadCustom(inner, doc, "$");
        inner.CheckKeys(doc, "$", ["name", "description", .. Settable.LeverNames]);
        var name = inner.RequiredString(doc, "name", "$.name");
        foreach (var lever in Settable.Levers)
        {
            if (!doc.ContainsKey(lever.Name)) inner.Problem($"$.{lever.Name}", $"is required in a complete regime file (or give \"base\" and override only some levers)");
            else inner.CheckValue(lever, doc[lever.Name], $"$.{lever.Name}");
        }
        return checks.Problems.Count == before && name is not null ? doc.Deserialize<Regime>(ModelJson.Strict) : null;
    }

    /// <summary>A lever value: a known lever, with a value its declaration allows.</summary>
    public static void CheckLever(JsonChecks checks, string key, JsonNode? value, string path)
    {
        if (Settable.Lever(key) is not { } lever)
        {
            checks.Problem(path, $"unknown lever '{key}'{Suggest.DidYouMean(key, Settable.LeverNames)}; levers are listed by 'inforisk regimes'", key: true);
            return;
        }
        checks.CheckValue(lever, value, path);
    }
}
