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

/// <summary>
/// Runs the <c>optimize</c> block of an experiment (issue 14): NSGA-II over the searched levers, each candidate regime
/// evaluated with the experiment's replicates under the same seeds as every other (common random numbers), one batch
/// (a generation) at a time, the search state saved after each batch in the partial folder so that <c>--resume</c>
/// continues exactly where it stopped. The listed regimes are evaluated the same way and placed against the front.
/// Writes pareto.csv, evaluations.csv, named.csv, regimes/pareto-NN.json (regime files that <c>run</c> accepts),
/// pareto-experiment.json (an experiment running them), search.json, manifest.json and the Pareto chart (en, zh),
/// all in the partial folder, renamed to --out when complete.
/// </summary>
public static class OptimizeRunner
{
    private static readonly string[] ParetoKeyColumns = ["regime", "file", "candidate", "generation"];
    private static readonly string[] EvaluationKeyColumns = ["candidate", "generation"];
    private static readonly string[] NamedKeyColumns = ["regime"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> ExecuteAsync(Experiment experiment, RunOptions options, int concurrency, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        var search = experiment.Optimize!;
        string target;
        try
        {
            target = ResultWriter.CheckTarget(options.OutDirectory);
            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
                throw new ResultFolderException($"--out {target} exists and is not empty; choose a new folder");
        }
        catch (ResultFolderException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        var perBatch = MemoryBudget.Of(experiment.Population, experiment.Ticks, search.PopulationSize * experiment.Replicates, concurrency);
        if (options.Cluster is null && !perBatch.Fits)
        {
            await error.WriteLineAsync($"error: {experiment.FilePath}: $.population: not enough memory: {perBatch.Describe()}; allowed: fewer subjects or --concurrency 1. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        var partial = ResultWriter.PartialDirectory(target);
        var statePath = Path.Combine(partial, "search.json");
        var namedPath = Path.Combine(partial, "named.json");
        var identityPath = Path.Combine(partial, "identity.json");
        var identity = Identity(experiment);
        RegimeSearch state;
        if (Directory.Exists(partial))
        {
            if (!options.Resume)
            {
                await error.WriteLineAsync($"error: --out {target}: an interrupted search of this folder is kept in {partial}; continue it with --resume, or delete that folder to start again. Nothing was run.");
                return ExitCodes.BadInput;
            }
            if (!File.Exists(identityPath) || File.ReadAllText(identityPath) != identity)
            {
                await error.WriteLineAsync($"error: --resume: {partial} belongs to another experiment file, model or program version; delete it to start again. Nothing was run.");
                return ExitCodes.BadInput;
            }
            state = File.Exists(statePath) ? RegimeSearch.FromJson(File.ReadAllText(statePath)) : Start(search);
            if (!options.Quiet) await output.WriteLineAsync($"resuming {partial}: {state.Evaluations} of {search.Budget} candidates already evaluated");
        }
        else
        {
            Directory.CreateDirectory(partial);
            WriteAtomically(identityPath, identity);
            state = Start(search);
        }

        var metrics = search.Objectives.Select(o => Metric.Find(o.Name)!).ToList();
        if (!options.Quiet)
            await output.WriteLineAsync($"{experiment.Name}: regime search over {search.Variables.Count} lever(s) ({string.Join(", ", search.Variables.Select(v => v.Name))}), objectives {string.Join(" and ", search.Objectives.Select(o => (o.Maximize ? "max " : "min ") + o.Name))}; budget {search.Budget} candidates in batches of {search.PopulationSize}, {experiment.Replicates} replicates each, {experiment.Population.Subjects:N0} subjects x {experiment.Ticks} ticks");
        await using (var engine = options.Cluster is null ? await Engine.StartEmbeddedAsync(cancel) : await Engine.ConnectAsync(options.Cluster, cancel))
        {
            if (!File.Exists(namedPath))
            {
                var named = await EvaluateAsync(engine, experiment, experiment.Regimes, metrics, concurrency, cancel);
                var doc = new JsonArray([.. experiment.Regimes.Select((r, i) => (JsonNode)new JsonObject
                {
                    ["regime"] = r.Name,
                    ["means"] = new JsonArray([.. named[i].Means.Select(m => JsonValue.Create(m))]),
                    ["half_widths"] = new JsonArray([.. named[i].HalfWidths!.Select(h => JsonValue.Create(double.IsFinite(h) ? h : (double?)null))]),
                })]);
                WriteAtomically(namedPath, doc.ToJsonString(Indented));
                if (!options.Quiet) await output.WriteLineAsync($"named regimes evaluated: {string.Join(", ", experiment.Regimes.Select(r => r.Name))}");
            }
            var batches = 0;
            while (!state.Finished)
            {
                cancel.ThrowIfCancellationRequested();
                var candidates = state.Ask();
                var regimes = candidates.Select(c => search.RegimeOf(c.Genes, CandidateName(c.Id), "candidate of the regime search")).ToList();
                var evaluations = await EvaluateAsync(engine, experiment, regimes, metrics, concurrency, cancel);
                state.Tell([.. candidates.Select((c, i) => evaluations[i] with { Id = c.Id })]);
                WriteAtomically(statePath, state.ToJson());
                batches++;
                if (!options.Quiet) await output.WriteLineAsync($"  generation {state.Generation}: {state.Evaluations} of {search.Budget} candidates, {state.Front.Count} on the front");
                if (options.StopAfterBatches == batches && !state.Finished)
                {
                    await error.WriteLineAsync($"stopped after {batches} batch(es) as asked; continue with the same command and --resume ({partial})");
                    return ExitCodes.Cancelled;
                }
            }
        }

        var namedPoints = ReadNamed(namedPath);
        WriteOutputs(partial, experiment, state, namedPoints, metrics, options.NoPlots || !experiment.Plots, error);
        Directory.Move(partial, target);
        File.Delete(Path.Combine(target, "identity.json"));
        File.Delete(Path.Combine(target, "named.json"));
        if (!options.Quiet)
        {
            await output.WriteLineAsync($"front: {state.Front.Count} regime(s) of {state.Evaluations} evaluated; written: {target}");
            foreach (var n in namedPoints) await output.WriteLineAsync($"  {n.Regime}: {string.Join(", ", metrics.Select((m, j) => $"{m.Name} {n.Means[j]:#,0.##}"))}; gap to the front {n.Gap:#,0.##}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>The name of candidate <paramref name="id"/>'s regime while it runs.</summary>
    public static string CandidateName(int id) => $"candidate-{id}";

    /// <summary>The name of the front's regime <paramref name="rank"/> (1-based, in order of the first objective).</summary>
    public static string ParetoName(int rank) => $"pareto-{rank:00}";

    private static RegimeSearch Start(Optimization o) => RegimeSearch.Start(o.Variables, o.Objectives, new SearchOptions(o.PopulationSize, o.Budget, o.Seed));

    private static string Identity(Experiment e) => new JsonObject
    {
        ["experiment_sha256"] = e.FileSha256,
        ["referenced_files"] = new JsonArray([.. e.ReferencedFiles.Select(f => JsonValue.Create(f.Sha256))]),
        ["model_version"] = ModelVersion.Results,
        ["draw_layout"] = ModelVersion.DrawLayout,
    }.ToJsonString(Indented);

    private static void WriteAtomically(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Objective means and 95% CI half-widths of each regime over the experiment's replicates (same seeds for all).</summary>
    private static async Task<IReadOnlyList<SearchEvaluation>> EvaluateAsync(Engine engine, Experiment experiment, IReadOnlyList<Regime> regimes, IReadOnlyList<MetricDefinition> metrics, int concurrency, CancellationToken cancel)
    {
        var runs = experiment with { Regimes = regimes, Optimize = null, Plots = false };
        var totals = await InProcessRuns.RunAsync(engine, runs, concurrency, null, cancel);
        return [.. regimes.Select((_, g) =>
        {
            var intervals = metrics.Select(m => MeanInterval.Of([.. totals[0][g].Select(t => InProcessRuns.Value(t, m))])).ToList();
            return new SearchEvaluation(g, [.. intervals.Select(i => i.Mean)], [.. intervals.Select(i => i.Ci95High - i.Mean)]);
        })];
    }

    private sealed record NamedPoint(string Regime, IReadOnlyList<double> Means, IReadOnlyList<double> HalfWidths)
    {
        public double Gap { get; set; } = double.NaN;
    }

    private static List<NamedPoint> ReadNamed(string path) =>
        [.. JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(n => new NamedPoint(
            n!["regime"]!.GetValue<string>(),
            [.. n["means"]!.AsArray().Select(v => v!.GetValue<double>())],
            [.. n["half_widths"]!.AsArray().Select(v => v?.GetValue<double>() ?? double.NaN)]))];

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>Each objective's mean and 95% CI (mean ± half-width): the <c>&lt;metric&gt;_mean, _ci95_low, _ci95_high</c> columns.</summary>
    private static void WriteObjectives(CsvWriter csv, IReadOnlyList<double> means, IReadOnlyList<double> halfWidths)
    {
        for (var j = 0; j < means.Count; j++)
        {
            csv.WriteField(N(means[j]));
            csv.WriteField(N(means[j] - halfWidths[j]));
            csv.WriteField(N(means[j] + halfWidths[j]));
        }
    }

    private static void WriteOutputs(string dir, Experiment experiment, RegimeSearch state, List<NamedPoint> named, IReadOnlyList<MetricDefinition> metrics, bool noPlots, TextWriter error)
    {
        var search = experiment.Optimize!;
        var maximize = search.Objectives.Select(o => o.Maximize).ToList();
        var front = state.Front.OrderBy(p => p.Means[0]).ThenBy(p => p.Id).ToList();
        var frontMeans = front.Select(p => p.Means).ToList();
        var allMoney = metrics.All(m => m.IsMoney);
        // the gap in yuan when every objective is money; else in shares of each objective's range over the evaluated points
        IReadOnlyList<double>? scale = allMoney ? null : [.. metrics.Select((_, j) =>
        {
            var values = state.Archive.Select(p => p.Means[j]).Concat(named.Select(n => n.Means[j])).ToList();
            var range = values.Max() - values.Min();
            return range > 0 ? range : 1;
        })];
        foreach (var n in named) n.Gap = ParetoFront.EpsilonGap(n.Means, frontMeans, maximize, scale);

        var regimesDir = Path.Combine(dir, "regimes");
        Directory.CreateDirectory(regimesDir);
        var files = new List<string>();
        for (var i = 0; i < front.Count; i++)
        {
            var name = ParetoName(i + 1);
            var regime = search.RegimeOf(front[i].Genes, name, $"Regime search '{experiment.Name}', front point {i + 1} of {front.Count} (candidate {front[i].Id}): {string.Join(", ", search.Variables.Select((v, j) => $"{v.Name} = {v.Text(front[i].Genes[j])}"))}");
            var file = Path.Combine("regimes", name + ".json");
            File.WriteAllText(Path.Combine(dir, file), JsonSerializer.SerializeToNode(regime, ModelJson.Options)!.ToJsonString(Indented) + "\n");
            files.Add(file);
        }

        var objectiveColumns = metrics.SelectMany(m => new[] { m.Name + "_mean", m.Name + "_ci95_low", m.Name + "_ci95_high" }).ToList();
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "pareto.csv")), ResultWriter.Csv))
        {
            foreach (var c in ParetoKeyColumns.Concat(search.Variables.Select(v => "lever_" + v.Name)).Concat(objectiveColumns).Append("replicates")) csv.WriteField(c);
            csv.NextRecord();
            for (var i = 0; i < front.Count; i++)
            {
                var p = front[i];
                csv.WriteField(ParetoName(i + 1));
                csv.WriteField(files[i]);
                csv.WriteField(p.Id);
                csv.WriteField(p.Generation);
                for (var j = 0; j < search.Variables.Count; j++) csv.WriteField(search.Variables[j].Text(p.Genes[j]));
                WriteObjectives(csv, p.Means, p.HalfWidths);
                csv.WriteField(experiment.Replicates);
                csv.NextRecord();
            }
        }
        var onFront = front.Select(p => p.Id).ToHashSet();
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "evaluations.csv")), ResultWriter.Csv))
        {
            foreach (var c in EvaluationKeyColumns.Concat(search.Variables.Select(v => "lever_" + v.Name)).Concat(objectiveColumns).Append("on_front")) csv.WriteField(c);
            csv.NextRecord();
            foreach (var p in state.Archive)
            {
                csv.WriteField(p.Id);
                csv.WriteField(p.Generation);
                for (var j = 0; j < search.Variables.Count; j++) csv.WriteField(search.Variables[j].Text(p.Genes[j]));
                WriteObjectives(csv, p.Means, p.HalfWidths);
                csv.WriteField(onFront.Contains(p.Id) ? "true" : "false");
                csv.NextRecord();
            }
        }
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "named.csv")), ResultWriter.Csv))
        {
            foreach (var c in NamedKeyColumns.Concat(objectiveColumns).Append(allMoney ? "gap_yuan" : "gap_share_of_range").Append("on_front")) csv.WriteField(c);
            csv.NextRecord();
            foreach (var n in named)
            {
                csv.WriteField(n.Regime);
                WriteObjectives(csv, n.Means, n.HalfWidths);
                csv.WriteField(N(n.Gap));
                csv.WriteField(n.Gap <= 0 ? "true" : "false");
                csv.NextRecord();
            }
        }
        // an experiment that runs the front's regimes and the named ones again (e.g. with more replicates)
        var rerun = new JsonObject
        {
            ["name"] = experiment.Name + "-front",
            ["description"] = $"The Pareto front of '{experiment.Name}' and its named regimes",
            ["ticks"] = experiment.Ticks,
            ["warmup_ticks"] = experiment.WarmupTicks,
            ["replicates"] = experiment.Replicates,
            ["seed"] = experiment.Seed,
            ["population"] = new JsonObject
            {
                ["subjects"] = experiment.Population.Subjects,
                ["users"] = experiment.Population.Users,
                ["providers"] = experiment.Population.Providers,
                ["deployers"] = experiment.Population.Deployers,
                ["represents"] = experiment.Population.Represents,
            },
            ["regimes"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["file"] = f }), .. experiment.Regimes.Where(r => RegimeCatalog.IsBuiltIn(r.Name)).Select(r => (JsonNode)JsonValue.Create(r.Name)!)]),
            ["parameters"] = JsonSerializer.SerializeToNode(experiment.Parameters, ModelJson.Options),
            ["cohort_size"] = experiment.CohortSize,
        };
        File.WriteAllText(Path.Combine(dir, "pareto-experiment.json"), rerun.ToJsonString(Indented) + "\n");
        var manifest = new JsonObject
        {
            ["program"] = "inforisk",
            ["version"] = ProgramVersion.Version,
            ["model_version"] = ModelVersion.Results,
            ["draw_layout"] = ModelVersion.DrawLayout,
            ["experiment"] = experiment.Name,
            ["experiment_file"] = experiment.FilePath,
            ["experiment_sha256"] = experiment.FileSha256,
            ["master_seed"] = experiment.Seed,
            ["replicates"] = experiment.Replicates,
            ["ticks"] = experiment.Ticks,
            ["subjects"] = experiment.Population.Subjects,
            ["search"] = new JsonObject
            {
                ["base"] = search.Base.Name,
                ["levers"] = new JsonArray([.. search.Variables.Select(v => JsonValue.Create(v.Name))]),
                ["objectives"] = new JsonArray([.. search.Objectives.Select(o => (JsonNode)new JsonObject { ["metric"] = o.Name, ["direction"] = o.Maximize ? "maximize" : "minimize" })]),
                ["population_size"] = search.PopulationSize,
                ["budget"] = search.Budget,
                ["seed"] = search.Seed,
                ["generations"] = state.Generation,
                ["evaluated"] = state.Evaluations,
                ["front"] = front.Count,
            },
        };
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJsonString(Indented) + "\n");
        if (noPlots) return;
        var chart = new ParetoChartData(
            metrics[0].Name, maximize[0], metrics[1].Name, maximize[1],
            [.. state.Archive.Select(p => (p.Means[0], p.Means[1]))],
            [.. front.Select(p => (p.Means[0], p.Means[1], p.HalfWidths[0], p.HalfWidths[1]))],
            [.. named.Select(n => new NamedRegimePoint(n.Regime, n.Means[0], n.Means[1], n.HalfWidths[0], n.HalfWidths[1], n.Gap))],
            allMoney ? " " + "yuan" : "");
        foreach (var language in new[] { "en", "zh" })
        {
            try
            {
                var data = language == "zh" && allMoney ? chart with { GapUnit = " 元" } : chart;
                DecisionCharts.Pareto(Path.Combine(dir, "plots"), "pareto" + (language == "en" ? "" : "_zh"), data, new ChartOptions(Language: language));
            }
            catch (ChartFontException e) when (language != "en")
            {
                error.WriteLine($"warning: the {language} chart was skipped: {e.Message}");
            }
        }
    }
}
