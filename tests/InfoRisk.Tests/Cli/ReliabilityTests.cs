using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using InfoRisk.Runner;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;
using InfoRisk.Silo;
using InfoRisk.Tests.Design;
using InfoRisk.Tests.Plotting;

namespace InfoRisk.Tests.Cli;

/// <summary>
/// Issue 18: the failures an adversarial user found, each reproduced. Resume identity and checksums, a failure after
/// the last run, unusable --out folders, corrupt result files, files that bypassed the validator, special files,
/// cluster addresses, and the small ones.
/// </summary>
public sealed class ReliabilityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-rel-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a FIFO or a busy file: the temp folder is cleaned by the system
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Experiment(string name, string regimes = "\"use-first\", { \"file\": \"regs/x.json\" }", int replicates = 2, string extra = "") => Write(name + ".json", $$"""
        {
          "name": "{{name}}", "ticks": 20, "replicates": {{replicates}}, "seed": 3,
          "population": { "subjects": 600, "users": 180, "providers": 2, "deployers": 3 },
          "regimes": [{{regimes}}]{{extra}}
        }
        """);

    private string RegimeFile(double multiplier) =>
        Write("regs/x.json", $$"""{ "name": "x", "base": "dynamic-balance", "levers": { "punitive_multiplier": {{multiplier}} } }""");

    private static RunResult Synthetic(RunKey key) => DesignFixture.Synthetic(key, 3, (k, m) => (k.Index + 1) * 1000 + m * 7 + k.Replicate);

    /// <summary>Writes the first <paramref name="runs"/> runs of <paramref name="e"/> (synthetic rows) and stops as a killed run would.</summary>
    private static void Interrupted(Experiment e, string target, int runs, int cohortSize = 64)
    {
        using var w = ResultWriter.Open(e, target, cohortSize, resume: false);
        foreach (var k in ExperimentRunner.Plan(e).Take(runs)) w.Add(Synthetic(k));
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(RunOptions options)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(options, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static RunOptions Options(string experiment, string outDir, bool resume = false) => new()
    {
        ExperimentPath = experiment,
        OutDirectory = outDir,
        Quiet = true,
        NoPlots = true,
        Resume = resume,
    };

    // ------------------------------------------------------------------ resume identity and checksums

    [Fact]
    public async Task Resume_after_a_regime_file_changed_is_refused_naming_the_file_and_the_lever()
    {
        RegimeFile(3);
        var path = Experiment("mixed");
        var e = ExperimentLoader.Load(path);
        var target = Path.Combine(_dir, "mixed-out");
        Interrupted(e, target, 2, e.CohortSize);

        RegimeFile(10); // the experiment file itself is unchanged
        var (code, _, err) = await RunAsync(Options(path, target, resume: true));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("regime file regs/x.json has changed", err, StringComparison.Ordinal);
        Assert.Contains("regime 'x': lever punitive_multiplier 3 -> 10", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        var (_, entries) = ResultWriter.ReadJournal(Path.Combine(ResultWriter.PartialDirectory(target), ResultWriter.JournalFile));
        Assert.Equal(1, entries[^1].Run); // the journaled runs are untouched

        RegimeFile(3); // back to what the journal recorded: the resume goes on
        using var w = ResultWriter.Open(ExperimentLoader.Load(path), target, e.CohortSize, resume: true);
        Assert.Equal(2, w.ResumedRuns);
    }

    [Fact]
    public void The_journal_identity_covers_program_model_and_draw_layout_versions_and_resolved_parameters()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("identity"));
        var identity = RunIdentity.Of(e, 64);
        Assert.Equal(InfoRisk.Model.ModelVersion.Results, (int)identity["model_version"]!);
        Assert.Equal(InfoRisk.Model.ModelVersion.DrawLayout, (int)identity["draw_layout"]!);
        Assert.Equal(ProgramVersion.Commit, (string)identity["git_commit"]!);

        var olderDraws = identity.DeepClone().AsObject();
        olderDraws["draw_layout"] = InfoRisk.Model.ModelVersion.DrawLayout - 1;
        Assert.Contains(RunIdentity.Differences(olderDraws, identity), d => d.StartsWith("draw layout", StringComparison.Ordinal));
        var otherBuild = identity.DeepClone().AsObject();
        otherBuild["git_commit"] = "0000000";
        Assert.Contains(RunIdentity.Differences(otherBuild, identity), d => d.Contains("another program build", StringComparison.Ordinal));
        var otherParameters = identity.DeepClone().AsObject();
        otherParameters["parameters"]!["hallucination_rate"] = 0.5;
        Assert.Contains(RunIdentity.Differences(otherParameters, identity), d => d.StartsWith("model parameter hallucination_rate 0.5 ->", StringComparison.Ordinal));
        Assert.Empty(RunIdentity.Differences(identity.DeepClone().AsObject(), identity));
    }

    [Fact]
    public void A_digit_changed_in_a_journaled_run_is_found_by_its_checksum_and_that_run_is_written_again()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("digit", replicates: 3));
        var plan = ExperimentRunner.Plan(e);
        var whole = Path.Combine(_dir, "whole");
        using (var w = ResultWriter.Open(e, whole, 64, resume: false))
        {
            foreach (var k in plan) w.Add(Synthetic(k));
            w.Complete(new JsonObject());
        }

        var target = Path.Combine(_dir, "digit-out");
        Interrupted(e, target, 5);
        var runsCsv = Path.Combine(ResultWriter.PartialDirectory(target), "runs.csv");
        var lines = File.ReadAllLines(runsCsv);
        var fourth = lines[3]; // run 2 (line 1 is the header)
        var at = fourth.LastIndexOf(',') + 1;
        lines[3] = fourth[..at] + (fourth[at] == '9' ? '8' : '9') + fourth[(at + 1)..];
        File.WriteAllText(runsCsv, string.Join("\n", lines) + "\n");

        using (var w = ResultWriter.Open(e, target, 64, resume: true))
        {
            Assert.Equal(2, w.ResumedRuns); // runs 0 and 1 verified; run 2 changed, so it and the rest are written again
            var warning = Assert.Single(w.Warnings);
            Assert.Contains("run 2", warning, StringComparison.Ordinal);
            Assert.Contains("runs.csv", warning, StringComparison.Ordinal);
            Assert.Contains("SHA-256", warning, StringComparison.Ordinal);
            foreach (var k in plan.Skip(2)) w.Add(Synthetic(k));
            w.Complete(new JsonObject());
        }

        foreach (var f in new[] { "timeseries.csv", "runs.csv", "summary.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, f)), File.ReadAllBytes(Path.Combine(target, f)));
    }

    [Fact]
    public void A_failure_after_the_last_run_keeps_the_journal_and_resume_redoes_only_the_analysis_and_charts()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("late"));
        var target = Path.Combine(_dir, "late-out");
        var partial = ResultWriter.PartialDirectory(target);
        using (var w = ResultWriter.Open(e, target, 64, resume: false))
        {
            foreach (var k in ExperimentRunner.Plan(e)) w.Add(Synthetic(k));
            var failure = Assert.Throws<IOException>(() => w.Complete(new JsonObject(), dir =>
            {
                Directory.CreateDirectory(Path.Combine(dir, ChartSet.ScratchPrefix + "999999-dead"));
                throw new IOException("No space left on device");
            }));
            Assert.Contains("No space left", failure.Message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(target));
        Assert.True(File.Exists(Path.Combine(partial, ResultWriter.JournalFile)));
        var charts = 0;
        using (var w = ResultWriter.Open(e, target, 64, resume: true))
        {
            Assert.Equal(e.RunCount, w.ResumedRuns); // no run is repeated
            w.Complete(new JsonObject(), _ => charts++);
        }

        Assert.Equal(1, charts);
        Assert.True(File.Exists(Path.Combine(target, "summary.csv")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target, ".*"));
        Assert.False(File.Exists(Path.Combine(target, ResultWriter.JournalFile)));
        Assert.False(Directory.Exists(partial));
    }

    [Fact]
    public void Drawing_cancelled_leaves_no_scratch_folder_and_plots_as_they_were()
    {
        var dir = SyntheticResults.Create();
        try
        {
            using var cancelled = new CancellationTokenSource();
            cancelled.Cancel();
            Assert.Throws<OperationCanceledException>(() => ChartSet.Render(dir, new ChartOptions(Dpi: 36), cancelled.Token));
            Assert.False(Directory.Exists(Path.Combine(dir, "plots")));
            Assert.Empty(Directory.EnumerateDirectories(dir, ChartSet.ScratchPrefix + "*"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_resume_while_another_writer_holds_the_journal_says_a_run_is_still_active()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("busy"));
        var target = Path.Combine(_dir, "busy-out");
        using var first = ResultWriter.Open(e, target, 64, resume: false);
        first.Add(Synthetic(ExperimentRunner.KeyAt(e, 0)));
        var refused = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: true));
        Assert.Contains("still active", refused.Message, StringComparison.Ordinal);
        var plain = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: false));
        Assert.Contains("still active", plain.Message, StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ --out

    public static TheoryData<string, string> UnusableOut => new()
    {
        { "file", "exists and is not a folder" },
        { "/dev/null", "exists and is not a folder" },
        { "", "--out is empty" },
        { "/", "root of the file system" },
    };

    [Theory]
    [MemberData(nameof(UnusableOut))]
    public async Task An_out_that_is_not_a_usable_folder_is_refused_at_once_with_nothing_written(string outArgument, string expected)
    {
        RegimeFile(3);
        var path = Experiment("out");
        var outDir = outArgument == "file" ? Write("taken.txt", "x") : outArgument;
        var before = Directory.GetFileSystemEntries(_dir).Length;
        var clock = Stopwatch.StartNew();
        var (code, _, err) = await RunAsync(Options(path, outDir));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(_dir).Length);
        Assert.False(Directory.Exists("/dev/.null.partial"));
    }

    [Fact]
    public async Task An_out_that_is_a_symbolic_link_to_an_empty_folder_receives_the_result_and_stays_a_link()
    {
        RegimeFile(3);
        var path = Experiment("link");
        var real = Directory.CreateDirectory(Path.Combine(_dir, "real")).FullName;
        var link = Path.Combine(_dir, "link");
        Directory.CreateSymbolicLink(link, real);
        var (code, _, err) = await RunAsync(Options(path, link));
        Assert.True(code == 0, err);
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
        Assert.True(File.Exists(Path.Combine(real, "runs.csv")));
    }

    [Fact]
    public void A_result_stranded_because_its_folder_got_a_file_during_the_run_is_finished_by_resume()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("stranded"));
        var target = Directory.CreateDirectory(Path.Combine(_dir, "stranded-out")).FullName;
        using (var w = ResultWriter.Open(e, target, 64, resume: false))
        {
            foreach (var k in ExperimentRunner.Plan(e)) w.Add(Synthetic(k));
            File.WriteAllText(Path.Combine(target, "notes.txt"), "put here during the run");
            var refused = Assert.Throws<ResultFolderException>(() => w.Complete(new JsonObject()));
            Assert.Contains("--resume", refused.Message, StringComparison.Ordinal);
            Assert.Contains("no longer empty", refused.Message, StringComparison.Ordinal);
        }

        var blocked = Assert.Throws<ResultFolderException>(() => ResultWriter.Open(e, target, 64, resume: true));
        Assert.Contains("move those files away", blocked.Message, StringComparison.Ordinal);
        File.Delete(Path.Combine(target, "notes.txt"));
        using (var w = ResultWriter.Open(e, target, 64, resume: true))
        {
            Assert.Equal(e.RunCount, w.ResumedRuns);
            w.Complete(new JsonObject());
        }

        Assert.True(File.Exists(Path.Combine(target, "summary.csv")));
    }

    // ------------------------------------------------------------------ plot on corrupt data

    private static string PlotError(string dir, out int code)
    {
        var error = new StringWriter();
        code = PlotCommand.ExecuteAsync(dir, new ChartOptions(Dpi: 36), TextWriter.Null, error).GetAwaiter().GetResult();
        return error.ToString();
    }

    public static TheoryData<string, string, string> CorruptResults => new()
    {
        { "cut-mid-row", "timeseries.csv", "timeseries.csv line" },
        { "short-row", "timeseries.csv", "field(s), but the header has" },
        { "nan", "runs.csv", "'NaN' in column 'harm_total_yuan'" },
        { "inf", "runs.csv", "'inf' in column 'harm_total_yuan'" },
        { "runs-without-series", "runs.csv", "has no rows in timeseries.csv" },
        { "series-cut-at-row", "timeseries.csv", "ticks: timeseries.csv was cut or damaged" },
    };

    [Theory]
    [MemberData(nameof(CorruptResults))]
    public void Plot_refuses_corrupt_results_naming_file_and_line(string damage, string file, string expected)
    {
        var dir = SyntheticResults.Create();
        try
        {
            var path = Path.Combine(dir, file);
            var lines = File.ReadAllLines(path).ToList();
            var header = lines[0].Split(',');
            string text;
            switch (damage)
            {
                case "cut-mid-row":
                    text = string.Join("\n", lines) + "\n";
                    text = text[..(text.Length - 7)]; // the last row loses its end and line break
                    break;
                case "short-row":
                    lines[3] = string.Join(',', lines[3].Split(',').SkipLast(2));
                    text = string.Join("\n", lines) + "\n";
                    break;
                case "nan" or "inf":
                    var column = Array.IndexOf(header, "harm_total_yuan");
                    var fields = lines[2].Split(',');
                    fields[column] = damage == "nan" ? "NaN" : "inf";
                    lines[2] = string.Join(',', fields);
                    text = string.Join("\n", lines) + "\n";
                    break;
                case "runs-without-series":
                    var series = Path.Combine(dir, "timeseries.csv");
                    var regime = lines[1].Split(',')[Array.IndexOf(header, "regime")];
                    var tsLines = File.ReadAllLines(series);
                    var regimeColumn = Array.IndexOf(tsLines[0].Split(','), "regime");
                    File.WriteAllText(series, string.Join("\n", tsLines.Where((l, i) => i == 0 || l.Split(',')[regimeColumn] != regime)) + "\n");
                    text = string.Join("\n", lines) + "\n";
                    break;
                default: // series-cut-at-row: the last row removed whole, a clean cut at a line break
                    text = string.Join("\n", lines.SkipLast(1)) + "\n";
                    break;
            }

            File.WriteAllText(path, text);
            var error = PlotError(dir, out var code);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.Contains(" line ", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "plots")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Plot_refuses_a_partial_folder()
    {
        var dir = SyntheticResults.Create();
        var partial = Path.Combine(_dir, ".someone.partial");
        Directory.Move(dir, partial);
        var error = PlotError(partial, out var code);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("partial folder", error, StringComparison.Ordinal);
        Assert.Contains("--resume", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_that_are_no_longer_drawn_are_removed_from_plots_and_other_files_are_kept()
    {
        var dir = SyntheticResults.Create();
        try
        {
            // a summary.csv with the paired differences: the baseline_difference chart is drawn
            var summary = Path.Combine(dir, "summary.csv");
            var plain = File.ReadAllLines(summary);
            File.WriteAllLines(summary, plain.Select((l, i) => l + (i == 0 ? ",baseline,diff_mean,diff_sd,diff_ci95_low,diff_ci95_high" : ",protection-first,1,0.5,0.5,1.5")));
            ChartSet.Render(dir, new ChartOptions(Dpi: 36));
            var plots = Path.Combine(dir, "plots");
            Assert.True(File.Exists(Path.Combine(plots, "baseline_difference.svg")));
            File.WriteAllText(Path.Combine(plots, "my-notes.txt"), "mine");
            File.WriteAllLines(summary, plain); // without the diff_* columns the chart is not drawn

            ChartSet.Render(dir, new ChartOptions(Dpi: 36));

            Assert.False(File.Exists(Path.Combine(plots, "baseline_difference.svg")));
            Assert.False(File.Exists(Path.Combine(plots, "baseline_difference.png")));
            Assert.True(File.Exists(Path.Combine(plots, "tradeoff.svg")));
            Assert.True(File.Exists(Path.Combine(plots, "my-notes.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_one_replicate_plot_prints_nothing_from_the_svg_renderer()
    {
        var dir = SyntheticResults.Create(replicates: 1);
        try
        {
            var summary = Path.Combine(dir, "summary.csv");
            File.WriteAllLines(summary, File.ReadAllLines(summary).Select((l, i) => l + (i == 0 ? ",baseline,diff_mean,diff_sd,diff_ci95_low,diff_ci95_high" : ",protection-first,1,,,")));
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { Repo.RunnerDll(), "plot", dir, "--dpi", "36" }) info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, await error);
            Assert.True(File.Exists(Path.Combine(dir, "plots", "baseline_difference.svg")));
            Assert.DoesNotContain("Unsupported", await output + await error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // ------------------------------------------------------------------ files that bypassed the validator

    private static async Task<(int Code, string Err)> ValidateAsync(string path)
    {
        var error = new StringWriter();
        var code = await InfoCommands.ValidateAsync(path, TextWriter.Null, error);
        return (code, error.ToString());
    }

    private static readonly string Valid = """
        {
          "name": "ok", "ticks": 10, "replicates": 1, "seed": 1,
          "population": { "subjects": 100 },
          "regimes": ["use-first"]
        }
        """;

    [Fact]
    public async Task A_byte_order_mark_is_accepted_and_positions_still_match_the_file()
    {
        var path = Path.Combine(_dir, "bom.json");
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Valid)]);
        Assert.Equal(ExitCodes.Ok, (await ValidateAsync(path)).Code);

        var text = Valid.Replace("\"ticks\": 10", "\"ticks\": -1", StringComparison.Ordinal);
        File.WriteAllBytes(path, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text)]);
        var (code, err) = await ValidateAsync(path);
        Assert.Equal(ExitCodes.BadInput, code);
        var column = text.Split('\n')[1].IndexOf("-1", StringComparison.Ordinal) + 1; // the mark is not a character of line 1
        Assert.Contains($"{path}:2:{column}: $.ticks", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_keys_invalid_utf8_and_special_files_are_problems_with_file_and_position()
    {
        var twice = Valid.Replace("\"seed\": 1,", "\"seed\": 1, \"seed\": 2,", StringComparison.Ordinal);
        var duplicate = Write("dup.json", twice);
        var (code, err) = await ValidateAsync(duplicate);
        Assert.Equal(ExitCodes.BadInput, code);
        var column = twice.Split('\n')[1].LastIndexOf("\"seed\"", StringComparison.Ordinal) + 1;
        Assert.Contains($"{duplicate}:2:{column}: $.seed: key 'seed' is given twice in one object (first on line 2)", err, StringComparison.Ordinal);

        var utf8 = Path.Combine(_dir, "latin1.json");
        File.WriteAllBytes(utf8, [.. Encoding.UTF8.GetBytes(Valid.Replace("\"ok\"", "\"ok\", \"description\": \"caf", StringComparison.Ordinal)[..40]), 0xE9, .. "\"}"u8]);
        (code, err) = await ValidateAsync(utf8);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{utf8}:2:", err, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8 (byte 0xE9", err, StringComparison.Ordinal);

        (code, err) = await ValidateAsync(_dir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is a folder, not a file", err, StringComparison.Ordinal);

        var clock = Stopwatch.StartNew();
        (code, err) = await ValidateAsync("/dev/zero");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a regular file", err, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

        var large = Write("large.json", Valid.Replace("\"ok\",", "\"ok\", \"description\": \"" + new string('x', 2_000_000) + "\",", StringComparison.Ordinal));
        (code, err) = await ValidateAsync(large);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is larger than 1,024 KiB", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_hanging()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "FIFOs and statx are checked on Linux");
        var fifo = Path.Combine(_dir, "pipe.json");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) await mkfifo.WaitForExitAsync();
        var (code, err) = await ValidateAsync(fifo).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not a regular file", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_file_is_a_problem_not_a_raw_exception()
    {
        Skip.IfNot(File.Exists("/proc/self/mem"), "needs /proc/self/mem, a file that exists but cannot be read from its start");
        var (code, err) = await ValidateAsync("/proc/self/mem");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("/proc/self/mem: $: cannot be read", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regime_file_with_a_duplicate_key_is_reported_in_that_file()
    {
        const string text = """{ "name": "x", "base": "use-first", "name": "y" }""";
        var regime = Write("regs/x.json", text);
        var (code, err) = await ValidateAsync(Experiment("dupregime"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{regime}:1:{text.LastIndexOf("\"name\"", StringComparison.Ordinal) + 1}: $.name: key 'name' is given twice", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run", "x.json", "--out", "o", "--no-such-flag")]
    [InlineData("plot", "somewhere", "--lang", "fr")]
    [InlineData("run", "x.json")]
    public async Task A_command_line_that_does_not_parse_exits_2(params string[] args)
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, await InfoRisk.Runner.Cli.RunAsync(args, error));
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("--help", error.ToString(), StringComparison.Ordinal);
    }

    // ------------------------------------------------------------------ options

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Concurrency_below_one_is_refused(int concurrency)
    {
        RegimeFile(3);
        var (code, _, err) = await RunAsync(Options(Experiment("conc"), Path.Combine(_dir, "conc-out")) with { Concurrency = concurrency });
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"--concurrency {concurrency}", err, StringComparison.Ordinal);
        Assert.Contains("1 or more", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_with_a_cluster_names_no_option_that_does_not_exist()
    {
        RegimeFile(3);
        var options = Options(Experiment("dash"), Path.Combine(_dir, "dash-out")) with
        {
            Dashboard = "127.0.0.1:0",
            Cluster = new ClusterSettings { Redis = "redis://127.0.0.1:1" },
        };
        var (code, _, err) = await RunAsync(options);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("embedded silo only", err, StringComparison.Ordinal);
        Assert.DoesNotContain("add the dashboard to the cluster's silos", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_states_the_output_size_and_run_refuses_what_cannot_fit_on_the_disk()
    {
        var huge = Write("huge.json", """
            {
              "name": "huge", "ticks": 36500, "replicates": 100000, "seed": 1,
              "population": { "subjects": 100 },
              "regimes": ["use-first", "precautionary"],
              "sweep": { "parameters": { "hallucination_rate": { "min": 0.01, "max": 0.1, "steps": 100 } } }
            }
            """);
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await InfoCommands.ValidateAsync(huge, output, TextWriter.Null));
        var size = OutputSize.Of(ExperimentLoader.Load(huge));
        Assert.Equal(2L * 100_000 * 100 * 36_500, size.TimeseriesRows);
        Assert.Contains($"output: timeseries.csv {size.TimeseriesRows:N0} rows", output.ToString(), StringComparison.Ordinal);
        Assert.True(size.MinimumBytes > 100L * size.TimeseriesRows, "every row holds at least 100 bytes");

        var (code, _, err) = await RunAsync(Options(huge, Path.Combine(_dir, "huge-out")));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("free", err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_dir));
    }

    [Fact]
    public void The_size_estimate_is_a_lower_bound_of_a_real_result()
    {
        RegimeFile(3);
        var e = ExperimentLoader.Load(Experiment("size"));
        var target = Path.Combine(_dir, "size-out");
        using (var w = ResultWriter.Open(e, target, 64, resume: false))
        {
            foreach (var k in ExperimentRunner.Plan(e)) w.Add(DesignFixture.Synthetic(k, e.Ticks, (_, _) => 0));
            w.Complete(new JsonObject());
        }

        var written = new FileInfo(Path.Combine(target, "timeseries.csv")).Length + new FileInfo(Path.Combine(target, "runs.csv")).Length;
        var size = OutputSize.Of(e);
        Assert.InRange(size.MinimumBytes, written / 3, written); // all values 0: the shortest they can be
    }

    // ------------------------------------------------------------------ cluster address

    [Fact]
    public void Cluster_port_zero_is_refused_and_a_password_may_contain_a_colon()
    {
        var zero = new ClusterSettings { Redis = "redis://127.0.0.1:0" };
        Assert.Contains(zero.Problems(), p => p.Contains("port 0", StringComparison.Ordinal));
        Assert.Empty(new ClusterSettings { Redis = "redis://127.0.0.1" }.Problems());
        Assert.Equal(6379, ((System.Net.DnsEndPoint)new ClusterSettings { Redis = "redis://localhost" }.RedisOptions().EndPoints[0]).Port);

        var colon = new ClusterSettings { Redis = "redis://:pa:ss:word@127.0.0.1:6390" };
        Assert.Equal("pa:ss:word", colon.RedisOptions().Password);
        Assert.Null(colon.RedisOptions().User);
        var user = new ClusterSettings { Redis = "redis://alice:s3cret@127.0.0.1:6390" };
        Assert.Equal("alice", user.RedisOptions().User);
        Assert.Equal("s3cret", user.RedisOptions().Password);
        Assert.Equal("redis://127.0.0.1:6390 cluster=inforisk service=inforisk", colon.Describe());

        var warnings = ClusterSettings.CommandLineSecretWarnings(colon, passwordOption: true).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains(ClusterSettings.RedisPasswordVariable, w, StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.DoesNotContain("pa:ss", w, StringComparison.Ordinal));
        Assert.Empty(ClusterSettings.CommandLineSecretWarnings(new ClusterSettings { Redis = "redis://127.0.0.1:6390" }, passwordOption: false));
    }

    [Fact]
    public async Task An_unreachable_redis_is_reported_in_seconds_and_leaves_no_partial_folder()
    {
        RegimeFile(3);
        var port = SiloSetup.FreePort(); // nothing listens there
        var outDir = Path.Combine(_dir, "unreachable");
        var clock = Stopwatch.StartNew();
        var (code, _, err) = await RunAsync(Options(Experiment("unreachable"), outDir) with { Cluster = new ClusterSettings { Redis = $"redis://:pw:x@127.0.0.1:{port}" } });
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains($"redis://127.0.0.1:{port}", err, StringComparison.Ordinal);
        Assert.Contains("cannot connect to Redis", err, StringComparison.Ordinal);
        Assert.Contains("process list", err, StringComparison.Ordinal);
        Assert.DoesNotContain("pw:x", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ResultWriter.PartialDirectory(outDir)));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_wrong_redis_password_is_reported_in_seconds()
    {
        using var garnet = Cluster.InProcessGarnet.Start("right-password");
        RegimeFile(3);
        var outDir = Path.Combine(_dir, "wrong");
        var settings = new ClusterSettings { Redis = $"redis://127.0.0.1:{garnet.Port}", RedisPassword = "wrong-password" };
        var (code, _, err) = await RunAsync(Options(Experiment("wrong"), outDir) with { Cluster = settings });
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("password", err, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(ResultWriter.PartialDirectory(outDir)));
        Assert.Null(await ClusterProbe.ProblemAsync(settings with { RedisPassword = "right-password" }, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task The_manifest_records_the_model_version_and_the_draw_layout()
    {
        var path = Experiment("manifest", regimes: "\"use-first\"", replicates: 1);
        var outDir = Path.Combine(_dir, "manifest-out");
        var (code, _, err) = await RunAsync(Options(path, outDir));
        Assert.True(code == 0, err);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")))!;
        Assert.Equal(InfoRisk.Model.ModelVersion.Results, (int)manifest["model_version"]!);
        Assert.Equal(InfoRisk.Model.ModelVersion.DrawLayout, (int)manifest["draw_layout"]!);
    }
}
