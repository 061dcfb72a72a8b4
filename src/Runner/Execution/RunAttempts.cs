using System.Net.Sockets;
using InfoRisk.Grains;
using Orleans.Runtime.Messaging;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// The recovery policy of a run on a cluster: an attempt whose grains were lost (a silo died, a connection broke, a
/// grain came back without its state) is discarded whole and the run is started again from its seed under fresh grain
/// identities. A run is a pure function of its spec and seed and its rows reach the result writer only when the whole
/// run has finished, so a retried run gives the same bytes as an undisturbed one and a lost attempt contributes nothing.
/// See docs/operations.md.
/// </summary>
public sealed class RunAttempts
{
    /// <summary>Attempts per run before the experiment fails.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Pause before attempt n+1 (n = 1, 2, ...): long enough for the cluster to declare a dead silo dead.</summary>
    public Func<int, TimeSpan> Backoff { get; init; } = n => TimeSpan.FromSeconds(Math.Min(30, 2 << (n - 1)));

    /// <summary>Told about each lost attempt (one line, no secrets).</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>
    /// On a cluster: signals when a silo leaves. An attempt in flight when a silo leaves is abandoned at once and rerun,
    /// because a call waiting on a grain of the dead silo may otherwise wait for the whole call timeout.
    /// </summary>
    public SiloWatch? Silos { get; init; }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the attempt number, 0 first) until it succeeds, retrying only when the
    /// failure means the attempt's grains were lost. Any other failure (a bug, bad input) is thrown at once.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string run, Func<int, Task<T>> attempt, CancellationToken cancel)
    {
        for (var n = 0; ; n++)
        {
            try
            {
                var lost = Silos?.NextLoss ?? Never;
                var running = attempt(n);
                if (await Task.WhenAny(running, lost) == running) return await running;
                _ = running.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // abandoned: its outcome no longer matters
                throw await lost;
            }
            catch (Exception e) when (IsAttemptLost(e) && !cancel.IsCancellationRequested)
            {
                var cause = Cause(e);
                if (n + 1 >= MaxAttempts)
                    throw new RunLostException($"run {run} failed {MaxAttempts} times because its grains were lost (last: {cause.GetType().Name}: {cause.Message}); is the cluster losing silos?", e);
                Notice?.Invoke($"warning: run {run} attempt {n + 1} lost ({cause.GetType().Name}: {FirstLine(cause.Message)}); rerunning it from its seed (attempt {n + 2} of {MaxAttempts})");
                await Task.Delay(Backoff(n + 1), cancel);
            }
        }
    }

    private static readonly Task<SiloLostException> Never = new TaskCompletionSource<SiloLostException>().Task;

    /// <summary>Grain identity of attempt <paramref name="attempt"/> of a run: fresh for every retry, so a retry never meets half-dead state.</summary>
    public static string GrainRunId(string runId, int attempt) => attempt == 0 ? runId : $"{runId}#a{attempt}";

    /// <summary>True when the failure means the attempt's grains or connections were lost, not that the run is wrong.</summary>
    public static bool IsAttemptLost(Exception e) => Flatten(e).Any(x => x is RunStateLostException
        or SiloLostException
        or SiloUnavailableException
        or OrleansMessageRejectionException
        or ConnectionFailedException
        or ClientNotAvailableException
        or GatewayTooBusyException
        or TimeoutException
        or SocketException
        or IOException);

    private static Exception Cause(Exception e) => Flatten(e).FirstOrDefault(x => x is not AggregateException) ?? e;

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException a)
            {
                foreach (var inner in a.InnerExceptions.SelectMany(Flatten)) yield return inner;
            }
        }
    }

    private static string FirstLine(string s)
    {
        var end = s.IndexOfAny(['\r', '\n']);
        return end < 0 ? s : s[..end];
    }
}

/// <summary>
/// Watches the cluster's active silos (polling the management grain) and completes <see cref="NextLoss"/> with a
/// <see cref="SiloLostException"/> each time a silo that was active is no longer.
/// </summary>
public sealed class SiloWatch : IAsyncDisposable
{
    private readonly Func<Task<IReadOnlyCollection<SiloAddress>>> _activeSilos;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource<SiloLostException> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SiloWatch(Func<Task<IReadOnlyCollection<SiloAddress>>> activeSilos, TimeSpan period)
    {
        _activeSilos = activeSilos;
        _loop = Task.Run(() => LoopAsync(period));
    }

    /// <summary>Completes (with the exception to throw) when the next silo loss is seen.</summary>
    public Task<SiloLostException> NextLoss => Volatile.Read(ref _next).Task;

    private async Task LoopAsync(TimeSpan period)
    {
        HashSet<SiloAddress>? known = null;
        for (var poll = 0; !_stop.IsCancellationRequested; poll++)
        {
            try
            {
                if (poll > 0) await Task.Delay(period, _stop.Token);
                var active = (await _activeSilos().WaitAsync(TimeSpan.FromSeconds(10), _stop.Token)).ToHashSet();
                var gone = known?.Where(s => !active.Contains(s)).ToArray() ?? [];
                known = active;
                if (gone.Length > 0)
                {
                    var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource<SiloLostException>(TaskCreationOptions.RunContinuationsAsynchronously));
                    previous.TrySetResult(new SiloLostException($"silo {string.Join(", ", gone.Select(g => g.ToString()))} left the cluster"));
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (RunAttempts.IsAttemptLost(e))
            {
                // the management grain itself may have been on the lost silo: ask again shortly
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
        _stop.Dispose();
    }
}

/// <summary>A silo left the cluster while the attempt was in flight.</summary>
public sealed class SiloLostException(string message) : Exception(message);

/// <summary>A run could not be completed in the allowed number of attempts.</summary>
public sealed class RunLostException(string message, Exception inner) : Exception(message, inner);
