using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using CsvHelper.Configuration;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Results;

/// <summary>Why a result folder cannot be opened (an existing result, an interrupted run, a journal that does not match).</summary>
public sealed class ResultFolderException(string message) : IOException(message);

/// <summary>
/// Writes a result folder atomically and resumably. Everything goes into the partial folder <c>.NAME.partial</c> next
/// to the target. timeseries.csv and runs.csv are streamed run by run in run order; after each run both files are
/// flushed to disk and their byte lengths and the SHA-256 of the bytes each gained are appended (and flushed) to
/// <c>journal.txt</c>, whose first line is the run's identity (<see cref="RunIdentity"/>). A killed run can be continued
/// with --resume: the identity must match, every journaled block is verified against its checksum, the files are cut
/// back to the last verified run and the following runs are run again, so the result is byte-identical to an
/// uninterrupted run. At the end, summary.csv, scenarios.csv, ablation.csv, sensitivity.csv and robustness.csv are
/// computed by re-reading runs.csv (no run is held in memory), manifest.json and the charts are written, and only then
/// is the journal removed and the folder renamed to the target; a failure before that (Ctrl-C while drawing, a full
/// disk) keeps the journal, and --resume redoes only the analysis and the charts. docs/outputs.md defines every file.
/// </summary>
public sealed class ResultWriter : IDisposable
{
    public const int SchemaVersion = 1;
    public const string JournalFile = "journal.txt";
    internal static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    private readonly Experiment _experiment;
    private readonly HashingStream _timeseriesFile;
    private readonly StreamWriter _timeseriesStream;
    private readonly CsvWriter _timeseries;
    private readonly HashingStream _runsFile;
    private readonly StreamWriter _runsStream;
    private readonly CsvWriter _runs;
    private readonly FileStream _journal;
    private readonly ResultRows _rows;
    private readonly bool _createdHere;
    private readonly List<string> _warnings = [];
    private int _nextRun;
    private bool _closed;

    /// <summary>True when the partial folder held a complete result whose journal was already removed: only the final rename is left.</summary>
    private readonly bool _onlyRename;

    public string TargetDirectory { get; }
    public string WorkingDirectory { get; }

    /// <summary>Runs already written (and journaled) when the writer was opened: the runs --resume skips.</summary>
    public int ResumedRuns { get; }

    /// <summary>Things the user should know about the folder (e.g. a journaled run whose bytes changed and is rerun).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>The partial folder's name for a target: deterministic, so --resume finds it.</summary>
    public static string PartialDirectory(string targetDirectory)
    {
        var full = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.partial");
    }

    /// <summary>
    /// The folder --out names, checked before anything is created: not empty, not a file or device, not the root; a
    /// symbolic link is followed (the result goes into the folder it points to).
    /// </summary>
    public static string CheckTarget(string targetDirectory)
    {
        if (string.IsNullOrWhiteSpace(targetDirectory)) throw new ResultFolderException("--out is empty; give the path of the result folder to create");
        var target = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        if (Path.GetFileName(target).Length == 0 || Path.GetDirectoryName(target) is null)
            throw new ResultFolderException($"--out '{targetDirectory}' names the root of the file system; give a folder to create");
        if (new FileInfo(target).LinkTarget is not null)
        {
            var resolved = new DirectoryInfo(target).ResolveLinkTarget(returnFinalTarget: true);
            if (resolved is not DirectoryInfo { Exists: true } folder)
                throw new ResultFolderException($"--out {target} is a symbolic link to {resolved?.FullName ?? "nothing"}, which is not an existing folder; give a folder");
            target = folder.FullName.TrimEnd(Path.DirectorySeparatorChar);
        }
        if (Path.Exists(target) && !Directory.Exists(target))
            throw new ResultFolderException($"--out {target} exists and is not a folder (a file or device); choose another --out");
        return target;
    }

    private static bool HasEntries(string directory) => Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any();

    /// <summary>
    /// Opens the result folder for writing. Without resume, a non-empty target or a partial folder holding finished
    /// runs is refused; with resume, an existing partial folder is checked (its identity, every block's checksum) and
    /// continued. A partial folder that another process is writing is refused ("still active").
    /// </summary>
    public static ResultWriter Open(Experiment experiment, string targetDirectory, int cohortSize, bool resume)
    {
        var target = CheckTarget(targetDirectory);
        var partial = PartialDirectory(target);
        if (Path.Exists(partial) && !Directory.Exists(partial))
            throw new ResultFolderException($"{partial} exists and is not a folder; remove it or choose another --out");
        var partialExists = Directory.Exists(partial);
        if (HasEntries(target))
        {
            throw new ResultFolderException(resume && partialExists
                ? $"cannot finish the interrupted run in {partial}: result folder {target} is not empty (files were put there after the run started?); move those files away or remove {target}, then run the same command with --resume"
                : resume
                    ? $"result folder {target} already exists and is complete (or holds other files); there is nothing to resume; choose another --out"
                    : $"result folder {target} already exists and is not empty; choose another --out or remove it (an interrupted run is continued with --resume)");
        }
        return new ResultWriter(experiment, target, partial, cohortSize, partialExists, resume);
    }

    private ResultWriter(Experiment experiment, string target, string partial, int cohortSize, bool existing, bool resume)
    {
        _experiment = experiment;
        _rows = new ResultRows(experiment);
        TargetDirectory = target;
        WorkingDirectory = partial;
        _createdHere = !existing;
        var identity = RunIdentity.Of(experiment, cohortSize);
        try
        {
            Directory.CreateDirectory(partial);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultFolderException($"cannot create the partial folder {partial}: {e.Message}; choose an --out in a folder you can write to");
        }
        var journalPath = Path.Combine(partial, JournalFile);
        var timeseriesPath = Path.Combine(partial, "timeseries.csv");
        var runsPath = Path.Combine(partial, "runs.csv");
        // manifest.json is written only after every run and the analysis: with no valid journal it marks a complete result
        var complete = File.Exists(Path.Combine(partial, "manifest.json"));
        if (existing && complete && !resume && !File.Exists(journalPath))
            throw new ResultFolderException(Refused(partial, "holds a complete result that was not moved into place"));
        _journal = LockJournal(journalPath, partial);
        var kept = new List<JournalEntry>();
        try
        {
            if (existing)
            {
                var content = new byte[_journal.Length];
                _journal.ReadExactly(content);
                var (recorded, version, entries) = Journal.Parse(content);
                var runsDone = entries.Count(e => e.Run >= 0);
                if (recorded is null && version == 0 && complete)
                {
                    // the journal is removed only after everything is written, just before the rename: a complete result
                    if (!resume) throw new ResultFolderException(Refused(partial, "holds a complete result that was not moved into place"));
                    _onlyRename = true;
                    ResumedRuns = experiment.RunCount;
                }
                else if (recorded is null && version != 0 && version != Journal.Version)
                {
                    throw new ResultFolderException($"cannot {(resume ? "resume" : "use")} {partial}: its journal was written by another version of InfoRisk (journal format {version}); remove that folder to start again, or choose another --out");
                }
                else if (recorded is null || runsDone == 0 && !resume)
                {
                    // killed before its first run was journaled: nothing of value, start again in the same folder
                    ClearExceptJournal(partial);
                }
                else if (!resume)
                {
                    throw new ResultFolderException(Refused(partial, $"holds {runsDone} finished run(s)"));
                }
                else
                {
                    var changed = RunIdentity.Differences(recorded, identity);
                    if (changed.Count > 0)
                        throw new ResultFolderException($"cannot resume {partial}: {string.Join("; ", changed.Take(12))}{(changed.Count > 12 ? $"; and {changed.Count - 12} more" : "")}; continue with the same experiment, files and program, or choose another --out, or remove that folder to start again");
                    var (verified, problem) = Journal.Verify(entries, timeseriesPath, runsPath);
                    kept = [.. entries.Take(verified)];
                    var from = kept.Count > 0 ? kept[^1].Run + 1 : 0;
                    if (problem is not null) _warnings.Add($"warning: {partial}: {problem}; the runs from run {from} on are run again");
                }
            }
            if (!_onlyRename && kept.Count > 0) ResumedRuns = kept[^1].Run + 1;
            var last = kept.Count > 0 ? kept[^1] : default;
            var ts = OpenData(timeseriesPath, _onlyRename ? -1 : last.Timeseries);
            var rs = OpenData(runsPath, _onlyRename ? -1 : last.Runs);
            _timeseriesFile = new HashingStream(ts);
            _runsFile = new HashingStream(rs);
        }
        catch
        {
            _journal.Dispose();
            throw;
        }
        _timeseriesStream = new StreamWriter(_timeseriesFile, new UTF8Encoding(false));
        _timeseries = new CsvWriter(_timeseriesStream, Csv);
        _runsStream = new StreamWriter(_runsFile, new UTF8Encoding(false));
        _runs = new CsvWriter(_runsStream, Csv);
        _nextRun = ResumedRuns;
        if (_onlyRename) return;
        // the journal anew: the identity, then the verified entries
        _journal.SetLength(0);
        AppendJournal(Journal.Header(identity));
        foreach (var entry in kept) AppendJournal(entry.ToString());
        if (kept.Count > 0) return;
        WriteRecord(_timeseries, ResultRows.TimeseriesHeader);
        WriteRecord(_runs, ResultRows.RunsHeader);
        Commit(-1);
    }

    private static string Refused(string partial, string what) =>
        $"an interrupted run of this result folder exists ({partial}, which {what}); continue it with --resume, or choose another --out (or remove that folder)";

    /// <summary>The journal, opened exclusively: a second process writing into the same folder is refused.</summary>
    private static FileStream LockJournal(string path, string partial)
    {
        try
        {
            // FileShare.None takes an exclusive lock (flock on Unix), held until the folder is finished or abandoned
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(path))
        {
            throw new ResultFolderException($"a run into {partial} is still active: another inforisk process holds its journal ({e.Message}); wait for it to finish, or stop it and continue with --resume");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultFolderException($"cannot write into {partial}: {e.Message}");
        }
    }

    /// <summary>Removes everything in a partial folder that holds nothing of value, except the (locked) journal.</summary>
    private static void ClearExceptJournal(string partial)
    {
        foreach (var entry in new DirectoryInfo(partial).EnumerateFileSystemInfos())
        {
            if (entry.Name == JournalFile) continue;
            if (entry is DirectoryInfo d) d.Delete(recursive: true);
            else entry.Delete();
        }
    }

    /// <summary>A data file opened for appending after <paramref name="length"/> bytes (0: created empty; -1: as it is).</summary>
    private static FileStream OpenData(string path, long length)
    {
        var stream = new FileStream(path, length > 0 || length < 0 ? FileMode.OpenOrCreate : FileMode.Create, FileAccess.Write, FileShare.Read);
        if (length > 0) stream.SetLength(length);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    /// <summary>The identity and the complete entries of a journal file (for tests and tools).</summary>
    internal static (JsonObject? Identity, IReadOnlyList<JournalEntry> Entries) ReadJournal(string path)
    {
        var (identity, _, entries) = Journal.Parse(File.ReadAllBytes(path));
        return (identity, entries);
    }

    private void AppendJournal(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _journal.Write(bytes);
        _journal.Flush(flushToDisk: true);
    }

    /// <summary>Flushes both data files to disk, then journals their lengths and the checksums of the bytes each gained: run is complete on disk.</summary>
    private void Commit(int run)
    {
        _timeseries.Flush();
        _timeseriesStream.Flush();
        _timeseriesFile.File.Flush(flushToDisk: true);
        _runs.Flush();
        _runsStream.Flush();
        _runsFile.File.Flush(flushToDisk: true);
        AppendJournal(new JournalEntry(run, _timeseriesFile.Position, _runsFile.Position, _timeseriesFile.TakeBlockHash(), _runsFile.TakeBlockHash()).ToString());
    }

    /// <summary>Appends a finished run to timeseries.csv and runs.csv and journals it (runs must arrive in run-index order).</summary>
    public void Add(RunResult run)
    {
        var k = run.Key;
        if (k.Index != _nextRun) throw new InvalidOperationException($"run {k.Index} arrived, run {_nextRun} expected (runs are written in order)");
        foreach (var row in _rows.Timeseries(run)) WriteRecord(_timeseries, row);
        WriteRecord(_runs, _rows.Run(run));
        Commit(k.Index);
        _nextRun++;
    }

    private static void WriteRecord(CsvWriter csv, IEnumerable<string> fields)
    {
        foreach (var field in fields) csv.WriteField(field);
        csv.NextRecord();
    }

    private void CloseData()
    {
        if (_closed) return;
        _closed = true;
        _timeseries.Dispose();
        _timeseriesStream.Dispose();
        _runs.Dispose();
        _runsStream.Dispose();
    }

    /// <summary>
    /// Writes the analysis files, manifest.json and (through <paramref name="beforeRename"/>) the charts from runs.csv,
    /// then removes the journal and moves the folder into place. Until that last step the journal is kept: if anything
    /// fails or is cancelled before it, --resume redoes the analysis and the charts without rerunning any run.
    /// </summary>
    public void Complete(JsonObject manifest, Action<string>? beforeRename = null)
    {
        if (_nextRun != _experiment.RunCount) throw new InvalidOperationException($"{_nextRun} of {_experiment.RunCount} runs written");
        CloseData();
        if (!_onlyRename)
        {
            ResultAnalysis.Write(_experiment, WorkingDirectory);
            manifest["schema_version"] = SchemaVersion;
            var manifestPath = Path.Combine(WorkingDirectory, "manifest.json");
            File.WriteAllText(manifestPath + ".tmp", manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            File.Move(manifestPath + ".tmp", manifestPath, overwrite: true);
            beforeRename?.Invoke(WorkingDirectory);
        }
        RemoveLeftovers(WorkingDirectory);
        if (HasEntries(TargetDirectory))
        {
            throw new ResultFolderException($"the result is complete in {WorkingDirectory}, but {TargetDirectory} is no longer empty (files were put there during the run); move those files away or remove {TargetDirectory}, then run the same command with --resume to finish (no run is repeated)");
        }
        _journal.Dispose();
        File.Delete(Path.Combine(WorkingDirectory, JournalFile));
        if (Directory.Exists(TargetDirectory)) Directory.Delete(TargetDirectory); // empty (checked above)
        Directory.Move(WorkingDirectory, TargetDirectory);
    }

    /// <summary>Scratch files of an interrupted finish (chart folders, a half-written manifest): never part of a result.</summary>
    internal static void RemoveLeftovers(string folder)
    {
        foreach (var scratch in Directory.EnumerateDirectories(folder, Plotting.ChartSet.ScratchPrefix + "*")) Directory.Delete(scratch, recursive: true);
        var manifestTmp = Path.Combine(folder, "manifest.json.tmp");
        if (File.Exists(manifestTmp)) File.Delete(manifestTmp);
    }

    /// <summary>
    /// Removes the partial folder if this writer created it and no run was written (e.g. the engine could not start):
    /// such a folder holds nothing of value and would only be in the way.
    /// </summary>
    public void DiscardIfEmpty()
    {
        if (!_createdHere || _nextRun > 0 || _onlyRename) return;
        CloseData();
        _journal.Dispose();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // left behind: a plain run starts it again anyway (it holds no finished run)
        }
    }

    /// <summary>Closes the files. An unfinished partial folder is kept, so that --resume can continue it.</summary>
    public void Dispose()
    {
        CloseData();
        _journal.Dispose();
    }
}
