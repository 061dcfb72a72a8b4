using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;

namespace InfoRisk.Model.Actors;

/// <summary>
/// Breaches: a daily hazard that falls exponentially with the security level (calibrated so that at security 0.5
/// the chance of a material breach within 24 months is Ponemon's 27.9%), and a heavy-tailed (Pareto) share of the store exposed.
/// </summary>
public static class BreachHazard
{
    public static double Daily(ModelParameters p, double security) =>
        p.BaseDailyBreachHazard * Math.Exp(-p.SecurityElasticity * (security - 0.5));

    /// <summary>Draws today's breach: the exposed share of the store, or 0 for no breach.</summary>
    public static double Draw(ModelParameters p, double security, DrawSequence d)
    {
        if (d.Uniform(0) >= Daily(p, security)) return 0.0;
        var u = 1.0 - d.Uniform(1);
        return Math.Min(1.0, p.BreachShareMin * Math.Pow(u, -1.0 / p.BreachSharePareto));
    }

    /// <summary>Expected exposed share of a breach (mean of the truncated Pareto, by quadrature).</summary>
    public static double ExpectedShare(ModelParameters p)
    {
        const int n = 4000;
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            var u = (k + 0.5) / n;
            sum += Math.Min(1.0, p.BreachShareMin * Math.Pow(u, -1.0 / p.BreachSharePareto));
        }
        return sum / n;
    }

    /// <summary>Daily cost of keeping a security level: convex, equal to the per-record rate at 0.5.</summary>
    public static double SecurityUpkeepYuanPerDay(double security, double recordsHeld, double perRecordDayYuan) =>
        perRecordDayYuan * 4.0 * security * security * (recordsHeld + 1000.0);

    /// <summary>
    /// The security level on a 0..1 grid (steps of 0.05) that minimises the daily cost of security plus the
    /// expected cost of breaches (hazard x expected share x records x cost per exposed record). This is how
    /// deterrence emerges from the liability rules rather than being written into the regimes.
    /// </summary>
    public static double ChooseSecurity(ModelParameters p, double recordsHeld, double upkeepPerRecordDayYuan, Func<double, double> costPerExposedRecordYuan)
    {
        var share = ExpectedShare(p);
        var best = 0.0;
        var bestCost = double.MaxValue;
        for (var k = 0; k <= 20; k++)
        {
            var s = k / 20.0;
            var cost = SecurityUpkeepYuanPerDay(s, recordsHeld, upkeepPerRecordDayYuan) + Daily(p, s) * share * recordsHeld * costPerExposedRecordYuan(s);
            if (cost < bestCost - 1e-9)
            {
                bestCost = cost;
                best = s;
            }
        }
        return best;
    }
}
