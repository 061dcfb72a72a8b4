using InfoRisk.Runner.Analysis;

namespace InfoRisk.Tests.Analysis;

/// <summary>Paired differences with a Student-t CI, against a hand-computed example.</summary>
public class PairedComparisonTests
{
    /// <summary>
    /// treatment 10, 12, 9, 15 and baseline 8, 11, 9, 12: differences 2, 1, 0, 3, mean 1.5, squared deviations
    /// 0.25 + 0.25 + 2.25 + 2.25 = 5, sd = sqrt(5/3) = 1.290994; t(0.975, 3 df) = 3.182446 (printed t tables),
    /// half-width 3.182446 x 1.290994 / 2 = 2.054260, CI [-0.554260, 3.554260].
    /// </summary>
    [Fact]
    public void HandComputedExample()
    {
        var d = PairedComparison.Of([10, 12, 9, 15], [8, 11, 9, 12]);
        Assert.Equal(4, d.N);
        Assert.Equal(1.5, d.Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), d.Sd, 12);
        Assert.Equal(-0.554260, d.Ci95Low, 5);
        Assert.Equal(3.554260, d.Ci95High, 5);
    }

    /// <summary>
    /// Arms that vary a lot between replicates (10 to 1000) but differ by 1, 1.5, 0.5, 1, 1: mean difference 1,
    /// and the paired CI is narrow (sd 0.354, half-width 2.776 x 0.354 / sqrt5 = 0.44) and excludes 0.
    /// </summary>
    [Fact]
    public void Pairing_RemovesSharedReplicateNoise()
    {
        double[] baseline = [100, 1000, 10, 500, 50];
        double[] treatment = [101, 1001.5, 10.5, 501, 51];
        var d = PairedComparison.Of(treatment, baseline);
        Assert.Equal(1.0, d.Mean, 12);
        Assert.True(d.Ci95High - d.Ci95Low < 2, $"CI [{d.Ci95Low}, {d.Ci95High}]");
        Assert.True(d.Ci95Low > 0);
    }

    [Fact]
    public void IdenticalArms_GiveAZeroWidthIntervalAtZero()
    {
        var d = PairedComparison.Of([3, 4, 5], [3, 4, 5]);
        Assert.Equal(new PairedDifference(3, 0, 0, 0, 0), d);
    }

    [Fact]
    public void FewerThanTwoPairs_GiveNaNSpreadAndInterval()
    {
        var one = PairedComparison.Of([7], [4]);
        Assert.Equal(1, one.N);
        Assert.Equal(3, one.Mean);
        Assert.True(double.IsNaN(one.Sd) && double.IsNaN(one.Ci95Low) && double.IsNaN(one.Ci95High));
        var none = PairedComparison.Of([], []);
        Assert.Equal(0, none.N);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.Sd));
    }

    [Fact]
    public void UnequalLengths_AreRefused() =>
        Assert.Contains("same length", Assert.Throws<ArgumentException>(() => PairedComparison.Of([1, 2], [1])).Message);
}
