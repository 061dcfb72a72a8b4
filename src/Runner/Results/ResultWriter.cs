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
/// flushed to disk and their byte lengths are appended (and flushed) to <c>journal.txt</c>. A killed run can be
/// continued with --resume: the files are cut back to the last journaled run and the following runs are run again,
/// so the result is byte-identical to an uninterrupted run. At the end, summary.csv, scenarios.csv, ablation.csv,
/// sensitivity.csv and robustness.csv are computed by re-reading runs.csv (no run is held in memory), manifest.json
/// is written, the journal is removed and the folder is renamed to the target. docs/outputs.md defines every file.
/// </summary>
public sealed class ResultWriter : IDisposable
{
    public const int SchemaVersion = 1;
    public const string JournalFile = "journal.txt";
    private const string JournalMagic = "inforisk-journal 1";
    internal static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private static readonly string[] KeyColumns = ["experiment", "scenario", "regime", "replicate", "seed", "tick"];

    private readonly Experiment _experiment;
    private readonly FileStream _timeseriesFile;
    private readonly StreamWriter _timeseriesStream;
    private readonly CsvWriter _timeseries;
    private readonly FileStream _runsFile;
    private readonly StreamWriter _runsStream;
    private readonly CsvWriter _runs;
    private readonly FileStream _journal;
    private readonly List<string> _parameterNames = [.. ExperimentLoader.ParameterProperties.Keys];
    private int _scenarioOfCache = -1;
    private JsonObject? _scenarioParameters;
    private int _nextRun;
    private bool _closed;

    public string TargetDirectory { get; }
    public string WorkingDirectory { get; }

    /// <summary>Runs already written (and journaled) when the writer was opened: the runs --resume skips.</summary>
    public int ResumedRuns { get; }

    /// <summary>The partial folder's name for a target: deterministic, so --resume finds it.</summary>
    public static string PartialDirectory(string targetDirectory)
    {
        var full = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.partial");
    }

    /// <summary>
    /// Opens the result folder for writing. Without resume, a non-empty target or an existing partial folder is refused;
    /// with resume, an existing partial folder is checked (experiment SHA-256, seed, cohort size) and continued.
    /// </summary>
    public static ResultWriter Open(Experiment experiment, string targetDirectory, int cohortSize, bool resume)
    {
        var target = Path.GetFullPath(targetDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var partial = PartialDirectory(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new ResultFolderException(resume
                ? $"result folder {target} already exists and is complete (or holds other files); there is nothing to resume; choose another --out"
                : $"result folder {target} already exists and is not empty; choose another --out or remove it (an interrupted run is continued with --resume)");
        }
        if (Directory.Exists(partial) && !resume)
            throw new ResultFolderException($"an interrupted run of this result folder exists ({partial}); continue it with --resume, or choose another --out (or remove that folder)");
        return new ResultWriter(experiment, target, partial, cohortSize, resume && Directory.Exists(partial));
    }

    private ResultWriter(Experiment experiment, string target, string partial, int cohortSize, bool resuming)
    {
        _experiment = experiment;
        TargetDirectory = target;
        WorkingDirectory = partial;
        Directory.CreateDirectory(Path.GetDirectoryName(target) ?? ".");
        Directory.CreateDirectory(partial);
        var journalPath = Path.Combine(partial, JournalFile);
        var identity = $"{JournalMagic} sha256={experiment.FileSha256} seed={experiment.Seed} cohort_size={cohortSize} runs={experiment.RunCount}";
        long timeseriesLength = 0, runsLength = 0, journalLength = 0;
        if (resuming && File.Exists(journalPath))
        {
            var (header, last) = ReadJournal(journalPath);
            var text = File.ReadAllBytes(journalPath);
            journalLength = Array.LastIndexOf(text, (byte)'\n') + 1;
            if (header != identity) throw new ResultFolderException(Mismatch(partial, header, identity));
            if (last is { } l)
            {
                ResumedRuns = l.Run + 1;
                timeseriesLength = l.Timeseries;
                runsLength = l.Runs;
            }
        }
        else if (resuming)
        {
            // killed before the journal was created: nothing of value, start again in the same folder
            foreach (var f in Directory.GetFiles(partial)) File.Delete(f);
        }
        // FileShare.None: a second process resuming the same folder at the same time is refused
        _journal = new FileStream(journalPath, resuming && timeseriesLength > 0 ? FileMode.Open : FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        _timeseriesFile = OpenData(Path.Combine(partial, "timeseries.csv"), timeseriesLength);
        _runsFile = OpenData(Path.Combine(partial, "runs.csv"), runsLength);
        _timeseriesStream = new StreamWriter(_timeseriesFile, new UTF8Encoding(false));
        _timeseries = new CsvWriter(_timeseriesStream, Csv);
        _runsStream = new StreamWriter(_runsFile, new UTF8Encoding(false));
        _runs = new CsvWriter(_runsStream, Csv);
        _nextRun = ResumedRuns;
        if (timeseriesLength > 0)
        {
            // cut the journal after its last complete entry, then append
            _journal.SetLength(journalLength);
            _journal.Seek(0, SeekOrigin.End);
            return;
        }
        foreach (var h in KeyColumns.Concat(Metric.All.Select(m => m.Name))) _timeseries.WriteField(h);
        _timeseries.NextRecord();
        foreach (var h in RunsHeader()) _runs.WriteField(h);
        _runs.NextRecord();
        AppendJournal(identity);
        Commit(-1);
    }

    private static string Mismatch(string partial, string found, string expected)
    {
        static Dictionary<string, string> Fields(string line) => line.Split(' ').Where(p => p.Contains('=')).ToDictionary(p => p[..p.IndexOf('=')], p => p[(p.IndexOf('=') + 1)..]);
        var a = Fields(found);
        var b = Fields(expected);
        var what = b.Keys.Where(k => !a.TryGetValue(k, out var v) || v != b[k]).Select(k => k switch
        {
            "sha256" => "the experiment file has changed since the interrupted run (SHA-256 differs)",
            "cohort_size" => $"the interrupted run used cohort size {a.GetValueOrDefault(k, "?")}, this one {b[k]} (give the same --cohort-size)",
            "seed" => "the master seed differs",
            _ => $"{k} differs",
        });
        return $"cannot resume {partial}: {string.Join("; ", what.DefaultIfEmpty("its journal is not an InfoRisk journal"))}; choose another --out, or remove that folder to start again";
    }

    private static FileStream OpenData(string path, long length)
    {
        var stream = new FileStream(path, length > 0 ? FileMode.Open : FileMode.Create, FileAccess.Write, FileShare.Read);
        if (length > 0)
        {
            if (stream.Length < length) throw new ResultFolderException($"cannot resume: {path} is shorter ({stream.Length} bytes) than its journal says ({length}); remove the partial folder and start again");
            stream.SetLength(length);
            stream.Seek(0, SeekOrigin.End);
        }
        return stream;
    }

    /// <summary>The identity line and the last complete entry (run index, byte lengths of timeseries.csv and runs.csv).</summary>
    internal static (string Header, (int Run, long Timeseries, long Runs)? Last) ReadJournal(string path)
    {
        var text = File.ReadAllText(path);
        var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return ("", null);
        (int, long, long)? last = null;
        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split(' ');
            if (parts.Length == 3 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var run)
                && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ts) && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var rs))
                last = (run, ts, rs);
        }
        return (lines[0], last);
    }

    private void AppendJournal(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        _journal.Write(bytes);
        _journal.Flush(flushToDisk: true);
    }

    /// <summary>Flushes both data files to disk, then journals their lengths: run is complete on disk.</summary>
    private void Commit(int run)
    {
        _timeseries.Flush();
        _timeseriesStream.Flush();
        _timeseriesFile.Flush(flushToDisk: true);
        _runs.Flush();
        _runsStream.Flush();
        _runsFile.Flush(flushToDisk: true);
        AppendJournal(string.Create(CultureInfo.InvariantCulture, $"{run} {_timeseriesFile.Position} {_runsFile.Position}"));
    }

    private static List<string> RunsHeader()
    {
        var header = new List<string> { "experiment", "scenario", "regime", "replicate", "seed", "ticks", "subjects", "users", "providers", "deployers" };
        header.AddRange(ExperimentLoader.ParameterProperties.Keys.Select(p => "param_" + p));
        header.AddRange(RegimeCatalog.LeverNames.Select(l => "lever_" + l));
        header.AddRange(Metric.All.Select(m => m.Name));
        return header;
    }

    /// <summary>Appends a finished run to timeseries.csv and runs.csv and journals it (runs must arrive in run-index order).</summary>
    public void Add(RunResult run)
    {
        var k = run.Key;
        if (k.Index != _nextRun) throw new InvalidOperationException($"run {k.Index} arrived, run {_nextRun} expected (runs are written in order)");
        foreach (var row in run.Rows)
        {
            _timeseries.WriteField(_experiment.Name);
            _timeseries.WriteField(k.Scenario);
            _timeseries.WriteField(k.Regime.Name);
            _timeseries.WriteField(k.Replicate);
            _timeseries.WriteField(k.Seed);
            _timeseries.WriteField(row.Tick);
            for (var m = 0; m < Metric.Count; m++) _timeseries.WriteField(TickRow.Format(Metric.All[m].Kind, row.Values[m]));
            _timeseries.NextRecord();
        }
        WriteRunRow(k, run.Totals());
        Commit(k.Index);
        _nextRun++;
    }

    private void WriteRunRow(RunKey key, long[] totals)
    {
        if (_scenarioOfCache != key.Scenario)
        {
            _scenarioParameters = JsonSerializer.SerializeToNode(_experiment.Scenarios[key.Scenario].Parameters, ModelJson.Options)!.AsObject();
            _scenarioOfCache = key.Scenario;
        }
        var csv = _runs;
        csv.WriteField(_experiment.Name);
        csv.WriteField(key.Scenario);
        csv.WriteField(key.Regime.Name);
        csv.WriteField(key.Replicate);
        csv.WriteField(key.Seed);
        csv.WriteField(_experiment.Ticks);
        csv.WriteField(_experiment.Population.Subjects);
        csv.WriteField(_experiment.Population.Users);
        csv.WriteField(_experiment.Population.Providers);
        csv.WriteField(_experiment.Population.Deployers);
        foreach (var p in _parameterNames) csv.WriteField(_scenarioParameters![p]?.ToJsonString() ?? "");
        var levers = JsonSerializer.SerializeToNode(key.Regime, ModelJson.Options)!.AsObject();
        foreach (var l in RegimeCatalog.LeverNames)
        {
            var v = levers[l];
            csv.WriteField(v is null ? "" : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString());
        }
        for (var m = 0; m < Metric.Count; m++) csv.WriteField(TickRow.Format(Metric.All[m].Kind, totals[m]));
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
        _journal.Dispose();
    }

    /// <summary>Writes the analysis files and manifest.json from runs.csv, removes the journal, then moves the folder into place.</summary>
    public void Complete(JsonObject manifest, Action<string>? beforeRename = null)
    {
        if (_nextRun != _experiment.RunCount) throw new InvalidOperationException($"{_nextRun} of {_experiment.RunCount} runs written");
        CloseData();
        ResultAnalysis.Write(_experiment, WorkingDirectory);
        manifest["schema_version"] = SchemaVersion;
        File.WriteAllText(Path.Combine(WorkingDirectory, "manifest.json"), manifest.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Delete(Path.Combine(WorkingDirectory, JournalFile));
        beforeRename?.Invoke(WorkingDirectory);
        if (Directory.Exists(TargetDirectory)) Directory.Delete(TargetDirectory); // empty (checked at start)
        Directory.Move(WorkingDirectory, TargetDirectory);
    }

    /// <summary>Closes the files. An unfinished partial folder is kept, so that --resume can continue it.</summary>
    public void Dispose() => CloseData();
}
