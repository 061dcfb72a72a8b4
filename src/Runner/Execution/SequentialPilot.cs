using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Execution;

/// <summary>What a sequential run decided: the replicate count, every look, and the runs in the final experiment's run order.</summary>
public sealed record SequentialOutcome(int Replicates, IReadOnlyList<SequentialLook> Looks, IReadOnlyList<string> Comparisons, IReadOnlyList<RunResult> Runs);

/// <summary>
/// Sequential replicates (docs/experiments.md §2, docs/statistics.md "Sequential replicates"): runs the minimum number of
/// paired replicates, then batches, until every stated paired difference from the baseline has a 95% CI half-width at
/// most the target or the maximum is reached. Replicate r has the seed it has in a fixed-count experiment, so the runs
/// kept are exactly those an experiment with the decided count makes: they are written as such, without running again.
/// </summary>
public static class SequentialPilot
{
    /// <summary>The memory the kept runs may take at the maximum replicate count, in bytes (their tick rows).</summary>
    public static long MemoryAtMaximum(Experiment experiment) =>
        (long)experiment.Scenarios.Count * experiment.Regimes.Count * experiment.Sequential!.Rule.Maximum * experiment.Ticks * ((Metric.Count * sizeof(long)) + 32);

    /// <summary>The comparisons the rule watches, in order: scenario, regime (other than the baseline), metric.</summary>
    public static List<(int Scenario, int Regime, MetricDefinition Metric)> Comparisons(Experiment experiment)
    {
        var baseline = Baseline(experiment);
        return [.. from s in Enumerable.Range(0, experiment.Scenarios.Count)
                   from g in Enumerable.Range(0, experiment.Regimes.Count)
                   where g != baseline
                   from m in experiment.Sequential!.Metrics
                   select (s, g, m)];
    }

    /// <summary>Runs batches on <paramref name="grains"/> until the rule stops; <paramref name="report"/> gets one line per look.</summary>
    public static async Task<SequentialOutcome> RunAsync(Func<Experiment, ExperimentRunner> runnerFor, Experiment experiment, Action<string>? report, CancellationToken cancel)
    {
        var plan = experiment.Sequential ?? throw new ArgumentException("the experiment has no sequential replicates", nameof(experiment));
        var rule = plan.Rule;
        rule.Validate();
        var regimeIndex = experiment.Regimes.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var baseline = Baseline(experiment);
        var comparisons = Comparisons(experiment);
        var columns = comparisons.Select(_ => new List<double>()).ToArray();
        var runs = new Dictionary<(int Scenario, int Regime, int Replicate), RunResult>();
        var looks = new List<SequentialLook>();
        var have = 0;
        var target = rule.Minimum;
        while (true)
        {
            var batch = experiment with { Replicates = target - have, FirstReplicate = have };
            await runnerFor(batch).RunAsync(run => runs[(run.Key.Scenario, regimeIndex[run.Key.Regime.Name], run.Key.Replicate)] = run, null, cancel);
            for (var r = have; r < target; r++)
            {
                var totals = new Dictionary<(int, int), long[]>();
                long[] Totals(int s, int g) => totals.TryGetValue((s, g), out var t) ? t : totals[(s, g)] = runs[(s, g, r)].Totals();
                for (var c = 0; c < comparisons.Count; c++)
                {
                    var (s, g, m) = comparisons[c];
                    columns[c].Add(TickRow.AsDouble(m.Index, Totals(s, g)[m.Index]) - TickRow.AsDouble(m.Index, Totals(s, baseline)[m.Index]));
                }
            }
            have = target;
            var look = SequentialReplicates.Look(rule, columns);
            looks.Add(look);
            var widest = look.HalfWidths.Select((w, i) => (w, i)).MaxBy(x => x.w);
            report?.Invoke($"replicates: {have}: widest 95% half-width {widest.w:N0} ({Describe(experiment, comparisons[widest.i])}), target {rule.TargetHalfWidth:N0}: "
                + look.Verdict switch
                {
                    SequentialVerdict.Continue => $"adding replicates up to {look.NextReplicates}",
                    SequentialVerdict.MaximumReached => $"stopping at the maximum, {rule.Maximum}, above target",
                    _ => "every difference is within target; stopping",
                });
            if (look.Stop) break;
            target = look.NextReplicates;
        }
        var final = experiment with { Replicates = have, FirstReplicate = 0 };
        var ordered = new RunResult[final.RunCount];
        for (var i = 0; i < ordered.Length; i++)
        {
            var key = ExperimentRunner.KeyAt(final, i);
            ordered[i] = runs[(key.Scenario, regimeIndex[key.Regime.Name], key.Replicate)] with { Key = key };
        }
        return new SequentialOutcome(have, looks, [.. comparisons.Select(c => Describe(experiment, c))], ordered);
    }

    private static int Baseline(Experiment experiment) =>
        experiment.Regimes.Select((r, i) => (r.Name, i)).First(x => x.Name == experiment.Baseline).i;

    private static string Describe(Experiment experiment, (int Scenario, int Regime, MetricDefinition Metric) c) =>
        $"{experiment.Regimes[c.Regime].Name} - {experiment.Baseline}, {c.Metric.Name}{(experiment.Scenarios.Count > 1 ? $", scenario {c.Scenario}" : "")}";
}
