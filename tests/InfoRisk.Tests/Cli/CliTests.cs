using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;

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

    private static async Task<(int Code, string Out, string Err)> RunAsync(string experiment, string outDir, int? cohortSize = null)
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
        Assert.Equal("experiment,scenario,regime,metric,n,mean,sd,ci95_low,ci95_high", summary[0]);
        Assert.Equal(1 + 3 * Metric.Count, summary.Length);
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.Contains("\"experiment_sha256\"", manifest);
        Assert.Contains("\"git_commit\"", manifest);
        Assert.Contains("\"schema_version\": 1", manifest);
        Assert.Empty(Directory.GetDirectories(_dir, ".out.tmp-*"));
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
        foreach (var f in new[] { "timeseries.csv", "runs.csv", "summary.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, f)), File.ReadAllBytes(Path.Combine(b, f)));
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
        var root = RepositoryRoot();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "experiments"), "*.json").Where(f => !f.EndsWith("schema.json", StringComparison.Ordinal)))
        {
            var error = new StringWriter();
            Assert.True(await InfoCommands.ValidateAsync(file, TextWriter.Null, error) == 0, error.ToString());
        }
    }

    [Fact]
    public void PublishedSchemaMatchesTheValidator()
    {
        var published = File.ReadAllText(Path.Combine(RepositoryRoot(), "experiments", "schema.json"));
        Assert.True(published == InfoRisk.Runner.Experiments.ExperimentSchema.Generate(),
            "experiments/schema.json is out of date: regenerate it with 'dotnet run --project src/Runner -- schema > experiments/schema.json'");
        foreach (var lever in InfoRisk.Model.Configuration.RegimeCatalog.LeverNames) Assert.Contains($"\"{lever}\"", published);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulation.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
