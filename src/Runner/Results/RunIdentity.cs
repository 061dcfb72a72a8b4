using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Results;

/// <summary>
/// Everything the results of an experiment depend on, recorded in the journal of its partial folder so that --resume
/// continues only the very same experiment: the program (version, git commit, <see cref="ModelVersion"/>), the
/// experiment file and every regime file it loads (SHA-256), and what they resolve to (every lever of every regime
/// that runs, the model parameters, the scenarios, population, ticks, replicates, seed), plus the cohort size and the
/// run count. Two identities that differ in any field are refused with a list of what changed.
/// </summary>
public static class RunIdentity
{
    public static JsonObject Of(Experiment experiment, int cohortSize) => new()
    {
        ["program_version"] = ProgramVersion.Version,
        ["git_commit"] = ProgramVersion.Commit,
        ["model_version"] = ModelVersion.Results,
        ["draw_layout"] = ModelVersion.DrawLayout,
        ["experiment_sha256"] = experiment.FileSha256,
        ["regime_files"] = new JsonObject(experiment.ReferencedFiles
            .GroupBy(f => f.AsWritten, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.First().Sha256))),
        ["seed"] = experiment.Seed,
        ["cohort_size"] = cohortSize,
        ["runs"] = experiment.RunCount,
        ["ticks"] = experiment.Ticks,
        ["replicates"] = experiment.Replicates,
        ["population"] = JsonSerializer.SerializeToNode(experiment.Population, ModelJson.Options),
        ["regimes"] = new JsonObject(experiment.Regimes.Select(r => KeyValuePair.Create(r.Name, (JsonNode?)Levers(r)))),
        ["parameters"] = JsonSerializer.SerializeToNode(experiment.Parameters, ModelJson.Options),
        ["scenarios_sha256"] = ScenariosHash(experiment),
    };

    /// <summary>What differs from <paramref name="recorded"/> (the interrupted run) to <paramref name="current"/> (this one), one phrase each; empty when nothing does.</summary>
    public static IReadOnlyList<string> Differences(JsonObject recorded, JsonObject current)
    {
        var found = new List<string>();
        foreach (var (key, now) in current)
        {
            var then = recorded[key];
            if (JsonNode.DeepEquals(then, now)) continue;
            switch (key)
            {
                case "regime_files" when then is JsonObject a && now is JsonObject b:
                    foreach (var file in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                    {
                        if (!a.ContainsKey(file)) found.Add($"regime file {file} is new");
                        else if (!b.ContainsKey(file)) found.Add($"regime file {file} is no longer used");
                        else if (!JsonNode.DeepEquals(a[file], b[file])) found.Add($"regime file {file} has changed (SHA-256 differs)");
                    }
                    break;
                case "regimes" when then is JsonObject a && now is JsonObject b:
                    foreach (var name in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                    {
                        if (a[name] is not JsonObject was) found.Add($"regime '{name}' is new");
                        else if (b[name] is not JsonObject nowLevers) found.Add($"regime '{name}' is no longer run");
                        else found.AddRange(Changed(was, nowLevers).Select(c => $"regime '{name}': lever {c}"));
                    }
                    break;
                case "parameters" or "population" when then is JsonObject a && now is JsonObject b:
                    found.AddRange(Changed(a, b).Select(c => $"{(key == "parameters" ? "model parameter" : "population")} {c}"));
                    break;
                case "experiment_sha256":
                    found.Add("the experiment file has changed since the interrupted run (SHA-256 differs)");
                    break;
                case "cohort_size":
                    found.Add($"the interrupted run used cohort size {then?.ToJsonString() ?? "?"}, this one {now?.ToJsonString()} (give the same --cohort-size)");
                    break;
                case "program_version" or "git_commit" or "model_version" or "draw_layout":
                    found.Add($"{key.Replace('_', ' ')} {then?.ToJsonString() ?? "(none)"} -> {now?.ToJsonString()}: results of another program build cannot be mixed");
                    break;
                default:
                    found.Add($"{key.Replace('_', ' ')} {then?.ToJsonString() ?? "(none)"} -> {now?.ToJsonString()}");
                    break;
            }
        }
        return found;
    }

    private static IEnumerable<string> Changed(JsonObject was, JsonObject now)
    {
        foreach (var name in now.Select(p => p.Key).Union(was.Select(p => p.Key)))
        {
            if (!JsonNode.DeepEquals(was[name], now[name]))
                yield return $"{name} {was[name]?.ToJsonString() ?? "(none)"} -> {now[name]?.ToJsonString() ?? "(none)"}";
        }
    }

    private static JsonObject Levers(Regime regime)
    {
        var levers = JsonSerializer.SerializeToNode(regime, ModelJson.Options)!.AsObject();
        levers.Remove("name");
        levers.Remove("description");
        return levers;
    }

    /// <summary>SHA-256 of every scenario's model parameters and lever overrides (the scenarios can be many: only their hash is kept).</summary>
    private static string ScenariosHash(Experiment experiment)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var scenario in experiment.Scenarios)
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(scenario.Parameters, ModelJson.Options));
            foreach (var (lever, value) in scenario.LeverOverrides) hash.AppendData(Encoding.UTF8.GetBytes($"\n{lever}={value.ToJsonString()}"));
            hash.AppendData("\n;\n"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
