using InfoRisk.Runner.Execution;

namespace InfoRisk.Runner.Commands;

/// <summary>Plain progress lines (no terminal escape sequences), at most one per ~2 seconds and one at the end. Safe to call from several threads.</summary>
public sealed class ProgressReporter(TextWriter output, bool quiet, int total) : IProgress<ExperimentProgress>
{
    private readonly Lock _lock = new();
    private TimeSpan? _last;

    public void Report(ExperimentProgress value)
    {
        if (quiet) return;
        lock (_lock)
        {
            if (value.RunsDone < total && _last is { } last && value.Elapsed - last < TimeSpan.FromSeconds(2)) return;
            if (value.RunsDone == total && _last is not null && value.Elapsed == _last) return;
            _last = value.Elapsed;
            var resumedTicks = value.RunsTotal > 0 ? value.SubjectTicksTotal / value.RunsTotal * value.RunsResumed : 0;
            var rate = value.Elapsed.TotalSeconds > 0 ? (value.SubjectTicksDone - resumedTicks) / value.Elapsed.TotalSeconds : 0;
            var fresh = value.RunsDone - value.RunsResumed;
            var eta = fresh > 0 ? TimeSpan.FromSeconds(value.Elapsed.TotalSeconds * (total - value.RunsDone) / fresh) : TimeSpan.Zero;
            output.WriteLine($"runs {value.RunsDone}/{total}{(value.RunsResumed > 0 ? $" ({value.RunsResumed} resumed)" : "")}  {rate / 1e6:F1}M subject-ticks/s  elapsed {value.Elapsed:mm\\:ss}  eta {eta:mm\\:ss}");
        }
    }
}
