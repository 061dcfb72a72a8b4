using InfoRisk.Runner.Execution;

namespace InfoRisk.Runner.Commands;

/// <summary>Plain progress lines (no terminal escape sequences), at most one per run and per ~2 seconds.</summary>
public sealed class ProgressReporter(TextWriter output, bool quiet, int total) : IProgress<ExperimentProgress>
{
    private TimeSpan? _last;

    public void Report(ExperimentProgress value)
    {
        if (quiet) return;
        if (value.RunsDone < total && _last is { } last && value.Elapsed - last < TimeSpan.FromSeconds(2)) return;
        _last = value.Elapsed;
        var rate = value.Elapsed.TotalSeconds > 0 ? value.SubjectTicks / value.Elapsed.TotalSeconds : 0;
        var eta = value.RunsDone > 0 ? TimeSpan.FromSeconds(value.Elapsed.TotalSeconds * (total - value.RunsDone) / value.RunsDone) : TimeSpan.Zero;
        output.WriteLine($"runs {value.RunsDone}/{total}  {rate / 1e6:F1}M subject-ticks/s  elapsed {value.Elapsed:mm\\:ss}  eta {eta:mm\\:ss}");
    }
}
