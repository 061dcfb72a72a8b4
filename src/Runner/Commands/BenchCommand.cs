using System.Diagnostics;
using System.Globalization;
using InfoRisk.Grains;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Execution;

namespace InfoRisk.Runner.Commands;

/// <summary>Settings of the bench command.</summary>
public sealed record BenchOptions
{
    public int Subjects { get; init; } = 1_000_000;
    public int Ticks { get; init; } = 365;
    public string Regime { get; init; } = "precautionary";

    /// <summary>Users; null: 0.3 per subject, as in the headline experiment.</summary>
    public int? Users { get; init; }
    public int Providers { get; init; } = 3;
    public int Deployers { get; init; } = 20;

    /// <summary>Subjects per cohort grain; null: the engine's default.</summary>
    public int? CohortSize { get; init; }
    public ulong Seed { get; init; } = 1;

    /// <summary>Measure only one engine: "engine" or "plain" (for profiling and the scaling table); null: both.</summary>
    public string? Only { get; init; }

    /// <summary>Skip the small warm-up run of both engines (JIT, thread pool) before measuring.</summary>
    public bool NoWarmup { get; init; }
}

/// <summary>What one engine did in one measured run.</summary>
public sealed record BenchMeasurement
{
    public required string Engine { get; init; }
    public required TimeSpan SetupWall { get; init; }
    public required TimeSpan TicksWall { get; init; }
    public required TimeSpan Cpu { get; init; }
    public required long BytesAfterSetup { get; init; }

    /// <summary>Managed memory held half-way through the ticks (event calendars, harm queues, pending requests at their typical size).</summary>
    public required long BytesMidRun { get; init; }
    public required long Gen0Collections { get; init; }
    public required long AllocatedBytes { get; init; }
    public required TickRow[] Rows { get; init; }

    public TimeSpan Wall => SetupWall + TicksWall;
}

/// <summary>
/// The benchmark: the full model on the same seed twice, once on the Orleans engine (an embedded silo using every
/// core) and once as the plain single-threaded loop (<see cref="PlainRun"/>), checks that both give the same
/// metric rows, and prints a table and then one machine-readable line.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the run the benchmark measures; fails with a clear message when an option is out of range.</summary>
    public static RunSpec Spec(BenchOptions o)
    {
        static void Check(bool ok, string option, string message)
        {
            if (!ok) throw new BenchOptionException($"{option}: {message}");
        }
        Check(o.Subjects >= 1, "--subjects", $"{o.Subjects} is not allowed; allowed: 1 to 2,000,000,000");
        Check(o.Ticks >= 1 && o.Ticks <= 65_535, "--ticks", $"{o.Ticks} is not allowed; allowed: 1 to 65535");
        Check(RegimeCatalog.IsBuiltIn(o.Regime), "--regime", $"unknown regime '{o.Regime}'; allowed: {string.Join(", ", RegimeCatalog.BuiltInNames)}");
        var users = o.Users ?? (int)(o.Subjects * 0.3);
        Check(users >= 0 && users <= o.Subjects, "--users", $"{users} is not allowed; allowed: 0 to the number of subjects ({o.Subjects}), since every user is also a subject");
        Check(o.Providers >= 1 && o.Providers <= 20, "--providers", $"{o.Providers} is not allowed; allowed: 1 to 20");
        Check(o.Deployers >= 0 && o.Deployers <= 1000, "--deployers", $"{o.Deployers} is not allowed; allowed: 0 to 1000");
        var defaults = new RunSpec();
        var cohortSize = o.CohortSize ?? defaults.CohortSize;
        Check(cohortSize >= 64, "--cohort-size", $"{cohortSize} is too small; allowed: 64 or more");
        Check(o.Only is null or "engine" or "plain" or "reference", "--only", $"'{o.Only}' is not allowed; allowed: engine, plain, reference");
        return new RunSpec
        {
            RunId = "bench",
            Seed = o.Seed,
            Ticks = o.Ticks,
            CohortSize = cohortSize,
            Population = new Population { Subjects = o.Subjects, Users = users, Providers = o.Providers, Deployers = o.Deployers },
            Regime = RegimeCatalog.Get(o.Regime),
        };
    }

    public static async Task<int> ExecuteAsync(BenchOptions options, TextWriter output, TextWriter error, CancellationToken cancel)
    {
        RunSpec spec;
        try
        {
            spec = Spec(options);
        }
        catch (BenchOptionException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        var p = spec.Population;
        await output.WriteLineAsync($"bench: {p.Subjects:N0} subjects, {p.Users:N0} users, {p.Providers} providers, {p.Deployers} deployers, "
            + $"{spec.Ticks} ticks, regime {spec.Regime.Name}, seed {spec.Seed}, cohort size {spec.CohortSize:N0} ({spec.SubjectCohorts} subject cohorts), "
            + $"{Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        var wantEngine = options.Only is null or "engine";
        var wantPlain = options.Only is null or "plain";
        var wantReference = options.Only is null or "reference";
        var reference = spec with { PerTickReference = true };
        await using var engine = await Engine.StartEmbeddedAsync(cancel);
        if (!options.NoWarmup)
        {
            // JIT and thread pool warm-up on a small run of the same shape; not measured
            var warm = spec with { RunId = "bench-warmup", Ticks = Math.Min(spec.Ticks, 31), Population = p with { Subjects = Math.Min(p.Subjects, 20_000), Users = Math.Min(p.Users, 6_000) }, CohortSize = Math.Min(spec.CohortSize, 4_096) };
            // three rounds with pauses: the JIT's background re-compilation (tiered compilation, dynamic PGO) of the
            // model and of Orleans' message paths must be done before measuring, or it is charged to the first engine
            for (var round = 0; round < 3; round++)
            {
                if (wantEngine) await MeasureEngineAsync(engine.Grains, warm, cancel);
                if (wantPlain) await MeasurePlainAsync(warm);
                if (wantReference) await MeasurePlainAsync(warm with { PerTickReference = true });
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancel);
            }
        }

        var measured = new List<BenchMeasurement>();
        if (wantEngine) measured.Add(await MeasureEngineAsync(engine.Grains, spec, cancel));
        if (wantPlain) measured.Add(await MeasurePlainAsync(spec));
        // the per-tick reference sampler (docs/model.md §8), as a plain loop: what event skipping saves
        if (wantReference) measured.Add(await MeasurePlainAsync(reference));

        var subjectTicks = (double)p.Subjects * spec.Ticks;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"engine",-22}{"setup s",10}{"ticks s",10}{"wall s",10}{"cpu s",10}{"cpu/wall",10}{"ns/subj-tick",14}{"subj-ticks/s",16}{"bytes/subj",12}{"mid-run",10}{"gen0 GCs",10}{"alloc MB",10}");
        foreach (var m in measured)
        {
            await output.WriteLineAsync($"{m.Engine,-22}{m.SetupWall.TotalSeconds,10:F2}{m.TicksWall.TotalSeconds,10:F2}{m.Wall.TotalSeconds,10:F2}{m.Cpu.TotalSeconds,10:F2}"
                + $"{m.Cpu.TotalSeconds / m.Wall.TotalSeconds,10:F2}{m.Wall.TotalSeconds * 1e9 / subjectTicks,14:F1}{subjectTicks / m.Wall.TotalSeconds,16:N0}"
                + $"{(double)m.BytesAfterSetup / p.Subjects,12:F1}{(double)m.BytesMidRun / p.Subjects,10:F1}{m.Gen0Collections,10}{m.AllocatedBytes / 1e6,10:F0}");
        }
        if (options.Only is not null)
        {
            await output.WriteLineAsync($"only the {options.Only} run was measured (--only): no comparison");
            return ExitCodes.Ok;
        }
        var onEngine = measured[0];
        var plain = measured[1];
        var mismatch = FirstDifference(onEngine.Rows, plain.Rows);
        var totals = Totals(onEngine.Rows);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"totals over {spec.Ticks} ticks (engine): records collected {totals[Metric.RecordsCollected]:N0}, harm {TickRow.Format(MetricKind.Yuan, totals[Metric.HarmTotalYuan])} yuan, "
            + $"claims filed {totals[Metric.ClaimsFiled]:N0}, compensation {TickRow.Format(MetricKind.Yuan, totals[Metric.CompensationYuan])} yuan");
        if (mismatch is not null)
        {
            await error.WriteLineAsync($"error: the engine and the plain loop differ: {mismatch}");
            return ExitCodes.Failure;
        }
        await output.WriteLineAsync($"check: engine and plain loop agree on all {Metric.Count} metrics at every one of the {spec.Ticks} ticks");

        var line = string.Create(CultureInfo.InvariantCulture,
            $"subject_ticks_per_s={subjectTicks / onEngine.Wall.TotalSeconds:F0} engine_vs_plain_cpu={onEngine.Cpu.TotalSeconds / plain.Cpu.TotalSeconds:F3} "
            + $"speedup={plain.Wall.TotalSeconds / onEngine.Wall.TotalSeconds:F3} bytes_per_subject={(double)onEngine.BytesAfterSetup / p.Subjects:F1} bytes_per_subject_mid_run={(double)onEngine.BytesMidRun / p.Subjects:F1} "
            + $"reference_vs_plain_cpu={measured[2].Cpu.TotalSeconds / plain.Cpu.TotalSeconds:F3}");
        await output.WriteLineAsync(line);
        return ExitCodes.Ok;
    }

    /// <summary>The run on the Orleans engine: a coordinator grain driving cohort, provider and deployer grains.</summary>
    public static async Task<BenchMeasurement> MeasureEngineAsync(IGrainFactory grains, RunSpec spec, CancellationToken cancel)
    {
        var runId = $"{spec.RunId}/{Guid.NewGuid():N}"; // grain identity only
        var runSpec = spec with { RunId = runId };
        var coordinator = grains.GetGrain<IRunCoordinatorGrain>(runId);
        var measurement = await MeasureAsync("orleans (embedded)", spec.Ticks, () => coordinator.Initialise(runSpec.ToJson()), async ticks =>
        {
            var rows = new List<TickRow>(ticks);
            var chunk = Math.Max(1, spec.Parameters.EpochTicks);
            while (rows.Count < ticks)
            {
                cancel.ThrowIfCancellationRequested();
                var batch = await coordinator.Advance(Math.Min(chunk, ticks - rows.Count));
                if (batch.Length == 0) throw new InvalidOperationException($"the engine stopped at tick {rows.Count}");
                rows.AddRange(batch);
            }
            return [.. rows];
        });
        await coordinator.Release();
        return measurement;
    }

    /// <summary>The same run as a plain loop on this thread, without Orleans.</summary>
    public static Task<BenchMeasurement> MeasurePlainAsync(RunSpec spec) => Task.Run(async () =>
    {
        RunProtocol? protocol = null;
        return await MeasureAsync(spec.PerTickReference ? "per-tick reference" : "plain loop (1 thread)", spec.Ticks, () =>
        {
            protocol = new RunProtocol(spec, new PlainRunParts(spec));
            return protocol.InitialiseAsync();
        }, ticks => protocol!.AdvanceAsync(ticks));
    });

    /// <summary>
    /// Times one run in two parts, setup and ticks, with the CPU, collections and allocation of each; the managed memory
    /// held after setup is measured between them, and again half-way through the ticks (its forced collections are charged
    /// to neither part).
    /// </summary>
    private static async Task<BenchMeasurement> MeasureAsync(string engine, int ticks, Func<Task> setUp, Func<int, Task<TickRow[]>> advance)
    {
        var baseline = Settle();
        var before = Counters();
        var clock = Stopwatch.StartNew();
        await setUp();
        var setup = clock.Elapsed;
        var afterSetup = Counters();
        var held = Settle() - baseline;
        var beforeTicks = Counters();
        clock.Restart();
        var firstHalf = await advance(ticks / 2);
        var paused = clock.Elapsed;
        var beforeMidRun = Counters();
        var midRun = Settle() - baseline;
        var afterMidRun = Counters();
        clock.Restart();
        TickRow[] rows = [.. firstHalf, .. await advance(ticks - ticks / 2)];
        var ticksWall = paused + clock.Elapsed;
        var after = Counters();
        // the collections of the mid-run measurement are charged to no part
        after = (after.Cpu - (afterMidRun.Cpu - beforeMidRun.Cpu), after.Gen0 - (afterMidRun.Gen0 - beforeMidRun.Gen0), after.Allocated - (afterMidRun.Allocated - beforeMidRun.Allocated));
        return new BenchMeasurement
        {
            Engine = engine,
            SetupWall = setup,
            TicksWall = ticksWall,
            Cpu = afterSetup.Cpu - before.Cpu + (after.Cpu - beforeTicks.Cpu),
            BytesAfterSetup = held,
            BytesMidRun = midRun,
            Gen0Collections = afterSetup.Gen0 - before.Gen0 + (after.Gen0 - beforeTicks.Gen0),
            AllocatedBytes = afterSetup.Allocated - before.Allocated + (after.Allocated - beforeTicks.Allocated),
            Rows = rows,
        };
    }

    /// <summary>Managed memory in use after a full, compacting collection.</summary>
    private static long Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private static (TimeSpan Cpu, long Gen0, long Allocated) Counters()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, GC.CollectionCount(0), GC.GetTotalAllocatedBytes(precise: false));
    }

    /// <summary>Column-wise sums of the rows (flows summed over ticks; stocks too, which is still a fair checksum).</summary>
    public static long[] Totals(IReadOnlyList<TickRow> rows)
    {
        var sums = new long[Metric.Count];
        foreach (var r in rows)
        {
            for (var m = 0; m < Metric.Count; m++) sums[m] += r.Values[m];
        }
        return sums;
    }

    /// <summary>The first difference between two runs' rows, or null when every value of every tick is equal.</summary>
    public static string? FirstDifference(IReadOnlyList<TickRow> a, IReadOnlyList<TickRow> b)
    {
        if (a.Count != b.Count) return $"{a.Count} ticks against {b.Count}";
        for (var t = 0; t < a.Count; t++)
        {
            for (var m = 0; m < Metric.Count; m++)
            {
                if (a[t].Values[m] != b[t].Values[m])
                    return $"tick {a[t].Tick}, {Metric.All[m].Name}: {a[t].Values[m]} against {b[t].Values[m]}";
            }
        }
        return null;
    }
}

/// <summary>A bench option out of range.</summary>
public sealed class BenchOptionException(string message) : Exception(message);
