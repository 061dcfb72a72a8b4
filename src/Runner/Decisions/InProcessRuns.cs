using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Decisions;

/// <summary>
/// Runs an experiment on an engine and keeps only each run's totals (docs/outputs.md §4: flows summed and stocks averaged over the ticks after the warm-up),
/// as the decision commands need them: attribute's coalitions and optimize's candidates. Replicate r has the same seed
/// under every regime (common random numbers).
/// </summary>
public static class InProcessRuns
{
    /// <summary>Totals[scenario][regime][replicate][metric], raw (fen for money; see <see cref="TickRow.AsDouble"/>).</summary>
    public static async Task<long[][][][]> RunAsync(Engine engine, Experiment experiment, int concurrency, TextWriter? progress, CancellationToken cancel)
    {
        var totals = new long[experiment.Scenarios.Count][][][];
        for (var s = 0; s < totals.Length; s++)
        {
            totals[s] = new long[experiment.Regimes.Count][][];
            for (var g = 0; g < experiment.Regimes.Count; g++) totals[s][g] = new long[experiment.Replicates][];
        }
        var index = experiment.Regimes.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var runner = new ExperimentRunner(engine.Grains, experiment, experiment.CohortSize, concurrency);
        var done = 0;
        await runner.RunAsync(run =>
        {
            var key = run.Key;
            totals[key.Scenario][index[key.Regime.Name]][key.Replicate] = run.Totals();
            done++;
            if (progress is not null && (done % Math.Max(1, experiment.RunCount / 10) == 0 || done == experiment.RunCount))
                progress.WriteLine($"  {done} of {experiment.RunCount} runs");
        }, null, cancel);
        return totals;
    }

    /// <summary>The value of <paramref name="metric"/> in a run's totals, in the metric's unit (yuan for money).</summary>
    public static double Value(long[] totals, MetricDefinition metric) => TickRow.AsDouble(metric.Index, totals[metric.Index]);

    /// <summary>Runs in flight: the command's --concurrency, else two per core.</summary>
    public static int Concurrency(int? requested) => requested ?? Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Loads an experiment document held in memory through the loader of 'run' (same checks, same messages).</summary>
    public static Experiment Load(string json, string shownAs) => Explorer.InMemoryExperiment.Load(System.Text.Encoding.UTF8.GetBytes(json), shownAs);

    /// <summary>Prints an experiment's problems as 'run' does; returns the exit code of bad input.</summary>
    public static int Refuse(ExperimentException e, TextWriter error)
    {
        foreach (var p in e.Problems) error.WriteLine($"error: {p}");
        error.WriteLine($"{e.Problems.Count} problem(s); nothing was run and nothing was written.");
        return ExitCodes.BadInput;
    }
}
