using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Explorer;

/// <summary>What a job is doing.</summary>
public enum JobState
{
    Running,
    Done,
    Cancelled,
    Failed,
}

/// <summary>
/// One explorer run: an experiment of two regimes (the baseline first) x R paired replicates, run by
/// <see cref="ExperimentRunner"/> on the shared engine. Everything about the run lives here (no state is shared between
/// jobs): the tick rows as they arrive, and the log of events sent to browsers as Server-Sent Events. A browser that
/// connects, reconnects (a reloaded tab) or comes late is sent the log from where it left off, so a closed tab loses
/// nothing and two browsers can watch the same or different jobs.
/// </summary>
public sealed class ExplorerJob : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];
    private readonly CancellationTokenSource _cancel = new();
    private readonly long[][][] _cumulative; // [run][tick][headline metric]: flows summed up to the tick, stocks at the tick (raw)
    private readonly int[] _ticksIn; // [run]: ticks received
    private readonly int[] _sentRegime = new int[2];
    private int _sentDifference;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExperimentProgress? _progress;
    private readonly Stopwatch _clock = new();

    public ExplorerJob(string id, Experiment experiment, byte[] document)
    {
        Id = id;
        Experiment = experiment;
        Document = document;
        var runs = experiment.RunCount;
        _cumulative = new long[runs][][];
        for (var k = 0; k < runs; k++) _cumulative[k] = new long[experiment.Ticks][];
        _ticksIn = new int[runs];
        Colors = Palette.ForRegimes(experiment.Regimes.Select(r => r.Name)).ToDictionary(p => p.Key, p => $"#{p.Value.R:X2}{p.Value.G:X2}{p.Value.B:X2}");
    }

    public string Id { get; }

    public Experiment Experiment { get; }

    /// <summary>The experiment file as validated and run: what "Save as experiment" downloads.</summary>
    public byte[] Document { get; }

    public JobState State { get; private set; } = JobState.Running;

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary>The colour of each regime: the house palette (built-ins fixed, a custom regime a spare Okabe-Ito colour).</summary>
    public IReadOnlyDictionary<string, string> Colors { get; }

    /// <summary>Wall time from start to the final table (null until done).</summary>
    public TimeSpan? Elapsed { get; private set; }

    /// <summary>The final comparison, once done.</summary>
    public IReadOnlyList<MetricComparison>? Result { get; private set; }

    public string BaselineName => Experiment.Regimes[0].Name;

    public string RegimeName => Experiment.Regimes[1].Name;

    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already finished
        }
    }

    /// <summary>Runs the experiment to the end (or cancellation) and publishes its events; never throws.</summary>
    public async Task RunAsync(IGrainFactory grains, int concurrency)
    {
        _clock.Start();
        Publish("start", Start());
        var runner = new ExperimentRunner(grains, Experiment, Experiment.CohortSize, concurrency) { EpochRows = Receive };
        var results = new RunResult[Experiment.RunCount];
        using var flusher = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var running = runner.RunAsync(run => results[run.Key.Index] = run, new Progress(this), _cancel.Token);
        try
        {
            while (!running.IsCompleted)
            {
                var tick = flusher.WaitForNextTickAsync().AsTask();
                await Task.WhenAny(running, tick);
                Flush();
            }
            await running;
            Flush();
            var values = results.Select(Headline.RunValues).ToArray();
            var replicates = Experiment.Replicates;
            var baseline = values[..replicates];
            var regime = values[replicates..];
            Result = [.. Headline.Metrics.Select(m => Headline.Compare(m, baseline, regime))];
            Elapsed = _clock.Elapsed;
            Publish("result", ResultJson());
            Finish(JobState.Done, "done", new JsonObject { ["seconds"] = Math.Round(Elapsed.Value.TotalSeconds, 2) });
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            Finish(JobState.Cancelled, "cancelled", new JsonObject { ["seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 2) });
        }
        catch (Exception e)
        {
            Finish(JobState.Failed, "failure", new JsonObject { ["message"] = $"{e.GetType().Name}: {e.Message}" });
        }
    }

    private void Finish(JobState state, string name, JsonObject data)
    {
        lock (_gate)
        {
            State = state;
        }
        Publish(name, data);
    }

    /// <summary>
    /// Writes the job's events from number <paramref name="from"/> on to <paramref name="output"/> as Server-Sent Events
    /// (each with its number as id) until the job has finished and everything is written, or the browser goes away.
    /// </summary>
    public async Task StreamAsync(Stream output, int from, CancellationToken aborted)
    {
        var next = Math.Max(0, from);
        while (!aborted.IsCancellationRequested)
        {
            string[] batch;
            Task changed;
            bool finished;
            lock (_gate)
            {
                batch = next < _events.Count ? [.. _events.Skip(next)] : [];
                changed = _changed.Task;
                finished = State != JobState.Running;
            }
            foreach (var e in batch)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes(e), aborted);
            }
            next += batch.Length;
            await output.FlushAsync(aborted);
            if (finished && batch.Length == 0) return;
            if (batch.Length == 0)
            {
                // a comment line now and then: proxies and the browser keep the connection open
                var timeout = Task.Delay(TimeSpan.FromSeconds(15), aborted);
                if (await Task.WhenAny(changed, timeout) == timeout && !aborted.IsCancellationRequested)
                {
                    await output.WriteAsync(": keep-alive\n\n"u8.ToArray(), aborted);
                }
            }
        }
    }

    private void Publish(string name, JsonNode data)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var id = _events.Count;
            _events.Add($"id: {id}\nevent: {name}\ndata: {data.ToJsonString()}\n\n");
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    /// <summary>Rows of one run as they are computed: kept as running sums of the headline metrics (flows) or their levels (stocks).</summary>
    private void Receive(RunKey key, IReadOnlyList<TickRow> rows)
    {
        var metrics = Headline.Metrics;
        lock (_gate)
        {
            var series = _cumulative[key.Index];
            foreach (var row in rows)
            {
                var t = row.Tick;
                if (t < 0 || t >= series.Length) continue;
                var values = new long[metrics.Count];
                for (var i = 0; i < metrics.Count; i++)
                {
                    var v = row.Values[metrics[i].Index];
                    values[i] = metrics[i].Nature == MetricNature.Flow && t > 0 && series[t - 1] is { } before ? before[i] + v : v;
                }
                series[t] = values;
                _ticksIn[key.Index] = t + 1; // a rerun attempt starts again at 0
            }
        }
    }

    /// <summary>Publishes progress and the ticks that every replicate of a regime (or of both, for the differences) has reached.</summary>
    private void Flush()
    {
        var metrics = Headline.Metrics;
        var r = Experiment.Replicates;
        JsonObject update;
        lock (_gate)
        {
            var complete = new int[2];
            for (var q = 0; q < 2; q++) complete[q] = Enumerable.Range(q * r, r).Min(k => _ticksIn[k]);
            var regimes = new JsonArray();
            for (var q = 0; q < 2; q++)
            {
                var from = _sentRegime[q];
                var block = new JsonObject { ["name"] = Experiment.Regimes[q].Name, ["from"] = from };
                for (var i = 0; i < metrics.Count; i++)
                {
                    var mean = new JsonArray();
                    var low = new JsonArray();
                    var high = new JsonArray();
                    for (var t = from; t < complete[q]; t++)
                    {
                        var m = MeanInterval.Of([.. Enumerable.Range(q * r, r).Select(k => TickRow.AsDouble(metrics[i].Index, _cumulative[k][t][i]))]);
                        mean.Add(Number(m.Mean));
                        low.Add(Number(m.Ci95Low));
                        high.Add(Number(m.Ci95High));
                    }
                    block[metrics[i].Name] = new JsonObject { ["mean"] = mean, ["low"] = low, ["high"] = high };
                }
                _sentRegime[q] = complete[q];
                regimes.Add(block);
            }
            var both = Math.Min(complete[0], complete[1]);
            var difference = new JsonObject { ["from"] = _sentDifference };
            for (var i = 0; i < metrics.Count; i++)
            {
                var mean = new JsonArray();
                var low = new JsonArray();
                var high = new JsonArray();
                for (var t = _sentDifference; t < both; t++)
                {
                    var d = PairedComparison.Of(
                        [.. Enumerable.Range(r, r).Select(k => TickRow.AsDouble(metrics[i].Index, _cumulative[k][t][i]))],
                        [.. Enumerable.Range(0, r).Select(k => TickRow.AsDouble(metrics[i].Index, _cumulative[k][t][i]))]);
                    mean.Add(Number(d.Mean));
                    low.Add(Number(d.Ci95Low));
                    high.Add(Number(d.Ci95High));
                }
                difference[metrics[i].Name] = new JsonObject { ["mean"] = mean, ["low"] = low, ["high"] = high };
            }
            _sentDifference = both;
            var p = _progress;
            update = new JsonObject
            {
                ["runsDone"] = p?.RunsDone ?? 0,
                ["runsTotal"] = Experiment.RunCount,
                ["subjectTicksDone"] = p?.SubjectTicksDone ?? 0,
                ["subjectTicksTotal"] = (long)Experiment.RunCount * Experiment.Ticks * Experiment.Population.Subjects,
                ["tick"] = Math.Min(complete[0], complete[1]),
                ["ticks"] = Experiment.Ticks,
                ["seconds"] = Math.Round(_clock.Elapsed.TotalSeconds, 2),
                ["regimes"] = regimes,
                ["difference"] = difference,
            };
        }
        Publish("progress", update);
    }

    private JsonObject Start() => new()
    {
        ["id"] = Id,
        ["baseline"] = BaselineName,
        ["regime"] = RegimeName,
        ["regimes"] = new JsonArray([.. Experiment.Regimes.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["en"] = ChartText.Regime("en", r.Name),
            ["zh"] = ChartText.Regime("zh", r.Name),
            ["color"] = Colors[r.Name],
        })]),
        ["replicates"] = Experiment.Replicates,
        ["ticks"] = Experiment.Ticks,
        ["subjects"] = Experiment.Population.Subjects,
        ["runs"] = Experiment.RunCount,
        ["seeds"] = new JsonArray([.. Enumerable.Range(0, Experiment.Replicates).Select(k => JsonValue.Create(Experiment.ReplicateSeed(k).ToString(System.Globalization.CultureInfo.InvariantCulture)))]),
    };

    /// <summary>The final table: per headline metric, both regimes' mean and CI and the paired difference, with exact values as text.</summary>
    public JsonObject ResultJson()
    {
        var rows = new JsonArray();
        foreach (var c in Result ?? [])
        {
            rows.Add(new JsonObject
            {
                ["metric"] = c.Metric.Name,
                ["n"] = c.N,
                ["baseline"] = Interval(c.Baseline.Mean, c.Baseline.Ci95Low, c.Baseline.Ci95High),
                ["regime"] = Interval(c.Regime.Mean, c.Regime.Ci95Low, c.Regime.Ci95High),
                ["difference"] = Interval(c.Difference.Mean, c.Difference.Ci95Low, c.Difference.Ci95High),
            });
        }
        return new JsonObject
        {
            ["baseline"] = BaselineName,
            ["regime"] = RegimeName,
            ["replicates"] = Experiment.Replicates,
            ["seconds"] = Elapsed is { } e ? Math.Round(e.TotalSeconds, 2) : null,
            ["rows"] = rows,
        };
    }

    /// <summary>A mean and CI as numbers, and as the exact text summary.csv writes (shortest round trip; empty when undefined).</summary>
    private static JsonObject Interval(double mean, double low, double high) => new()
    {
        ["mean"] = Number(mean),
        ["low"] = Number(low),
        ["high"] = Number(high),
        ["text"] = new JsonArray(ResultAnalysis.Number(mean), ResultAnalysis.Number(low), ResultAnalysis.Number(high)),
    };

    private static JsonNode? Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : null;

    public void Dispose()
    {
        _cancel.Dispose();
    }

    private sealed class Progress(ExplorerJob job) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value)
        {
            lock (job._gate)
            {
                job._progress = value;
            }
        }
    }
}
