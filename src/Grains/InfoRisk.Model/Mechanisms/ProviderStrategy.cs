using System.Text.Json.Serialization;
using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

/// <summary>How firms behave: maximise expected profit within the law, or do exactly the legal minimum and never adapt.</summary>
public enum FirmBehaviour
{
    Profit,
    Compliance,
}

public sealed partial record ModelParameters
{
    [JsonPropertyName("firm_behaviour")]
    [Parameter(107, 0, 1, Unit = "profit | compliance", Meaning = "profit: firms choose care and activity to maximise expected profit within the law; compliance: they do the legal minimum and never adapt", Source = "switch (ablation of firms' response)")]
    public FirmBehaviour FirmBehaviour { get; init; } = FirmBehaviour.Profit;

    [JsonPropertyName("adjustment_step")]
    [Parameter(108, 0, 1, Unit = "0..1 per epoch", Meaning = "Most a firm's security, output filter, scraping intensity or training share moves in one epoch", Source = "assumption: budgets and pipelines change gradually")]
    public double AdjustmentStep { get; init; } = 0.1;
}

/// <summary>What a provider knows at the end of an epoch: its stocks, its market, and the epoch's flows per day.</summary>
public sealed record ProviderState
{
    public long Users { get; init; }
    /// <summary>Users of all providers in the market (those who may switch to this one).</summary>
    public long MarketUsers { get; init; }
    /// <summary>Σ exp(utility) of the rivals in the market, as users see them now (<see cref="Market.Choose"/>).</summary>
    public double RivalAttraction { get; init; }
    public double Trust { get; init; }
    public long HeldRecords { get; init; }
    public long HeldSubjects { get; init; }
    public long SensitiveSubjects { get; init; }
    public long SensitiveRecords { get; init; }
    public long ScrapedSubjects { get; init; }
    public long TrainableRecords { get; init; }
    public long TrainingRecords { get; init; }
    public long Memorized { get; init; }
    /// <summary>Mean re-identification risk of its held subjects' exact keys against the population (what pseudonymisation leaves), at the last aggregation.</summary>
    public double PseudonymRisk { get; init; } = 1.0;
    /// <summary>Mean risk of its held subjects if anonymised at the level k-anonymity requires, at the last aggregation (0 before: 1/K is used).</summary>
    public double AnonymisedRisk { get; init; }
    public double PromptRecordsPerDay { get; init; }
    public double PromptIntrusionsPerDay { get; init; }
    public double PromptUnconsentedSensitivePerDay { get; init; }
    /// <summary>Customers served by the deployers built on it (its licence base).</summary>
    public long DeployerCustomers { get; init; }
    /// <summary>Its current risk grade (docs/model.md §3.27); the forecast keeps it.</summary>
    public int RiskGrade { get; init; }
    public double JointDeployerLiabilityPerDay { get; init; }
    public int Holders { get; init; } = 2;
    public LiabilityBelief? Belief { get; init; }
}

/// <summary>A provider's forecast of one day of the next epoch under a conduct (yuan).</summary>
public readonly record struct ProviderForecast(double Revenue, double CareCost, double Liability, double Fines, double Queries)
{
    public double Profit => Revenue - CareCost - Liability - Fines;
}

/// <summary>
/// The provider's decision rule (docs/model.md §3.29; firms-and-deterrence.md). At the end of each epoch a profit-seeking
/// provider chooses its care and activity (<see cref="ProviderConduct"/>), within the law's bounds and at most
/// adjustment_step from where it stands, to maximise its forecast profit per day over the next epoch: revenue from
/// queries (which follow quality and trust), licences and secondary use, minus care costs, the liability the regime's
/// rules imply for each harm channel (<see cref="LiabilityTable"/>, scaled by what it has learnt,
/// <see cref="LiabilityBelief"/>) and expected fines. Bounded rationality: the forecast is myopic (one epoch ahead; the
/// users who reconsider at its start choose by the quality and trust it will have against its rivals' as they are now),
/// uses the model's mean rates, and is optimised by coordinate ascent on a grid (<see cref="ChoiceGrid"/>).
/// Becker (1968); Shavell (1980); Polinsky and Shavell (1998).
/// </summary>
public sealed class ProviderStrategy
{
    private static readonly double[] Intensities = [0.0, 0.25, 0.5, 0.75, 1.0];
    private static readonly double[] TrainingShares = [0.25, 0.5, 0.75, 1.0];

    private readonly ModelContext _ctx;
    private readonly ModelParameters _p;
    private readonly Regime _regime;
    private readonly LiabilityTable _table;
    private readonly double _expectedShare, _expectedTrustShock;
    private readonly double _general, _privateMarked, _sensitive, _memorisation;

    public ProviderStrategy(ModelContext ctx)
    {
        _ctx = ctx;
        _p = ctx.P;
        _regime = ctx.Regime;
        _table = LiabilityTable.For(ctx);
        _expectedShare = Breaches.ExpectedShare(_p);
        _expectedTrustShock = Breaches.ExpectedShare(_p, share => Math.Min(1.0, share * 10.0));
        _general = _p.GeneralItemsMean * (1 - _p.ProtectedShare * (1 - _p.DigitalDivide));
        _privateMarked = _general * (_p.PrivateMarkBase + _p.PrivateMarkPerConcern * _p.ConcernBetaA / (_p.ConcernBetaA + _p.ConcernBetaB));
        _sensitive = 6 * _p.SensitiveItemProbability;
        _memorisation = Memorisation.Table(_p)[Math.Clamp((int)Math.Round(_general + _sensitive), 1, 255)];
    }

    /// <summary>The conduct that maximises the forecast profit, and its forecast.</summary>
    public (ProviderConduct Conduct, ProviderForecast Forecast) Choose(ProviderState state, ProviderConduct current)
    {
        var step = _p.AdjustmentStep;
        var allowedReuse = SecondaryUse.AllowedShare(_regime.PurposeLimitation);
        Func<ProviderConduct, IEnumerable<ProviderConduct>>[] moves =
        [
            // continuous choices move at most one step from where the provider stands (not from the sweep's current point)
            x => ChoiceGrid.Around(current.Security, 0, 1, ChoiceGrid.CareStep, step).Select(v => x with { Security = v }),
            x => Enumerable.Range((int)_regime.Deidentification, 3 - (int)_regime.Deidentification).Select(d => x with { Deidentification = (Deidentification)d }),
            x => _regime.SeparateIdentifierStorage ? [x] : [x with { SeparateIdentifiers = false }, x with { SeparateIdentifiers = true }],
            x => ChoiceGrid.Around(Math.Max(current.OutputFilter, _regime.OutputFilter), _regime.OutputFilter, 1, ChoiceGrid.CareStep, step).Select(v => x with { OutputFilter = v }),
            x => Intensities.Where(v => Math.Abs(v - current.ScrapingIntensity) <= 0.25 + 1e-9).Select(v => x with { ScrapingIntensity = v }),
            x => ConductBounds.MayTakePrivateMarked(_regime) ? [x with { TakesPrivateMarked = false }, x with { TakesPrivateMarked = true }] : [x],
            x => ConductBounds.MayTakeUnconsentedSensitive(_regime, state.RiskGrade) ? [x with { TakesUnconsentedSensitive = false }, x with { TakesUnconsentedSensitive = true }] : [x],
            x => [x with { KeepsPrompts = false }, x with { KeepsPrompts = true }],
            x => TrainingShares.Where(v => Math.Abs(v - current.TrainingShare) <= 0.25 + 1e-9).Select(v => x with { TrainingShare = v }),
            x => new[] { 0.0, allowedReuse, 1.0 }.Distinct().Select(v => x with { SecondaryUse = v }),
            x => [x with { Licensing = false }, x with { Licensing = true }],
        ];
        var best = ChoiceGrid.Maximise(current, moves, x => Forecast(state, x).Profit);
        return (best, Forecast(state, best));
    }

    /// <summary>The forecast of one day of the next epoch under conduct <paramref name="x"/>.</summary>
    public ProviderForecast Forecast(ProviderState st, ProviderConduct x)
    {
        var p = _p;
        var epoch = Math.Max(1, p.EpochTicks);
        var n = Math.Max(1, _ctx.Subjects);

        // collection: scraping reaches the subjects not yet scraped; what a scrape takes follows the law and the conduct
        var scrapes = x.ScrapingIntensity * p.ScrapeRatePerDay * Math.Max(0, n - st.ScrapedSubjects);
        var agree = Consent.AgreeProbability(p, Math.Max(0.0, ModelQuality.Of(_ctx, st.TrainingRecords)), 0.5);
        var consentNeeded = _regime.Scraping == ScrapingRule.WithConsent || _regime.ConsentGeneral == ConsentMode.OptIn;
        var takesSensitive = x.TakesUnconsentedSensitive && ConductBounds.MayTakeUnconsentedSensitive(_regime, st.RiskGrade);
        double perScrape, privateItems = 0, sensitiveItems = 0;
        // data minimisation keeps a share of the items, private-marked ones left out first
        var cap = DataMinimisation.Keep(_regime, _general);
        if (consentNeeded) perScrape = agree * (cap + DataMinimisation.Keep(_regime, _sensitive));
        else
        {
            var plain = _general - _privateMarked;
            privateItems = x.TakesPrivateMarked && ConductBounds.MayTakePrivateMarked(_regime) ? Math.Clamp(cap - plain, 0, _privateMarked) : 0;
            sensitiveItems = takesSensitive ? DataMinimisation.Keep(_regime, _sensitive) : 0;
            var consentedSensitive = _regime.ConsentSensitive == ConsentMode.OptIn ? agree * DataMinimisation.Keep(_regime, _sensitive) : 0;
            perScrape = Math.Min(plain, cap) + privateItems + sensitiveItems + consentedSensitive;
        }
        var keep = x.KeepsPrompts ? 1.0 : 0.0;
        var newRecords = scrapes * perScrape + keep * st.PromptRecordsPerDay;
        var held = st.HeldRecords + epoch / 2.0 * newRecords;
        var subjects = st.HeldSubjects + epoch / 2.0 * scrapes;

        // quality at the next training that these records reach, the trust forecast, and the queries that follow
        var training = x.TrainingShare * (st.TrainableRecords + epoch * newRecords) * (x.Deidentification == Deidentification.Anonymise ? 1 - p.AnonymisationQualityLoss : 1);
        var quality = ModelQuality.Of(_ctx, (long)training) * (1 - p.FilterQualityCost * x.OutputFilter);
        var hazard = Breaches.Daily(p, x.Security);
        // the users who reconsider at the start of the next epoch choose among the providers by a logit (Market.Choose)
        double Users(double trust)
        {
            var own = Math.Exp(p.ChoiceQualityWeight * quality + p.ChoiceTrustWeight * trust);
            return st.Users * (1 - p.UserSwitchingPerEpoch) + p.UserSwitchingPerEpoch * st.MarketUsers * own / (own + st.RivalAttraction);
        }
        double Queries(double trust) => Users(trust) * p.MaxAdoption * Math.Clamp(quality * trust * Adoption.Factor, 0, 1) * p.PromptsPerUserDay;
        var queries0 = Queries(st.Trust);
        var memorisation = st.TrainingRecords > 0 ? (double)st.Memorized / st.TrainingRecords : _memorisation;
        var regurgitations = queries0 * p.ExtractionRate * (1 - x.OutputFilter) * p.PiiShareOfMemorizedOutput * x.TrainingShare * memorisation;
        var hallucinations = queries0 * p.PersonQueryShare * p.HallucinationRate * (1 - x.OutputFilter * p.FilterFactualityEfficacy);
        var fakes = queries0 / Math.Max(1e-9, p.PromptsPerUserDay) * p.MaliciousUserShare * p.FakesPerMaliciousUserDay * (1 - x.OutputFilter * p.FilterFakeEfficacy);
        var drop = hazard * p.TrustDropPerBreach * _expectedTrustShock + p.TrustDropPerIncidentPer10k * (regurgitations + hallucinations + fakes) * 10_000.0 / n;
        var steady = Math.Clamp(1 - drop / Math.Max(1e-9, p.TrustRecoveryPerDay), 0.05, 1.0);
        var trust = st.Trust + (steady - st.Trust) * (1 - Math.Pow(1 - p.TrustRecoveryPerDay, epoch));
        var queries = Queries(trust);
        var scale = queries0 > 0 ? queries / queries0 : 0;

        // revenue: queries, licences, secondary use
        var appetite = SecondaryUse.Appetite(p, held);
        var allowed = SecondaryUse.AllowedShare(_regime.PurposeLimitation);
        var riskFactor = RiskAssessment.ViolationFactor(st.RiskGrade);
        var violations = appetite * Math.Max(0, x.SecondaryUse - allowed) * riskFactor;
        var revenue = queries * p.RevenuePerQueryYuan * quality + (x.Licensing ? st.DeployerCustomers * p.DeployerLicenceFeeYuanCustomerDay : 0)
            + (appetite * Math.Min(x.SecondaryUse, allowed) + violations) * p.SecondaryUseRevenueYuan;

        // care costs
        var care = Breaches.SecurityUpkeepYuanPerDay(x.Security, held, p.SecurityCostYuanPerRecordDay)
            + held * (Aggregation.CostPerRecord(p, x.Deidentification) + (x.SeparateIdentifiers ? p.SeparateStorageCostYuanPerRecord : 0)) / epoch
            + OutputFilter.CostYuan(p, x.OutputFilter, queries) + RiskAssessment.DailyCostYuan(_ctx, st.RiskGrade, st.HeldSubjects)
            + hazard * _expectedShare * held * p.BreachResponseCostYuanPerRecord;

        // expected liability, channel by channel, at the care of each channel
        var sensitiveShare = st.HeldSubjects > 0 ? (double)st.SensitiveSubjects / st.HeldSubjects : 0;
        var sensitiveRecordShare = st.HeldRecords > 0 ? (double)st.SensitiveRecords / st.HeldRecords : 0;
        var reidentified = x.Deidentification switch
        {
            Deidentification.None => 1.0,
            Deidentification.Pseudonymise => Aggregation.Linkage(p, x.SeparateIdentifiers) * st.PseudonymRisk,
            _ => st.AnonymisedRisk > 0 ? st.AnonymisedRisk : 1.0 / Math.Max(1, _regime.KAnonymity),
        };
        var identified = x.Deidentification == Deidentification.None ? 1.0 : x.Deidentification == Deidentification.Pseudonymise ? st.PseudonymRisk : reidentified;
        var exposures = hazard * _expectedShare * subjects * reidentified;
        var breach = Mixed(HarmSource.Breach, PartyKind.Provider, sensitiveShare, x.Security, st.Holders, exposures, st);
        var regurgitation = Mixed(HarmSource.Regurgitation, PartyKind.Provider, sensitiveRecordShare, x.OutputFilter, 1, regurgitations * scale * identified, st);
        var falseInformation = hallucinations * scale * p.FalseInfoHarmfulShare * Cost(HarmSource.FalseInformation, PartyKind.Provider, false, x.OutputFilter, 1, st);
        var intrusion = (scrapes * privateItems + keep * st.PromptIntrusionsPerDay) * p.IntrusionHarmProbability * Cost(HarmSource.Intrusion, PartyKind.Provider, false, 0, 1, st)
            + scrapes * sensitiveItems * p.IntrusionHarmProbability * Cost(HarmSource.Intrusion, PartyKind.Provider, true, 0, 1, st);
        // unlawful reuse is knowing: the provider answers for it as for intent, whatever its care
        var secondaryUse = Mixed(HarmSource.SecondaryUse, PartyKind.Provider, sensitiveRecordShare, 0, st.Holders, violations * p.SecondaryUseHarmProbability, st);
        double joint = 0;
        if (_regime.JointAndSeveral)
        {
            joint += fakes * scale * p.FakeHarmfulShare * Cost(HarmSource.FalseInformation, PartyKind.User, false, 0, 1, st);
            if (x.Licensing) joint += st.JointDeployerLiabilityPerDay;
        }
        var liability = breach + regurgitation + falseInformation + intrusion + secondaryUse + joint;

        // expected fines: audits find what accumulated since the last one (PIPL art. 66)
        var violationsPerDay = violations + scrapes * sensitiveItems + keep * st.PromptUnconsentedSensitivePerDay;
        // (an audit at the base rate finds a year's violations ÷ audits per year; severity and risk-based rates follow Audits)
        var audits = _regime.AuditsPerYear / 365.0 * RiskAssessment.AuditFactor(st.RiskGrade);
        var fines = 0.0;
        if (audits > 0 && violationsPerDay > 0)
        {
            var found = violationsPerDay / audits;
            var rate = Audits.DailyRate(_ctx, st.RiskGrade, found, held);
            fines = rate * Audits.CeilingYuan(_ctx, revenue * 365) * Audits.Severity(p, found, held);
        }
        return new ProviderForecast(revenue, care, liability, fines, queries);
    }

    /// <summary>Expected liability per day of harms of a source, mixing sensitive and general ones; harm events are those with harm.</summary>
    private double Mixed(HarmSource source, PartyKind party, double sensitiveShare, double care, int holders, double eventsPerDay, ProviderState st)
    {
        if (eventsPerDay <= 0) return 0;
        return eventsPerDay * ((1 - sensitiveShare) * HarmChance(source, false) * Cost(source, party, false, care, holders, st)
            + sensitiveShare * HarmChance(source, true) * Cost(source, party, true, care, holders, st));
    }

    private double Cost(HarmSource source, PartyKind party, bool sensitive, double care, int holders, ProviderState st) =>
        _table.Expected(source, party, sensitive, care, holders).Provider * (st.Belief?.Factor(source) ?? 1.0);

    /// <summary>Chance that an identified exposure or regurgitation of the subject harms it (fraud, or mental harm where possible).</summary>
    private double HarmChance(HarmSource source, bool sensitive)
    {
        var p = _p;
        var fraud = sensitive ? p.FraudProbabilitySensitive : p.FraudProbabilityGeneral;
        var mental = p.MentalHarmProbability * (sensitive ? 1.0 : _table.PrivateShare);
        return source is HarmSource.Breach or HarmSource.Regurgitation ? 1 - (1 - fraud) * (1 - mental) : 1.0;
    }
}
