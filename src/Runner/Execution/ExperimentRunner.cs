using System.Diagnostics;
using InfoRisk.Grains;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Execution;

/// <summary>Progress of an experiment: runs finished out of the total, and subject-ticks done.</summary>
public readonly record struct ExperimentProgress(int RunsDone, int RunsTotal, long SubjectTicks, TimeSpan Elapsed);

/// <summary>
/// Runs every (scenario, regime, replicate) of an experiment on the Orleans engine with bounded concurrency.
/// Each run is driven by its own coordinator grain, advanced one epoch at a time; finished runs are handed to the
/// sink strictly in run order, so the files do not depend on which run finished first.
/// </summary>
public sealed class ExperimentRunner(IGrainFactory grains, Experiment experiment, int cohortSize, int concurrency)
{
    /// <summary>What happens when a run's grains are lost (a silo died): rerun from the seed, bounded.</summary>
    public RunAttempts Attempts { get; init; } = new();

    public static IReadOnlyList<RunKey> Plan(Experiment experiment)
    {
        var keys = new List<RunKey>();
        foreach (var scenario in experiment.Scenarios)
        {
            foreach (var regime in experiment.Regimes)
            {
                for (var r = 0; r < experiment.Replicates; r++)
                    keys.Add(new RunKey(keys.Count, scenario.Index, regime, r, experiment.ReplicateSeed(r)));
            }
        }
        return keys;
    }

    public RunSpec SpecOf(RunKey key, string nonce) => new()
    {
        RunId = $"{experiment.Name}/{nonce}/{key.Index}",
        Scenario = key.Scenario,
        Replicate = key.Replicate,
        Seed = key.Seed,
        Ticks = experiment.Ticks,
        CohortSize = cohortSize,
        Population = experiment.Population,
        Regime = key.Regime,
        Parameters = experiment.Scenarios[key.Scenario].Parameters,
    };

    public async Task RunAsync(Action<RunResult> sink, IProgress<ExperimentProgress>? progress, CancellationToken cancel)
    {
        var keys = Plan(experiment);
        var nonce = Guid.NewGuid().ToString("N")[..12]; // grain identity only: never enters a result
        var slots = keys.Select(_ => new TaskCompletionSource<RunResult>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var gate = new SemaphoreSlim(Math.Max(1, concurrency));
        var clock = Stopwatch.StartNew();
        long subjectTicks = 0;
        var done = 0;

        var launcher = Task.Run(async () =>
        {
            foreach (var key in keys)
            {
                await gate.WaitAsync(cancel);
                _ = ExecuteAsync(key).ContinueWith(t =>
                {
                    gate.Release();
                    if (t.IsFaulted) slots[key.Index].TrySetException(t.Exception!.InnerExceptions);
                    else if (t.IsCanceled) slots[key.Index].TrySetCanceled(cancel);
                    else slots[key.Index].TrySetResult(t.Result);
                }, TaskScheduler.Default);
            }
        }, cancel);

        // a run whose grains are lost (a silo died) is rerun from its seed under fresh grain identities: see RunAttempts
        Task<RunResult> ExecuteAsync(RunKey key) =>
            Attempts.ExecuteAsync($"{key.Index} ({key.Regime.Name}, scenario {key.Scenario}, replicate {key.Replicate})", attempt => ExecuteAttemptAsync(key, attempt), cancel);

        async Task<RunResult> ExecuteAttemptAsync(RunKey key, int attempt)
        {
            var spec = SpecOf(key, nonce);
            spec = spec with { RunId = RunAttempts.GrainRunId(spec.RunId, attempt) };
            var coordinator = grains.GetGrain<IRunCoordinatorGrain>(spec.RunId);
            await coordinator.Initialise(spec.ToJson());
            var rows = new List<TickRow>(spec.Ticks);
            var chunk = Math.Max(1, spec.Parameters.EpochTicks);
            try
            {
                while (rows.Count < spec.Ticks)
                {
                    cancel.ThrowIfCancellationRequested();
                    var batch = await coordinator.Advance(chunk);
                    if (batch.Length == 0) throw new InvalidOperationException($"run {spec.RunId} stopped at tick {rows.Count}");
                    rows.AddRange(batch);
                    Interlocked.Add(ref subjectTicks, (long)batch.Length * spec.Population.Subjects);
                }
            }
            catch
            {
                // best effort: a failed attempt's surviving grains are released without waiting on dead silos
                _ = coordinator.Release().ContinueWith(r => _ = r.Exception, TaskScheduler.Default);
                throw;
            }
            try
            {
                await coordinator.Release();
            }
            catch (Exception e) when (RunAttempts.IsAttemptLost(e))
            {
                // the rows are complete; grains left on a lost silo are gone anyway, others are collected when idle
            }
            return new RunResult(key, rows);
        }

        foreach (var slot in slots)
        {
            var result = await slot.Task.WaitAsync(cancel);
            sink(result);
            done++;
            progress?.Report(new ExperimentProgress(done, keys.Count, Interlocked.Read(ref subjectTicks), clock.Elapsed));
        }
        await launcher;
    }
}
