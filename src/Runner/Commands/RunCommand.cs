using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;
using InfoRisk.Silo;

namespace InfoRisk.Runner.Commands;

/// <summary>Settings of the run command.</summary>
public sealed record RunOptions
{
    public required string ExperimentPath { get; init; }
    public required string OutDirectory { get; init; }
    public int? CohortSize { get; init; }
    public int? Concurrency { get; init; }
    public ClusterSettings? Cluster { get; init; }
    public bool Quiet { get; init; }
    public bool NoPlots { get; init; }
    /// <summary>Continue an interrupted run of the same --out (its partial folder), skipping finished runs.</summary>
    public bool Resume { get; init; }

    /// <summary>Serve the Orleans Dashboard on this address while the run goes on (null: off); see <see cref="Dashboard.ParseAddress"/>.</summary>
    public string? Dashboard { get; init; }

    /// <summary>Allow a non-loopback dashboard address.</summary>
    public bool DashboardAllowRemote { get; init; }
}

/// <summary>Loads and validates an experiment, runs it on the Orleans engine, writes the result folder atomically.</summary>
public static class RunCommand
{
    public static async Task<int> ExecuteAsync(RunOptions options, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        Experiment experiment;
        try
        {
            experiment = ExperimentLoader.Load(options.ExperimentPath);
        }
        catch (ExperimentException e)
        {
            foreach (var p in e.Problems) await error.WriteLineAsync($"error: {p}");
            await error.WriteLineAsync($"{e.Problems.Count} problem(s); nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }

        var cohortSize = options.CohortSize ?? experiment.CohortSize;
        if (cohortSize < 64)
        {
            await error.WriteLineAsync($"error: --cohort-size {cohortSize} is too small; allowed: 64 or more");
            return ExitCodes.BadInput;
        }
        if (options.Cluster?.Problems() is { Count: > 0 } clusterProblems)
        {
            foreach (var p in clusterProblems) await error.WriteLineAsync($"error: {p}");
            await error.WriteLineAsync("nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        System.Net.IPEndPoint? dashboardAt = null;
        if (options.Dashboard is not null)
        {
            if (options.Cluster is not null)
            {
                await error.WriteLineAsync("error: --dashboard serves the embedded silo's dashboard; with --cluster, add the dashboard to the cluster's silos instead");
                return ExitCodes.BadInput;
            }
            dashboardAt = Dashboard.ParseAddress(options.Dashboard, options.DashboardAllowRemote, out var problem);
            var refusal = dashboardAt is null ? problem : Dashboard.CheckFree(dashboardAt);
            if (refusal is not null)
            {
                await error.WriteLineAsync($"error: --dashboard: {refusal}. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
        }
        var concurrency = options.Concurrency ?? Math.Max(2, Environment.ProcessorCount * 2);
        // the memory guard: an embedded run holds every run in flight in this process; a cluster's memory is its silos'
        var budget = MemoryBudget.Of(experiment, concurrency);
        if (options.Cluster is null && !budget.Fits)
        {
            await error.WriteLineAsync($"error: {experiment.FilePath}: $.population: not enough memory: this experiment needs {budget.Describe()}");
            await error.WriteLineAsync("allowed: an estimate within the memory available; use fewer subjects or users, fewer runs in flight (--concurrency 1), or a cluster (--cluster). Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        ResultWriter writer;
        try
        {
            writer = ResultWriter.Open(experiment, options.OutDirectory, cohortSize, options.Resume);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        using (writer)
        {
            ClusterSettings? embedded = null;
            await using var engine = options.Cluster is null
                ? await Engine.StartEmbeddedAsync(cancel, dashboardAt is null ? null : (silo, settings) =>
                {
                    Dashboard.ConfigureSilo(silo);
                    embedded = settings;
                })
                : await Engine.ConnectAsync(options.Cluster, cancel);
            Dashboard? dashboard = null;
            if (dashboardAt is not null && embedded is not null)
            {
                try
                {
                    dashboard = await Dashboard.StartAsync(dashboardAt, embedded, cancel);
                }
                catch (DashboardAddressException e)
                {
                    await error.WriteLineAsync($"error: --dashboard: {e.Message}. Nothing was run and nothing was written.");
                    return ExitCodes.BadInput;
                }
            }
            await using var dashboardScope = dashboard;
            var silos = await engine.SiloCountAsync();
            if (!options.Quiet)
            {
                await output.WriteLineAsync($"{experiment.Name}: {experiment.RunCount} runs ({experiment.Scenarios.Count} scenario(s) x {experiment.Regimes.Count} regimes x {experiment.Replicates} replicates), {experiment.Population.Subjects:N0} subjects, {experiment.Ticks} ticks, on {engine.Description}");
                if (options.Cluster is null) await output.WriteLineAsync($"memory: {budget.Describe()}");
                if (dashboard is not null) await output.WriteLineAsync($"dashboard: {dashboard.Url} (while the run goes on)");
            }
            var notices = TextWriter.Synchronized(error);
            await using var silosWatch = engine.WatchSilos();
            var runner = new ExperimentRunner(engine.Grains, experiment, cohortSize, concurrency)
            {
                Attempts = new RunAttempts { Notice = notices.WriteLine, Silos = silosWatch },
            };
            if (writer.ResumedRuns > 0 && !options.Quiet)
                await output.WriteLineAsync($"resuming {writer.WorkingDirectory}: {writer.ResumedRuns} of {experiment.RunCount} runs already done");
            var reporter = new ProgressReporter(output, ProgressReporter.Choose(options.Quiet, output));
            try
            {
                await reporter.RunAsync(progress => runner.RunAsync(writer.Add, progress, cancel, writer.ResumedRuns));
            }
            catch (Exception) when (!options.Quiet)
            {
                await error.WriteLineAsync($"the runs finished so far are kept in {writer.WorkingDirectory}; continue with the same command and --resume");
                throw;
            }

            var finished = DateTimeOffset.UtcNow;
            var manifest = Manifest(experiment, cohortSize, engine, silos, started, finished, clock.Elapsed);
            writer.Complete(manifest, dir =>
            {
                if (!experiment.Plots || options.NoPlots) return;
                var files = Plotting.ChartSet.Render(dir, new Plotting.ChartOptions());
                if (!options.Quiet) output.WriteLine($"charts: {files.Count} files in plots/");
            });
            if (!options.Quiet)
                await output.WriteLineAsync($"done in {clock.Elapsed.TotalSeconds:F1} s: {writer.TargetDirectory}");
        }
        return ExitCodes.Ok;
    }

    private static JsonObject Manifest(Experiment e, int cohortSize, Engine engine, int silos, DateTimeOffset started, DateTimeOffset finished, TimeSpan wall)
    {
        var assembly = typeof(RunCommand).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        var manifest = new JsonObject
        {
            ["program"] = "inforisk",
            ["version"] = plus > 0 ? informational[..plus] : informational,
            ["git_commit"] = plus > 0 ? informational[(plus + 1)..] : "unknown",
            ["experiment"] = e.Name,
            ["description"] = e.Description,
            ["experiment_file"] = e.FilePath,
            ["experiment_sha256"] = e.FileSha256,
            ["master_seed"] = e.Seed,
            ["replicate_seeds"] = new JsonArray([.. Enumerable.Range(0, e.Replicates).Select(r => JsonValue.Create(e.ReplicateSeed(r)))]),
            ["regimes"] = new JsonArray([.. e.Regimes.Select(r => JsonValue.Create(r.Name))]),
            ["baseline"] = e.Baseline,
            ["scenarios"] = e.Scenarios.Count,
            ["swept_parameters"] = new JsonArray([.. e.SweptParameters.Select(p => JsonValue.Create(p))]),
            ["sweep"] = new JsonObject { ["design"] = e.Sweep.Design, ["points"] = e.Sweep.Points },
            ["ablation"] = e.Ablation is { } a
                ? new JsonObject { ["base"] = a.Base.Name, ["target"] = a.Target.Name, ["levers"] = new JsonArray([.. a.Levers.Select(l => JsonValue.Create(l))]), ["design"] = a.Design }
                : null,
            ["sensitivity"] = e.Sensitivity is { } s
                ? new JsonObject
                {
                    ["method"] = s.Method,
                    ["parameters"] = new JsonArray([.. s.Parameters.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["min"] = p.Min, ["max"] = p.Max })]),
                    [s.Method == "sobol" ? "samples" : "trajectories"] = s.Samples,
                    ["levels"] = s.Method == "morris" ? s.Levels : null,
                    ["bootstrap"] = s.Bootstrap,
                    ["metrics"] = new JsonArray([.. s.Metrics.Select(m => JsonValue.Create(m))]),
                }
                : null,
            ["replicates"] = e.Replicates,
            ["ticks"] = e.Ticks,
            ["population"] = new JsonObject
            {
                ["subjects"] = e.Population.Subjects,
                ["users"] = e.Population.Users,
                ["providers"] = e.Population.Providers,
                ["deployers"] = e.Population.Deployers,
            },
            ["runs"] = e.RunCount,
            ["cohort_size"] = cohortSize,
            ["engine"] = engine.Description,
            ["silos"] = silos,
            ["processor_count"] = Environment.ProcessorCount,
            ["started_utc"] = started.ToString("O"),
            ["finished_utc"] = finished.ToString("O"),
            ["wall_seconds"] = Math.Round(wall.TotalSeconds, 3),
        };
        foreach (var key in manifest.Where(p => p.Value is null).Select(p => p.Key).ToList()) manifest.Remove(key);
        return manifest;
    }
}

/// <summary>Exit codes of the command-line program (documented in the README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
