using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("breach_probability_24_months")]
    [Parameter(60, 0, 1, Unit = "probability", Meaning = "Chance of a material breach within 24 months at security 0.5 (sets the daily hazard)", Source = "calibrated: with it, the emergent 24-month breach probability at the security firms choose under dynamic balance is 28.9%, inside Ponemon's 27.9% (2018) to 29.6% (2019); `inforisk calibrate` checks it")]
    public double BreachProbability24Months { get; init; } = 0.155;

    [JsonPropertyName("security_elasticity")]
    [Parameter(61, 0, 1e12, Unit = "per unit of security", Meaning = "Hazard h(s) = h0 exp(-elasticity (s - 0.5))", Source = "assumption: security 0 → 1 cuts the hazard about 20-fold")]
    public double SecurityElasticity { get; init; } = 3.0;

    [JsonPropertyName("initial_security")]
    [Parameter(62, 0, 1, Unit = "0..1", Meaning = "Security level of providers and deployers at the start", Source = "the calibration point of the hazard")]
    public double InitialSecurity { get; init; } = 0.5;

    [JsonPropertyName("breach_share_min")]
    [Parameter(63, 0, 1, Unit = "share", Meaning = "Smallest share of the store a breach exposes (Pareto scale)", Source = "assumption: the smallest material breach exposes 0.5% of the store")]
    public double BreachShareMin { get; init; } = 0.005;

    [JsonPropertyName("breach_share_pareto_alpha")]
    [Parameter(64, 0.01, 100, Unit = "Pareto alpha", Meaning = "Tail of the exposed share (truncated at 1)", Source = "assumption: heavy tail; whole-store dumps (like DeepSeek's exposed database) are rare but possible")]
    public double BreachSharePareto { get; init; } = 1.1;

    [JsonPropertyName("security_cost_yuan_per_record_day")]
    [Parameter(95, 0, 1e12, Unit = "yuan/record/day", Meaning = "Security upkeep per record and day at security 0.5 (convex: x 4 s^2)", Source = "assumption: equals the per-record upkeep at security 0.5")]
    public double SecurityCostYuanPerRecordDay { get; init; } = 0.0002;

    [JsonPropertyName("breach_response_cost_yuan_per_record")]
    [Parameter(102, 0, 1e12, Unit = "yuan/record", Meaning = "Notification and response cost per exposed record", Source = "assumption: notification and response only. IBM's $165 per record (2023) also covers lost business and detection, which the model treats separately (trust, harm, liability)")]
    public double BreachResponseCostYuanPerRecord { get; init; } = 10.0;

    /// <summary>Daily breach hazard at security 0.5, from the 24-month probability (Ponemon).</summary>
    [JsonIgnore] public double BaseDailyBreachHazard => 1.0 - Math.Pow(1.0 - BreachProbability24Months, 1.0 / 730.0);
}

/// <summary>
/// Breaches and leakage (docs/model.md §3.15). Paper 二(二)2: 「一旦这些信息被泄露或者被不法使用,可能威胁信息主体的人身权、
/// 财产权」 (once leaked, the information threatens personal and property rights) and 「DeepSeek 同样存在数据泄露问题」. A
/// processor's daily hazard falls exponentially with its security, calibrated so that at security 0.5 a breach within 24
/// months has Ponemon's probability; a breach exposes a truncated-Pareto share of the store. Each holding subject is
/// exposed with that probability, notified, and harmed if re-identified (<see cref="Aggregation"/>).
/// </summary>
public sealed class Breaches(ModelContext ctx, SubjectStore s, Tally tally, Harm harm, Aggregation aggregation)
{
    /// <summary>Daily breach hazard at security s.</summary>
    public static double Daily(ModelParameters p, double security) =>
        p.BaseDailyBreachHazard * Math.Exp(-p.SecurityElasticity * (security - 0.5));

    /// <summary>Draws a tick's breach: the exposed share of the store, or 0 for no breach.</summary>
    public static double Draw(ModelParameters p, double security, in DrawSequence d, int breachCounter, int shareCounter)
    {
        if (d.Uniform(breachCounter) >= Daily(p, security)) return 0.0;
        var u = 1.0 - d.Uniform(shareCounter);
        return Math.Min(1.0, p.BreachShareMin * Math.Pow(u, -1.0 / p.BreachSharePareto));
    }

    /// <summary>Expected exposed share of a breach (mean of the truncated Pareto, by quadrature).</summary>
    public static double ExpectedShare(ModelParameters p) => ExpectedShare(p, share => share);

    /// <summary>E[f(share)] over the truncated Pareto of exposed shares, by quadrature.</summary>
    public static double ExpectedShare(ModelParameters p, Func<double, double> f)
    {
        const int n = 4000;
        double sum = 0;
        for (var k = 0; k < n; k++)
        {
            var u = (k + 0.5) / n;
            sum += f(Math.Min(1.0, p.BreachShareMin * Math.Pow(u, -1.0 / p.BreachSharePareto)));
        }
        return sum / n;
    }

    /// <summary>Daily cost of keeping a security level: convex, per record held (so proportional to the firm's size), equal to the per-record rate at 0.5.</summary>
    public static double SecurityUpkeepYuanPerDay(double security, double recordsHeld, double perRecordDayYuan) =>
        perRecordDayYuan * 4.0 * security * security * recordsHeld;

    /// <summary>Today's breaches of providers and deployers reach the subjects whose records are in the exposed share.</summary>
    public void Run(WorldSnapshot world)
    {
        var anyProvider = false;
        foreach (var v in world.Providers) anyProvider |= v.BreachShare > 0;
        var anyDeployer = false;
        foreach (var v in world.Deployers) anyDeployer |= v.BreachShare > 0;
        if (!anyProvider && !anyDeployer) return;
        for (var i = 0; i < s.Count; i++)
        {
            var leak = new DrawSequence(ctx.Seed, RandomStream.Leakage, s.First + i, world.Tick);
            var holders = s.Holders(i);
            bool exposed = false, reidentified = false;
            for (var p = 0; p < s.Providers && anyProvider; p++)
            {
                var share = world.Providers[p].BreachShare;
                var ip = i * s.Providers + p;
                var held = s.Held(ip);
                if (share <= 0 || held == 0 || leak.Uniform(DrawLayout.Leakage.Exposed + p) >= share) continue;
                exposed = true;
                tally[TallyField.RecordsExposed] += held;
                tally[TallyField.SensitiveRecordsExposed] += s.HeldSensitive[ip];
                tally.Provider(p, ProviderField.RecordsExposed) += held;
                s.State[ip] |= PairState.Aware; // breach notification
                Rights.StartReconsidering(s, i, p, ip, world.Tick, world.Tick);
                if (leak.Uniform(DrawLayout.Leakage.Reidentified + p) >= aggregation.BreachReidentification(i, p, world)) continue;
                reidentified = true;
                harm.Cause(i, HarmSource.Breach, PartyKind.Provider, p, p, s.HeldSensitive[ip] > 0, false, world.Providers[p].Security, held, holders);
            }
            if (anyDeployer)
            {
                reidentified |= DeployerLeak(i, 0, s.Deployer0[i], world, leak, holders, ref exposed);
                reidentified |= DeployerLeak(i, 1, s.Deployer1[i], world, leak, holders, ref exposed);
            }
            if (exposed) tally[TallyField.SubjectsExposed]++;
            if (reidentified) tally[TallyField.SubjectsReidentified]++;
        }
    }

    /// <summary>A breached deployer exposes a customer's records, which are identified.</summary>
    private bool DeployerLeak(int i, int slot, ushort d, WorldSnapshot world, in DrawSequence leak, int holders, ref bool exposed)
    {
        if (d == SubjectStore.NoDeployer) return false;
        if ((s.Customer[i] & (slot == 0 ? CustomerState.Held0 : CustomerState.Held1)) == 0) return false;
        var deployer = world.Deployers[d];
        if (deployer.BreachShare <= 0 || leak.Uniform(DrawLayout.Leakage.DeployerExposed + slot) >= deployer.BreachShare) return false;
        var sensitive = (s.Customer[i] & (slot == 0 ? CustomerState.Sensitive0 : CustomerState.Sensitive1)) != 0 ? ctx.P.DeployerSensitiveRecords : 0;
        var records = ctx.P.DeployerGeneralRecords + sensitive;
        exposed = true;
        tally[TallyField.RecordsExposed] += records;
        tally[TallyField.SensitiveRecordsExposed] += sensitive;
        tally.Deployer(d, DeployerField.RecordsExposed) += records;
        harm.Cause(i, HarmSource.Breach, PartyKind.Deployer, d, deployer.Provider, sensitive > 0, false, deployer.Security, records, holders);
        return true;
    }
}
