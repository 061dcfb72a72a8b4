using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Tests.Decisions;

/// <summary>The optimize block end to end on a tiny population: outputs, regime files that run accepts, and resume.</summary>
public sealed class OptimizeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-optimize-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Experiment(string optimize = """{ "levers": { "output_filter": {}, "scraping": {} }, "population_size": 4, "budget": 8 }""")
    {
        var path = Path.Combine(_dir, "search.json");
        File.WriteAllText(path, $$"""
            { "name": "search", "ticks": 20, "replicates": 2, "seed": 11,
              "population": { "subjects": 600, "users": 180, "providers": 2, "deployers": 3 },
              "regimes": ["use-first", "precautionary"],
              "optimize": {{optimize}} }
            """);
        return path;
    }

    private static async Task<(int Code, string Err)> Run(string experiment, string outDir, bool resume = false, int? stopAfter = null)
    {
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions
        {
            ExperimentPath = experiment,
            OutDirectory = outDir,
            Quiet = true,
            NoPlots = true,
            Resume = resume,
            Concurrency = 2,
            StopAfterBatches = stopAfter,
        }, new StringWriter(), error, CancellationToken.None);
        return (code, error.ToString());
    }

    [Fact]
    public async Task WritesTheFrontAsRegimeFilesThatRunAccepts_AndResumeGivesTheSameFront()
    {
        var experiment = Experiment();
        var whole = Path.Combine(_dir, "whole");
        var (code, err) = await Run(experiment, whole);
        Assert.True(code == ExitCodes.Ok, err);
        var pareto = File.ReadAllLines(Path.Combine(whole, "pareto.csv"));
        Assert.StartsWith("regime,file,candidate,generation,lever_output_filter,lever_scraping,harm_total_yuan_mean,harm_total_yuan_ci95_low,harm_total_yuan_ci95_high,service_value_yuan_mean", pareto[0], StringComparison.Ordinal);
        Assert.InRange(pareto.Length - 1, 1, 8);
        Assert.Equal(1 + 8, File.ReadAllLines(Path.Combine(whole, "evaluations.csv")).Length);
        var named = File.ReadAllLines(Path.Combine(whole, "named.csv"));
        Assert.Equal(["use-first", "precautionary"], named.Skip(1).Select(l => l.Split(',')[0]));

        // every front regime is a complete regime file, and the experiment listing them passes the loader of run
        var files = Directory.GetFiles(Path.Combine(whole, "regimes"), "*.json");
        Assert.Equal(pareto.Length - 1, files.Length);
        var loaded = ExperimentLoader.Load(Path.Combine(whole, "pareto-experiment.json"));
        Assert.Equal(files.Length + 2, loaded.Regimes.Count);
        Assert.Equal(ExitCodes.Ok, await InfoCommands.ValidateAsync(Path.Combine(whole, "pareto-experiment.json"), new StringWriter(), new StringWriter()));

        // stopped after the first batch, then resumed: byte-identical tables
        var stopped = Path.Combine(_dir, "stopped");
        Assert.Equal(ExitCodes.Cancelled, (await Run(experiment, stopped, stopAfter: 1)).Code);
        Assert.False(Directory.Exists(stopped));
        var (refused, message) = await Run(experiment, stopped);
        Assert.Equal(ExitCodes.BadInput, refused);
        Assert.Contains("--resume", message, StringComparison.Ordinal);
        (code, err) = await Run(experiment, stopped, resume: true);
        Assert.True(code == ExitCodes.Ok, err);
        foreach (var table in new[] { "pareto.csv", "evaluations.csv", "named.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(whole, table)), File.ReadAllText(Path.Combine(stopped, table)));
    }

    [Fact]
    public void RefusesAnUnboundedLeverWithoutARange_AnOddPopulation_AndAnUnknownMetric()
    {
        var e = Assert.Throws<ExperimentException>(() => ExperimentLoader.Load(Experiment("""
            { "levers": { "fine_max_yuan": {}, "output_filter": { "min": 0.5, "max": 2 } }, "population_size": 5,
              "objectives": [{ "metric": "harm_totl_yuan", "direction": "minimize" }, { "metric": "service_value_yuan", "direction": "maximize" }] }
            """)));
        var text = string.Join("\n", e.Problems.Select(p => p.ToString()));
        Assert.Contains("$.optimize.levers.fine_max_yuan", text, StringComparison.Ordinal);
        Assert.Contains("no declared upper bound", text, StringComparison.Ordinal);
        Assert.Contains("$.optimize.levers.output_filter.max", text, StringComparison.Ordinal);
        Assert.Contains("$.optimize.population_size", text, StringComparison.Ordinal);
        Assert.Contains("unknown metric 'harm_totl_yuan'", text, StringComparison.Ordinal);
    }
}
