using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Runner.Report;

/// <summary>
/// <c>inforisk report RESULTS [--lang en|zh] [--out FILE.html]</c>: one self-contained HTML file of a result folder.
/// The folder is read with the same strict reader and the same refusals as <c>inforisk plot</c>, and nothing in it is
/// changed; the file is written atomically (a temporary file beside it, then renamed).
/// </summary>
public static class ReportCommand
{
    /// <summary>The default report file: <c>RESULTS-report.html</c> beside the result folder (the folder itself is left as it is).</summary>
    public static string DefaultOut(string resultsDirectory) =>
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(resultsDirectory)) + "-report.html";

    public static async Task<int> ExecuteAsync(string resultsDirectory, string language, string? outPath, TextWriter output, TextWriter error, CancellationToken cancel = default)
    {
        // the same checks, in the same order and words, as 'inforisk plot'
        if (!Directory.Exists(resultsDirectory))
        {
            await error.WriteLineAsync($"error: {resultsDirectory}: {(File.Exists(resultsDirectory) ? "is a file, not a result folder" : "folder not found")}");
            return ExitCodes.BadInput;
        }
        if (ResultChecks.PartialFolder(resultsDirectory) is { } partial)
        {
            await error.WriteLineAsync($"error: {partial}");
            return ExitCodes.BadInput;
        }
        if (!File.Exists(Path.Combine(resultsDirectory, "runs.csv")) || !File.Exists(Path.Combine(resultsDirectory, "timeseries.csv")))
        {
            await error.WriteLineAsync($"error: {resultsDirectory} is not a result folder (runs.csv and timeseries.csv are needed)");
            return ExitCodes.BadInput;
        }
        var target = Path.GetFullPath(outPath ?? DefaultOut(resultsDirectory));
        if (Directory.Exists(target))
        {
            await error.WriteLineAsync($"error: --out {target} is a folder; give the path of the HTML file to write, e.g. {Path.Combine(target, "report.html")}");
            return ExitCodes.BadInput;
        }
        if (Path.GetDirectoryName(target) is not { } parent || !Directory.Exists(parent))
        {
            await error.WriteLineAsync($"error: --out {target}: folder {Path.GetDirectoryName(target)} not found; create it or choose another --out");
            return ExitCodes.BadInput;
        }
        if (IsInside(target, Path.GetFullPath(resultsDirectory)))
        {
            await error.WriteLineAsync($"error: --out {target} is inside the result folder; a report is written beside it (the result folder is not changed); choose another --out");
            return ExitCodes.BadInput;
        }
        string html;
        try
        {
            html = ReportBuilder.Build(resultsDirectory, language, cancel);
        }
        catch (Exception e) when (e is ChartFontException or InvalidDataException or FileNotFoundException or ArgumentException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.tmp-{Environment.ProcessId}");
        try
        {
            await File.WriteAllTextAsync(temporary, html, new System.Text.UTF8Encoding(false), cancel);
            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            await error.WriteLineAsync($"error: --out {target}: cannot write the report: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            TryDelete(temporary);
            throw;
        }
        await output.WriteLineAsync($"report: {target} ({new FileInfo(target).Length / 1024:N0} KiB, self-contained: open it in any browser, no network needed)");
        return ExitCodes.Ok;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
