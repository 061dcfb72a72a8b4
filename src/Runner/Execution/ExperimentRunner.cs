using System.Collections.Concurrent;
using System.Diagnostics;
using InfoRisk.Grains;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// Progress of an experiment, reported after every epoch of every run and after every finished run (possibly from
/// several threads). RunsDone and SubjectTicksDone include the RunsResumed runs skipped by --resume (so done/total is
/// the fraction complete; subtract RunsResumed x Ticks x subjects for this session's rate). CurrentTick is the ticks
/// done by the most advanced run in flight.
/// </summary>
public readonly record struct ExperimentProgress(int RunsDone, int RunsTotal, int RunsResumed, long SubjectTicksDone, long SubjectTicksTotal, int CurrentTick, int Ticks, TimeSpan Elapsed);

/// <summary>
/// Runs every (scenario, regime, replicate) of an experiment on the Orleans engine with bounded concurrency.
/// Each run is driven by its own coordinator grain, advanced one epoch at a time; finished runs are handed to the
/// sink strictly in run order, so the files do not depend on which run finished first. Memory is bounded: run
/// i + Window is not started before run i has been handed to the sink, so at most Window finished-or-running runs
/// are held, however many runs the experiment has.
/// </summary>
public sealed class ExperimentRunner(IGrainFactory grains, Experiment experiment, int cohortSize, int concurrency)
{
    /// <summary>What happens when a run's grains are lost (a silo died): rerun from the seed, bounded.</summary>
    public RunAttempts Attempts { get; init; } = new();

    /// <summary>Runs executing at once.</summary>
    public int Concurrency { get; } = Math.Max(1, concurrency);

    /// <summary>The reorder window: runs started but not yet written never exceed this (2 x concurrency).</summary>
    public int Window => 2 * Concurrency;

    /// <summary>For live views (the explorer): each batch of tick rows of a run as it is computed, by run key (a rerun attempt starts again at tick 0).</summary>
    public Action<RunKey, IReadOnlyList<TickRow>>? EpochRows { get; init; }

    /// <summary>For tests: replaces the Orleans execution of one run.</summary>
    internal Func<RunKey, Action<int>, CancellationToken, Task<RunResult>>? Executor { get; init; }

    /// <summary>The run with the given index: runs are ordered by scenario, then regime, then replicate.</summary>
    public static RunKey KeyAt(Experiment experiment, int index)
    {
        var perScenario = experiment.Regimes.Count * experiment.Replicates;
        var scenario = experiment.Scenarios[index / perScenario];
        var regime = experiment.Regimes[index % perScenario / experiment.Replicates];
        var replicate = experiment.FirstReplicate + (index % experiment.Replicates);
        return new RunKey(index, scenario.Index, Experiment.RegimeIn(scenario, regime), replicate, experiment.ReplicateSeed(replicate));
    }

    public static IReadOnlyList<RunKey> Plan(Experiment experiment) => [.. Enumerable.Range(0, experiment.RunCount).Select(i => KeyAt(experiment, i))];

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

    /// <summary>Runs runs firstRun.. to the end, handing each to the sink in run order (runs before firstRun were resumed).</summary>
    public async Task RunAsync(Action<RunResult> sink, IProgress<ExperimentProgress>? progress, CancellationToken cancel, int firstRun = 0)
    {
        var total = experiment.RunCount;
        var subjectTicksPerRun = (long)experiment.Ticks * experiment.Population.Subjects;
        var clock = Stopwatch.StartNew();
        var subjectTicks = firstRun * subjectTicksPerRun;
        var done = firstRun;
        var active = new ConcurrentDictionary<int, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var gate = new SemaphoreSlim(Concurrency);
        var nonce = Guid.NewGuid().ToString("N")[..12]; // grain identity only: never enters a result

        void Report() => progress?.Report(new ExperimentProgress(Volatile.Read(ref done), total, firstRun, Interlocked.Read(ref subjectTicks),
            total * subjectTicksPerRun, active.IsEmpty ? (Volatile.Read(ref done) > firstRun ? experiment.Ticks : 0) : active.Values.DefaultIfEmpty(0).Max(), experiment.Ticks, clock.Elapsed));

        async Task<RunResult> Start(int index)
        {
            await gate.WaitAsync(stop.Token);
            try
            {
                var key = KeyAt(experiment, index);
                active[index] = 0;
                void EpochDone(int ticks)
                {
                    var before = active.TryGetValue(index, out var b) ? b : 0;
                    active[index] = ticks;
                    Interlocked.Add(ref subjectTicks, (ticks - before) * (long)experiment.Population.Subjects);
                    Report();
                }
                return Executor is { } fake ? await fake(key, EpochDone, stop.Token) : await ExecuteAsync(key, nonce, EpochDone, stop.Token);
            }
            finally
            {
                active.TryRemove(index, out _);
                gate.Release();
            }
        }

        var pending = new Queue<Task<RunResult>>();
        var next = firstRun;
        try
        {
            while (next < total && pending.Count < Window) pending.Enqueue(Start(next++));
            while (pending.Count > 0)
            {
                var result = await pending.Dequeue().WaitAsync(stop.Token);
                sink(result);
                Interlocked.Increment(ref done);
                Report();
                if (next < total) pending.Enqueue(Start(next++));
            }
        }
        catch
        {
            await stop.CancelAsync();
            foreach (var t in pending)
            {
                try { await t; }
                catch (Exception) { /* the first failure is the one reported */ }
            }
            throw;
        }
    }

    /// <summary>Runs one run to its result on a coordinator grain, one epoch at a time; epochDone gets the ticks done so far.</summary>
    public Task<RunResult> ExecuteAsync(RunKey key, string nonce, Action<int>? epochDone, CancellationToken cancel) =>
        // a run whose grains are lost (a silo died) is rerun from its seed under fresh grain identities: see RunAttempts
        Attempts.ExecuteAsync($"{key.Index} ({key.Regime.Name}, scenario {key.Scenario}, replicate {key.Replicate})",
            attempt => ExecuteAttemptAsync(key, nonce, attempt, epochDone, cancel), cancel);

    private async Task<RunResult> ExecuteAttemptAsync(RunKey key, string nonce, int attempt, Action<int>? epochDone, CancellationToken cancel)
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
                EpochRows?.Invoke(key, batch);
                epochDone?.Invoke(rows.Count);
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
        return new RunResult(key, rows, experiment.WarmupTicks);
    }
}
