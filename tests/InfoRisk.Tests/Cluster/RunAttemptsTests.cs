using InfoRisk.Grains;
using InfoRisk.Runner.Execution;
using InfoRisk.Silo;

namespace InfoRisk.Tests.Cluster;

/// <summary>The retry policy on its own: which failures are retried, how many times, and what it says.</summary>
public sealed class RunAttemptsTests
{
    private static RunAttempts Policy(List<string> notices, int max = 5) => new()
    {
        MaxAttempts = max,
        Backoff = _ => TimeSpan.Zero,
        Notice = notices.Add,
    };

    [Fact]
    public async Task LostAttemptsAreRetriedWithFreshAttemptNumbersUntilOneSucceeds()
    {
        var notices = new List<string>();
        var seen = new List<int>();
        var result = await Policy(notices).ExecuteAsync("7", attempt =>
        {
            seen.Add(attempt);
            return attempt switch
            {
                0 => throw new RunStateLostException("subject cohort x/s1 has no run state"),
                1 => throw new AggregateException(new SiloUnavailableException("silo gone")),
                _ => Task.FromResult(42),
            };
        }, CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(2, notices.Count);
        Assert.Contains("run 7 attempt 1 lost (RunStateLostException", notices[0], StringComparison.Ordinal);
        Assert.Contains("attempt 3 of 5", notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherFailuresAreNotRetried()
    {
        var notices = new List<string>();
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => Policy(notices).ExecuteAsync<int>("1", _ =>
        {
            calls++;
            throw new InvalidOperationException("a bug");
        }, CancellationToken.None));
        Assert.Equal(1, calls);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task GivesUpAfterTheLastAttemptWithAClearMessage()
    {
        var notices = new List<string>();
        var calls = 0;
        var e = await Assert.ThrowsAsync<RunLostException>(() => Policy(notices, max: 3).ExecuteAsync<int>("5", _ =>
        {
            calls++;
            throw new TimeoutException("no answer");
        }, CancellationToken.None));
        Assert.Equal(3, calls);
        Assert.Contains("run 5 failed 3 times", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, notices.Count);
    }

    [Fact]
    public void RetriesUseFreshGrainIdentities()
    {
        Assert.Equal("exp/abc/3", RunAttempts.GrainRunId("exp/abc/3", 0));
        var ids = Enumerable.Range(0, 5).Select(a => RunAttempts.GrainRunId("exp/abc/3", a)).ToArray();
        Assert.Equal(5, ids.Distinct().Count());
    }

    [Fact]
    public void SettingsNeverDescribeTheirSecretsAndRejectBadAddresses()
    {
        var settings = new ClusterSettings { Redis = "redis://:hunter2-secret@10.0.0.5:6380", ClusterId = "c1" };
        Assert.Equal("redis://10.0.0.5:6380 cluster=c1 service=inforisk", settings.Describe());
        Assert.Equal("hunter2-secret", settings.RedisOptions().Password);
        Assert.Empty(settings.Problems());

        var bad = new ClusterSettings { Redis = "http://:hunter2-secret@host:1", SiloPort = 70_000, TlsCertificateFile = "/nonexistent/cluster.pfx" };
        var problems = bad.Problems();
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("expected redis://HOST:PORT", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--silo-port 70000", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("--tls-cert", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("hunter2", StringComparison.Ordinal));
    }
}
