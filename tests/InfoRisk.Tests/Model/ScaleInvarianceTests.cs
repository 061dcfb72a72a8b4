using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Results per capita do not depend on how many subjects are simulated (docs/model.md: scale-free amounts and the
/// represented population): the same regime at N = 5,000, 20,000 and 80,000 subjects standing for the same
/// 14 million people agrees per 1,000 subjects on harm, compensation, provider profit and re-identification risk.
/// </summary>
public sealed class ScaleInvarianceTests
{
    private const int Ticks = 240;   // past the court delay (180 days), so that compensation is paid
    private const int Replicates = 3;
    private static readonly int[] Sizes = [5_000, 20_000, 80_000];

    private static readonly MetricDefinition[] PerCapita = [Metric.HarmTotalYuan, Metric.CompensationYuan, Metric.ProviderProfitYuan];

    [Fact]
    public void PerCapitaResults_AgreeAcrossPopulationSizes_WithinFourStandardErrors()
    {
        // (size, replicate) -> per 1,000 subjects: harm, compensation, profit (flows summed over the run); mean re-identification risk
        var values = new double[Sizes.Length, Replicates, PerCapita.Length + 1];
        Parallel.For(0, Sizes.Length * Replicates, k =>
        {
            var (n, r) = (k / Replicates, k % Replicates);
            var subjects = Sizes[n];
            var rows = PlainRun.Run(new RunSpec
            {
                Seed = 900 + (ulong)r,
                Ticks = Ticks,
                Population = new Population { Subjects = subjects, Users = subjects * 3 / 10, Providers = 3, Deployers = 12, Represents = 14_000_000 },
                Regime = RegimeCatalog.Get("dynamic-balance"),
            });
            for (var m = 0; m < PerCapita.Length; m++) values[n, r, m] = rows.Sum(row => row.Value(PerCapita[m])) * 1000.0 / subjects;
            values[n, r, PerCapita.Length] = rows.Average(row => row.Value(Metric.MeanReidRisk));
        });

        var problems = new List<string>();
        for (var m = 0; m <= PerCapita.Length; m++)
        {
            var name = m < PerCapita.Length ? PerCapita[m].Name : Metric.MeanReidRisk.Name;
            var (mean, se) = (new double[Sizes.Length], new double[Sizes.Length]);
            for (var n = 0; n < Sizes.Length; n++)
            {
                var x = Enumerable.Range(0, Replicates).Select(r => values[n, r, m]).ToArray();
                mean[n] = x.Average();
                se[n] = Math.Sqrt(x.Sum(v => (v - mean[n]) * (v - mean[n])) / (Replicates - 1) / Replicates);
                Assert.True(mean[n] != 0, $"{name} is 0 at N = {Sizes[n]}: the test would prove nothing");
            }
            for (var a = 0; a < Sizes.Length; a++)
            {
                for (var b = a + 1; b < Sizes.Length; b++)
                {
                    var tolerance = 4 * Math.Sqrt(se[a] * se[a] + se[b] * se[b]) + 1e-9 * Math.Abs(mean[a]);
                    if (Math.Abs(mean[a] - mean[b]) > tolerance)
                        problems.Add($"{name}: {mean[a]:F4} (SE {se[a]:F4}) at N = {Sizes[a]} vs {mean[b]:F4} (SE {se[b]:F4}) at N = {Sizes[b]}");
                }
            }
        }
        Assert.Empty(problems);
    }
}
