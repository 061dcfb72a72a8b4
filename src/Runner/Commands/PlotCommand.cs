using InfoRisk.Runner.Plotting;

namespace InfoRisk.Runner.Commands;

/// <summary>Re-renders the charts of a result folder from its CSVs and manifest alone.</summary>
public static class PlotCommand
{
    public static async Task<int> ExecuteAsync(string resultsDirectory, ChartOptions options, TextWriter output, TextWriter error)
    {
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
        try
        {
            var files = ChartSet.Render(resultsDirectory, options);
            await output.WriteLineAsync($"{files.Count} chart files written to {Path.Combine(resultsDirectory, "plots")}");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is ChartFontException or InvalidDataException or FileNotFoundException or ArgumentException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
