using System.Globalization;
using System.Text;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Decisions;

namespace InfoRisk.Tests.Decisions;

/// <summary>
/// inforisk discover on a synthetic result folder: 5 swept parameters, two of which (a and b) decide where regime
/// "a-regime"'s paired advantage over "b-regime" reverses, the other three are noise.
/// </summary>
public sealed class DiscoverCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-discover-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string Harm = Metric.HarmTotalYuan.Name;

    /// <summary>400 scenarios, 2 replicates; A's harm is lower than B's by 100 yuan except where x1 &gt; 0.6 and x2 &lt; 0.4, where it is higher by 50.</summary>
    private string Synthetic()
    {
        var folder = Path.Combine(_dir, "results");
        Directory.CreateDirectory(folder);
        var random = new Random(12345);
        var text = new StringBuilder($"experiment,scenario,regime,replicate,param_x1,param_x2,param_x3,param_x4,param_x5,lever_scraping,{Harm}\n");
        for (var s = 0; s < 400; s++)
        {
            var x = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
            var scraping = random.Next(3) switch { 0 => "free", 1 => "with_consent", _ => "objections_honoured" };
            var inBox = x[0] > 0.6 && x[1] < 0.4;
            for (var r = 0; r < 2; r++)
            {
                var common = 10_000 + (random.NextDouble() * 1_000); // the same draw in both regimes (common random numbers)
                var noise = (random.NextDouble() - 0.5) * 20;
                var b = common;
                var a = common + (inBox ? 50 : -100) + noise;
                foreach (var (regime, harm) in new[] { ("a-regime", a), ("b-regime", b) })
                {
                    text.Append(CultureInfo.InvariantCulture, $"syn,{s},{regime},{r},{x[0]:R},{x[1]:R},{x[2]:R},{x[3]:R},{x[4]:R},{scraping},{harm:F2}\n");
                }
            }
        }
        File.WriteAllText(Path.Combine(folder, "runs.csv"), text.ToString());
        return folder;
    }

    private static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2))];
    }

    [Fact]
    public async Task FindsThePlantedBox_RestrictingOnlyTheTwoRelevantParameters()
    {
        var results = Synthetic();
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DiscoverCommand.ExecuteAsync(new DiscoverOptions { Results = results, Metric = Harm, Compare = "a-regime:b-regime", Bootstrap = 20, NoPlots = true }, output, error);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        var boxes = Csv(Path.Combine(results, "discovery", "boxes.csv"));
        Assert.Equal(["x1", "x2", "x3", "x4", "x5", "scraping"], boxes.Select(b => b["dimension"]));
        Assert.Equal(["x1", "x2"], boxes.Where(b => b["restricted"] == "true").Select(b => b["dimension"]));
        var x1 = boxes.Single(b => b["dimension"] == "x1");
        var x2 = boxes.Single(b => b["dimension"] == "x2");
        Assert.InRange(double.Parse(x1["low"], CultureInfo.InvariantCulture), 0.5, 0.7);
        Assert.InRange(double.Parse(x2["high"], CultureInfo.InvariantCulture), 0.3, 0.5);
        Assert.True(double.Parse(x1["coverage"], CultureInfo.InvariantCulture) >= 0.8, x1["coverage"]);
        Assert.True(double.Parse(x1["density"], CultureInfo.InvariantCulture) >= 0.8, x1["density"]);
        Assert.Equal("categorical", boxes.Single(b => b["dimension"] == "scraping")["kind"]);

        var trajectory = Csv(Path.Combine(results, "discovery", "trajectory.csv"));
        Assert.Equal(DiscoverCommand.TrajectoryColumns, trajectory[0].Keys);
        Assert.Equal("1", trajectory[0]["coverage"]); // step 0: the full box holds every case of interest
        Assert.Single(trajectory, t => t["chosen"] == "true");
        var scenarios = Csv(Path.Combine(results, "discovery", "scenarios.csv"));
        Assert.Equal(400, scenarios.Count);
        // the cases of interest are exactly the planted ones (the noise is far smaller than the advantage)
        Assert.All(scenarios, s => Assert.Equal(
            double.Parse(s["param_x1"], CultureInfo.InvariantCulture) > 0.6 && double.Parse(s["param_x2"], CultureInfo.InvariantCulture) < 0.4,
            s["of_interest"] == "true"));
    }

    [Fact]
    public async Task RefusesAnUnknownMetricOrRegime_WithExitCode2_AndWritesNothing()
    {
        var results = Synthetic();
        foreach (var (options, expected) in new[]
        {
            (new DiscoverOptions { Results = results, Metric = "harm_totl_yuan", Compare = "a-regime:b-regime" }, "--metric 'harm_totl_yuan'"),
            (new DiscoverOptions { Results = results, Metric = Harm, Compare = "a-regime:c-regime" }, "regime 'c-regime' is not in"),
            (new DiscoverOptions { Results = results, Metric = Harm, Compare = "a-regime" }, "--compare 'a-regime'"),
            (new DiscoverOptions { Results = results, Metric = Harm }, "--threshold is required"),
        })
        {
            var error = new StringWriter();
            Assert.Equal(ExitCodes.BadInput, await DiscoverCommand.ExecuteAsync(options, new StringWriter(), error));
            Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(["runs.csv"], Directory.EnumerateFileSystemEntries(results).Select(Path.GetFileName));
    }
}
