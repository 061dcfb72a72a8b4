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
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        ResultWriter writer;
        try
        {
            writer = new ResultWriter(experiment, options.OutDirectory);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        using (writer)
        {
            await using var engine = options.Cluster is null
                ? await Engine.StartEmbeddedAsync(cancel)
                : await Engine.ConnectAsync(options.Cluster, cancel);
            var silos = await engine.SiloCountAsync();
            var concurrency = options.Concurrency ?? Math.Max(2, Environment.ProcessorCount * 2);
            if (!options.Quiet)
                await output.WriteLineAsync($"{experiment.Name}: {experiment.RunCount} runs ({experiment.Scenarios.Count} scenario(s) x {experiment.Regimes.Count} regimes x {experiment.Replicates} replicates), {experiment.Population.Subjects:N0} subjects, {experiment.Ticks} ticks, on {engine.Description}");
            var notices = TextWriter.Synchronized(error);
            await using var silosWatch = engine.WatchSilos();
            var runner = new ExperimentRunner(engine.Grains, experiment, cohortSize, concurrency)
            {
                Attempts = new RunAttempts { Notice = notices.WriteLine, Silos = silosWatch },
            };
            var reporter = new ProgressReporter(output, options.Quiet, experiment.RunCount);
            await runner.RunAsync(writer.Add, reporter, cancel);

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
        return new JsonObject
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
    }
}

/// <summary>Exit codes of the command-line program (documented in the README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int BadInput = 2;
}
