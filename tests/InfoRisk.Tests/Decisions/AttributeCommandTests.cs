using System.Globalization;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Decisions;

namespace InfoRisk.Tests.Decisions;

/// <summary>inforisk attribute on a tiny population: the Shapley values of the differing levers add up to the paired total.</summary>
public sealed class AttributeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-attribute-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2))];
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task ShapleyValuesSumExactlyToThePairedTotalDifference_OfTheRegimeFileAgainstItsBase()
    {
        var file = Path.Combine(_dir, "stronger.json");
        File.WriteAllText(file, """{ "name": "stronger", "base": "use-first", "levers": { "output_filter": 0.9, "scraping": "with_consent" } }""");
        var outDir = Path.Combine(_dir, "out");
        var error = new StringWriter();
        var code = await AttributeCommand.ExecuteAsync(new AttributeOptions
        {
            Base = "use-first",
            Target = file,
            Out = outDir,
            Subjects = 800,
            Ticks = 25,
            Replicates = 3,
            Concurrency = 2,
            NoPlots = true,
            Quiet = true,
        }, new StringWriter(), error, CancellationToken.None);
        Assert.True(code == ExitCodes.Ok, error.ToString());

        var shapley = Csv(Path.Combine(outDir, "shapley.csv"));
        // the differing levers in the registry's order
        Assert.Equal(["scraping", "output_filter", "total"], shapley.Select(r => r["lever"]));
        Assert.Equal(("free", "with_consent"), (shapley[0]["base_value"], shapley[0]["target_value"]));
        var total = D(shapley[2]["shapley_mean"]);
        Assert.Equal(total, D(shapley[0]["shapley_mean"]) + D(shapley[1]["shapley_mean"]), 6);

        // the total is the paired difference of the two end coalitions (all levers switched minus none), per replicate
        var coalitions = Csv(Path.Combine(outDir, "coalitions.csv"));
        Assert.Equal(4 * 3, coalitions.Count);
        double Mean(Func<Dictionary<string, string>, bool> which) => coalitions.Where(which).Average(r => D(r["value"]));
        var none = Mean(r => r["switched"] == "");
        var all = Mean(r => r["switched"] == "scraping|output_filter");
        Assert.Equal(all - none, total, 6);
        Assert.NotEqual(0, total); // the two regimes really differ on harm
        // exact Shapley for two levers: phi_1 = ((v1 - v0) + (v12 - v2)) / 2
        var only1 = Mean(r => r["switched"] == "scraping");
        var only2 = Mean(r => r["switched"] == "output_filter");
        Assert.Equal(((only1 - none) + (all - only2)) / 2, D(shapley[0]["shapley_mean"]), 6);
        // the same seeds in every coalition (common random numbers)
        Assert.Equal(3, coalitions.Select(r => (r["replicate"], r["seed"])).Distinct().Count());
    }

    [Fact]
    public async Task RefusesAnUnknownRegimeOrIdenticalRegimes_WithExitCode2_AndWritesNothing()
    {
        var outDir = Path.Combine(_dir, "refused");
        foreach (var (a, b, expected) in new[] { ("use-first", "precautionery", "regime B 'precautionery'"), ("use-first", "use-first", "listed 2 times") })
        {
            var error = new StringWriter();
            var code = await AttributeCommand.ExecuteAsync(new AttributeOptions { Base = a, Target = b, Out = outDir, Quiet = true }, new StringWriter(), error, CancellationToken.None);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
            Assert.False(Directory.Exists(outDir));
        }
    }
}
