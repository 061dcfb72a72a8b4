using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// Reads and validates an experiment file. Every problem is collected (file, line and column, JSON path,
/// what is wrong, what is allowed, and a suggestion for misspelt names) before anything runs.
/// </summary>
public sealed partial class ExperimentLoader
{
    private static readonly string[] TopLevelKeys = ["$schema", "name", "description", "ticks", "replicates", "seed", "population", "regimes", "baseline", "parameters", "sweep", "cohort_size", "outputs"];
    private static readonly string[] PopulationKeys = ["subjects", "users", "providers", "deployers"];
    private static readonly string[] RegimeObjectKeys = ["name", "base", "description", "levers", "file"];

    /// <summary>Model parameters by JSON name.</summary>
    public static readonly IReadOnlyDictionary<string, PropertyInfo> ParameterProperties = JsonProperties(typeof(ModelParameters));

    /// <summary>Regime levers by JSON name.</summary>
    public static readonly IReadOnlyDictionary<string, PropertyInfo> LeverProperties =
        JsonProperties(typeof(Regime)).Where(p => p.Key is not ("name" or "description")).ToDictionary(p => p.Key, p => p.Value);

    private readonly List<ExperimentProblem> _problems = [];
    private string _file = "";
    private JsonPositions? _positions;

    public static Experiment Load(string path) => new ExperimentLoader().LoadFile(path);

    private Experiment LoadFile(string path)
    {
        _file = path;
        if (!File.Exists(path)) Fail(new ExperimentProblem(path, "$", 0, 0, "file not found"));
        var bytes = File.ReadAllBytes(path);
        _positions = new JsonPositions(bytes);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            Fail(new ExperimentProblem(path, e.Path ?? "$", (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1,
                $"not valid JSON: {FirstSentence(e.Message)}"));
            throw; // unreachable
        }
        if (root is not JsonObject obj)
        {
            Fail(new ExperimentProblem(path, "$", 1, 1, "the file must hold one JSON object ({ ... })"));
            throw new InvalidOperationException(); // unreachable
        }

        CheckKeys(obj, "$", TopLevelKeys);
        var name = RequiredString(obj, "name", "$.name");
        if (name is not null && !NamePattern().IsMatch(name)) Problem("$.name", $"'{name}' is not allowed: use letters, digits, '.', '_' and '-' (1-64 characters)");
        var description = OptionalString(obj, "description", "$.description") ?? "";
        var ticks = (int)RequiredInteger(obj, "ticks", "$.ticks", 1, 36_500);
        var replicates = (int)RequiredInteger(obj, "replicates", "$.replicates", 1, 100_000);
        var seed = RequiredUnsigned(obj, "seed", "$.seed");
        var cohortSize = (int)OptionalInteger(obj, "cohort_size", "$.cohort_size", 64, 50_000_000, 8192);
        var population = ReadPopulation(obj);
        var regimes = ReadRegimes(obj, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        var parameterOverrides = ReadParameterObject(obj["parameters"], "$.parameters");
        var (sweptNames, points) = ReadSweep(obj["sweep"]);
        var plots = true;
        if (obj["outputs"] is JsonNode outputs)
        {
            if (outputs is not JsonObject o) Problem("$.outputs", "must be an object, e.g. { \"plots\": true }");
            else
            {
                CheckKeys(o, "$.outputs", ["plots"]);
                plots = OptionalBool(o, "plots", "$.outputs.plots", true);
            }
        }
        var regimeNames = regimes.Select(r => r.Name).ToList();
        var baseline = OptionalString(obj, "baseline", "$.baseline")
            ?? (regimeNames.Contains("dynamic-balance") ? "dynamic-balance" : regimeNames.FirstOrDefault() ?? "");
        if (regimeNames.Count > 0 && !regimeNames.Contains(baseline))
            Problem("$.baseline", $"'{baseline}' is not one of the experiment's regimes ({string.Join(", ", regimeNames)}){Suggest.DidYouMean(baseline, regimeNames)}");

        if (_problems.Count > 0) throw new ExperimentException(_problems);

        var baseParameters = ApplyParameters(new ModelParameters(), parameterOverrides, "$.parameters");
        var scenarios = new List<Scenario>();
        for (var k = 0; k < points.Count; k++)
        {
            scenarios.Add(new Scenario(k, points[k], ApplyParameters(baseParameters, points[k], "$.sweep")));
        }
        if (_problems.Count > 0) throw new ExperimentException(_problems);

        return new Experiment
        {
            Name = name!,
            Description = description,
            FilePath = Path.GetFullPath(path),
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Ticks = ticks,
            Replicates = replicates,
            Seed = seed,
            Population = population,
            Regimes = regimes,
            Baseline = baseline,
            Parameters = baseParameters,
            Scenarios = scenarios,
            SweptParameters = sweptNames,
            CohortSize = cohortSize,
            Plots = plots,
        };
    }

    private Population ReadPopulation(JsonObject root)
    {
        if (root["population"] is not JsonObject p)
        {
            Problem("$.population", root.ContainsKey("population")
                ? "must be an object like { \"subjects\": 20000, \"users\": 6000, \"providers\": 3, \"deployers\": 20 }"
                : "is required: { \"subjects\": N, \"users\": N, \"providers\": N, \"deployers\": N }");
            return new Population();
        }
        CheckKeys(p, "$.population", PopulationKeys);
        // parsed as 64-bit so that a population too large for one run is refused with its memory estimate, not as "not a number"
        var subjects = RequiredInteger(p, "subjects", "$.population.subjects", 1, Execution.MemoryBudget.MaxPopulation);
        var users = OptionalInteger(p, "users", "$.population.users", 0, Execution.MemoryBudget.MaxPopulation, (long)(subjects * 0.3));
        if (users > subjects && subjects > 0) Problem("$.population.users", $"{users} users but {subjects} subjects: every user is also a data subject, so users must be at most subjects");
        var providers = (int)OptionalInteger(p, "providers", "$.population.providers", 1, 20, 3);
        var deployers = (int)OptionalInteger(p, "deployers", "$.population.deployers", 0, 1000, 20);
        if (subjects > Execution.MemoryBudget.MaxSubjectsPerRun)
            Problem("$.population.subjects", Execution.MemoryBudget.TooLargeForOneRun(subjects, users, providers, ReadTicksForEstimate(root)));
        return new Population
        {
            Subjects = (int)Math.Min(subjects, Execution.MemoryBudget.MaxSubjectsPerRun),
            Users = (int)Math.Min(users, Execution.MemoryBudget.MaxSubjectsPerRun),
            Providers = providers,
            Deployers = deployers,
        };
    }

    private static int ReadTicksForEstimate(JsonObject root) =>
        root["ticks"] is JsonValue v && v.TryGetValue<int>(out var ticks) && ticks > 0 ? ticks : 365;

    private List<Regime> ReadRegimes(JsonObject root, string directory)
    {
        var result = new List<Regime>();
        if (root["regimes"] is not JsonArray array || array.Count == 0)
        {
            Problem("$.regimes", $"is required: a non-empty list of regime names ({string.Join(", ", RegimeCatalog.BuiltInNames)}) or objects {{ \"name\", \"base\", \"levers\" }}");
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
                        else Problem(path, $"unknown regime '{name}'; built-in regimes are {string.Join(", ", RegimeCatalog.BuiltInNames)}{Suggest.DidYouMean(name, RegimeCatalog.BuiltInNames)}");
                        break;
                    }
                case JsonObject o:
                    {
                        var regime = o.ContainsKey("file") ? ReadRegimeFile(o, path, directory) : ReadCustomRegime(o, path);
                        if (regime is not null) result.Add(regime);
                        break;
                    }
                default:
                    Problem(path, "must be a regime name (string) or an object { \"name\": ..., \"base\": ..., \"levers\": { ... } }");
                    break;
            }
        }
        foreach (var duplicate in result.GroupBy(r => r.Name).Where(g => g.Count() > 1))
            Problem("$.regimes", $"regime '{duplicate.Key}' is listed {duplicate.Count()} times; names must be unique");
        return result;
    }

    private Regime? ReadCustomRegime(JsonObject o, string path)
    {
        CheckKeys(o, path, RegimeObjectKeys);
        var name = RequiredString(o, "name", $"{path}.name");
        var baseName = RequiredString(o, "base", $"{path}.base");
        var description = OptionalString(o, "description", $"{path}.description");
        if (name is not null && !NamePattern().IsMatch(name)) Problem($"{path}.name", $"'{name}' is not allowed: use letters, digits, '.', '_' and '-'");
        if (baseName is not null && !RegimeCatalog.IsBuiltIn(baseName))
        {
            Problem($"{path}.base", $"unknown base regime '{baseName}'; built-in regimes are {string.Join(", ", RegimeCatalog.BuiltInNames)}{Suggest.DidYouMean(baseName, RegimeCatalog.BuiltInNames)}");
            baseName = null;
        }
        JsonObject? levers = null;
        if (o["levers"] is JsonNode node)
        {
            if (node is JsonObject l)
            {
                levers = l;
                foreach (var (key, value) in l) CheckLever(key, value, $"{path}.levers.{key}");
            }
            else Problem($"{path}.levers", "must be an object of lever values, e.g. { \"punitive_multiplier\": 3 }");
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

    private Regime? ReadRegimeFile(JsonObject o, string path, string directory)
    {
        CheckKeys(o, path, ["file"]);
        var file = RequiredString(o, "file", $"{path}.file");
        if (file is null) return null;
        var full = Path.IsPathRooted(file) ? file : Path.Combine(directory, file);
        if (!File.Exists(full))
        {
            Problem($"{path}.file", $"regime file '{file}' not found (looked for {full})");
            return null;
        }
        JsonObject doc;
        try
        {
            doc = JsonNode.Parse(File.ReadAllText(full), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new JsonException("the file must hold one JSON object");
        }
        catch (JsonException e)
        {
            Problem($"{path}.file", $"{file}: not valid JSON: {FirstSentence(e.Message)}");
            return null;
        }
        // a regime file is either complete, or names a base: { "name", "base", "levers" } like an inline regime
        var inner = new ExperimentLoader { _file = full, _positions = new JsonPositions(File.ReadAllBytes(full)) };
        Regime? regime;
        if (doc.ContainsKey("base")) regime = inner.ReadCustomRegime(doc, "$");
        else
        {
            inner.CheckKeys(doc, "$", ["name", "description", .. LeverProperties.Keys]);
            var name = inner.RequiredString(doc, "name", "$.name");
            foreach (var lever in LeverProperties.Keys)
            {
                if (!doc.ContainsKey(lever)) inner.Problem($"$.{lever}", $"is required in a complete regime file (or give \"base\" and override only some levers)");
                else inner.CheckLever(lever, doc[lever], $"$.{lever}");
            }
            regime = inner._problems.Count == 0 && name is not null ? doc.Deserialize<Regime>(ModelJson.Strict) : null;
        }
        _problems.AddRange(inner._problems);
        return regime;
    }

    private void CheckLever(string key, JsonNode? value, string path)
    {
        if (!LeverProperties.TryGetValue(key, out var property))
        {
            Problem(path, $"unknown lever '{key}'{Suggest.DidYouMean(key, LeverProperties.Keys)}; levers are listed by 'inforisk regimes'", key: true);
            return;
        }
        CheckValue(property, value, path, LeverRange(key));
    }

    private List<KeyValuePair<string, JsonNode>> ReadParameterObject(JsonNode? node, string path)
    {
        var result = new List<KeyValuePair<string, JsonNode>>();
        if (node is null) return result;
        if (node is not JsonObject o)
        {
            Problem(path, "must be an object of model parameter values, e.g. { \"hallucination_rate\": 0.05 }");
            return result;
        }
        foreach (var (key, value) in o)
        {
            if (!ParameterProperties.TryGetValue(key, out var property))
            {
                Problem($"{path}.{key}", $"unknown model parameter '{key}'{Suggest.DidYouMean(key, ParameterProperties.Keys)}; parameters are listed in docs/model.md", key: true);
                continue;
            }
            if (CheckValue(property, value, $"{path}.{key}", ParameterRange(key))) result.Add(new(key, value!.DeepClone()));
        }
        return result;
    }

    /// <summary>A full-factorial sweep: { "parameters": { "name": [v1, v2, ...], ... } } gives one scenario per combination.</summary>
    private (List<string> Names, List<List<KeyValuePair<string, JsonNode>>> Points) ReadSweep(JsonNode? node)
    {
        var points = new List<List<KeyValuePair<string, JsonNode>>> { new() };
        var names = new List<string>();
        if (node is null) return (names, points);
        if (node is not JsonObject sweep || sweep["parameters"] is not JsonObject parameters)
        {
            Problem("$.sweep", "must be an object { \"parameters\": { \"<model parameter>\": [value, value, ...] } }");
            return (names, points);
        }
        CheckKeys(sweep, "$.sweep", ["parameters"]);
        foreach (var (key, value) in parameters)
        {
            var path = $"$.sweep.parameters.{key}";
            if (!ParameterProperties.TryGetValue(key, out var property))
            {
                Problem(path, $"unknown model parameter '{key}'{Suggest.DidYouMean(key, ParameterProperties.Keys)}", key: true);
                continue;
            }
            if (value is not JsonArray values || values.Count == 0)
            {
                Problem(path, "must be a non-empty list of values, e.g. [0.03, 0.1, 0.27]");
                continue;
            }
            var valid = new List<JsonNode>();
            for (var k = 0; k < values.Count; k++)
            {
                if (CheckValue(property, values[k], $"{path}[{k}]", ParameterRange(key))) valid.Add(values[k]!.DeepClone());
            }
            names.Add(key);
            points = [.. points.SelectMany(point => valid.Select(v => new List<KeyValuePair<string, JsonNode>>(point) { new(key, v.DeepClone()) }))];
        }
        if (points.Count > 100_000) Problem("$.sweep", $"{points.Count} scenarios is more than the 100,000 allowed");
        return (names, points);
    }

    private ModelParameters ApplyParameters(ModelParameters baseline, IEnumerable<KeyValuePair<string, JsonNode>> overrides, string path)
    {
        var doc = JsonSerializer.SerializeToNode(baseline, ModelJson.Options)!.AsObject();
        foreach (var (key, value) in overrides) doc[key] = value.DeepClone();
        var result = doc.Deserialize<ModelParameters>(ModelJson.Strict)!;
        if (result.Provinces > result.Regions) Problem($"{path}.provinces", $"provinces ({result.Provinces}) must not exceed regions ({result.Regions})");
        return result;
    }

    // ---------------------------------------------------------------- value checks

    private readonly record struct Range(double Min, double Max);

    private static Range ParameterRange(string key)
    {
        if (key is "regions" or "ages" or "occupations" or "provinces" or "epoch_ticks") return new(1, key == "epoch_ticks" ? 3650 : 10_000);
        if (key is "deployer_general_records" or "deployer_sensitive_records") return new(0, 100);
        string[] unitSuffixes = ["_share", "_probability", "_rate", "_rate_per_day", "_efficacy", "_reduction", "_grant", "_propensity", "_solvency", "_base", "_per_day", "_months"];
        string[] unitNames = ["initial_trust", "initial_security", "max_adoption", "protected_share", "digital_divide", "suppression_limit", "linkage_identifiers_together", "linkage_identifiers_apart", "user_solvency", "gross_negligence_security", "light_negligence_security", "security_step", "bias_hazard", "bias_correction_step", "bias_detection_decision", "bias_detection_process", "sensitive_item_probability", "private_mark_per_concern", "explanation_request_per_concern"];
        if (unitNames.Contains(key) || (unitSuffixes.Any(key.EndsWith) && !key.Contains("yuan", StringComparison.Ordinal) && key != "prompts_per_user_day" && key != "fakes_per_malicious_user_day" && key != "trust_drop_per_incident_per_10k"))
            return new(0, 1);
        if (key is "breach_share_pareto_alpha") return new(0.01, 100);
        if (key is "model_size_billion" or "harm_delay_mean_days" or "evidence_half_life_days" or "concern_beta_a" or "concern_beta_b" or "literacy_beta_a" or "literacy_beta_b" or "fraud_median_yuan" or "mental_median_yuan" or "intrusion_median_yuan" or "discrimination_median_yuan")
            return new(1e-6, 1e12);
        return new(0, 1e12);
    }

    private static Range LeverRange(string key) => key switch
    {
        "notice_clarity" or "output_filter" or "deletion_share_served" or "fine_max_turnover_share" => new(0, 1),
        "k_anonymity" => new(1, 1000),
        "deletion_delay_days" => new(0, 3650),
        "punitive_multiplier" => new(0, 100),
        _ => new(0, 1e13),
    };

    private bool CheckValue(PropertyInfo property, JsonNode? value, string path, Range range)
    {
        var type = property.PropertyType;
        if (type.IsEnum)
        {
            var allowed = Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToList();
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && allowed.Contains(v.GetValue<string>())) return true;
            var given = value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : value?.ToJsonString() ?? "null";
            Problem(path, $"'{given}' is not allowed; allowed values: {string.Join(", ", allowed)}{Suggest.DidYouMean(given, allowed)}");
            return false;
        }
        if (type == typeof(bool))
        {
            if (value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return true;
            Problem(path, $"must be true or false, not {value?.ToJsonString() ?? "null"}");
            return false;
        }
        var integer = type == typeof(int) || type == typeof(long);
        if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number)
        {
            Problem(path, $"must be a number{(integer ? " (whole)" : "")} from {Show(range.Min)} to {Show(range.Max)}, not {value?.ToJsonString() ?? "null"}");
            return false;
        }
        var d = n.GetValue<double>();
        if (integer && (d != Math.Floor(d) || !n.TryGetValue<long>(out _)))
        {
            Problem(path, $"must be a whole number from {Show(range.Min)} to {Show(range.Max)}, not {n.ToJsonString()}");
            return false;
        }
        if (type == typeof(int) && (d > int.MaxValue || d < int.MinValue))
        {
            Problem(path, $"{n.ToJsonString()} is out of range; allowed: {Show(range.Min)} to {Show(range.Max)}");
            return false;
        }
        if (d < range.Min || d > range.Max || !double.IsFinite(d))
        {
            Problem(path, $"{n.ToJsonString()} is out of range; allowed: {Show(range.Min)} to {Show(range.Max)}");
            return false;
        }
        return true;
    }

    private static string Show(double v) => v >= 1e12 ? "any" : v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private void CheckKeys(JsonObject o, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in o)
        {
            if (!allowed.Contains(key))
                Problem($"{path}.{key}", $"unknown key '{key}'{Suggest.DidYouMean(key, allowed)}; allowed keys here: {string.Join(", ", allowed)}", key: true);
        }
    }

    private string? RequiredString(JsonObject o, string key, string path)
    {
        if (!o.ContainsKey(key))
        {
            Problem(path, "is required (a string)");
            return null;
        }
        return OptionalString(o, key, path);
    }

    private string? OptionalString(JsonObject o, string key, string path)
    {
        if (o[key] is null) return null;
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        Problem(path, $"must be a string, not {o[key]!.ToJsonString()}");
        return null;
    }

    private long RequiredInteger(JsonObject o, string key, string path, long min, long max)
    {
        if (!o.ContainsKey(key))
        {
            Problem(path, $"is required (a whole number from {min} to {max})");
            return min;
        }
        return OptionalInteger(o, key, path, min, max, min);
    }

    private long OptionalInteger(JsonObject o, string key, string path, long min, long max, long fallback)
    {
        if (!o.ContainsKey(key)) return fallback;
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n))
        {
            if (n >= min && n <= max) return n;
            Problem(path, $"{n} is out of range; allowed: {min} to {max}");
            return fallback;
        }
        Problem(path, $"must be a whole number from {min} to {max}, not {o[key]?.ToJsonString() ?? "null"}");
        return fallback;
    }

    private ulong RequiredUnsigned(JsonObject o, string key, string path)
    {
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<ulong>(out var n)) return n;
        Problem(path, o.ContainsKey(key) ? $"must be a whole number from 0 to {ulong.MaxValue}, not {o[key]?.ToJsonString() ?? "null"}" : "is required (a whole number, the master seed)");
        return 0;
    }

    private bool OptionalBool(JsonObject o, string key, string path, bool fallback)
    {
        if (!o.ContainsKey(key)) return fallback;
        if (o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        Problem(path, "must be true or false");
        return fallback;
    }

    private void Problem(string path, string message, bool key = false)
    {
        var (line, column) = _positions?.Of(path, key) ?? (0, 0);
        if (line == 0 && _positions is not null)
        {
            // a missing key: point at the object that should hold it
            var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "$";
            (line, column) = _positions.Of(parent);
        }
        _problems.Add(new ExperimentProblem(_file, path, line, column, message));
    }

    private static void Fail(ExperimentProblem problem) => throw new ExperimentException([problem]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Dictionary<string, PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties()
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(x => x.Name is not null)
            .ToDictionary(x => x.Name!, x => x.Property, StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
