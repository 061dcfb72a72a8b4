using System.Diagnostics;
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
    /// <summary>Also write timeseries and runs as Parquet, one part per run (docs/outputs.md §1).</summary>
    public bool Parquet { get; init; }
    /// <summary>Continue an interrupted run of the same --out (its partial folder), skipping finished runs.</summary>
    public bool Resume { get; init; }

    /// <summary>Serve the Orleans Dashboard on this address while the run goes on (null: off); see <see cref="Dashboard.ParseAddress"/>.</summary>
    public string? Dashboard { get; init; }

    /// <summary>Allow a non-loopback dashboard address.</summary>
    public bool DashboardAllowRemote { get; init; }

    /// <summary>For tests of resume: a regime search stops (exit code 130) after this many batches, its partial folder kept.</summary>
    public int? StopAfterBatches { get; init; }

    /// <summary>The Redis password was given with --redis-password on the command line (warned about: ps shows it).</summary>
    public bool RedisPasswordOnCommandLine { get; init; }
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
        if (options.Concurrency is < 1)
        {
            await error.WriteLineAsync($"error: --concurrency {options.Concurrency}: allowed: 1 or more runs in flight (default 2 x cores). Nothing was run and nothing was written.");
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
                await error.WriteLineAsync("error: --dashboard serves the dashboard of the embedded silo only; a run on --cluster has none (the silo program has no dashboard). Drop --dashboard, or run without --cluster to watch the dashboard");
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
        if (experiment.Optimize is not null)
        {
            if (options.Dashboard is not null)
            {
                await error.WriteLineAsync("error: --dashboard is not available for a regime search (optimize); drop it. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
            return await Decisions.OptimizeRunner.ExecuteAsync(experiment, options, concurrency, output, error, cancel);
        }
        // the memory guard: an embedded run holds every run in flight in this process; a cluster's memory is its silos'
        var budget = MemoryBudget.Of(experiment, concurrency);
        if (options.Cluster is null && !budget.Fits)
        {
            await error.WriteLineAsync($"error: {experiment.FilePath}: $.population: not enough memory: this experiment needs {budget.Describe()}");
            await error.WriteLineAsync("allowed: an estimate within the memory available; use fewer subjects or users, fewer runs in flight (--concurrency 1), or a cluster (--cluster). Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        string target;
        try
        {
            target = ResultWriter.CheckTarget(options.OutDirectory);
        }
        catch (ResultFolderException e)
        {
            await error.WriteLineAsync($"error: {e.Message}. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        // what the files will take, before anything runs: a result that cannot fit on the disk is refused at once
        var size = OutputSize.Of(experiment);
        if (size.Problem(OutputSize.FreeBytes(target)) is { } tooLarge)
        {
            await error.WriteLineAsync($"error: --out {target}: {tooLarge}. Nothing was run and nothing was written.");
            return ExitCodes.BadInput;
        }
        if (options.Cluster is not null)
        {
            foreach (var warning in ClusterSettings.CommandLineSecretWarnings(options.Cluster, options.RedisPasswordOnCommandLine)) await error.WriteLineAsync(warning);
            if (await ClusterProbe.ProblemAsync(options.Cluster, TimeSpan.FromSeconds(5)) is { } unreachable)
            {
                await error.WriteLineAsync($"error: {unreachable}. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
        }
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        SequentialOutcome? sequential = null;
        if (experiment.Sequential is not null)
        {
            // the kept runs stay in memory until the count is decided; refuse at once what cannot fit
            var bytes = SequentialPilot.MemoryAtMaximum(experiment);
            if (budget.Available.Bytes is { } available && bytes > available / 2)
            {
                await error.WriteLineAsync($"error: {experiment.FilePath}: $.replicates.max: at the maximum the runs would take {MemoryBudget.Bytes(bytes)} of tick rows in memory before they are written, more than half of the {MemoryBudget.Bytes(available)} available; allowed: a lower max, fewer ticks or scenarios. Nothing was run and nothing was written.");
                return ExitCodes.BadInput;
            }
            try
            {
                await using var pilotEngine = options.Cluster is null ? await Engine.StartEmbeddedAsync(cancel) : await Engine.ConnectAsync(options.Cluster, cancel);
                var notice = TextWriter.Synchronized(error);
                sequential = await SequentialPilot.RunAsync(
                    batch => new ExperimentRunner(pilotEngine.Grains, batch, cohortSize, concurrency) { Attempts = new RunAttempts { Notice = notice.WriteLine } },
                    experiment, options.Quiet ? null : output.WriteLine, cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"error: the sequential replicates did not finish: {e.GetType().Name}: {e.Message}. Nothing was written.");
                return ExitCodes.Failure;
            }
            experiment = experiment with { Replicates = sequential.Replicates };
        }
        ResultWriter writer;
        try
        {
            writer = ResultWriter.Open(experiment, options.OutDirectory, cohortSize, options.Resume);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        using (writer)
        {
            foreach (var warning in writer.Warnings) await error.WriteLineAsync(warning);
            ClusterSettings? embedded = null;
            Engine engineStarted;
            try
            {
                engineStarted = options.Cluster is null
                    ? await Engine.StartEmbeddedAsync(cancel, dashboardAt is null ? null : (silo, settings) =>
                    {
                        Dashboard.ConfigureSilo(silo);
                        embedded = settings;
                    })
                    : await Engine.ConnectAsync(options.Cluster, cancel);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                writer.DiscardIfEmpty();
                await error.WriteLineAsync($"error: the Orleans engine could not start ({(options.Cluster is null ? "embedded silo" : options.Cluster.Describe())}): {e.GetType().Name}: {e.Message}. Nothing was run.");
                return ExitCodes.Failure;
            }
            await using var engine = engineStarted;
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
                if (sequential is not null)
                {
                    // the runs of the sequential batches are the experiment's runs: written in run order, not run again
                    foreach (var run in sequential.Runs.Skip(writer.ResumedRuns)) writer.Add(run);
                }
                else
                {
                    await reporter.RunAsync(progress => runner.RunAsync(writer.Add, progress, cancel, writer.ResumedRuns));
                }
            }
            catch (Exception) when (!options.Quiet)
            {
                await error.WriteLineAsync($"the runs finished so far are kept in {writer.WorkingDirectory}; continue with the same command and --resume");
                throw;
            }

            var finished = DateTimeOffset.UtcNow;
            var manifest = Manifest(experiment, cohortSize, engine, silos, started, finished, clock.Elapsed);
            if (sequential is not null) manifest["sequential_replicates"] = SequentialManifest(experiment.Sequential!, sequential);
            try
            {
                writer.Complete(manifest, dir =>
                {
                    if (options.Parquet)
                    {
                        var parts = ParquetExport.WriteAsync(dir, cancel).GetAwaiter().GetResult();
                        if (!options.Quiet) output.WriteLine($"parquet: {parts} part(s) each in timeseries/ and runs/");
                    }
                    if (!experiment.Plots || options.NoPlots) return;
                    var files = Plotting.ChartSet.Render(dir, new Plotting.ChartOptions(), cancel);
                    if (!options.Quiet) output.WriteLine($"charts: {files.Count} files in plots/");
                });
            }
            catch (Exception e) when (e is not ResultFolderException)
            {
                // every run is on disk and journaled: --resume redoes only the analysis and the charts
                await error.WriteLineAsync($"every run is done and kept in {writer.WorkingDirectory}; the analysis or the charts did not finish; continue with the same command and --resume (no run is repeated)");
                throw;
            }
            if (!options.Quiet)
                await output.WriteLineAsync($"done in {clock.Elapsed.TotalSeconds:F1} s: {writer.TargetDirectory}");
        }
        return ExitCodes.Ok;
    }

    private static JsonObject SequentialManifest(SequentialReplicatePlan plan, SequentialOutcome outcome) => new()
    {
        ["min"] = plan.Rule.Minimum,
        ["max"] = plan.Rule.Maximum,
        ["batch"] = plan.Rule.Batch,
        ["target_half_width"] = plan.Rule.TargetHalfWidth,
        ["metrics"] = new JsonArray([.. plan.Metrics.Select(m => JsonValue.Create(m.Name))]),
        ["comparisons"] = new JsonArray([.. outcome.Comparisons.Select(c => JsonValue.Create(c))]),
        ["replicates"] = outcome.Replicates,
        ["verdict"] = outcome.Looks[^1].Verdict == Analysis.SequentialVerdict.MaximumReached ? "maximum" : "target",
        ["looks"] = new JsonArray([.. outcome.Looks.Select(l => (JsonNode)new JsonObject
        {
            ["replicates"] = l.Replicates,
            ["half_widths"] = new JsonArray([.. l.HalfWidths.Select(w => JsonValue.Create(Math.Round(w, 6)))]),
        })]),
    };

    private static JsonObject Manifest(Experiment e, int cohortSize, Engine engine, int silos, DateTimeOffset started, DateTimeOffset finished, TimeSpan wall)
    {
        var manifest = new JsonObject
        {
            ["program"] = "inforisk",
            ["version"] = ProgramVersion.Version,
            ["git_commit"] = ProgramVersion.Commit,
            ["model_version"] = Model.ModelVersion.Results,
            ["draw_layout"] = Model.ModelVersion.DrawLayout,
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

    /// <summary>Interrupted (Ctrl-C, SIGTERM): 128 + SIGINT, as shells report it; the partial folder is kept for --resume.</summary>
    public const int Cancelled = 130;
}
