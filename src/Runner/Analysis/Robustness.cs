namespace InfoRisk.Runner.Analysis;

/// <summary>
/// One regime's robustness across scenarios on one outcome: how often it is best, and its regret
/// (|best regime mean - own mean| in the outcome's unit) at worst and on average.
/// </summary>
public sealed record RobustnessRow(string Regime, int Scenarios, int BestCount, double BestShare, double MaxRegret, double MeanRegret);

/// <summary>Robustness of regimes over a sweep's scenarios.</summary>
public static class Robustness
{
    /// <summary>
    /// <paramref name="means"/>[scenario, regime] holds each regime's mean outcome in each scenario, regimes in the
    /// order of <paramref name="regimes"/>. Per scenario the best is the minimum (<paramref name="lowerIsBetter"/>)
    /// or maximum mean; every regime equal to the best counts as best (ties count for every tied regime); regret is
    /// |best - own|. Scenarios where any regime's mean is not finite are left out (Scenarios counts those used);
    /// with none left, shares and regrets are NaN. Rows come in the order of <paramref name="regimes"/>.
    /// </summary>
    public static IReadOnlyList<RobustnessRow> Compute(IReadOnlyList<string> regimes, double[,] means, bool lowerIsBetter)
    {
        ArgumentNullException.ThrowIfNull(regimes);
        ArgumentNullException.ThrowIfNull(means);
        var scenarios = means.GetLength(0);
        var count = regimes.Count;
        if (means.GetLength(1) != count)
        {
            throw new ArgumentException($"means has {means.GetLength(1)} regime columns but {count} regimes are named", nameof(means));
        }

        var used = 0;
        var best = new int[count];
        var maxRegret = new double[count];
        var sumRegret = new double[count];
        for (var s = 0; s < scenarios; s++)
        {
            var finite = true;
            for (var r = 0; r < count; r++) finite &= double.IsFinite(means[s, r]);
            if (!finite || count == 0) continue;
            used++;
            var top = means[s, 0];
            for (var r = 1; r < count; r++) top = lowerIsBetter ? Math.Min(top, means[s, r]) : Math.Max(top, means[s, r]);
            for (var r = 0; r < count; r++)
            {
                var regret = Math.Abs(top - means[s, r]);
                if (regret == 0) best[r]++;
                maxRegret[r] = Math.Max(maxRegret[r], regret);
                sumRegret[r] += regret;
            }
        }

        var rows = new List<RobustnessRow>(count);
        for (var r = 0; r < count; r++)
        {
            rows.Add(used == 0
                ? new RobustnessRow(regimes[r], 0, 0, double.NaN, double.NaN, double.NaN)
                : new RobustnessRow(regimes[r], used, best[r], (double)best[r] / used, maxRegret[r], sumRegret[r] / used));
        }
        return rows;
    }
}
