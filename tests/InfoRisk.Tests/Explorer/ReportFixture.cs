using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Explorer;

/// <summary>One real result folder (the four regimes, 1,000 subjects, 40 days, 2 paired replicates, no charts) for the report tests.</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("inforisk-report-results-");

    public string Results => Path.Combine(_root.FullName, "four-regimes");

    public async Task InitializeAsync()
    {
        var file = Path.Combine(_root.FullName, "four-regimes.json");
        await File.WriteAllTextAsync(file, """
            {
              "name": "four-regimes",
              "description": "The four built-in regimes, tiny",
              "ticks": 40, "replicates": 2, "seed": 3,
              "population": { "subjects": 1000, "providers": 2, "deployers": 5 },
              "regimes": ["protection-first", "use-first", "dynamic-balance", "precautionary"],
              "outputs": { "plots": false }
            }
            """);
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions { ExperimentPath = file, OutDirectory = Results, Quiet = true, NoPlots = true }, new StringWriter(), error, CancellationToken.None);
        if (code != 0) throw new InvalidOperationException(error.ToString());
    }

    /// <summary>A copy of the result folder that a test may damage.</summary>
    public string Copy(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Results)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public Task DisposeAsync()
    {
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ReportCollection : ICollectionFixture<ReportFixture>
{
    public const string Name = "report";
}
