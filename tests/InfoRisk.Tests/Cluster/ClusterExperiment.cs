using InfoRisk.Runner.Commands;
using InfoRisk.Silo;

namespace InfoRisk.Tests.Cluster;

/// <summary>The small experiment the cluster tests run, and its reference files from the embedded silo (computed once).</summary>
public static class ClusterExperiment
{
    /// <summary>Subjects per cohort grain: small, so that one run has 8 subject cohorts and 2 user cohorts to spread.</summary>
    public const int CohortSize = 200;

    private static readonly Lazy<string> Folder = new(() => Directory.CreateTempSubdirectory("inforisk-cluster-").FullName);
    private static readonly Lazy<Task<Dictionary<string, byte[]>>> Reference = new(() => RunEmbeddedAsync());

    /// <summary>The experiment file (4 runs of 40 ticks: a few seconds each on an idle machine).</summary>
    public static string File => ExperimentFile.Value;

    private static readonly Lazy<string> ExperimentFile = new(() =>
    {
        var path = System.IO.Path.Combine(Folder.Value, "cluster.json");
        System.IO.File.WriteAllText(path, """
            {
              "name": "cluster",
              "ticks": 40,
              "replicates": 2,
              "seed": 41,
              "population": { "subjects": 1600, "users": 400, "providers": 2, "deployers": 3 },
              "regimes": ["use-first", "precautionary"]
            }
            """);
        return path;
    });

    /// <summary>The two result files that must not depend on the engine.</summary>
    public static readonly string[] ComparedFiles = ["timeseries.csv", "runs.csv"];

    /// <summary>The files of <see cref="File"/> run on an embedded silo.</summary>
    public static Task<Dictionary<string, byte[]>> EmbeddedAsync() => Reference.Value;

    public static async Task<(int Code, string Output, string Error, string OutDirectory)> RunAsync(string experiment, ClusterSettings? cluster, CancellationToken cancel = default)
    {
        var outDir = System.IO.Path.Combine(Folder.Value, $"out-{Guid.NewGuid():N}");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions
        {
            ExperimentPath = experiment,
            OutDirectory = outDir,
            CohortSize = CohortSize,
            Cluster = cluster,
            NoPlots = true,
        }, TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancel);
        return (code, output.ToString(), error.ToString(), outDir);
    }

    public static void AssertSameFiles(Dictionary<string, byte[]> expected, string outDirectory)
    {
        foreach (var file in ComparedFiles)
        {
            var actual = System.IO.File.ReadAllBytes(System.IO.Path.Combine(outDirectory, file));
            Assert.True(expected[file].AsSpan().SequenceEqual(actual), $"{file} on the cluster differs from the embedded silo's ({actual.Length} vs {expected[file].Length} bytes)");
        }
    }

    private static async Task<Dictionary<string, byte[]>> RunEmbeddedAsync()
    {
        var (code, _, error, outDir) = await RunAsync(File, cluster: null);
        Assert.True(code == 0, error);
        return ComparedFiles.ToDictionary(f => f, f => System.IO.File.ReadAllBytes(System.IO.Path.Combine(outDir, f)));
    }
}
