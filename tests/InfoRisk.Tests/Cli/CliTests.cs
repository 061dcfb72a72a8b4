using System.Diagnostics;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Cli;

/// <summary>End-to-end: the run command on tiny experiments, on an embedded silo, writing real files.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Experiment(string name, ulong seed = 5, string extra = "")
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""
            {
              // a tiny experiment
              "name": "{{name}}",
              "ticks": 40,
              "replicates": 2,
              "seed": {{seed}},
              "population": { "subjects": 1500, "users": 450, "providers": 2, "deployers": 5 },
              "regimes": ["use-first", "precautionary", { "name": "mine", "base": "dynamic-balance", "levers": { "punitive_multiplier": 3 } }]{{extra}}
            }
            """);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string experiment, string outDir, int? cohortSize = null, bool resume = false)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions
        {
            ExperimentPath = experiment,
            OutDirectory = outDir,
            CohortSize = cohortSize,
            Quiet = true,
            NoPlots = true,
            Resume = resume,
        }, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task RunWritesEveryFileWithTheContractColumns()
    {
        var outDir = Path.Combine(_dir, "out");
        var (code, _, err) = await RunAsync(Experiment("files"), outDir);
        Assert.True(code == 0, err);
        foreach (var f in new[] { "timeseries.csv", "runs.csv", "summary.csv", "manifest.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), $"{f} missing");
        var lines = File.ReadAllLines(Path.Combine(outDir, "timeseries.csv"));
        var header = lines[0].Split(',');
        Assert.Equal(["experiment", "scenario", "regime", "replicate", "seed", "tick"], header[..6]);
        Assert.Equal(Metric.All.Select(m => m.Name), header[6..]);
        Assert.Equal(1 + 3 * 2 * 40, lines.Length);
        Assert.Contains(lines, l => l.Split(',')[2] == "mine");
        var runs = File.ReadAllLines(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(1 + 3 * 2, runs.Length);
        var summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        Assert.Equal("experiment,scenario,regime,metric,n,mean,sd,ci95_low,ci95_high,baseline,diff_mean,diff_sd,diff_ci95_low,diff_ci95_high", summary[0]);
        Assert.Equal("scenario\n0\n", File.ReadAllText(Path.Combine(outDir, "scenarios.csv")));
        Assert.Equal(1 + 3 * Metric.Count, summary.Length);
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.Contains("\"experiment_sha256\"", manifest);
        Assert.Contains("\"git_commit\"", manifest);
        Assert.Contains("\"schema_version\": 1", manifest);
        Assert.Empty(Directory.GetDirectories(_dir, ".out.*"));
    }

    [Fact]
    public async Task SameSeedIsByteIdenticalAcrossCohortSizesAndAnotherSeedDiffers()
    {
        var experiment = Experiment("determinism");
        var a = Path.Combine(_dir, "a");
        var b = Path.Combine(_dir, "b");
        var c = Path.Combine(_dir, "c");
        Assert.Equal(0, (await RunAsync(experiment, a, cohortSize: 1500)).Code);
        Assert.Equal(0, (await RunAsync(experiment, b, cohortSize: 200)).Code);
        Assert.Equal(0, (await RunAsync(Experiment("determinism", seed: 6), c)).Code);
        foreach (var f in new[] { "timeseries.csv", "runs.csv", "summary.csv", "scenarios.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
            if (f == "scenarios.csv") continue; // one scenario, no swept value: the same for every seed
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(c, f)));
        }
    }

    [Fact]
    public async Task AFinishedFolderIsNeverOverwritten()
    {
        var outDir = Path.Combine(_dir, "taken");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "keep.txt"), "x");
        var (code, _, err) = await RunAsync(Experiment("taken"), outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("already exists", err);
        Assert.Equal(["keep.txt"], Directory.GetFiles(outDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AnAblationRunsEveryVariantAndAllLeversTogetherEqualsTheTargetRunForRun()
    {
        var experiment = Experiment("ablation", extra: """
            , "ablation": { "base": "dynamic-balance", "target": "precautionary", "design": "add" }
            """);
        var outDir = Path.Combine(_dir, "ablation-out");
        var (code, _, err) = await RunAsync(experiment, outDir);
        Assert.True(code == 0, err);
        var runs = File.ReadAllLines(Path.Combine(outDir, "runs.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var first = runs[0].Length - Metric.Count;
        string[] Totals(string regime, int replicate) => runs.Single(r => r[2] == regime && r[3] == replicate.ToString(System.Globalization.CultureInfo.InvariantCulture))[first..];
        // dynamic-balance+all has exactly precautionary's levers and the same seeds: the same results, replicate by replicate
        for (var rep = 0; rep < 2; rep++) Assert.Equal(Totals("precautionary", rep), Totals("dynamic-balance+all", rep));
        Assert.NotEqual(Totals("dynamic-balance", 0), Totals("dynamic-balance+all", 0));
        var ablation = File.ReadAllLines(Path.Combine(outDir, "ablation.csv"));
        var levers = ablation.Skip(1).Select(l => l.Split(',')[3]).Distinct().ToList();
        Assert.True(levers.Count >= 7, string.Join(",", levers));
        Assert.Equal("all", levers[^1]);
        Assert.Equal(1 + levers.Count * Metric.Count, ablation.Length);
        Assert.Contains("\"ablation\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
    }

    [Fact]
    public async Task ASensitivityRunWritesIndicesForEveryRegimeParameterAndMetric()
    {
        var path = Path.Combine(_dir, "sens.json");
        File.WriteAllText(path, """
            {
              "name": "sens", "ticks": 30, "replicates": 1, "seed": 3,
              "population": { "subjects": 800, "users": 240, "providers": 2, "deployers": 3 },
              "regimes": ["use-first", "precautionary"],
              "sensitivity": {
                "method": "morris", "trajectories": 4, "bootstrap": 50,
                "parameters": { "hallucination_rate": { "min": 0.01, "max": 0.2 }, "breach_probability_24_months": { "min": 0.1, "max": 0.6 } },
                "metrics": ["harm_total_yuan", "social_welfare_yuan"]
              }
            }
            """);
        var outDir = Path.Combine(_dir, "sens-out");
        var (code, _, err) = await RunAsync(path, outDir);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(Path.Combine(outDir, "sensitivity.csv"));
        Assert.Equal("method,regime,parameter,metric,index,estimate,ci95_low,ci95_high", rows[0]);
        Assert.Equal(1 + 2 * 2 * 2 * 3, rows.Length); // regimes x metrics x parameters x (mu, mu_star, sigma)
        Assert.All(rows.Skip(1), r => Assert.StartsWith("morris,", r));
        Assert.Equal(1 + 4 * 3, File.ReadAllLines(Path.Combine(outDir, "scenarios.csv")).Length);
        Assert.True(File.Exists(Path.Combine(outDir, "robustness.csv")));
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.Contains("\"param_hallucination_rate\"", manifest);
        Assert.Contains("\"design\": \"morris\"", manifest);
    }

    [Fact]
    public async Task AnInterruptedRunWithFinishedRunsIsRefusedWithoutResumeAndAStubIsStartedAgain()
    {
        var path = Experiment("half");
        var outDir = Path.Combine(_dir, "half");
        var experiment = InfoRisk.Runner.Experiments.ExperimentLoader.Load(path);
        using (var writer = ResultWriter.Open(experiment, outDir, experiment.CohortSize, resume: false))
            writer.Add(Design.DesignFixture.Synthetic(InfoRisk.Runner.Execution.ExperimentRunner.KeyAt(experiment, 0), experiment.Ticks, (_, m) => m));
        var (code, _, err) = await RunAsync(path, outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--resume", err);
        Assert.Contains("1 finished run", err);
        Assert.False(Directory.Exists(outDir));

        // a partial folder in which no run finished (e.g. the engine never started) holds nothing: a plain run starts again
        var stub = Path.Combine(_dir, "stub");
        Directory.CreateDirectory(ResultWriter.PartialDirectory(stub));
        File.WriteAllText(Path.Combine(ResultWriter.PartialDirectory(stub), "timeseries.csv"), "experiment,scen");
        (code, _, err) = await RunAsync(path, stub);
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(stub, "runs.csv")));
        Assert.False(Directory.Exists(ResultWriter.PartialDirectory(stub)));
    }

    /// <summary>
    /// The real thing: the runner as a separate process, killed once some runs are on disk, then resumed; every CSV
    /// equals an uninterrupted run's byte for byte.
    /// </summary>
    [Fact]
    public async Task ARunnerProcessKilledHalfWayAndResumedEqualsAnUninterruptedRun()
    {
        var path = Path.Combine(_dir, "killed.json");
        File.WriteAllText(path, """
            {
              "name": "killed", "ticks": 40, "replicates": 4, "seed": 9,
              "population": { "subjects": 1200, "users": 360, "providers": 2, "deployers": 4 },
              "regimes": ["use-first", "dynamic-balance", "precautionary"],
              "sweep": { "levers": { "punitive_multiplier": [0, 2] } }
            }
            """);
        var killed = Path.Combine(_dir, "killed-out");
        var partial = ResultWriter.PartialDirectory(killed);
        var runsCsv = Path.Combine(partial, "runs.csv");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Repo.RunnerDll(), "run", path, "--out", killed, "--quiet", "--no-plots", "--concurrency", "1" }) info.ArgumentList.Add(a);
        using (var process = Process.Start(info)!)
        {
            var journaled = 0;
            var clock = Stopwatch.StartNew();
            while (journaled < 4 && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(20);
                journaled = CountLines(runsCsv) - 1;
            }
            var running = !process.HasExited;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.True(running, $"the runner finished before it could be killed: {await process.StandardError.ReadToEndAsync()}");
        }
        Assert.False(Directory.Exists(killed));
        Assert.True(Directory.Exists(partial));
        var (_, last) = ResultWriter.ReadJournal(Path.Combine(partial, ResultWriter.JournalFile));
        Assert.InRange(last[^1].Run + 1, 3, 2 * 3 * 4 - 1);

        var (code, _, err) = await RunAsync(path, killed, resume: true);
        Assert.True(code == 0, err);
        var whole = Path.Combine(_dir, "whole-out");
        Assert.Equal(0, (await RunAsync(path, whole)).Code);
        foreach (var f in new[] { "timeseries.csv", "runs.csv", "summary.csv", "scenarios.csv", "robustness.csv" })
            Assert.True(File.ReadAllBytes(Path.Combine(whole, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed, f))), $"{f} differs after resume");
        Assert.False(Directory.Exists(partial));
    }

    private static int CountLines(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var count = 0;
            int b;
            while ((b = stream.ReadByte()) >= 0) count += b == '\n' ? 1 : 0;
            return count;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static TheoryData<string, string, string[]> BadFiles => new()
    {
        { "syntax", """{ "name": "x", "ticks": 10, """, ["not valid JSON"] },
        { "type", """{ "name": "x", "ticks": "ten", "replicates": 1, "seed": 1, "population": { "subjects": 10 }, "regimes": ["use-first"] }""", ["$.ticks", "whole number"] },
        { "range", """{ "name": "x", "ticks": 10, "replicates": 1, "seed": 1, "population": { "subjects": 10 }, "regimes": ["use-first"], "parameters": { "hallucination_rate": 1.5 } }""", ["$.parameters.hallucination_rate", "out of range", "0 to 1"] },
        { "unknown-key", """{ "name": "x", "tick": 10, "replicates": 1, "seed": 1, "population": { "subjects": 10 }, "regimes": ["use-first"] }""", ["$.tick", "did you mean 'ticks'", "$.ticks", "is required"] },
        { "regime", """{ "name": "x", "ticks": 10, "replicates": 1, "seed": 1, "population": { "subjects": 10 }, "regimes": ["precautionery"] }""", ["$.regimes[0]", "did you mean 'precautionary'"] },
        { "lever", """{ "name": "x", "ticks": 10, "replicates": 1, "seed": 1, "population": { "subjects": 10 }, "regimes": [{ "name": "m", "base": "use-first", "levers": { "punitive_multiplyer": 3, "scraping": "sometimes" } }] }""", ["punitive_multiplyer", "did you mean 'punitive_multiplier'", "$.regimes[0].levers.scraping", "with_consent, free, objections_honoured"] },
        { "missing", """{ "name": "x", "ticks": 10, "seed": 1, "regimes": ["use-first"] }""", ["$.replicates", "$.population", "is required"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadInputIsRefusedBeforeAnyWorkWithFileFieldAndWhatIsAllowed(string name, string content, string[] expected)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, content);
        var outDir = Path.Combine(_dir, "bad-" + name);
        var (code, _, err) = await RunAsync(path, outDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(path, err);
        foreach (var e in expected) Assert.Contains(e, err);
        Assert.DoesNotContain("   at ", err); // no stack trace
        Assert.False(Directory.Exists(outDir));
        Assert.Empty(Directory.GetDirectories(_dir, ".bad-*"));
    }

    [Fact]
    public async Task ProblemsCarryLineAndColumn()
    {
        var path = Path.Combine(_dir, "lines.json");
        File.WriteAllText(path, "{\n  \"name\": \"x\",\n  \"ticks\": -3,\n  \"replicates\": 1, \"seed\": 1, \"population\": { \"subjects\": 10 }, \"regimes\": [\"use-first\"]\n}\n");
        var error = new StringWriter();
        var code = await InfoCommands.ValidateAsync(path, TextWriter.Null, error);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{path}:3:12: $.ticks: -3 is out of range", error.ToString());
    }

    [Fact]
    public async Task ShippedExperimentsValidate()
    {
        var root = Repo.Root;
        foreach (var file in Directory.GetFiles(Path.Combine(root, "experiments"), "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)))
        {
            var error = new StringWriter();
            Assert.True(await InfoCommands.ValidateAsync(file, TextWriter.Null, error) == 0, error.ToString());
        }
    }

    [Fact]
    public void PublishedSchemaMatchesTheValidator()
    {
        var published = File.ReadAllText(Path.Combine(Repo.Root, "experiments", "schema.json"));
        Assert.True(published == InfoRisk.Runner.Experiments.ExperimentSchema.Generate(),
            "experiments/schema.json is out of date: regenerate it with 'dotnet run --project src/Runner -- schema > experiments/schema.json'");
        foreach (var lever in InfoRisk.Model.Configuration.RegimeCatalog.LeverNames) Assert.Contains($"\"{lever}\"", published);
    }
}
