using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Model;

/// <summary>What firms' response adds, in whole runs: liability changes conduct only where firms can respond.</summary>
public sealed class FirmResponseTests
{
    private static RunSpec Spec(Regime regime, FirmBehaviour behaviour, ulong seed, int subjects = 3000, int ticks = 240) => new()
    {
        Seed = seed,
        Ticks = ticks,
        Population = new Population { Subjects = subjects, Users = subjects * 3 / 10, Providers = 2, Deployers = 4 },
        Regime = regime,
        Parameters = new ModelParameters { FirmBehaviour = behaviour },
    };

    private static long Total(TickRow[] rows, MetricDefinition m) => rows.Sum(r => r.Values[m.Index]);

    /// <summary>
    /// Firms that only comply cannot respond: the punitive multiplier then moves money and nothing else. (Courts judge on
    /// filing here, so that awards and what firms learn from them fall inside the 240 simulated days.)
    /// </summary>
    [Fact]
    public void UnderCompliance_ThePunitiveMultiplierChangesNoHarm_ButRaisesWhatIsPaid()
    {
        var baseRegime = RegimeCatalog.Get("dynamic-balance") with { PunitiveThreshold = PunitiveThreshold.LightNegligence, CourtDelayDays = 0 };
        var none = PlainRun.Run(Spec(baseRegime, FirmBehaviour.Compliance, 3));
        var ten = PlainRun.Run(Spec(baseRegime with { PunitiveMultiplier = 10 }, FirmBehaviour.Compliance, 3));
        foreach (var m in new[] { Metric.HarmTotalYuan, Metric.HarmRegurgitationYuan, Metric.HarmFalseInfoYuan, Metric.HarmBreachYuan, Metric.RecordsCollected })
            Assert.Equal(none.Select(r => r.Values[m.Index]), ten.Select(r => r.Values[m.Index]));
        Assert.Equal(0, Total(none, Metric.PunitiveYuan));
        Assert.True(Total(ten, Metric.PunitiveYuan) > 0);
        Assert.True(Total(ten, Metric.PaidByProvidersYuan) > Total(none, Metric.PaidByProvidersYuan));
    }

    /// <summary>
    /// Firms that respond: in dynamic balance with the paper's light-negligence threshold for punitive damages, raising
    /// the multiplier from 0 to 10 lowers the harm from what models say (regurgitation and false information), with a
    /// paired 95% CI over 8 replicates that excludes 0; and no step up the multiplier raises total harm significantly.
    /// </summary>
    [Fact]
    public void UnderProfitSeeking_PunitiveDamagesDeterHarmFromOutputs()
    {
        var baseRegime = RegimeCatalog.Get("dynamic-balance") with { PunitiveThreshold = PunitiveThreshold.LightNegligence, CourtDelayDays = 0 };
        double[] multipliers = [0, 3, 10];
        const int replicates = 8;
        var output = new double[multipliers.Length, replicates];
        var harm = new double[multipliers.Length, replicates];
        for (var r = 0; r < replicates; r++)
        {
            for (var k = 0; k < multipliers.Length; k++)
            {
                var rows = PlainRun.Run(Spec(baseRegime with { PunitiveMultiplier = multipliers[k] }, FirmBehaviour.Profit, 100 + (ulong)r));
                output[k, r] = (Total(rows, Metric.HarmRegurgitationYuan) + Total(rows, Metric.HarmFalseInfoYuan)) / 100.0;
                harm[k, r] = Total(rows, Metric.HarmTotalYuan) / 100.0;
            }
        }
        var (mean, half) = Paired(output, 0, 2);
        Assert.True(mean + half < 0, $"output harm at multiplier 10 minus 0: {mean:F0} ± {half:F0} yuan");
        for (var k = 1; k < multipliers.Length; k++)
        {
            var (d, h) = Paired(harm, k - 1, k);
            Assert.True(d - h <= 0, $"harm rises from multiplier {multipliers[k - 1]} to {multipliers[k]}: {d:F0} ± {h:F0}");
        }
    }

    private static (double Mean, double HalfWidth) Paired(double[,] values, int from, int to)
    {
        var n = values.GetLength(1);
        var d = Enumerable.Range(0, n).Select(r => values[to, r] - values[from, r]).ToArray();
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        return (mean, MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, n - 1, 0.975) * sd / Math.Sqrt(n));
    }

    /// <summary>
    /// What a provider's table predicts for the harms it answers for matches what it pays, within 4 standard errors, over
    /// a long run with many claims (replicates give the standard error).
    /// </summary>
    [Fact]
    public void PredictedLiability_MatchesWhatIsPaid_OverALongRun()
    {
        const int replicates = 6;
        var ratio = new double[replicates];
        for (var r = 0; r < replicates; r++)
        {
            var spec = Spec(RegimeCatalog.Get("precautionary"), FirmBehaviour.Compliance, 200 + (ulong)r, subjects: 3000, ticks: 365);
            var parts = new PlainRunParts(spec);
            PlainRun.Run(spec, parts);
            double predicted = 0, paid = 0;
            foreach (var provider in parts.Providers)
            {
                foreach (var source in Enum.GetValues<HarmSource>())
                {
                    var o = provider.Observed(source);
                    predicted += o.Predicted;
                    paid += o.Paid;
                }
            }
            Assert.True(predicted > 0);
            ratio[r] = paid / predicted;
        }
        var mean = ratio.Average();
        var se = Math.Sqrt(ratio.Sum(x => (x - mean) * (x - mean)) / (replicates - 1) / replicates);
        Assert.True(Math.Abs(mean - 1) <= 4 * se, $"paid / predicted = {mean:F3} (SE {se:F3})");
    }
}
