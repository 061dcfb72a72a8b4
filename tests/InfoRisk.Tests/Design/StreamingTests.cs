using System.Collections.Concurrent;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Design;

/// <summary>
/// Streaming and bounded memory: runs reach the sink in run order whatever order they finish in, and run i + Window
/// is never started before run i has been written, so the results held at once do not grow with the run count.
/// </summary>
public sealed class StreamingTests : IDisposable
{
    private readonly DesignFixture _f = new();

    public void Dispose() => _f.Dispose();

    private sealed class Probe
    {
        public int Written;
        public int Alive;
        public int MaxAlive;
        public readonly ConcurrentBag<string> Violations = [];
        public readonly List<int> Order = [];
    }

    private static async Task<Probe> RunFake(InfoRisk.Runner.Experiments.Experiment e, int concurrency, IProgress<ExperimentProgress>? progress = null)
    {
        var probe = new Probe();
        var runner = new ExperimentRunner(null!, e, 64, concurrency)
        {
            Executor = async (key, epoch, cancel) =>
            {
                var alive = Interlocked.Increment(ref probe.Alive);
                InterlockedMax(ref probe.MaxAlive, alive);
                var written = Volatile.Read(ref probe.Written);
                if (key.Index >= written + 2 * concurrency) probe.Violations.Add($"run {key.Index} started when only {written} were written");
                // later runs finish first: a pseudo-random delay that favours reverse order within a window
                await Task.Delay(1 + (int)((ulong)(key.Index * 7919) % 5) + (key.Index % 3 == 0 ? 6 : 0), cancel);
                epoch(e.Ticks / 2);
                epoch(e.Ticks);
                return DesignFixture.Synthetic(key, 2, (k, m) => k.Index);
            },
        };
        await runner.RunAsync(r =>
        {
            probe.Order.Add(r.Key.Index);
            Interlocked.Decrement(ref probe.Alive);
            Interlocked.Increment(ref probe.Written);
        }, progress, CancellationToken.None);
        return probe;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task RunsAreWrittenInOrderAndTheHeldRunsAreBoundedByTheWindowWhateverTheRunCount(int concurrency)
    {
        var small = _f.Load("small", replicates: 4);     // 3 regimes x 4 = 12 runs
        var large = _f.Load("large", replicates: 60);    // 3 regimes x 60 = 180 runs
        var a = await RunFake(small, concurrency);
        var b = await RunFake(large, concurrency);
        Assert.Equal(Enumerable.Range(0, small.RunCount), a.Order);
        Assert.Equal(Enumerable.Range(0, large.RunCount), b.Order);
        Assert.Empty(a.Violations);
        Assert.Empty(b.Violations);
        // at most Window = 2 x concurrency runs are alive (running or finished but unwritten), for 12 runs as for 180
        Assert.InRange(b.MaxAlive, 1, 2 * concurrency);
        Assert.InRange(a.MaxAlive, 1, 2 * concurrency);
    }

    [Fact]
    public async Task ProgressCountsRunsAndEpochsAndTheMostAdvancedRun()
    {
        var e = _f.Load("progress", replicates: 4, ticks: 20);
        var reports = new ConcurrentQueue<ExperimentProgress>();
        await RunFake(e, 2, new SyncProgress(reports.Enqueue));
        var all = reports.ToList();
        Assert.All(all, p => Assert.Equal((e.RunCount, 0, 20, (long)e.RunCount * 20 * 600), (p.RunsTotal, p.RunsResumed, p.Ticks, p.SubjectTicksTotal)));
        // one report per epoch (2 per run) and one per finished run
        Assert.Equal(3 * e.RunCount, all.Count);
        Assert.Equal(e.RunCount, all.Max(p => p.RunsDone));
        Assert.Equal((long)e.RunCount * 20 * 600, all.Max(p => p.SubjectTicksDone));
        Assert.Contains(all, p => p.CurrentTick == 20);
        Assert.Contains(all, p => p.CurrentTick == 10);
        Assert.All(all, p => Assert.InRange(p.CurrentTick, 0, 20));
    }

    private sealed class SyncProgress(Action<ExperimentProgress> report) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => report(value);
    }

    [Fact]
    public async Task AFailedRunStopsTheExperimentAndKeepsTheWrittenRunsForResume()
    {
        var e = _f.Load("failing", replicates: 4);
        var target = Path.Combine(_f.Dir, "failing-out");
        using (var writer = ResultWriter.Open(e, target, 64, resume: false))
        {
            var runner = new ExperimentRunner(null!, e, 64, 2)
            {
                Executor = (key, epoch, cancel) => key.Index == 5
                    ? throw new InvalidOperationException("silo lost")
                    : Task.FromResult(DesignFixture.Synthetic(key, e.Ticks, (k, m) => k.Index * 10 + m)),
            };
            var x = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(writer.Add, null, CancellationToken.None));
            Assert.Equal("silo lost", x.Message);
        }
        Assert.False(Directory.Exists(target));
        var (_, last) = ResultWriter.ReadJournal(Path.Combine(ResultWriter.PartialDirectory(target), ResultWriter.JournalFile));
        Assert.Equal(4, last[^1].Run); // runs 0..4 were written before run 5 failed
        var lines = File.ReadAllLines(Path.Combine(ResultWriter.PartialDirectory(target), "runs.csv"));
        Assert.Equal(1 + 5, lines.Length);
        Assert.Equal(Metric.Count, lines[0].Split(',').Count(h => Metric.IndexOf(h) >= 0));
    }
}
