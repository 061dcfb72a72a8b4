namespace InfoRisk.Runner.Plotting;

/// <summary>
/// Cross-checks of a result folder before anything is drawn: runs.csv and timeseries.csv hold the same runs, every run
/// has its ticks 0, 1, ..., T-1 once each (T = the runs.csv ticks column), and the folder is a finished result, not the
/// partial folder of a run still going on or interrupted. Each failure names the file and line.
/// </summary>
internal static class ResultChecks
{
    /// <summary>Why <paramref name="resultsDir"/> is not a finished result folder (a partial folder), or null.</summary>
    public static string? PartialFolder(string resultsDir)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(resultsDir)));
        var journal = File.Exists(Path.Combine(resultsDir, Results.ResultWriter.JournalFile));
        if (!journal && !(name.StartsWith('.') && name.EndsWith(".partial", StringComparison.Ordinal)))
        {
            return null;
        }

        return $"{resultsDir} is the partial folder of a run that is still going on or was interrupted{(journal ? " (it has a journal.txt)" : "")}: "
            + "its files are not a result (the last run may be half-written); finish it with the same 'inforisk run ... --resume' and plot the finished folder";
    }

    public static void SameRuns(Dictionary<(string Scenario, string Regime, int Replicate), long> runs, Dictionary<(string Scenario, string Regime, int Replicate), (long FirstLine, int Rows)> series, int? ticks)
    {
        foreach (var (key, line) in runs)
        {
            if (!series.ContainsKey(key))
            {
                throw new InvalidDataException($"runs.csv line {line}: run {Describe(key)} has no rows in timeseries.csv (runs.csv has {runs.Count} runs, timeseries.csv {series.Count}): the files do not belong together, or timeseries.csv was cut");
            }
        }

        // every run of a result folder has the same length: the ticks column of runs.csv, else the longest run
        var expected = ticks ?? (series.Count == 0 ? 0 : series.Values.Max(s => s.Rows));
        foreach (var (key, (line, rows)) in series)
        {
            if (!runs.ContainsKey(key))
            {
                throw new InvalidDataException($"timeseries.csv line {line}: run {Describe(key)} is not in runs.csv (runs.csv has {runs.Count} runs, timeseries.csv {series.Count}): the files do not belong together, or runs.csv was cut");
            }

            if (rows != expected)
            {
                throw new InvalidDataException($"timeseries.csv line {line}: run {Describe(key)} has {rows} rows, but {(ticks is null ? "other runs have" : "runs.csv says")} {expected} ticks: timeseries.csv was cut or damaged");
            }
        }
    }

    /// <summary>The sorted ticks of one run must follow each other by one (0, 1, 2, ... in files this program writes), without gaps or repeats.</summary>
    public static void TicksInOrder((string Scenario, string Regime, int Replicate) key, IEnumerable<double> sortedTicks, long firstLine)
    {
        double? previous = null;
        foreach (var tick in sortedTicks)
        {
            if (previous is { } p && tick != p + 1)
            {
                throw new InvalidDataException($"timeseries.csv line {firstLine}: run {Describe(key)} has tick {tick} after tick {p} (a run's ticks follow each other by one, once each): a row is missing or repeated");
            }

            previous = tick;
        }
    }

    private static string Describe((string Scenario, string Regime, int Replicate) key) =>
        $"(scenario {key.Scenario}, regime {key.Regime}, replicate {key.Replicate})";
}
