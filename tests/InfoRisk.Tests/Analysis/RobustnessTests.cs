using InfoRisk.Runner.Analysis;

namespace InfoRisk.Tests.Analysis;

/// <summary>Best shares and regrets on a small hand-made matrix.</summary>
public class RobustnessTests
{
    private static readonly string[] Regimes = ["p", "u", "d"];

    // scenario x regime; scenario 2 has a tie between p and d
    private static readonly double[,] Harm =
    {
        { 10, 30, 20 },
        { 50, 40, 45 },
        { 5, 9, 5 },
        { 12, 11, 30 },
    };

    /// <summary>
    /// Lower is better. Best per scenario: p (10), u (40), p and d tied (5), u (11).
    /// p: best 2 of 4, regrets 0, 10, 0, 1: max 10, mean 11/4. u: best 2, regrets 20, 0, 4, 0: max 20, mean 6.
    /// d: best 1, regrets 10, 5, 0, 19: max 19, mean 34/4.
    /// </summary>
    [Fact]
    public void LowerIsBetter_HandComputed()
    {
        var rows = Robustness.Compute(Regimes, Harm, lowerIsBetter: true);
        Assert.Equal(
        [
            new RobustnessRow("p", 4, 2, 0.5, 10, 2.75),
            new RobustnessRow("u", 4, 2, 0.5, 20, 6),
            new RobustnessRow("d", 4, 1, 0.25, 19, 8.5),
        ], rows);
    }

    /// <summary>
    /// Higher is better on the same numbers. Best: u (30), p (50), u (9), d (30).
    /// p: regrets 20, 0, 4, 18: best 1, max 20, mean 42/4. u: regrets 0, 10, 0, 19: best 2, max 19, mean 29/4.
    /// d: regrets 10, 5, 4, 0: best 1, max 10, mean 19/4.
    /// </summary>
    [Fact]
    public void HigherIsBetter_HandComputed()
    {
        var rows = Robustness.Compute(Regimes, Harm, lowerIsBetter: false);
        Assert.Equal(
        [
            new RobustnessRow("p", 4, 1, 0.25, 20, 10.5),
            new RobustnessRow("u", 4, 2, 0.5, 19, 7.25),
            new RobustnessRow("d", 4, 1, 0.25, 10, 4.75),
        ], rows);
    }

    [Fact]
    public void ScenariosWithMissingValues_AreLeftOut()
    {
        var means = new double[,] { { 1, 2 }, { double.NaN, 0 }, { 3, 1 } };
        var rows = Robustness.Compute(["a", "b"], means, lowerIsBetter: true);
        Assert.Equal([new RobustnessRow("a", 2, 1, 0.5, 2, 1), new RobustnessRow("b", 2, 1, 0.5, 1, 0.5)], rows);
        var empty = Robustness.Compute(["a"], new double[0, 1], lowerIsBetter: true);
        Assert.Equal(0, empty[0].Scenarios);
        Assert.True(double.IsNaN(empty[0].BestShare));
    }

    [Fact]
    public void MismatchedRegimeCount_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Robustness.Compute(["a"], new double[2, 2], lowerIsBetter: true));
}
