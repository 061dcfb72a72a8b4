using System.Collections.Concurrent;
using System.Diagnostics;

namespace InfoRisk.Tests.Cluster;

/// <summary>A child process whose output is kept, that is killed (whole tree) on dispose whatever happened.</summary>
public sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyText;

    public string Name { get; }

    private ExternalProcess(string name, ProcessStartInfo start, string readyText)
    {
        Name = name;
        _readyText = readyText;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"{Name} exited with code {SafeExitCode()} before it was ready:\n{Output}"));
    }

    /// <summary>Starts a program and waits until it prints a line containing <paramref name="readyText"/>.</summary>
    public static async Task<ExternalProcess> StartAsync(string name, string file, IEnumerable<string> args, string readyText,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? wait = null)
    {
        var start = new ProcessStartInfo(file);
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var process = new ExternalProcess(name, start, readyText);
        try
        {
            process._process.Start();
            process._process.BeginOutputReadLine();
            process._process.BeginErrorReadLine();
            await process._ready.Task.WaitAsync(wait ?? TimeSpan.FromMinutes(3));
            return process;
        }
        catch (TimeoutException)
        {
            process.Dispose();
            throw new TimeoutException($"{name} did not print '{readyText}' in time:\n{process.Output}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>SIGKILL: no chance to leave the cluster cleanly.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan wait)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(wait);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // never started
        }
        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        if (line.Contains(_readyText, StringComparison.Ordinal)) _ready.TrySetResult();
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
