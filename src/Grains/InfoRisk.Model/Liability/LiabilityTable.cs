using System.Collections.Concurrent;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model.Liability;

/// <summary>What a harm event is expected to cost each payer (yuan), and how often it ends in an award.</summary>
public readonly record struct ExpectedPayment(double Provider, double Deployer, double User, double AwardRate)
{
    public double Total => Provider + Deployer + User;
}

/// <summary>
/// The liability the regime's own rules imply for one harm event, integrated over the victims (concern and literacy as
/// the population has them), the delay from cause to harm (which fades the evidence), and the harm amounts (the
/// mechanisms' own distributions), for every channel, sensitivity, care level (the firms' grid of 41 points, interpolated) and
/// number of data holders. This is the enforcement gap q of firms-and-deterrence.md §3 and the award it leads to: the
/// share of harms whose victim notices, names the wrongdoer, proves causation, sues and wins, times the damages. The
/// table is built once per regime and parameter set in a process (a few tens of milliseconds) and shared.
/// </summary>
public sealed class LiabilityTable
{
    /// <summary>Care levels tabulated: 0, 1/40, ..., 1 (the firms' care grid, <see cref="ChoiceGrid.CareStep"/>).</summary>
    public const int CareSteps = 40;
    public const int MaxHolders = 4;
    private const int Quantiles = 10, LiteracyQuantiles = 16, DelayQuantiles = 8;

    private static readonly ConcurrentDictionary<string, Lazy<LiabilityTable>> Cache = new(StringComparer.Ordinal);

    private readonly ModelContext _ctx;
    private readonly LiabilityRules _rules;
    private readonly double[] _concernFactor, _literacy;
    private readonly int[] _delays;
    private readonly (long Fen, double P)[] _fraud, _fraudSensitive, _mental, _intrusion, _discrimination, _secondary, _secondarySensitive;
    // one cell per (source, party, sensitivity, holders), indexed without hashing; built on first use, once even when
    // several runs of a process ask for it at the same time
    private const int Sources = 6, Parties = 3;
    private readonly CellPoints[] _cells = new CellPoints[Sources * Parties * 2 * MaxHolders];

    /// <summary>Share of subjects with a private-marked item or an inferable trait: those who can suffer mental harm from a general exposure.</summary>
    public double PrivateShare { get; }

    private LiabilityTable(ModelContext ctx)
    {
        _ctx = ctx;
        _rules = new LiabilityRules(ctx);
        var p = ctx.P;
        // concern enters only through the decision to sue, so every one of the population's 256 levels is used (a sorted
        // lookup); literacy, the delay and the amounts are integrated on quantile midpoints
        _concernFactor = [.. ctx.Traits.ConcernLevels.Select(c => 0.5 + c)];
        Array.Sort(_concernFactor);
        _literacy = [.. Midpoints(LiteracyQuantiles).Select(u => Beta.InvCDF(p.LiteracyBetaA, p.LiteracyBetaB, u))];
        _delays = [.. Midpoints(DelayQuantiles).Select(u => 1 + (int)(-p.HarmDelayMeanDays * Math.Log(1 - u)))];
        _fraud = Amounts(p.FraudMedianYuan, p.FraudSigma, 1.0);
        _fraudSensitive = Amounts(p.FraudMedianYuan, p.FraudSigma, p.SensitiveLossMultiplier);
        _mental = Amounts(p.MentalMedianYuan, p.MentalSigma, 1.0);
        _intrusion = Amounts(p.IntrusionMedianYuan, p.MentalSigma, 1.0);
        _discrimination = Amounts(p.DiscriminationMedianYuan, p.FraudSigma, 1.0);
        _secondary = Amounts(p.SecondaryUseHarmMedianYuan, p.FraudSigma, 1.0);
        _secondarySensitive = Amounts(p.SecondaryUseHarmMedianYuan, p.FraudSigma, p.SensitiveLossMultiplier);
        PrivateShare = EstimatePrivateShare(p, ctx.Traits.ConcernLevels);
        for (var source = 0; source < Sources; source++)
        {
            for (var party = 0; party < Parties; party++)
            {
                for (var h = 1; h <= MaxHolders; h++)
                {
                    foreach (var sensitive in (bool[])[false, true])
                    {
                        var (cs, cp, ch, csens) = ((HarmSource)source, (PartyKind)party, h, sensitive);
                        _cells[Cell(cs, cp, csens, ch)] = new CellPoints(this, cs, cp, csens, ch);
                    }
                }
            }
        }
    }

    private static int Cell(HarmSource source, PartyKind party, bool sensitive, int holders) =>
        (((int)source * Parties + (int)party) * 2 + (sensitive ? 1 : 0)) * MaxHolders + holders - 1;

    /// <summary>The table of a run's regime and parameters (shared by every run with the same ones in this process).</summary>
    public static LiabilityTable For(ModelContext ctx) =>
        Cache.GetOrAdd(System.Text.Json.JsonSerializer.Serialize(ctx.Regime, ModelJson.Options) + System.Text.Json.JsonSerializer.Serialize(ctx.P, ModelJson.Options),
            _ => new Lazy<LiabilityTable>(() => new LiabilityTable(ctx))).Value;

    /// <summary>Expected payments for a harm event of a source caused by a party with the given care (linear between grid points).</summary>
    public ExpectedPayment Expected(HarmSource source, PartyKind party, bool sensitive, double care, int holders = 1)
    {
        var cells = _cells[Cell(source, party, sensitive, Math.Clamp(holders, 1, MaxHolders))];
        var x = Math.Clamp(care, 0, 1) * CareSteps;
        var k = Math.Min(CareSteps - 1, (int)x);
        var w = x - k;
        var (a, b) = (cells[k], cells[k + 1]);
        return new ExpectedPayment(a.Provider + w * (b.Provider - a.Provider), a.Deployer + w * (b.Deployer - a.Deployer),
            a.User + w * (b.User - a.User), a.AwardRate + w * (b.AwardRate - a.AwardRate));
    }

    /// <summary>
    /// One cell's care grid, each point integrated the first time a firm's forecast needs it (firms look near their own
    /// care, so most points are never needed); a point is the same number however many are built, and built once.
    /// </summary>
    private sealed class CellPoints
    {
        private readonly Lazy<List<(long Property, long Mental, double P)>> _harms;
        private readonly Lazy<ExpectedPayment>[] _points = new Lazy<ExpectedPayment>[CareSteps + 1];

        public CellPoints(LiabilityTable table, HarmSource source, PartyKind party, bool sensitive, int holders)
        {
            _harms = new Lazy<List<(long, long, double)>>(() => table.Harms(source, sensitive));
            for (var k = 0; k <= CareSteps; k++)
            {
                var care = k / (double)CareSteps;
                _points[k] = new Lazy<ExpectedPayment>(() => table.Integrate(source, party, sensitive, care, holders, _harms.Value));
            }
        }

        public ExpectedPayment this[int k] => _points[k].Value;
    }

    /// <summary>The harm (property, mental) of an event of the source, with its probability given that the event is harmful.</summary>
    private List<(long Property, long Mental, double P)> Harms(HarmSource source, bool sensitive)
    {
        var p = _ctx.P;
        (long, double)[] none = [(0, 1.0)];
        (long, double)[] property, mental;
        switch (source)
        {
            case HarmSource.Breach or HarmSource.Regurgitation:
                property = [.. Mix(sensitive ? _fraudSensitive : _fraud, sensitive ? p.FraudProbabilitySensitive : p.FraudProbabilityGeneral)];
                mental = [.. Mix(_mental, p.MentalHarmProbability * (sensitive ? 1.0 : PrivateShare))];
                break;
            case HarmSource.FalseInformation:
                property = [.. Mix(_fraud, p.FalseInfoPropertyProbability)];
                mental = _mental;
                break;
            case HarmSource.Intrusion:
                (property, mental) = (none, _intrusion);
                break;
            case HarmSource.SecondaryUse:
                (property, mental) = (sensitive ? _secondarySensitive : _secondary, none);
                break;
            default:
                (property, mental) = (_discrimination, none);
                break;
        }
        var list = new List<(long, long, double)>();
        foreach (var (f, pf) in property)
        {
            foreach (var (m, pm) in mental)
            {
                if (f + m > 0 && pf * pm > 0) list.Add((f, m, pf * pm));
            }
        }
        var total = list.Sum(x => x.Item3);
        return [.. list.Select(x => (x.Item1, x.Item2, x.Item3 / total))];
    }

    private static IEnumerable<(long, double)> Mix((long Fen, double P)[] amounts, double probability)
    {
        yield return (0, 1 - probability);
        foreach (var (fen, q) in amounts) yield return (fen, q * probability);
    }

    private ExpectedPayment Integrate(HarmSource source, PartyKind party, bool sensitive, double care, int holders, List<(long Property, long Mental, double P)> harms)
    {
        double provider = 0, deployer = 0, user = 0, awards = 0;
        var cost = Money.ToFen(_ctx.P.LitigationCostYuan);
        var weight = 1.0 / (_literacy.Length * _delays.Length);
        foreach (var literacy in _literacy)
        {
            foreach (var delay in _delays)
            {
                foreach (var (property, mental, q) in harms)
                {
                    var e = new HarmEvent
                    {
                        Source = source,
                        Party = party,
                        Sensitive = sensitive,
                        // a malicious user's fake and a provider's knowing unlawful reuse are intentional
                        Intentional = party == PartyKind.User || source == HarmSource.SecondaryUse,
                        Holders = (byte)holders,
                        PartyCare = HarmEvent.CareLevel(care),
                        Records = source == HarmSource.Breach ? BreachRecords : 1,
                        DueTick = delay,
                        PropertyFen = property,
                        MentalFen = mental,
                    };
                    var a = _rules.Assess(e, literacy);
                    var expected = a.WinProbability * a.ExpectedAwardGivenWin * (0.5 + literacy);
                    if (expected <= 0) continue;
                    // victims sue when (0.5 + concern) exceeds cost / expected: the share of concern levels above it
                    var threshold = cost / expected;
                    var sue = 1.0 - (double)UpperBound(_concernFactor, threshold) / _concernFactor.Length;
                    if (sue <= 0) continue;
                    var w = weight * q * sue * a.WinProbability;
                    var (byProvider, byDeployer, byUser) = _rules.Split(e, (long)Math.Round(a.ExpectedCompensatoryGivenWin), (long)Math.Round(a.ExpectedPunitiveGivenWin));
                    provider += w * byProvider;
                    deployer += w * byDeployer;
                    user += w * byUser;
                    awards += w;
                }
            }
        }
        return new ExpectedPayment(provider / 100.0, deployer / 100.0, user / 100.0, awards);
    }

    /// <summary>Records involved in a breach harm (the punitive base without a loss): a typical subject's store.</summary>
    private int BreachRecords => (int)Math.Round(_ctx.P.GeneralItemsMean + 6 * _ctx.P.SensitiveItemProbability);

    /// <summary>How many of the sorted values are at most <paramref name="value"/> (binary search).</summary>
    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static IEnumerable<double> Midpoints(int n) => Enumerable.Range(0, n).Select(k => (k + 0.5) / n);

    private static (long, double)[] Amounts(double median, double sigma, double multiplier) =>
        [.. Midpoints(Quantiles).Select(u => (Money.ToFen(LogNormal.InvCDF(Math.Log(median), sigma, u) * multiplier), 1.0 / Quantiles))];

    /// <summary>P(a subject has a private-marked item or an inferable trait at a provider holding its general items): by quadrature.</summary>
    private static double EstimatePrivateShare(ModelParameters p, double[] concernLevels)
    {
        double none = 0;
        foreach (var (mean, share) in new[] { (p.GeneralItemsMean * p.DigitalDivide, p.ProtectedShare), (p.GeneralItemsMean, 1 - p.ProtectedShare) })
        {
            var poisson = new Poisson(Math.Max(1e-9, mean - 1));
            foreach (var theta in concernLevels)
            {
                var mark = p.PrivateMarkBase + p.PrivateMarkPerConcern * theta;
                for (var extra = 0; extra < 60; extra++)
                {
                    var n = 1 + extra;
                    none += share / concernLevels.Length * poisson.Probability(extra) * Math.Pow(1 - mark, n) * Math.Exp(-p.MosaicGamma * n);
                }
            }
        }
        return Math.Clamp(1 - none, 0, 1);
    }
}
