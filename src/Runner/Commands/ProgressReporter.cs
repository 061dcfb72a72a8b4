using System.Globalization;
using InfoRisk.Runner.Execution;
using Spectre.Console;

namespace InfoRisk.Runner.Commands;

/// <summary>How progress is shown.</summary>
public enum ProgressMode
{
    /// <summary>Nothing (--quiet): only errors are written, to the error stream.</summary>
    Quiet,

    /// <summary>Plain log lines without terminal escape sequences: one every ~5 s or every 10% of the runs, and a last one.</summary>
    Plain,

    /// <summary>A live Spectre.Console progress display, when the output is an interactive terminal.</summary>
    Live,
}

/// <summary>
/// Shows an experiment's progress: runs done out of the total, the tick the latest run reached, subject-ticks per
/// second and the estimated time left. Reports may come from several threads at once.
/// </summary>
public sealed class ProgressReporter : IProgress<ExperimentProgress>
{
    /// <summary>A plain line at least this often while runs advance.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    private readonly TextWriter _output;
    private readonly Lock _gate = new();
    private ProgressTask? _live;
    private TimeSpan? _lastLine;
    private int _lastDecile;
    private bool _finalWritten;
    private (long SubjectTicks, TimeSpan Elapsed)? _baseline;

    public ProgressReporter(TextWriter output, ProgressMode mode)
    {
        _output = output;
        Mode = mode;
    }

    public ProgressMode Mode { get; }

    /// <summary>
    /// Live display only when the output is this process's own console, it is not redirected, and the terminal is
    /// interactive and able to move the cursor; plain lines otherwise (files, pipes, CI logs, TERM=dumb, tests).
    /// </summary>
    public static ProgressMode Choose(bool quiet, TextWriter output)
    {
        if (quiet) return ProgressMode.Quiet;
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected) return ProgressMode.Plain;
        if (string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal)) return ProgressMode.Plain;
        var capabilities = AnsiConsole.Profile.Capabilities;
        return capabilities.Interactive && capabilities.Ansi ? ProgressMode.Live : ProgressMode.Plain;
    }

    /// <summary>Runs <paramref name="work"/> with this reporter; in live mode, inside a Spectre.Console progress display.</summary>
    public async Task RunAsync(Func<IProgress<ExperimentProgress>, Task> work)
    {
        if (Mode != ProgressMode.Live)
        {
            await work(this);
            return;
        }
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new ProgressBarColumn { Width = 16 }, new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting the runs", maxValue: 1.0);
                lock (_gate) _live = task;
                await work(this);
                task.Value = task.MaxValue;
                task.StopTask();
            });
    }

    public void Report(ExperimentProgress value)
    {
        if (Mode == ProgressMode.Quiet) return;
        lock (_gate)
        {
            if (_baseline is null)
                _baseline = value.RunsResumed > 0 ? (value.SubjectTicksDone, value.Elapsed) : (0L, TimeSpan.Zero);
            if (Mode == ProgressMode.Live)
            {
                if (_live is null) return;
                _live.Value = value.SubjectTicksTotal > 0 ? Math.Min(1.0, (double)value.SubjectTicksDone / value.SubjectTicksTotal) : 0;
                _live.Description = Markup.Escape(Describe(value, elapsed: false));
                return;
            }
            var finished = value.RunsDone >= value.RunsTotal;
            if (finished && _finalWritten) return;
            var decile = value.RunsTotal > 0 ? value.RunsDone * 10 / value.RunsTotal : 10;
            var due = finished || decile > _lastDecile || _lastLine is null || value.Elapsed - _lastLine.Value >= PlainInterval;
            if (!due) return;
            _lastLine = value.Elapsed;
            _lastDecile = Math.Max(_lastDecile, decile);
            _finalWritten |= finished;
            _output.WriteLine("progress: " + Describe(value));
            _output.Flush();
        }
    }

    /// <summary>One line, e.g. "runs 3/12 (25%), tick 45/90, 6.2M subject-ticks/s, elapsed 0:12, eta 0:36" (the live display leaves out the elapsed time, and the percentage its bar shows).</summary>
    public string Describe(ExperimentProgress value, bool elapsed = true)
    {
        var (baseTicks, baseElapsed) = _baseline ?? (0L, TimeSpan.Zero);
        var seconds = (value.Elapsed - baseElapsed).TotalSeconds;
        var rate = seconds > 0 ? (value.SubjectTicksDone - baseTicks) / seconds : 0;
        var percent = value.RunsTotal > 0 ? 100 * value.RunsDone / value.RunsTotal : 100;
        var text = elapsed
            ? string.Create(CultureInfo.InvariantCulture, $"runs {value.RunsDone}/{value.RunsTotal} ({percent}%), tick {value.CurrentTick}/{value.Ticks}, {Rate(rate)} subject-ticks/s, elapsed {Clock(value.Elapsed)}")
            : string.Create(CultureInfo.InvariantCulture, $"runs {value.RunsDone}/{value.RunsTotal}, tick {value.CurrentTick}/{value.Ticks}, {Rate(rate)} subject-ticks/s");
        if (value.RunsResumed > 0) text += string.Create(CultureInfo.InvariantCulture, $", {value.RunsResumed} resumed");
        var left = value.SubjectTicksTotal - value.SubjectTicksDone;
        if (left <= 0) return text;
        return text + (rate > 0 ? ", eta " + Clock(TimeSpan.FromSeconds(Math.Min(left / rate, TimeSpan.MaxValue.TotalSeconds / 2))) : ", eta ?");
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e9:F1}G"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F1}M"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:F1}k"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{perSecond:F0}"),
    };

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:00}");
}
