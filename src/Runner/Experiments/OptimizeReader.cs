using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The <c>optimize</c> block: an NSGA-II search over levers (issue 14). Levers not searched keep the base regime's
/// values; each searched lever's range is its declaration in the lever registry (<see cref="Settable"/>), or a
/// narrower { "min", "max" } (required for levers without an upper bound), or a subset { "values": [...] } of an
/// enum's or a boolean's values. Objectives default to total harm (lower) against service value (higher).
/// </summary>
public sealed record Optimization(
    Regime Base,
    IReadOnlyList<SearchVariable> Variables,
    IReadOnlyList<SearchObjective> Objectives,
    int PopulationSize,
    int Budget,
    ulong Seed)
{
    /// <summary>The regime a candidate's genes describe: the base with the searched levers set, under <paramref name="name"/>.</summary>
    public Regime RegimeOf(IReadOnlyList<double> genes, string name, string description)
    {
        var doc = JsonSerializer.SerializeToNode(Base, ModelJson.Options)!.AsObject();
        for (var i = 0; i < Variables.Count; i++) doc[Variables[i].Name] = Node(Variables[i], genes[i]);
        doc["name"] = name;
        doc["description"] = description;
        return doc.Deserialize<Regime>(ModelJson.Strict)!;
    }

    /// <summary>A gene as the lever's JSON value: a category's name, true/false, a whole number or a number.</summary>
    public static JsonNode Node(SearchVariable variable, double gene)
    {
        var declared = Settable.Lever(variable.Name)!;
        return variable.Kind switch
        {
            SearchVariableKind.Categorical when declared.IsBoolean => JsonValue.Create(variable.Values![(int)gene] == "true"),
            SearchVariableKind.Categorical => JsonValue.Create(variable.Values![(int)gene]),
            _ => declared.Node(gene),
        };
    }
}

internal static class OptimizeReader
{
    private static readonly string[] Keys = ["base", "levers", "objectives", "population_size", "budget", "seed"];

    public static Optimization? Read(JsonChecks checks, JsonNode? node, IReadOnlyList<Regime> regimes, ulong seed)
    {
        if (node is null) return null;
        const string path = "$.optimize";
        if (node is not JsonObject o)
        {
            checks.Problem(path, "must be an object like { \"levers\": { \"output_filter\": {}, \"punitive_multiplier\": { \"min\": 0, \"max\": 5 } }, \"budget\": 60 }");
            return null;
        }
        checks.CheckKeys(o, path, Keys);
        var baseName = checks.OptionalString(o, "base", $"{path}.base");
        Regime? baseRegime = null;
        if (baseName is null) baseRegime = regimes.Count > 0 ? regimes[0] : null;
        else if (regimes.FirstOrDefault(r => r.Name == baseName) is { } listed) baseRegime = listed;
        else if (RegimeCatalog.IsBuiltIn(baseName)) baseRegime = RegimeCatalog.Get(baseName);
        else checks.Problem($"{path}.base", $"unknown regime '{baseName}'; allowed: the experiment's regimes or a built-in one ({string.Join(", ", RegimeCatalog.BuiltInNames)}){Suggest.DidYouMean(baseName, [.. regimes.Select(r => r.Name), .. RegimeCatalog.BuiltInNames])}");

        var variables = new List<SearchVariable>();
        if (o["levers"] is not JsonObject levers || levers.Count == 0)
        {
            checks.Problem($"{path}.levers", "is required: an object of the levers to search, each {} (its declared range or values), { \"min\": a, \"max\": b } or { \"values\": [...] }");
        }
        else
        {
            foreach (var (name, value) in levers)
            {
                var at = $"{path}.levers.{name}";
                if (Settable.Lever(name) is not { } lever)
                {
                    checks.Problem(at, $"unknown lever '{name}'{Suggest.DidYouMean(name, Settable.LeverNames)}; levers are listed by 'inforisk regimes'", key: true);
                    continue;
                }
                if (Variable(checks, lever, value, at) is { } v) variables.Add(v);
            }
        }

        var objectives = new List<SearchObjective>();
        if (o["objectives"] is null)
        {
            objectives.Add(new SearchObjective(Metric.HarmTotalYuan.Name, Maximize: false));
            objectives.Add(new SearchObjective(Metric.ServiceValueYuan.Name, Maximize: true));
        }
        else if (o["objectives"] is not JsonArray list || list.Count < 2)
        {
            checks.Problem($"{path}.objectives", $"must be a list of at least two objectives {{ \"metric\": name, \"direction\": \"minimize\" or \"maximize\" }}, e.g. [{{ \"metric\": \"{Metric.HarmTotalYuan.Name}\", \"direction\": \"minimize\" }}, {{ \"metric\": \"{Metric.ServiceValueYuan.Name}\", \"direction\": \"maximize\" }}]");
        }
        else
        {
            for (var k = 0; k < list.Count; k++)
            {
                var at = $"{path}.objectives[{k}]";
                if (list[k] is not JsonObject item)
                {
                    checks.Problem(at, "must be an object { \"metric\": name, \"direction\": \"minimize\" or \"maximize\" }");
                    continue;
                }
                checks.CheckKeys(item, at, ["metric", "direction"]);
                var metric = checks.RequiredString(item, "metric", $"{at}.metric");
                var direction = checks.OptionalChoice(item, "direction", $"{at}.direction", ["minimize", "maximize"]);
                if (metric is not null && Metric.Find(metric) is null)
                    checks.Problem($"{at}.metric", $"unknown metric '{metric}'{Suggest.DidYouMean(metric, [.. Metric.All.Select(m => m.Name)])}; metrics are the columns of runs.csv (docs/outputs.md)");
                else if (metric is not null && direction is null) checks.Problem($"{at}.direction", "is required: minimize or maximize");
                else if (metric is not null && objectives.Any(x => x.Name == metric)) checks.Problem($"{at}.metric", $"'{metric}' is listed twice");
                else if (metric is not null) objectives.Add(new SearchObjective(metric, direction == "maximize"));
            }
        }
        var populationSize = (int)checks.OptionalInteger(o, "population_size", $"{path}.population_size", 4, 1000, 12);
        if (populationSize % 2 != 0) checks.Problem($"{path}.population_size", $"{populationSize} is odd; allowed: an even number from 4 to 1000 (parents are paired)");
        var budget = (int)checks.OptionalInteger(o, "budget", $"{path}.budget", 4, 100_000, 5 * populationSize);
        if (budget < populationSize) checks.Problem($"{path}.budget", $"{budget} evaluations is less than one population ({populationSize}); allowed: at least population_size");
        var searchSeed = o.ContainsKey("seed") ? checks.RequiredUnsigned(o, "seed", $"{path}.seed") : seed;
        if (baseRegime is null || variables.Count == 0 || objectives.Count < 2 || checks.HasProblems) return null;
        return new Optimization(baseRegime, variables, objectives, populationSize, budget, searchSeed);
    }

    private static SearchVariable? Variable(JsonChecks checks, Settable lever, JsonNode? value, string path)
    {
        if (value is not JsonObject spec)
        {
            checks.Problem(path, "must be {} (the declared range or values), { \"min\": a, \"max\": b } or { \"values\": [...] }");
            return null;
        }
        if (!lever.IsNumeric)
        {
            checks.CheckKeys(spec, path, ["values"]);
            var values = lever.AllowedValues;
            if (spec["values"] is JsonNode given)
            {
                if (given is not JsonArray array || array.Count < 2)
                {
                    checks.Problem($"{path}.values", $"must list at least two of: {string.Join(", ", lever.AllowedValues)}");
                    return null;
                }
                var chosen = new List<string>();
                for (var k = 0; k < array.Count; k++)
                {
                    if (!checks.CheckValue(lever, array[k], $"{path}.values[{k}]")) continue;
                    var text = lever.IsBoolean ? array[k]!.GetValue<bool>() ? "true" : "false" : array[k]!.GetValue<string>();
                    if (!chosen.Contains(text)) chosen.Add(text);
                }
                values = chosen;
            }
            return values.Count >= 2 ? SearchVariable.Categorical(lever.Name, values) : null;
        }
        checks.CheckKeys(spec, path, ["min", "max"]);
        ValueRange range;
        if (spec.Count == 0)
        {
            if (lever.Max >= 1e12)
            {
                checks.Problem(path, $"lever '{lever.Name}' has no declared upper bound; give a range {{ \"min\": a, \"max\": b }} with {JsonChecks.Show(lever.Min)} <= a < b");
                return null;
            }
            range = new ValueRange(lever.Min, lever.Max);
        }
        else if (checks.Range(spec, path, lever) is { } r) range = r;
        else return null;
        return lever.IsInteger ? SearchVariable.WholeNumber(lever.Name, (int)range.Min, (int)range.Max) : SearchVariable.Continuous(lever.Name, range.Min, range.Max);
    }
}
