using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// Sequential replicates (docs/experiments.md §2): paired replicates are added until the 95% CI half-width of every
/// paired difference from the baseline (each other regime, each scenario, each stated metric) is at most the target.
/// </summary>
public sealed record SequentialReplicatePlan(SequentialRule Rule, IReadOnlyList<MetricDefinition> Metrics);

/// <summary>Reads "replicates": a whole number, or { "min", "max", "batch", "target_half_width", "metrics" }.</summary>
internal static class ReplicatesReader
{
    private static readonly string[] Keys = ["min", "max", "batch", "target_half_width", "metrics"];

    /// <summary>The fixed count (the minimum for a sequential block) and the sequential plan, if any.</summary>
    public static (int Replicates, SequentialReplicatePlan? Sequential) Read(JsonChecks checks, JsonObject root)
    {
        if (root["replicates"] is not JsonObject o) return ((int)checks.RequiredInteger(root, "replicates", "$.replicates", 1, 100_000), null);
        const string path = "$.replicates";
        checks.CheckKeys(o, path, Keys);
        var min = (int)checks.OptionalInteger(o, "min", $"{path}.min", 2, 100_000, 10);
        var max = (int)checks.OptionalInteger(o, "max", $"{path}.max", 2, 100_000, 100);
        if (max < min) checks.Problem($"{path}.max", $"{max} is not allowed: the maximum must be at least the minimum ({min})");
        var batch = (int)checks.OptionalInteger(o, "batch", $"{path}.batch", 1, 100_000, 2);
        var target = checks.RequiredNumber(o, "target_half_width", $"{path}.target_half_width", 0, 1e300, minExclusive: true);
        var metrics = new List<MetricDefinition>();
        if (o["metrics"] is null) metrics.Add(Metric.HarmTotalYuan);
        else if (o["metrics"] is not JsonArray list || list.Count == 0) checks.Problem($"{path}.metrics", "must be a non-empty list of metric names (columns of runs.csv), e.g. [\"harm_total_yuan\"]");
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                var at = $"{path}.metrics[{i}]";
                var name = list[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
                if (name is not null && Metric.Find(name) is { } metric) metrics.Add(metric);
                else checks.Problem(at, $"unknown metric '{list[i]?.ToJsonString()}'{(name is null ? "" : Suggest.DidYouMean(name, [.. Metric.All.Select(m => m.Name)]))}; metrics are the columns of runs.csv (docs/outputs.md)");
            }
        }
        if (target is null || checks.HasProblems) return (min, null);
        return (min, new SequentialReplicatePlan(new SequentialRule(target.Value, min, max, batch), metrics));
    }
}
