using System.Globalization;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Design;

/// <summary>End to end: a tiny experiment whose ablation block removes levers from the target runs the <c>target-lever</c> variants.</summary>
public sealed class LeaveOneOutRunTests : IDisposable
{
    private readonly DesignFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task TargetMinusLeverVariantsAreValidRegimesThatRunAndFeedTheRemoveRows()
    {
        var path = _f.File("loo-run", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["punitive_multiplier", "output_filter"], "design": "remove" }""",
            regimes: "[\"dynamic-balance\", \"precautionary\"]", replicates: 2, ticks: 12);
        var outDir = Path.Combine(_f.Dir, "out");
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions { ExperimentPath = path, OutDirectory = outDir, Quiet = true, NoPlots = true }, TextWriter.Null, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());

        var runs = DesignFixture.ReadCsv(Path.Combine(outDir, "runs.csv"));
        string[] regimes = ["dynamic-balance", "precautionary", "dynamic-balance+all", "precautionary-punitive_multiplier", "precautionary-output_filter"];
        Assert.Equal(regimes, runs.Select(r => r["regime"]).Distinct());
        Assert.Equal(regimes.Length * 2, runs.Count);

        var rows = DesignFixture.ReadCsv(Path.Combine(outDir, "ablation.csv"));
        Assert.Equal(3 * Metric.Count, rows.Count);
        // the remove row's means are those of the target and of its variant in runs.csv (yuan columns there are in yuan too)
        var metric = "harm_total_yuan";
        double Mean(string regime) => runs.Where(r => r["regime"] == regime).Average(r => double.Parse(r[metric], CultureInfo.InvariantCulture));
        var row = rows.Single(r => r["design"] == "remove" && r["lever"] == "output_filter" && r["metric"] == metric);
        Assert.Equal(Mean("precautionary"), double.Parse(row["variant_mean"], CultureInfo.InvariantCulture), 6);
        Assert.Equal(Mean("precautionary-output_filter"), double.Parse(row["base_mean"], CultureInfo.InvariantCulture), 6);
        Assert.Contains("\"design\": \"remove\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")), StringComparison.Ordinal);
    }
}
