using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Results;

/// <summary>The exact intervals of rare_events.csv against published values and against simulated coverage.</summary>
public sealed class RareEventsTests
{
    [Theory]
    // Garwood (1936) exact 95% limits, as tabulated (e.g. Ulm 1990): 0 -> [0, 3.689], 1 -> [0.0253, 5.572], 10 -> [4.795, 18.39]
    [InlineData(0, 0.0, 3.6889)]
    [InlineData(1, 0.0253, 5.5716)]
    [InlineData(10, 4.7954, 18.3904)]
    public void PoissonInterval_IsGarwoods(long events, double low, double high)
    {
        var (l, h) = RareEvents.PoissonInterval(events);
        Assert.Equal(low, l, 3);
        Assert.Equal(high, h, 3);
    }

    /// <summary>
    /// Coverage of the rate-ratio interval: two Poisson counts with true ratio 0.5 (means 4 and 8, like a few runs'
    /// breaches), 2,000 draws from a fixed seed: the exact interval covers 0.5 at least 95% of the time minus 1.5 points
    /// of Monte Carlo error (it is conservative), and the point estimate is the ratio of rates.
    /// </summary>
    [Fact]
    public void RateRatioInterval_CoversTheTrueRatio()
    {
        var random = new Random(2024);
        var covered = 0;
        const int trials = 2000;
        for (var t = 0; t < trials; t++)
        {
            var a = MathNet.Numerics.Distributions.Poisson.Sample(random, 4.0);
            var b = MathNet.Numerics.Distributions.Poisson.Sample(random, 8.0);
            var (_, low, high) = RareEvents.RateRatio(a, 100, b, 100);
            if (low <= 0.5 && 0.5 <= high) covered++;
        }
        Assert.True(covered / (double)trials >= 0.935, $"coverage {covered / (double)trials:F3}");
        Assert.Equal(0.25, RareEvents.RateRatio(5, 200, 10, 100).Ratio, 12);
    }
}
