using System.Text.Json.Nodes;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Design;

/// <summary>The journaled partial folder: an interrupted write resumed gives the same bytes; mismatches and leftovers are refused.</summary>
public sealed class ResumeTests : IDisposable
{
    private static readonly string[] Files = ["timeseries.csv", "runs.csv", "summary.csv", "scenarios.csv", "robustness.csv"];
    private readonly DesignFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static RunResult Run(RunKey key) => DesignFixture.Synthetic(key, 3, (k, m) => (k.Index + 1) * 1000 + m * 7 + k.Replicate);

    private Experiment Sweep() => _f.Load("resume", """, "sweep": { "parameters": { "hallucination_rate": [0.01, 0.03] } }""", replicates: 3);

    [Theory]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(11, true)]
    public void AnInterruptedWriteResumedIsByteIdenticalToAnUninterruptedOne(int before, bool tornTail)
    {
        var e = Sweep();
        var plan = ExperimentRunner.Plan(e);
        var whole = Path.Combine(_f.Dir, "whole");
        using (var w = ResultWriter.Open(e, whole, 64, resume: false))
        {
            foreach (var k in plan) w.Add(Run(k));
            w.Complete(new JsonObject());
        }

        var resumed = Path.Combine(_f.Dir, "resumed");
        using (var w = ResultWriter.Open(e, resumed, 64, resume: false))
        {
            foreach (var k in plan.Take(before)) w.Add(Run(k));
        } // "killed": no Complete
        var partial = ResultWriter.PartialDirectory(resumed);
        Assert.False(Directory.Exists(resumed));
        if (tornTail)
        {
            // a run half-written when the process died: bytes after the last journaled offset, and a torn journal line
            File.AppendAllText(Path.Combine(partial, "timeseries.csv"), "resume,1,use-first,0,123,0,99");
            File.AppendAllText(Path.Combine(partial, "runs.csv"), "resume,1,use-");
            File.AppendAllText(Path.Combine(partial, ResultWriter.JournalFile), "17 99999");
        }
        using (var w = ResultWriter.Open(e, resumed, 64, resume: true))
        {
            Assert.Equal(before, w.ResumedRuns);
            foreach (var k in plan.Skip(before)) w.Add(Run(k));
            w.Complete(new JsonObject());
        }
        Assert.False(Directory.Exists(partial));
        foreach (var f in Files) Assert.Equal(File.ReadAllBytes(Path.Combine(whole, f)), File.ReadAllBytes(Path.Combine(resumed, f)));
    }

    [Fact]
    public void WithoutResumeAPartialOrAFinishedFolderIsRefusedAndAChangedExperimentCannotResume()
    {
        var e = Sweep();
        var target = Path.Combine(_f.Dir, "x");
        using (var w = ResultWriter.Open(e, target, 64, resume: false)) w.Add(Run(ExperimentRunner.KeyAt(e, 0)));
        var refused = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: false));
        Assert.Contains("--resume", refused.Message);
        Assert.Contains(".x.partial", refused.Message);

        var changed = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e with { FileSha256 = new string('0', 64) }, target, 64, resume: true));
        Assert.Contains("experiment file has changed", changed.Message);
        var cohort = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 128, resume: true));
        Assert.Contains("cohort size 64", cohort.Message);

        using (var w = ResultWriter.Open(e, target, 64, resume: true))
        {
            Assert.Equal(1, w.ResumedRuns);
            foreach (var k in ExperimentRunner.Plan(e).Skip(1)) w.Add(Run(k));
            w.Complete(new JsonObject());
        }
        var finished = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: false));
        Assert.Contains("already exists", finished.Message);
        Assert.Contains("choose another --out", finished.Message);
        var nothing = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: true));
        Assert.Contains("nothing to resume", nothing.Message);
    }

    [Fact]
    public void ResumeWithNothingToResumeStartsAFreshRun()
    {
        var e = Sweep();
        var target = Path.Combine(_f.Dir, "fresh");
        using var w = ResultWriter.Open(e, target, 64, resume: true);
        Assert.Equal(0, w.ResumedRuns);
        foreach (var k in ExperimentRunner.Plan(e)) w.Add(Run(k));
        w.Complete(new JsonObject());
        Assert.True(File.Exists(Path.Combine(target, "runs.csv")));
    }

    [Fact]
    public void RunsMustArriveInOrder()
    {
        var e = Sweep();
        using var w = ResultWriter.Open(e, Path.Combine(_f.Dir, "order"), 64, resume: false);
        Assert.Throws<InvalidOperationException>(() => w.Add(Run(ExperimentRunner.KeyAt(e, 1))));
    }
}
