using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// Reads and validates an experiment file. Every problem is collected (file, line and column, JSON path,
/// what is wrong, what is allowed, and a suggestion for misspelt names) before anything runs.
/// </summary>
public sealed partial class ExperimentLoader
{
    private static readonly string[] TopLevelKeys = ["$schema", "name", "description", "ticks", "warmup_ticks", "replicates", "seed", "population", "regimes", "baseline", "parameters", "sweep", "ablation", "sensitivity", "cohort_size", "outputs"];
    private static readonly string[] PopulationKeys = ["subjects", "users", "providers", "deployers", "represents"];
    private static readonly string[] RegimeObjectKeys = ["name", "base", "description", "levers", "file"];

    /// <summary>Model parameters by JSON name.</summary>
    public static readonly IReadOnlyDictionary<string, PropertyInfo> ParameterProperties =
        ParameterRegistry.All.ToDictionary(d => d.Name, d => d.Property, StringComparer.Ordinal);

    /// <summary>Regime levers by JSON name.</summary>
    public static readonly IReadOnlyDictionary<string, PropertyInfo> LeverProperties =
        JsonProperties(typeof(Regime)).Where(p => p.Key is not ("name" or "description")).ToDictionary(p => p.Key, p => p.Value);

    private readonly List<ExperimentProblem> _problems = [];
    private readonly List<ReferencedFile> _referencedFiles = [];
    private string _file = "";
    private JsonPositions? _positions;

    public static Experiment Load(string path) => new ExperimentLoader().LoadFile(path);

    private Experiment LoadFile(string path)
    {
        _file = path;
        // a regular UTF-8 file of limited size, every key once: JsonInput (file-level problems never throw raw exceptions)
        var input = JsonInput.Read(path, path, _problems) ?? throw new ExperimentException(_problems);
        var bytes = input.Raw;
        _positions = input.Positions;
        var root = input.Root;
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
        var warmup = (int)OptionalInteger(obj, "warmup_ticks", "$.warmup_ticks", 0, 36_499, 0);
        if (warmup >= ticks) Problem("$.warmup_ticks", $"{warmup} is not allowed: the warm-up must end before the run does; allowed: 0 to ticks - 1 ({ticks - 1})");
        var replicates = (int)RequiredInteger(obj, "replicates", "$.replicates", 1, 100_000);
        var seed = RequiredUnsigned(obj, "seed", "$.seed");
        var cohortSize = (int)OptionalInteger(obj, "cohort_size", "$.cohort_size", 64, 50_000_000, 8192);
        var population = ReadPopulation(obj);
        var regimes = ReadRegimes(obj, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        var parameterOverrides = ReadParameterObject(obj["parameters"], "$.parameters");
        var sweep = ReadSweep(obj["sweep"], seed);
        if (obj["sweep"] is not null && obj["ablation"] is not null) Problem("$.ablation", "an ablation cannot be combined with a sweep: run the ablation in its own experiment file");
        if (obj["sweep"] is not null && obj["sensitivity"] is not null) Problem("$.sensitivity", "a sensitivity analysis makes its own scenarios and cannot be combined with a sweep");
        if (obj["ablation"] is not null && obj["sensitivity"] is not null) Problem("$.sensitivity", "a sensitivity analysis cannot be combined with an ablation: use two experiment files");
        var ablation = ReadAblation(obj["ablation"], regimes);
        var sensitivity = ReadSensitivity(obj["sensitivity"], seed);
        if (sensitivity is not null)
        {
            sweep = new SweepPlan(sensitivity.Method, [.. sensitivity.Parameters.Select(p => "param_" + p.Name)],
                [.. sensitivity.Points.Select(point => new SweepPoint([.. sensitivity.Parameters.Select((p, i) => KeyValuePair.Create(p.Name, ParameterNode(p.Name, point[i])))], []))]);
        }
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
        for (var k = 0; k < sweep.Points.Count; k++)
        {
            var point = sweep.Points[k];
            scenarios.Add(new Scenario(k, point.Parameters, ApplyParameters(baseParameters, point.Parameters, sensitivity is null ? "$.sweep" : "$.sensitivity")) { LeverOverrides = point.Levers });
        }
        if (_problems.Count > 0) throw new ExperimentException(_problems);

        return new Experiment
        {
            Name = name!,
            Description = description,
            FilePath = Path.GetFullPath(path),
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            ReferencedFiles = _referencedFiles,
            Ticks = ticks,
            WarmupTicks = warmup,
            Replicates = replicates,
            Seed = seed,
            Population = population,
            Regimes = regimes,
            Baseline = baseline,
            Parameters = baseParameters,
            Scenarios = scenarios,
            SweptParameters = sweep.Columns,
            Sweep = new SweepDesign(sweep.Design, sweep.Points.Count),
            Ablation = ablation,
            Sensitivity = sensitivity,
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
        var providers = (int)OptionalInteger(p, "providers", "$.population.providers", 1, Model.Randomness.DrawLayout.MaxProviders, 3);
        var deployers = (int)OptionalInteger(p, "deployers", "$.population.deployers", 0, Model.Randomness.DrawLayout.MaxDeployers, 20);
        if (subjects > Execution.MemoryBudget.MaxSubjectsPerRun)
            Problem("$.population.subjects", Execution.MemoryBudget.TooLargeForOneRun(subjects, users, providers, ReadTicksForEstimate(root)));
        var represents = OptionalInteger(p, "represents", "$.population.represents", 1, MaxRepresents, Math.Max(Population.DefaultRepresents, subjects));
        if (represents < subjects)
            Problem("$.population.represents", $"{represents} people represented but {subjects} subjects simulated: each subject stands for at least one person, so represents must be at least subjects");
        return new Population
        {
            Represents = represents,
            Subjects = (int)Math.Min(subjects, Execution.MemoryBudget.MaxSubjectsPerRun),
            Users = (int)Math.Min(users, Execution.MemoryBudget.MaxSubjectsPerRun),
            Providers = providers,
            Deployers = deployers,
        };
    }

    /// <summary>The largest represented population accepted: ten billion people.</summary>
    private const long MaxRepresents = 10_000_000_000;

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
        if (InputFile.KindOf(full) == InputFileKind.Missing)
        {
            Problem($"{path}.file", $"regime file '{file}' not found (looked for {full})");
            return null;
        }
        if (JsonInput.Read(full, full, _problems) is not { } input) return null;
        if (input.Root is not JsonObject doc)
        {
            Problem($"{path}.file", $"{file}: not valid JSON: the file must hold one JSON object");
            return null;
        }
        _referencedFiles.Add(new ReferencedFile(file, Path.GetFullPath(full), Convert.ToHexStringLower(SHA256.HashData(input.Raw))));
        // a regime file is either complete, or names a base: { "name", "base", "levers" } like an inline regime
        var inner = new ExperimentLoader { _file = full, _positions = input.Positions };
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

    private sealed record SweepPoint(List<KeyValuePair<string, JsonNode>> Parameters, List<KeyValuePair<string, JsonNode>> Levers);

    private sealed record SweepPlan(string Design, List<string> Columns, List<SweepPoint> Points);

    private static readonly string[] SweepKeys = ["design", "points", "parameters", "levers"];
    private static readonly string[] SweepDesigns = ["grid", "lhs"];
    private static readonly string[] AblationKeys = ["base", "target", "levers", "design"];
    private static readonly string[] SensitivityKeys = ["method", "parameters", "samples", "trajectories", "levels", "bootstrap", "metrics"];
    private static readonly string[] SensitivityMethods = ["morris", "sobol"];
    private static readonly string[] MorrisKeys = ["trajectories", "levels"];

    /// <summary>Key metrics: the default metrics of a sensitivity analysis (docs/experiments.md).</summary>
    public static readonly string[] KeyMetrics = ["harm_total_yuan", "social_welfare_yuan", "social_cost_yuan", "service_value_yuan", "compensation_yuan", "punitive_yuan", "uncompensated_harm_yuan", "records_collected", "privacy_intrusions", "subjects_reidentified", "model_quality", "user_trust", "provider_profit_yuan"];

    /// <summary>
    /// A sweep: a full grid (every combination of the listed values, or of min..max in steps) or a Latin hypercube of
    /// "points" points over min..max ranges, over model parameters ("parameters") and regime levers ("levers").
    /// </summary>
    private SweepPlan ReadSweep(JsonNode? node, ulong seed)
    {
        var none = new SweepPlan("none", [], [new SweepPoint([], [])]);
        if (node is null) return none;
        if (node is not JsonObject sweep)
        {
            Problem("$.sweep", "must be an object { \"design\": \"grid\"|\"lhs\", \"parameters\": { ... }, \"levers\": { ... } }");
            return none;
        }
        CheckKeys(sweep, "$.sweep", SweepKeys);
        var design = OptionalString(sweep, "design", "$.sweep.design") ?? "grid";
        if (!SweepDesigns.Contains(design))
        {
            Problem("$.sweep.design", $"'{design}' is not allowed; allowed values: {string.Join(", ", SweepDesigns)}{Suggest.DidYouMean(design, SweepDesigns)}");
            return none;
        }
        var lhs = design == "lhs";
        var pointCount = 0;
        if (lhs) pointCount = (int)RequiredInteger(sweep, "points", "$.sweep.points", 2, 100_000);
        else if (sweep.ContainsKey("points")) Problem("$.sweep.points", "is only used with \"design\": \"lhs\" (a grid has one point per combination)");

        // (column, kind, name, values for a grid | range for lhs)
        var axes = new List<(string Column, bool Lever, string Name, List<JsonNode> Values, Range Range, bool Integer)>();
        foreach (var (group, lever) in new[] { ("parameters", false), ("levers", true) })
        {
            if (sweep[group] is null) continue;
            if (sweep[group] is not JsonObject entries)
            {
                Problem($"$.sweep.{group}", $"must be an object {{ \"<{(lever ? "lever" : "model parameter")}>\": {(lhs ? "{ \"min\": a, \"max\": b }" : "[value, value, ...]")} }}");
                continue;
            }
            foreach (var (key, value) in entries)
            {
                var path = $"$.sweep.{group}.{key}";
                var table = lever ? LeverProperties : ParameterProperties;
                if (!table.TryGetValue(key, out var property))
                {
                    Problem(path, lever
                        ? $"unknown lever '{key}'{Suggest.DidYouMean(key, LeverProperties.Keys)}; levers are listed by 'inforisk regimes'"
                        : $"unknown model parameter '{key}'{Suggest.DidYouMean(key, ParameterProperties.Keys)}; parameters are listed in docs/model.md", key: true);
                    continue;
                }
                var range = lever ? LeverRange(key) : ParameterRange(key);
                var integer = property.PropertyType == typeof(int) || property.PropertyType == typeof(long);
                var numeric = integer || property.PropertyType == typeof(double);
                var column = (lever ? "lever_" : "param_") + key;
                if (lhs)
                {
                    if (!numeric)
                    {
                        Problem(path, $"'{key}' is not numeric, so it cannot be sampled by a Latin hypercube; use \"design\": \"grid\" with a list of values");
                        continue;
                    }
                    if (ReadRange(value, path, property, range) is { } r) axes.Add((column, lever, key, [], r, integer));
                    continue;
                }
                var values = new List<JsonNode>();
                if (value is JsonArray list && list.Count > 0)
                {
                    for (var k = 0; k < list.Count; k++)
                    {
                        if (CheckValue(property, list[k], $"{path}[{k}]", range)) values.Add(list[k]!.DeepClone());
                    }
                }
                else if (value is JsonObject stepped && numeric)
                {
                    CheckKeys(stepped, path, ["min", "max", "steps"]);
                    var r = ReadRange(stepped, path, property, range);
                    var steps = (int)RequiredInteger(stepped, "steps", $"{path}.steps", 2, 10_000);
                    if (r is { } rr)
                    {
                        for (var k = 0; k < steps; k++) values.Add(NumberNode(rr.Min + (rr.Max - rr.Min) * k / (steps - 1), integer));
                    }
                }
                else
                {
                    Problem(path, numeric
                        ? "must be a non-empty list of values, e.g. [0.03, 0.1, 0.27], or a range { \"min\": a, \"max\": b, \"steps\": n }"
                        : "must be a non-empty list of values, e.g. [\"opt_in\", \"opt_out\"]");
                    continue;
                }
                if (values.Count > 0) axes.Add((column, lever, key, values, default, integer));
            }
        }
        if (axes.Count == 0)
        {
            if (_problems.Count == 0) Problem("$.sweep", "sweeps nothing: give \"parameters\" and/or \"levers\" to vary");
            return none;
        }
        foreach (var dup in axes.GroupBy(a => a.Column).Where(g => g.Count() > 1)) Problem("$.sweep", $"'{dup.Key}' is swept twice");

        var points = new List<SweepPoint>();
        if (lhs)
        {
            var uncertain = axes.Select(a => new UncertainParameter(a.Column, a.Range.Min, a.Range.Max)).ToList();
            foreach (var sample in LatinHypercube.Sample(uncertain, pointCount, Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 1)))
            {
                var point = new SweepPoint([], []);
                for (var i = 0; i < axes.Count; i++)
                {
                    var v = NumberNode(sample[i], axes[i].Integer);
                    (axes[i].Lever ? point.Levers : point.Parameters).Add(new(axes[i].Name, v));
                }
                points.Add(point);
            }
        }
        else
        {
            points.Add(new SweepPoint([], []));
            long total = 1;
            foreach (var a in axes) total *= Math.Max(1, a.Values.Count);
            if (total > 100_000)
            {
                Problem("$.sweep", $"{total} scenarios is more than the 100,000 allowed");
                return none;
            }
            foreach (var axis in axes)
            {
                points = [.. points.SelectMany(point => axis.Values.Select(v =>
                {
                    var next = new SweepPoint([.. point.Parameters], [.. point.Levers]);
                    (axis.Lever ? next.Levers : next.Parameters).Add(new(axis.Name, v.DeepClone()));
                    return next;
                }))];
            }
        }
        return new SweepPlan(design, [.. axes.Select(a => a.Column)], points);
    }

    /// <summary>{ "min": a, "max": b } within the allowed range, with a &lt; b.</summary>
    private Range? ReadRange(JsonNode? value, string path, PropertyInfo property, Range allowed)
    {
        if (value is not JsonObject o || !o.ContainsKey("min") || !o.ContainsKey("max"))
        {
            Problem(path, $"must be a range {{ \"min\": a, \"max\": b }} with {Show(allowed.Min)} <= a < b <= {Show(allowed.Max)}");
            return null;
        }
        var okMin = CheckValue(property, o["min"], $"{path}.min", allowed);
        var okMax = CheckValue(property, o["max"], $"{path}.max", allowed);
        if (!okMin || !okMax) return null;
        var min = o["min"]!.GetValue<double>();
        var max = o["max"]!.GetValue<double>();
        if (!(min < max))
        {
            Problem($"{path}.max", $"max ({Show(max)}) must be greater than min ({Show(min)})");
            return null;
        }
        return new Range(min, max);
    }

    private static JsonNode NumberNode(double value, bool integer) =>
        integer ? JsonValue.Create((long)Math.Round(value, MidpointRounding.AwayFromZero)) : JsonValue.Create(value);

    private static JsonNode ParameterNode(string name, double value)
    {
        var type = ParameterProperties[name].PropertyType;
        return NumberNode(value, type == typeof(int) || type == typeof(long));
    }

    /// <summary>
    /// { "base": regime, "target": regime, "levers": [...], "design": "add"|"remove"|"both" }: adds the base regime (and,
    /// when removing, the target) if not listed, then per lever the variant base+lever (add), base+all, and per lever
    /// the variant target-lever (remove), to the regimes that run.
    /// </summary>
    private Ablation? ReadAblation(JsonNode? node, List<Regime> regimes)
    {
        if (node is null) return null;
        if (node is not JsonObject o)
        {
            Problem("$.ablation", "must be an object { \"base\": \"dynamic-balance\", \"target\": \"precautionary\", \"levers\": [ ... ] }");
            return null;
        }
        CheckKeys(o, "$.ablation", AblationKeys);
        var known = regimes.Select(r => r.Name).Concat(RegimeCatalog.BuiltInNames).Distinct().ToList();
        Regime? Find(string key)
        {
            var name = RequiredString(o, key, $"$.ablation.{key}");
            if (name is null) return null;
            var regime = regimes.FirstOrDefault(r => r.Name == name) ?? (RegimeCatalog.IsBuiltIn(name) ? RegimeCatalog.Get(name) : null);
            if (regime is null) Problem($"$.ablation.{key}", $"unknown regime '{name}'; allowed: the experiment's regimes or a built-in one ({string.Join(", ", known)}){Suggest.DidYouMean(name, known)}");
            return regime;
        }
        var baseRegime = Find("base");
        var target = Find("target");
        var design = Ablation.Both;
        if (o["design"] is { } designNode)
        {
            if (designNode is not JsonValue dv || dv.GetValueKind() != JsonValueKind.String)
                Problem("$.ablation.design", $"must be a string, one of {string.Join(", ", Ablation.Designs)}");
            else if (!Ablation.Designs.Contains(dv.GetValue<string>()))
                Problem("$.ablation.design", $"unknown design '{dv.GetValue<string>()}'; allowed: {string.Join(", ", Ablation.Designs)} (add: each lever onto the base; remove: each lever out of the target; both: the two){Suggest.DidYouMean(dv.GetValue<string>(), Ablation.Designs)}");
            else design = dv.GetValue<string>();
        }
        if (baseRegime is null || target is null) return null;
        var differing = RegimeCatalog.LeverNames.Where(l => RegimeCatalog.LeverValue(baseRegime, l) != RegimeCatalog.LeverValue(target, l)).ToList();
        if (differing.Count == 0)
        {
            Problem("$.ablation", $"'{baseRegime.Name}' and '{target.Name}' have the same value of every lever: there is nothing to ablate");
            return null;
        }
        var levers = new List<string>();
        if (o["levers"] is null) levers.AddRange(differing);
        else if (o["levers"] is not JsonArray list || list.Count == 0)
        {
            Problem("$.ablation.levers", $"must be a non-empty list of lever names; omit it to switch every lever that differs ({string.Join(", ", differing)})");
            return null;
        }
        else
        {
            for (var k = 0; k < list.Count; k++)
            {
                var path = $"$.ablation.levers[{k}]";
                if (list[k] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
                {
                    Problem(path, "must be a lever name (a string)");
                    continue;
                }
                var lever = v.GetValue<string>();
                if (!LeverProperties.ContainsKey(lever))
                    Problem(path, $"unknown lever '{lever}'{Suggest.DidYouMean(lever, LeverProperties.Keys)}; levers are listed by 'inforisk regimes'");
                else if (!differing.Contains(lever))
                    Problem(path, $"'{lever}' is {RegimeCatalog.LeverValue(baseRegime, lever)} in both '{baseRegime.Name}' and '{target.Name}', so switching it changes nothing; levers that differ: {string.Join(", ", differing)}");
                else if (levers.Contains(lever)) Problem(path, $"'{lever}' is listed twice");
                else levers.Add(lever);
            }
        }
        if (levers.Count == 0) return null;

        var ablation = new Ablation(baseRegime, target, levers, design);
        if (!regimes.Any(r => r.Name == baseRegime.Name)) regimes.Add(baseRegime);
        if (ablation.Removes && !regimes.Any(r => r.Name == target.Name)) regimes.Add(target);
        var baseDoc = JsonSerializer.SerializeToNode(baseRegime, ModelJson.Options)!.AsObject();
        var targetDoc = JsonSerializer.SerializeToNode(target, ModelJson.Options)!.AsObject();
        Regime Variant(string suffix, IEnumerable<string> switched)
        {
            var doc = baseDoc.DeepClone().AsObject();
            foreach (var l in switched) doc[l] = targetDoc[l]?.DeepClone();
            doc["name"] = Ablation.VariantName(baseRegime.Name, suffix);
            doc["description"] = $"{baseRegime.Name} with {(suffix == Ablation.AllLevers ? "every ablated lever" : suffix)} as in {target.Name}";
            return doc.Deserialize<Regime>(ModelJson.Strict)!;
        }
        Regime LeftOut(string lever)
        {
            var doc = targetDoc.DeepClone().AsObject();
            doc[lever] = baseDoc[lever]?.DeepClone();
            doc["name"] = Ablation.RemovedName(target.Name, lever);
            doc["description"] = $"{target.Name} with {lever} as in {baseRegime.Name}";
            return doc.Deserialize<Regime>(ModelJson.Strict)!;
        }
        if (ablation.Adds)
        {
            foreach (var lever in levers) regimes.Add(Variant(lever, [lever]));
        }
        regimes.Add(Variant(Ablation.AllLevers, levers));
        if (ablation.Removes)
        {
            foreach (var lever in levers) regimes.Add(LeftOut(lever));
        }
        foreach (var clash in regimes.GroupBy(r => r.Name).Where(g => g.Count() > 1))
            Problem("$.ablation", $"regime name '{clash.Key}' is taken twice (a listed regime clashes with an ablation variant); rename the listed regime");
        return ablation;
    }

    /// <summary>
    /// { "method": "morris"|"sobol", "parameters": { name: { "min", "max" } }, "samples" | "trajectories"+"levels",
    /// "bootstrap", "metrics" }: the design's points become the scenarios.
    /// </summary>
    private Sensitivity? ReadSensitivity(JsonNode? node, ulong seed)
    {
        if (node is null) return null;
        if (node is not JsonObject o)
        {
            Problem("$.sensitivity", "must be an object { \"method\": \"sobol\", \"parameters\": { \"hallucination_rate\": { \"min\": 0.01, \"max\": 0.1 }, ... }, \"samples\": 32 }");
            return null;
        }
        CheckKeys(o, "$.sensitivity", SensitivityKeys);
        var method = RequiredString(o, "method", "$.sensitivity.method");
        if (method is not null && !SensitivityMethods.Contains(method))
        {
            Problem("$.sensitivity.method", $"'{method}' is not allowed; allowed values: {string.Join(", ", SensitivityMethods)}{Suggest.DidYouMean(method, SensitivityMethods)}");
            method = null;
        }
        var parameters = new List<UncertainParameter>();
        if (o["parameters"] is not JsonObject entries || entries.Count < 2)
            Problem("$.sensitivity.parameters", "is required: an object of at least two model parameters with ranges, e.g. { \"hallucination_rate\": { \"min\": 0.01, \"max\": 0.1 }, ... }");
        else
        {
            foreach (var (key, value) in entries)
            {
                var path = $"$.sensitivity.parameters.{key}";
                if (!ParameterProperties.TryGetValue(key, out var property))
                {
                    Problem(path, $"unknown model parameter '{key}'{Suggest.DidYouMean(key, ParameterProperties.Keys)}; parameters are listed in docs/model.md", key: true);
                    continue;
                }
                if (property.PropertyType != typeof(double) && property.PropertyType != typeof(int) && property.PropertyType != typeof(long))
                {
                    Problem(path, $"'{key}' is not numeric and cannot be an uncertain parameter");
                    continue;
                }
                if (value is JsonObject r) CheckKeys(r, path, ["min", "max"]);
                if (ReadRange(value, path, property, ParameterRange(key)) is { } range) parameters.Add(new UncertainParameter(key, range.Min, range.Max));
            }
        }
        int samples = 0, levels = 0;
        if (method == "sobol")
        {
            samples = (int)RequiredInteger(o, "samples", "$.sensitivity.samples", 2, 100_000);
            foreach (var k in MorrisKeys.Where(o.ContainsKey)) Problem($"$.sensitivity.{k}", "is a Morris setting; with \"method\": \"sobol\" give \"samples\" (base samples N; N x (k + 2) points)");
        }
        else if (method == "morris")
        {
            samples = (int)RequiredInteger(o, "trajectories", "$.sensitivity.trajectories", 2, 100_000);
            levels = (int)OptionalInteger(o, "levels", "$.sensitivity.levels", 2, 100, 4);
            if (levels % 2 != 0) Problem("$.sensitivity.levels", $"{levels} is odd; Morris designs need an even number of levels (4 is usual)");
            if (o.ContainsKey("samples")) Problem("$.sensitivity.samples", "is a Sobol setting; with \"method\": \"morris\" give \"trajectories\" (and optionally \"levels\")");
        }
        var bootstrap = (int)OptionalInteger(o, "bootstrap", "$.sensitivity.bootstrap", 0, 100_000, 200);
        var metrics = new List<string>();
        var allMetrics = Model.Metrics.Metric.All.Select(m => m.Name).ToList();
        if (o["metrics"] is null) metrics.AddRange(KeyMetrics);
        else if (o["metrics"] is not JsonArray list || list.Count == 0) Problem("$.sensitivity.metrics", "must be a non-empty list of metric names (columns of timeseries.csv), e.g. [\"harm_total_yuan\", \"social_welfare_yuan\"]");
        else
        {
            for (var k = 0; k < list.Count; k++)
            {
                var m = list[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
                if (m is null || !allMetrics.Contains(m))
                    Problem($"$.sensitivity.metrics[{k}]", $"unknown metric {list[k]?.ToJsonString() ?? "null"}{(m is null ? "" : Suggest.DidYouMean(m, allMetrics))}; metrics are the columns of timeseries.csv (docs/outputs.md)");
                else if (!metrics.Contains(m)) metrics.Add(m);
            }
        }
        if (method is null || parameters.Count < 2 || samples == 0 || _problems.Count > 0) return null;
        var designSeed = Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 2);
        var bootstrapSeed = Model.Randomness.CounterRandom.Derive(seed, Model.Randomness.RandomStream.Sweep, 3);
        long pointCount = method == "sobol" ? (long)samples * (parameters.Count + 2) : (long)samples * (parameters.Count + 1);
        if (pointCount > 100_000)
        {
            Problem("$.sensitivity", $"{pointCount} design points is more than the 100,000 allowed");
            return null;
        }
        if (method == "sobol")
        {
            var design = SobolDesign.Create(parameters, samples, designSeed);
            return new Sensitivity { Method = method, Parameters = parameters, Points = design.Points, Metrics = metrics, Bootstrap = bootstrap, BootstrapSeed = bootstrapSeed, Samples = samples, Estimator = design.Estimate };
        }
        var morris = MorrisDesign.Create(parameters, samples, levels, designSeed);
        return new Sensitivity { Method = method, Parameters = parameters, Points = morris.Points, Metrics = metrics, Bootstrap = bootstrap, BootstrapSeed = bootstrapSeed, Samples = samples, Levels = levels, Estimator = morris.Estimate };
    }

    private ModelParameters ApplyParameters(ModelParameters baseline, IEnumerable<KeyValuePair<string, JsonNode>> overrides, string path)
    {
        var doc = JsonSerializer.SerializeToNode(baseline, ModelJson.Options)!.AsObject();
        foreach (var (key, value) in overrides) doc[key] = value.DeepClone();
        var result = doc.Deserialize<ModelParameters>(ModelJson.Strict)!;
        if (result.Districts > result.Areas) Problem($"{path}.districts", $"districts ({result.Districts}) must not exceed areas ({result.Areas})");
        if ((long)result.Areas * result.BirthYears * Model.Population.QuasiIdentifiers.DaysPerYear * Model.Population.QuasiIdentifiers.Sexes > int.MaxValue)
            Problem($"{path}.areas", $"areas ({result.Areas}) x birth_years ({result.BirthYears}) x 365 days x 2 sexes must be at most {int.MaxValue} quasi-identifier keys");
        return result;
    }

    // ---------------------------------------------------------------- value checks

    private readonly record struct Range(double Min, double Max);

    /// <summary>A parameter's allowed range, as declared next to it (<see cref="ParameterAttribute"/>).</summary>
    private static Range ParameterRange(string key) => ParameterRegistry.Find(key) is { } d ? new(d.Min, d.Max) : new(0, 1e12);

    /// <summary>A lever's allowed range, as declared on the regime (<see cref="LeverAttribute"/>).</summary>
    private static Range LeverRange(string key) => LeverRegistry.Find(key) is { } d ? new(d.Min, d.Max) : new(0, 1e13);

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

    private static Dictionary<string, PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties()
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(x => x.Name is not null)
            .ToDictionary(x => x.Name!, x => x.Property, StringComparer.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
