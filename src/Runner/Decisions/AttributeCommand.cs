using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Decisions;

/// <summary>Settings of <c>inforisk attribute</c>.</summary>
public sealed record AttributeOptions
{
    /// <summary>The base regime: a built-in name or a regime file.</summary>
    public required string Base { get; init; }
    /// <summary>The target regime: a built-in name or a regime file.</summary>
    public required string Target { get; init; }
    public required string Out { get; init; }
    public string? Metric { get; init; }
    public int Subjects { get; init; } = 10_000;
    public int Ticks { get; init; } = 365;
    public int Replicates { get; init; } = 10;
    public ulong Seed { get; init; } = 1;
    /// <summary>Sampled lever orders when more than <see cref="MaxExact"/> levers differ.</summary>
    public int Permutations { get; init; } = 32;
    public int MaxExact { get; init; } = 8;
    public int? Concurrency { get; init; }
    public bool NoPlots { get; init; }
    public bool Quiet { get; init; }
}

/// <summary>
/// Shapley attribution of the paired difference target - base on one metric to the levers in which the two regimes
/// differ (issue 14): every coalition of levers (exact, up to <see cref="AttributeOptions.MaxExact"/> levers; else the
/// prefixes of sampled orders) is run as a regime with the same replicate seeds (common random numbers), so the values
/// add up exactly to the paired total difference in every replicate. Writes shapley.csv, coalitions.csv,
/// attribution.json and the waterfall chart (en, zh) atomically into --out.
/// </summary>
public static class AttributeCommand
{
    public static readonly string[] ShapleyColumns = ["lever", "base_value", "target_value", "metric", "shapley_mean", "shapley_sd", "ci95_low", "ci95_high", "permutation_se", "ci95_total_low", "ci95_total_high", "replicates"];
    public static readonly string[] CoalitionColumns = ["coalition", "switched", "replicate", "seed", "metric", "value"];

    /// <summary>The coalition regimes' names: <c>coalition-&lt;index&gt;</c>.</summary>
    public static string CoalitionName(int index) => $"coalition-{index}";

    public static async Task<int> ExecuteAsync(AttributeOptions options, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var metric = options.Metric is null ? Metric.HarmTotalYuan : Metric.Find(options.Metric);
        if (metric is null)
        {
            await error.WriteLineAsync($"error: --metric '{options.Metric}': not a metric; allowed: the metric columns of runs.csv (docs/outputs.md §3){Suggest.DidYouMean(options.Metric!, [.. Metric.All.Select(m => m.Name)])}. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        if (options.Replicates < 2 || options.Permutations < 2 || options.MaxExact is < 1 or > ShapleyPlan.MaxExactLevers)
        {
            await error.WriteLineAsync($"error: --replicates {options.Replicates}, --permutations {options.Permutations}, --max-exact {options.MaxExact}: allowed: at least 2 replicates, at least 2 permutations, and 1 to {ShapleyPlan.MaxExactLevers} levers for exact enumeration. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        string target;
        try
        {
            target = ResultWriter.CheckTarget(options.Out);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()) throw new ResultFolderException($"--out {target} exists and is not empty; choose a new folder");
        }
        catch (ResultFolderException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }

        var entries = new JsonArray();
        foreach (var (which, given) in new[] { ("A", options.Base), ("B", options.Target) })
        {
            if (RegimeCatalog.IsBuiltIn(given)) entries.Add(given);
            else if (File.Exists(given)) entries.Add(new JsonObject { ["file"] = Path.GetFullPath(given) });
            else
            {
                await error.WriteLineAsync($"error: regime {which} '{given}': neither a built-in regime ({string.Join(", ", RegimeCatalog.BuiltInNames)}){Suggest.DidYouMean(given, RegimeCatalog.BuiltInNames)} nor a regime file that exists. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
        }
        var document = new JsonObject
        {
            ["name"] = "attribute",
            ["ticks"] = options.Ticks,
            ["replicates"] = options.Replicates,
            ["seed"] = options.Seed,
            ["population"] = new JsonObject { ["subjects"] = options.Subjects },
            ["regimes"] = entries,
        };
        Experiment experiment;
        try
        {
            experiment = InProcessRuns.Load(document.ToJsonString(), "attribute (from the command line)");
        }
        catch (ExperimentException e)
        {
            return InProcessRuns.Refuse(e, error);
        }
        var (a, b) = (experiment.Regimes[0], experiment.Regimes[1]);
        var aDoc = JsonSerializer.SerializeToNode(a, ModelJson.Options)!.AsObject();
        var bDoc = JsonSerializer.SerializeToNode(b, ModelJson.Options)!.AsObject();
        var levers = Settable.Levers.Select(l => l.Name).Where(l => !JsonNode.DeepEquals(aDoc[l], bDoc[l])).ToList();
        if (levers.Count == 0)
        {
            await error.WriteLineAsync($"error: {a.Name} and {b.Name} have the same value of every lever: there is no difference to attribute. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        var plan = ShapleyPlan.For(levers, options.Permutations, options.Seed, options.MaxExact);
        var regimes = plan.Coalitions.Select(c =>
        {
            var doc = (JsonObject)aDoc.DeepClone();
            foreach (var lever in c.Switched) doc[lever] = bDoc[lever]!.DeepClone();
            doc["name"] = CoalitionName(c.Index);
            return doc.Deserialize<Regime>(ModelJson.Strict)!;
        }).ToList();
        var runs = experiment with { Regimes = regimes, Plots = false };
        var concurrency = InProcessRuns.Concurrency(options.Concurrency);
        var budget = MemoryBudget.Of(runs, concurrency);
        if (!budget.Fits)
        {
            await error.WriteLineAsync($"error: --subjects {options.Subjects}: not enough memory: {budget.Describe()}; allowed: fewer subjects or --concurrency 1. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        if (!options.Quiet)
            await output.WriteLineAsync($"attribute {a.Name} -> {b.Name} on {metric.Name}: {levers.Count} lever(s) differ ({string.Join(", ", levers)}); {(plan.IsExact ? "exact" : $"{plan.Permutations} sampled orders")}: {regimes.Count} coalitions x {options.Replicates} replicates = {runs.RunCount} runs of {options.Subjects:N0} subjects x {options.Ticks} ticks");
        long[][][][] totals;
        await using (var engine = await Engine.StartEmbeddedAsync(cancel))
        {
            totals = await InProcessRuns.RunAsync(engine, runs, concurrency, options.Quiet ? null : output, cancel);
        }
        var values = plan.Coalitions.Select(c => (IReadOnlyList<double>)[.. totals[0][c.Index].Select(t => InProcessRuns.Value(t, metric))]).ToList();
        var result = plan.Compute(values);
        var written = OutputFolder.Write(target, replace: false, dir => Write(dir, options, runs, plan, result, metric, a.Name, b.Name, aDoc, bDoc, values, error));
        if (!options.Quiet)
        {
            var t = result.Total;
            await output.WriteLineAsync($"total paired difference {b.Name} - {a.Name}: {F(t.Mean)} (95% CI {F(t.Ci95Low)} .. {F(t.Ci95High)}) {UnitOf(metric)}");
            foreach (var v in result.Values.OrderByDescending(v => Math.Abs(v.Mean)))
                await output.WriteLineAsync($"  {v.Lever}: {F(v.Mean)} (95% CI {F(v.Ci95TotalLow)} .. {F(v.Ci95TotalHigh)})");
            await output.WriteLineAsync($"written: {written}");
        }
        return ExitCodes.Ok;
    }

    private static string UnitOf(MetricDefinition metric) => metric.IsMoney ? "yuan" : metric.Unit;

    private static string F(double v) => (v == 0 ? 0 : v).ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Text(JsonNode? v) => v is null ? "" : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();

    private static void Write(string dir, AttributeOptions options, Experiment runs, ShapleyPlan plan, ShapleyResult result, MetricDefinition metric, string a, string b,
        JsonObject aDoc, JsonObject bDoc, IReadOnlyList<IReadOnlyList<double>> values, TextWriter error)
    {
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "shapley.csv")), ResultWriter.Csv))
        {
            foreach (var c in ShapleyColumns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var v in result.Values)
            {
                foreach (var f in new[] { v.Lever, Text(aDoc[v.Lever]), Text(bDoc[v.Lever]), metric.Name, N(v.Mean), N(v.Sd), N(v.Ci95Low), N(v.Ci95High), N(v.PermutationSe), N(v.Ci95TotalLow), N(v.Ci95TotalHigh), runs.Replicates.ToString(CultureInfo.InvariantCulture) })
                    csv.WriteField(f);
                csv.NextRecord();
            }
            var t = result.Total;
            foreach (var f in new[] { "total", a, b, metric.Name, N(t.Mean), N(t.Sd), N(t.Ci95Low), N(t.Ci95High), "0", N(t.Ci95Low), N(t.Ci95High), runs.Replicates.ToString(CultureInfo.InvariantCulture) })
                csv.WriteField(f);
            csv.NextRecord();
        }
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "coalitions.csv")), ResultWriter.Csv))
        {
            foreach (var c in CoalitionColumns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var c in plan.Coalitions)
            {
                for (var r = 0; r < runs.Replicates; r++)
                {
                    foreach (var f in new[] { CoalitionName(c.Index), string.Join('|', c.Switched), r.ToString(CultureInfo.InvariantCulture), runs.ReplicateSeed(r).ToString(CultureInfo.InvariantCulture), metric.Name, N(values[c.Index][r]) })
                        csv.WriteField(f);
                    csv.NextRecord();
                }
            }
        }
        var summary = new JsonObject
        {
            ["base_regime"] = a,
            ["target_regime"] = b,
            ["base_given_as"] = options.Base,
            ["target_given_as"] = options.Target,
            ["metric"] = metric.Name,
            ["unit"] = UnitOf(metric),
            ["levers"] = new JsonArray([.. plan.Levers.Select(l => JsonValue.Create(l))]),
            ["exact"] = plan.IsExact,
            ["permutations"] = plan.Permutations,
            ["coalitions"] = plan.Coalitions.Count,
            ["replicates"] = runs.Replicates,
            ["subjects"] = runs.Population.Subjects,
            ["ticks"] = runs.Ticks,
            ["seed"] = runs.Seed,
            ["total_mean"] = result.Total.Mean,
            ["total_ci95_low"] = result.Total.Ci95Low,
            ["total_ci95_high"] = result.Total.Ci95High,
            ["max_efficiency_correction"] = result.MaxEfficiencyCorrection,
            ["model_version"] = ModelVersion.Results,
            ["program_version"] = ProgramVersion.Version,
        };
        File.WriteAllText(Path.Combine(dir, "attribution.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        if (options.NoPlots) return;
        foreach (var language in new[] { "en", "zh" })
        {
            try
            {
                DecisionCharts.ShapleyWaterfall(Path.Combine(dir, "plots"), "shapley_waterfall" + (language == "en" ? "" : "_zh"), result, metric.Name, a, b, new ChartOptions(Language: language));
            }
            catch (ChartFontException e) when (language != "en")
            {
                error.WriteLine($"warning: the {language} chart was skipped: {e.Message}");
            }
        }
    }
}
