using System.Text.Json.Nodes;
using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Cli;

/// <summary>
/// "replicates": { "min", "max", "batch", "target_half_width", "metrics" }: paired replicates are added in batches until
/// the paired differences are precise enough, and the result is exactly that of the same experiment with the count fixed.
/// </summary>
public sealed class SequentialReplicatesRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-seq-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Experiment(string name, string replicates)
    {
        var path = Path.Combine(_dir, name + ".json");
        File.WriteAllText(path, $$"""
            {
              "name": "seq",
              "ticks": 40,
              "replicates": {{replicates}},
              "seed": 7,
              "population": { "subjects": 1000, "users": 300, "providers": 2, "deployers": 4 },
              "regimes": ["use-first", "dynamic-balance"]
            }
            """);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(string experiment, string outDir)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions { ExperimentPath = experiment, OutDirectory = outDir, NoPlots = true }, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task BatchesAreAddedUntilTheTargetAndTheFilesEqualAFixedCountRun()
    {
        // a target the minimum does not reach (its half-width is about twice the target at 4 replicates for this seed)
        var seq = Path.Combine(_dir, "seq");
        var (code, output, error) = await RunAsync(Experiment("seq", """{ "min": 4, "max": 30, "batch": 3, "target_half_width": 2500 }"""), seq);
        Assert.True(code == 0, error);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(seq, "manifest.json")))!;
        var rule = manifest["sequential_replicates"]!;
        var n = rule["replicates"]!.GetValue<int>();
        var looks = rule["looks"]!.AsArray();
        // looks at 4, 7, 10, ...: every look but the last has a half-width above target, the last none (or the maximum)
        Assert.True(looks.Count >= 2, output);
        Assert.Equal([.. Enumerable.Range(0, looks.Count).Select(k => 4 + (3 * k))], looks.Select(l => l!["replicates"]!.GetValue<int>()));
        Assert.All(looks.Take(looks.Count - 1), l => Assert.Contains(l!["half_widths"]!.AsArray(), w => w!.GetValue<double>() > 2500));
        Assert.Equal("target", rule["verdict"]!.GetValue<string>());
        Assert.All(looks[^1]!["half_widths"]!.AsArray(), w => Assert.True(w!.GetValue<double>() <= 2500));
        Assert.Equal(n, looks[^1]!["replicates"]!.GetValue<int>());
        Assert.Equal(n, manifest["replicates"]!.GetValue<int>());
        Assert.Equal(["use-first - dynamic-balance, harm_total_yuan"], rule["comparisons"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Contains($"replicates: {n}: ", output, StringComparison.Ordinal);
        // the same experiment with the count fixed at n gives the same bytes: the batches' runs are the experiment's runs
        var fixedRun = Path.Combine(_dir, "fixed");
        Assert.Equal(0, (await RunAsync(Experiment("fixed", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), fixedRun)).Code);
        foreach (var file in new[] { "runs.csv", "timeseries.csv", "summary.csv" })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(fixedRun, file)), await File.ReadAllBytesAsync(Path.Combine(seq, file)));
        // the CI half-width summary.csv reports for the difference is the one the rule stopped on
        var row = File.ReadLines(Path.Combine(seq, "summary.csv")).Select(l => l.Split(',')).Single(f => f[2] == "use-first" && f[3] == "harm_total_yuan");
        var header = File.ReadLines(Path.Combine(seq, "summary.csv")).First().Split(',');
        double Field(string name) => double.Parse(row[Array.IndexOf(header, name)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(looks[^1]!["half_widths"]![0]!.GetValue<double>(), (Field("diff_ci95_high") - Field("diff_ci95_low")) / 2, 3);
    }

    [Fact]
    public async Task AnUnreachableTargetStopsAtTheMaximumAndBadBlocksAreRefused()
    {
        var capped = Path.Combine(_dir, "capped");
        var (code, _, error) = await RunAsync(Experiment("capped", """{ "min": 2, "max": 5, "batch": 2, "target_half_width": 0.01 }"""), capped);
        Assert.True(code == 0, error);
        var rule = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(capped, "manifest.json")))!["sequential_replicates"]!;
        Assert.Equal("maximum", rule["verdict"]!.GetValue<string>());
        Assert.Equal([2, 4, 5], rule["looks"]!.AsArray().Select(l => l!["replicates"]!.GetValue<int>()));

        var bad = Path.Combine(_dir, "bad");
        (code, _, error) = await RunAsync(Experiment("bad", """{ "min": 1, "max": 5, "target_half_width": 0, "metrics": ["harm_totl_yuan"], "batches": 2 }"""), bad);
        Assert.Equal(ExitCodes.BadInput, code);
        foreach (var expected in new[] { "$.replicates.min", "$.replicates.target_half_width", "$.replicates.metrics[0]", "did you mean 'harm_total_yuan'", "$.replicates.batches" })
            Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(bad));
    }
}
