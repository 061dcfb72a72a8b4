using System.Text.RegularExpressions;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Engine;

/// <summary>The bench command: its summary line, its agreement check and its refusal of bad options.</summary>
/// <remarks>Runs alone (no other test in parallel), because the bench measures the process's managed heap.</remarks>
[Collection(PerfBenchCollection.Name)]
public sealed partial class PerfBenchTests
{
    [GeneratedRegex(@"^subject_ticks_per_s=(\d+) engine_vs_plain_cpu=(\d+\.\d{3}) speedup=(\d+\.\d{3}) bytes_per_subject=(\d+\.\d) bytes_per_subject_mid_run=(\d+\.\d) reference_vs_plain_cpu=(\d+\.\d{3})$")]
    private static partial Regex SummaryLine();

    [Fact]
    public async Task SmallBench_AgreesAndEndsWithTheSummaryLine()
    {
        // the bench measures this process's managed heap: wait until what earlier test classes left behind (silos
        // shutting down, servers stopping) has been released, or a heap that shrinks under it makes the figures negative
        await QuietHeapAsync();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BenchCommand.ExecuteAsync(new BenchOptions { Subjects = 20_000, Ticks = 35, NoWarmup = true, CohortSize = 4_096 }, output, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.StartsWith("check: engine and plain loop agree", StringComparison.Ordinal));
        var match = SummaryLine().Match(lines[^1]);
        Assert.True(match.Success, $"last line: {lines[^1]}");
        Assert.True(long.Parse(match.Groups[1].Value) > 0);
        // 20,000 subjects hold at least the per-subject arrays (about 60 bytes) and far less than a kilobyte each
        var bytes = double.Parse(match.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(bytes, 40, 1_000);
        Assert.Contains("6,000 users", lines[0], StringComparison.Ordinal); // 0.3 users per subject by default
        // the third row: the per-tick reference sampler, as a plain loop
        Assert.Contains(lines, l => l.StartsWith("per-tick reference", StringComparison.Ordinal));
        Assert.InRange(double.Parse(match.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture), 40, 2_000);
    }

    /// <summary>Full collections until two readings 0.5 s apart differ by less than 1 MB (at most 15 s).</summary>
    private static async Task QuietHeapAsync()
    {
        static long Settled()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            return GC.GetTotalMemory(forceFullCollection: false);
        }
        var last = Settled();
        for (var k = 0; k < 30; k++)
        {
            await Task.Delay(500);
            var now = Settled();
            if (Math.Abs(now - last) < 1 << 20) return;
            last = now;
        }
    }

    [Theory]
    [InlineData(0, 365, "precautionary", null, "--subjects")]
    [InlineData(1_000, 0, "precautionary", null, "--ticks")]
    [InlineData(1_000, 10, "laissez-faire", null, "--regime")]
    [InlineData(1_000, 10, "precautionary", 2_000, "--users")]
    public async Task BadOptions_AreRefusedWithExitCode2AndTheOptionNamed(int subjects, int ticks, string regime, int? users, string option)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await BenchCommand.ExecuteAsync(new BenchOptions { Subjects = subjects, Ticks = ticks, Regime = regime, Users = users }, output, error, CancellationToken.None);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"error: {option}:", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void FirstDifference_FindsTheFirstDifferingValue_AndNullWhenEqual()
    {
        TickRow Row(int tick, long value)
        {
            var v = new long[Metric.Count];
            v[Metric.ClaimsFiled] = value;
            return new TickRow(tick, v);
        }
        TickRow[] a = [Row(0, 1), Row(1, 2)];
        Assert.Null(BenchCommand.FirstDifference(a, [Row(0, 1), Row(1, 2)]));
        var difference = BenchCommand.FirstDifference(a, [Row(0, 1), Row(1, 3)]);
        Assert.NotNull(difference);
        Assert.Contains("tick 1", difference, StringComparison.Ordinal);
        Assert.Contains(Metric.All[Metric.ClaimsFiled].Name, difference, StringComparison.Ordinal);
        Assert.NotNull(BenchCommand.FirstDifference(a, [Row(0, 1)]));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PerfBenchCollection
{
    public const string Name = "bench (not in parallel)";
}
