using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// Reads and validates an experiment file. Every problem is collected (file, line and column, JSON path, what is
/// wrong, what is allowed, and a suggestion for misspelt names) before anything runs. The blocks are read by their own
/// readers: <see cref="RegimeReader"/>, <see cref="SweepReader"/>, <see cref="AblationReader"/> and
/// <see cref="SensitivityReader"/>, all checking values through <see cref="JsonChecks"/> against the declarations
/// (<see cref="Settable"/>).
/// </summary>
public static partial class ExperimentLoader
{
    private static readonly string[] TopLevelKeys = ["$schema", "name", "description", "ticks", "warmup_ticks", "replicates", "seed", "population", "regimes", "baseline", "parameters", "sweep", "ablation", "sensitivity", "cohort_size", "outputs", "optimize"];
    private static readonly string[] PopulationKeys = ["subjects", "users", "providers", "deployers", "represents"];

    /// <summary>Names of experiments and regimes: letters, digits, '.', '_' and '-' (1-64 characters).</summary>
    public static bool IsAllowedName(string name) => NamePattern().IsMatch(name);

    public static Experiment Load(string path)
    {
        var problems = new List<ExperimentProblem>();
        // a regular UTF-8 file of limited size, every key once: JsonInput (file-level problems never throw raw exceptions)
        var input = JsonInput.Read(path, path, problems) ?? throw new ExperimentException(problems);
        if (input.Root is not JsonObject obj) throw new ExperimentException([new ExperimentProblem(path, "$", 1, 1, "the file must hold one JSON object ({ ... })")]);
        var checks = new JsonChecks(path, input.Positions, problems);
        var referencedFiles = new List<ReferencedFile>();

        checks.CheckKeys(obj, "$", TopLevelKeys);
        var name = checks.RequiredString(obj, "name", "$.name");
        if (name is not null && !IsAllowedName(name)) checks.Problem("$.name", $"'{name}' is not allowed: use letters, digits, '.', '_' and '-' (1-64 characters)");
        var description = checks.OptionalString(obj, "description", "$.description") ?? "";
        var ticks = (int)checks.RequiredInteger(obj, "ticks", "$.ticks", 1, 36_500);
        var warmup = (int)checks.OptionalInteger(obj, "warmup_ticks", "$.warmup_ticks", 0, 36_499, 0);
        if (warmup >= ticks) checks.Problem("$.warmup_ticks", $"{warmup} is not allowed: the warm-up must end before the run does; allowed: 0 to ticks - 1 ({ticks - 1})");
        var (replicates, sequential) = ReplicatesReader.Read(checks, obj);
        var seed = checks.RequiredUnsigned(obj, "seed", "$.seed");
        var cohortSize = (int)checks.OptionalInteger(obj, "cohort_size", "$.cohort_size", 64, 50_000_000, 8192);
        var population = ReadPopulation(checks, obj);
        var regimes = RegimeReader.Read(checks, obj, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", referencedFiles);
        var parameterOverrides = ReadParameters(checks, obj["parameters"], "$.parameters");
        var sweep = SweepReader.Read(checks, obj["sweep"], seed);
        if (obj["sweep"] is not null && obj["ablation"] is not null) checks.Problem("$.ablation", "an ablation cannot be combined with a sweep: run the ablation in its own experiment file");
        if (obj["sweep"] is not null && obj["sensitivity"] is not null) checks.Problem("$.sensitivity", "a sensitivity analysis makes its own scenarios and cannot be combined with a sweep");
        if (obj["ablation"] is not null && obj["sensitivity"] is not null) checks.Problem("$.sensitivity", "a sensitivity analysis cannot be combined with an ablation: use two experiment files");
        var ablation = AblationReader.Read(checks, obj["ablation"], regimes);
        var sensitivity = SensitivityReader.Read(checks, obj["sensitivity"], seed);
        if (obj["optimize"] is not null && (obj["sweep"] is not null || obj["ablation"] is not null || obj["sensitivity"] is not null))
            checks.Problem("$.optimize", "a regime search cannot be combined with a sweep, an ablation or a sensitivity analysis: run it in its own experiment file");
        var optimize = OptimizeReader.Read(checks, obj["optimize"], regimes, seed);
        if (sensitivity is not null) sweep = SensitivityReader.Plan(sensitivity);
        var plots = true;
        if (obj["outputs"] is JsonNode outputs)
        {
            if (outputs is not JsonObject o) checks.Problem("$.outputs", "must be an object, e.g. { \"plots\": true }");
            else
            {
                checks.CheckKeys(o, "$.outputs", ["plots"]);
                plots = checks.OptionalBool(o, "plots", "$.outputs.plots", true);
            }
        }
        var regimeNames = regimes.Select(r => r.Name).ToList();
        var baseline = checks.OptionalString(obj, "baseline", "$.baseline")
            ?? (regimeNames.Contains("dynamic-balance") ? "dynamic-balance" : regimeNames.FirstOrDefault() ?? "");
        if (regimeNames.Count > 0 && !regimeNames.Contains(baseline))
            checks.Problem("$.baseline", $"'{baseline}' is not one of the experiment's regimes ({string.Join(", ", regimeNames)}){Suggest.DidYouMean(baseline, regimeNames)}");
        if (sequential is not null && regimes.Count < 2)
            checks.Problem("$.replicates", "sequential replicates stop on paired differences from the baseline regime: list at least two regimes");
        if (sequential is not null && optimize is not null)
            checks.Problem("$.replicates", "a regime search takes a fixed number of replicates per candidate: give \"replicates\" as a whole number");

        if (checks.HasProblems) throw new ExperimentException(problems);

        var baseParameters = ApplyParameters(checks, new ModelParameters(), parameterOverrides, "$.parameters");
        var scenarios = new List<Scenario>();
        for (var k = 0; k < sweep.Points.Count; k++)
        {
            var point = sweep.Points[k];
            scenarios.Add(new Scenario(k, point.Parameters, ApplyParameters(checks, baseParameters, point.Parameters, sensitivity is null ? "$.sweep" : "$.sensitivity")) { LeverOverrides = point.Levers });
        }
        if (checks.HasProblems) throw new ExperimentException(problems);

        return new Experiment
        {
            Name = name!,
            Description = description,
            FilePath = Path.GetFullPath(path),
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(input.Raw)),
            ReferencedFiles = referencedFiles,
            Ticks = ticks,
            WarmupTicks = warmup,
            Replicates = replicates,
            Sequential = sequential,
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
            Optimize = optimize,
            CohortSize = cohortSize,
            Plots = plots,
        };
    }

    private static Population ReadPopulation(JsonChecks checks, JsonObject root)
    {
        if (root["population"] is not JsonObject p)
        {
            checks.Problem("$.population", root.ContainsKey("population")
                ? "must be an object like { \"subjects\": 20000, \"users\": 6000, \"providers\": 3, \"deployers\": 20 }"
                : "is required: { \"subjects\": N, \"users\": N, \"providers\": N, \"deployers\": N }");
            return new Population();
        }
        checks.CheckKeys(p, "$.population", PopulationKeys);
        // parsed as 64-bit so that a population too large for one run is refused with its memory estimate, not as "not a number"
        var subjects = checks.RequiredInteger(p, "subjects", "$.population.subjects", 1, Execution.MemoryBudget.MaxPopulation);
        var users = checks.OptionalInteger(p, "users", "$.population.users", 0, Execution.MemoryBudget.MaxPopulation, (long)(subjects * 0.3));
        if (users > subjects && subjects > 0) checks.Problem("$.population.users", $"{users} users but {subjects} subjects: every user is also a data subject, so users must be at most subjects");
        var providers = (int)checks.OptionalInteger(p, "providers", "$.population.providers", 1, Model.Randomness.DrawLayout.MaxProviders, 3);
        var deployers = (int)checks.OptionalInteger(p, "deployers", "$.population.deployers", 0, Model.Randomness.DrawLayout.MaxDeployers, 20);
        if (subjects > Execution.MemoryBudget.MaxSubjectsPerRun)
            checks.Problem("$.population.subjects", Execution.MemoryBudget.TooLargeForOneRun(subjects, users, providers, ReadTicksForEstimate(root)));
        var represents = checks.OptionalInteger(p, "represents", "$.population.represents", 1, MaxRepresents, Math.Max(Population.DefaultRepresents, subjects));
        if (represents < subjects)
            checks.Problem("$.population.represents", $"{represents} people represented but {subjects} subjects simulated: each subject stands for at least one person, so represents must be at least subjects");
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

    /// <summary>The <c>parameters</c> object: known model parameters with values their declarations allow.</summary>
    private static List<KeyValuePair<string, JsonNode>> ReadParameters(JsonChecks checks, JsonNode? node, string path)
    {
        var result = new List<KeyValuePair<string, JsonNode>>();
        if (node is null) return result;
        if (node is not JsonObject o)
        {
            checks.Problem(path, "must be an object of model parameter values, e.g. { \"hallucination_rate\": 0.05 }");
            return result;
        }
        foreach (var (key, value) in o)
        {
            if (SweepReader.Known(checks, key, lever: false, $"{path}.{key}") is not { } declared) continue;
            if (checks.CheckValue(declared, value, $"{path}.{key}")) result.Add(new(key, value!.DeepClone()));
        }
        return result;
    }

    /// <summary>Model parameters with overrides applied, and the one rule that ties two parameters (provinces within regions).</summary>
    private static ModelParameters ApplyParameters(JsonChecks checks, ModelParameters baseline, IEnumerable<KeyValuePair<string, JsonNode>> overrides, string path)
    {
        var doc = JsonSerializer.SerializeToNode(baseline, ModelJson.Options)!.AsObject();
        foreach (var (key, value) in overrides) doc[key] = value.DeepClone();
        var result = doc.Deserialize<ModelParameters>(ModelJson.Strict)!;
        if (result.Districts > result.Areas) checks.Problem($"{path}.districts", $"districts ({result.Districts}) must not exceed areas ({result.Areas})");
        if ((long)result.Areas * result.BirthYears * Model.Population.QuasiIdentifiers.DaysPerYear * Model.Population.QuasiIdentifiers.Sexes > int.MaxValue)
            checks.Problem($"{path}.areas", $"areas ({result.Areas}) x birth_years ({result.BirthYears}) x 365 days x 2 sexes must be at most {int.MaxValue} quasi-identifier keys");
        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
