using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The <c>ablation</c> block, { "base": regime, "target": regime, "levers": [...], "design": "add"|"remove"|"both" }:
/// adds the base regime (and, when removing, the target) if not listed, then per lever the variant base+lever (add),
/// base+all, and per lever the variant target-lever (remove), to the regimes that run.
/// </summary>
internal static class AblationReader
{
    private static readonly string[] AblationKeys = ["base", "target", "levers", "design"];

    public static Ablation? Read(JsonChecks checks, JsonNode? node, List<Regime> regimes)
    {
        if (node is null) return null;
        if (node is not JsonObject o)
        {
            checks.Problem("$.ablation", "must be an object { \"base\": \"dynamic-balance\", \"target\": \"precautionary\", \"levers\": [ ... ] }");
            return null;
        }
        checks.CheckKeys(o, "$.ablation", AblationKeys);
        var baseRegime = FindRegime(checks, o, "base", regimes);
        var target = FindRegime(checks, o, "target", regimes);
        var design = Ablation.Both;
        if (o["design"] is { } designNode)
        {
            if (designNode is not JsonValue dv || dv.GetValueKind() != JsonValueKind.String)
                checks.Problem("$.ablation.design", $"must be a string, one of {string.Join(", ", Ablation.Designs)}");
            else if (!Ablation.Designs.Contains(dv.GetValue<string>()))
                checks.Problem("$.ablation.design", $"unknown design '{dv.GetValue<string>()}'; allowed: {string.Join(", ", Ablation.Designs)} (add: each lever onto the base; remove: each lever out of the target; both: the two){Suggest.DidYouMean(dv.GetValue<string>(), Ablation.Designs)}");
            else design = dv.GetValue<string>();
        }
        if (baseRegime is null || target is null) return null;
        var differing = DifferingLevers(baseRegime, target);
        if (differing.Count == 0)
        {
            checks.Problem("$.ablation", $"'{baseRegime.Name}' and '{target.Name}' have the same value of every lever: there is nothing to ablate");
            return null;
        }
        var levers = ReadLevers(checks, o["levers"], "$.ablation.levers", baseRegime, target, differing);
        if (levers is null || levers.Count == 0) return null;

        var ablation = new Ablation(baseRegime, target, levers, design);
        if (!regimes.Any(r => r.Name == baseRegime.Name)) regimes.Add(baseRegime);
        if (ablation.Removes && !regimes.Any(r => r.Name == target.Name)) regimes.Add(target);
        if (ablation.Adds)
        {
            foreach (var lever in levers) regimes.Add(Switched(baseRegime, target, [lever], Ablation.VariantName(baseRegime.Name, lever), $"{baseRegime.Name} with {lever} as in {target.Name}"));
        }
        regimes.Add(Switched(baseRegime, target, levers, Ablation.VariantName(baseRegime.Name, Ablation.AllLevers), $"{baseRegime.Name} with every ablated lever as in {target.Name}"));
        if (ablation.Removes)
        {
            foreach (var lever in levers) regimes.Add(Switched(target, baseRegime, [lever], Ablation.RemovedName(target.Name, lever), $"{target.Name} with {lever} as in {baseRegime.Name}"));
        }
        foreach (var clash in regimes.GroupBy(r => r.Name).Where(g => g.Count() > 1))
            checks.Problem("$.ablation", $"regime name '{clash.Key}' is taken twice (a listed regime clashes with an ablation variant); rename the listed regime");
        return ablation;
    }

    /// <summary>A regime named in a block: one of the experiment's regimes or a built-in one (null with a problem).</summary>
    public static Regime? FindRegime(JsonChecks checks, JsonObject o, string key, IReadOnlyList<Regime> regimes, string block = "ablation")
    {
        var path = $"$.{block}.{key}";
        var name = checks.RequiredString(o, key, path);
        if (name is null) return null;
        var regime = regimes.FirstOrDefault(r => r.Name == name) ?? (RegimeCatalog.IsBuiltIn(name) ? RegimeCatalog.Get(name) : null);
        if (regime is null)
        {
            var known = regimes.Select(r => r.Name).Concat(RegimeCatalog.BuiltInNames).Distinct().ToList();
            checks.Problem(path, $"unknown regime '{name}'; allowed: the experiment's regimes or a built-in one ({string.Join(", ", known)}){Suggest.DidYouMean(name, known)}");
        }
        return regime;
    }

    /// <summary>The levers whose values differ between two regimes, in declaration order.</summary>
    public static List<string> DifferingLevers(Regime a, Regime b) =>
        [.. RegimeCatalog.LeverNames.Where(l => RegimeCatalog.LeverValue(a, l) != RegimeCatalog.LeverValue(b, l))];

    /// <summary>
    /// The "levers" list of an ablation or attribution: every lever that differs when absent; otherwise known levers
    /// that differ, each once (null when the list itself is refused).
    /// </summary>
    public static List<string>? ReadLevers(JsonChecks checks, JsonNode? node, string path, Regime baseRegime, Regime target, List<string> differing)
    {
        var levers = new List<string>();
        if (node is null) return [.. differing];
        if (node is not JsonArray list || list.Count == 0)
        {
            checks.Problem(path, $"must be a non-empty list of lever names; omit it to switch every lever that differs ({string.Join(", ", differing)})");
            return null;
        }
        for (var k = 0; k < list.Count; k++)
        {
            var itemPath = $"{path}[{k}]";
            if (list[k] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                checks.Problem(itemPath, "must be a lever name (a string)");
                continue;
            }
            var lever = v.GetValue<string>();
            if (Settable.Lever(lever) is null)
                checks.Problem(itemPath, $"unknown lever '{lever}'{Suggest.DidYouMean(lever, Settable.LeverNames)}; levers are listed by 'inforisk regimes'");
            else if (!differing.Contains(lever))
                checks.Problem(itemPath, $"'{lever}' is {RegimeCatalog.LeverValue(baseRegime, lever)} in both '{baseRegime.Name}' and '{target.Name}', so switching it changes nothing; levers that differ: {string.Join(", ", differing)}");
            else if (levers.Contains(lever)) checks.Problem(itemPath, $"'{lever}' is listed twice");
            else levers.Add(lever);
        }
        return levers;
    }

    /// <summary><paramref name="from"/> with <paramref name="levers"/> set to <paramref name="to"/>'s values, under a new name.</summary>
    public static Regime Switched(Regime from, Regime to, IEnumerable<string> levers, string name, string description)
    {
        var doc = JsonSerializer.SerializeToNode(from, ModelJson.Options)!.AsObject();
        var target = JsonSerializer.SerializeToNode(to, ModelJson.Options)!.AsObject();
        foreach (var l in levers) doc[l] = target[l]?.DeepClone();
        doc["name"] = name;
        doc["description"] = description;
        return doc.Deserialize<Regime>(ModelJson.Strict)!;
    }
}
