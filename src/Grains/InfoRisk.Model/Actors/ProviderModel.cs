using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Population;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Actors;

/// <summary>What a provider reports for one tick (money in fen).</summary>
[GenerateSerializer, Immutable, Alias("inforisk.ProviderTickReport")]
public sealed record ProviderTickReport
{
    [Id(0)] public long RevenueFen { get; set; }
    [Id(1)] public long ComplianceCostFen { get; set; }
    [Id(2)] public long LiabilityFen { get; set; }
    [Id(3)] public long FinesFen { get; set; }
    [Id(4)] public long ServiceValueFen { get; set; }
    [Id(5)] public long SecondaryUseViolations { get; set; }
    [Id(6)] public bool Breached { get; set; }
    [Id(7)] public double Security { get; set; }
    [Id(8)] public int Deidentification { get; set; }
    [Id(9)] public double Quality { get; set; }
    [Id(10)] public double Trust { get; set; }
    [Id(11)] public ProviderView Next { get; set; } = new();
    [Id(12)] public double ProtectedTrainingShare { get; set; }

    public long ProfitFen => RevenueFen - ComplianceCostFen - LiabilityFen - FinesFen;
}

/// <summary>
/// A generative-AI service provider: its data store's security and de-identification, its model (quality,
/// training volume), its revenue and costs, the liability and fines it pays, users' trust in it, and how it adapts
/// its security and de-identification at the end of each training epoch to cut its expected cost.
/// </summary>
public sealed class ProviderModel
{
    private readonly ModelContext _ctx;
    private readonly ModelParameters _p;
    private readonly Regime _regime;

    public int Index { get; }
    public double Security { get; private set; }
    public Deidentification Deidentification { get; private set; }
    public double Trust { get; private set; }
    public double Quality { get; private set; }
    public long TrainingRecords { get; private set; }
    public double ProtectedTrainingShare { get; private set; }
    public ClassTable Classes { get; private set; } = ClassTable.Empty;

    private ProviderView _view;
    private long _heldRecords;
    private long _cumulativeRevenueFen;
    private long _cumulativeSecondaryRevenueFen;
    private long _cumulativeFinesFen;
    private long _violationsSinceAudit;
    private int _ticksSeen;

    public ProviderModel(ModelContext ctx, int index)
    {
        _ctx = ctx;
        _p = ctx.P;
        _regime = ctx.Regime;
        Index = index;
        Security = _p.InitialSecurity;
        Deidentification = _regime.Deidentification;
        Trust = _p.InitialTrust;
        Quality = QualityOf(0);
        _view = Plan(0);
    }

    public ProviderView CurrentView => _view;

    /// <summary>Model quality rises with training data with diminishing returns: q = 1 - exp(-(pretraining + volume) / scale).</summary>
    public double QualityOf(long trainingRecords)
    {
        var n = Math.Max(1, _ctx.Subjects);
        return 1.0 - Math.Exp(-(_p.PretrainingRecordsPerSubject * n + trainingRecords) / (_p.QualityScaleRecordsPerSubject * n));
    }

    /// <summary>Draws the tick's breach (and the share of the store it exposes) and whether a regulator audits.</summary>
    public ProviderView Plan(int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.ProviderPlan, Index, tick);
        var share = BreachHazard.Draw(_p, Security, d);
        var auditRate = _regime.AuditsPerYear / 365.0;
        if (_regime.RiskBasedAudits)
            auditRate *= 0.5 + Math.Min(1.5, _violationsSinceAudit / Math.Max(1.0, _p.FineViolationScale));
        return new ProviderView
        {
            Index = Index,
            Security = Security,
            Deidentification = (int)Deidentification,
            BreachShare = share,
            Quality = Quality,
            Trust = Trust,
            TrainingRecords = TrainingRecords,
            Audited = d.Uniform(2) < auditRate,
        };
    }

    /// <summary>
    /// Aggregation: sums the cohorts' class counts (distinct subjects per quasi-identifier key), and where the
    /// store is anonymised generalises until at most the suppression limit of subjects sit in classes smaller than K.
    /// </summary>
    public ClassTable Aggregate(IReadOnlyList<ClassCounts> counts)
    {
        var qi = _ctx.Qi;
        var exact = new int[qi.KeySpace(0)];
        long held = 0;
        foreach (var c in counts)
        {
            var keys = c.Keys[Index];
            var n = c.Counts[Index];
            for (var k = 0; k < keys.Length; k++)
            {
                exact[keys[k]] += n[k];
                held += n[k];
            }
        }
        var minimumK = Deidentification == Deidentification.Anonymise ? Math.Max(1, _regime.KAnonymity) : 1;
        if (minimumK <= 1 || held == 0)
        {
            Classes = new ClassTable { Level = 0, Sizes = exact, K = 1, HeldSubjects = held };
            return Classes;
        }
        for (var level = 0; level < QuasiIdentifiers.Levels; level++)
        {
            var sizes = level == 0 ? exact : Generalise(exact, level);
            long small = 0;
            foreach (var s in sizes)
            {
                if (s > 0 && s < minimumK) small += s;
            }
            if (small <= _p.SuppressionLimit * held || level == QuasiIdentifiers.Levels - 1)
            {
                Classes = new ClassTable { Level = level, Sizes = sizes, K = minimumK, HeldSubjects = held };
                return Classes;
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    private int[] Generalise(int[] exact, int level)
    {
        var qi = _ctx.Qi;
        var sizes = new int[qi.KeySpace(level)];
        for (var key = 0; key < exact.Length; key++)
        {
            if (exact[key] != 0) sizes[qi.Generalise(key, level)] += exact[key];
        }
        return sizes;
    }

    /// <summary>
    /// End of tick: revenue, service value, secondary use and purpose limitation, audits and fines, compliance cost,
    /// liability, trust; at the end of an epoch, adaptation. Returns the report and plans the next tick.
    /// </summary>
    public ProviderTickReport Settle(int tick, Tally total, long queries, int deployersOnProvider, bool trainingTick)
    {
        _ticksSeen++;
        var p = _p;
        var held = total.Provider(Index, ProviderField.RecordsHeld);
        _heldRecords = held;
        if (trainingTick)
        {
            TrainingRecords = total.Provider(Index, ProviderField.TrainingRecords);
            var prot = total.Provider(Index, ProviderField.ProtectedTrainingRecords);
            ProtectedTrainingShare = TrainingRecords > 0 ? (double)prot / TrainingRecords : 0;
            Quality = QualityOf(TrainingRecords);
        }

        // revenue: subscriptions per query, licences to deployers, secondary use of held data
        var revenue = Money.ToFen(queries * p.RevenuePerQueryYuan) + Money.ToFen(deployersOnProvider * p.DeployerLicenceFeeYuanDay);
        var reused = (long)(held * p.SecondaryUseAppetite / Math.Max(1, p.EpochTicks));
        var allowed = _regime.PurposeLimitation switch
        {
            PurposeLimitation.None => 1.0,
            PurposeLimitation.Compatible => 0.5,
            _ => 0.0,
        };
        var deterrence = _cumulativeSecondaryRevenueFen > 0 ? Math.Min(1.0, (double)_cumulativeFinesFen / _cumulativeSecondaryRevenueFen) : 0.0;
        var violations = (long)(reused * (1.0 - allowed) * (1.0 - deterrence) * (_regime.RiskAssessment ? 0.3 : 1.0));
        var lawfulReuse = (long)(reused * allowed);
        var secondaryRevenue = Money.ToFen((lawfulReuse + violations) * p.SecondaryUseRevenueYuan);
        revenue += secondaryRevenue;
        _cumulativeSecondaryRevenueFen += secondaryRevenue;
        _cumulativeRevenueFen += revenue;

        // audits and fines (PIPL art. 66: up to 50 million yuan or 5% of turnover)
        _violationsSinceAudit += violations + total.Provider(Index, ProviderField.UnconsentedSensitiveRecords);
        long fine = 0;
        if (_view.Audited && _violationsSinceAudit > 0)
        {
            var annualTurnoverFen = _cumulativeRevenueFen * 365.0 / _ticksSeen;
            var ceiling = Math.Min(Money.ToFen(_regime.FineMaxYuan), annualTurnoverFen * _regime.FineMaxTurnoverShare);
            var severity = Math.Min(1.0, _violationsSinceAudit / Math.Max(1.0, p.FineViolationScale));
            fine = (long)(ceiling * severity);
            _violationsSinceAudit = 0;
        }
        _cumulativeFinesFen += fine;

        // compliance cost
        var compliance = 0.0;
        compliance += BreachHazard.SecurityUpkeepYuanPerDay(Security, held, p.SecurityCostYuanPerRecordDay);
        compliance += held * DeidentificationCostPerRecord(Deidentification) / Math.Max(1, p.EpochTicks);
        if (_regime.RiskAssessment) compliance += p.RiskAssessmentCostYuanDay;
        compliance += queries * p.FilterCostYuanPerQuery * _regime.OutputFilter;
        compliance += total.Provider(Index, ProviderField.RightsRequestsServed) * p.RightsRequestCostYuan;
        compliance += total.Provider(Index, ProviderField.Unlearnings) * p.UnlearningCostYuan;
        compliance += total.Provider(Index, ProviderField.RecordsExposed) * p.BreachResponseCostYuanPerRecord;
        var complianceFen = Money.ToFen(compliance);

        var liability = total.Provider(Index, ProviderField.LiabilityFen);
        var serviceValue = Money.ToFen(queries * p.ServiceValuePerQueryYuan * Quality);

        // trust: falls after publicised breaches and incidents, recovers slowly
        var breached = _view.BreachShare > 0;
        var trust = Trust + p.TrustRecoveryPerDay * (1.0 - Trust);
        if (breached) trust -= p.TrustDropPerBreach * Math.Min(1.0, _view.BreachShare * 10.0);
        var incidents = total.Provider(Index, ProviderField.Incidents);
        trust -= p.TrustDropPerIncidentPer10k * incidents * 10_000.0 / Math.Max(1, _ctx.Subjects);
        Trust = Math.Clamp(trust, 0.05, 1.0);

        var report = new ProviderTickReport
        {
            RevenueFen = revenue,
            ComplianceCostFen = complianceFen,
            LiabilityFen = liability,
            FinesFen = fine,
            ServiceValueFen = serviceValue,
            SecondaryUseViolations = violations,
            Breached = breached,
            Security = Security,
            Deidentification = (int)Deidentification,
            Quality = Quality,
            Trust = Trust,
            ProtectedTrainingShare = ProtectedTrainingShare,
        };

        if (p.Adaptation && (tick + 1) % Math.Max(1, p.EpochTicks) == 0) Adapt(total);
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }

    private double DeidentificationCostPerRecord(Deidentification d) => d switch
    {
        Deidentification.Pseudonymise => _p.PseudonymisationCostYuanPerRecord,
        Deidentification.Anonymise => _p.AnonymisationCostYuanPerRecord,
        _ => 0.0,
    };

    /// <summary>Share of exposed records that end up identifying their subject, by de-identification practice.</summary>
    private double ReidentificationFactor(Deidentification d) => d switch
    {
        Deidentification.None => 1.0,
        Deidentification.Pseudonymise => _ctx.Linkage * 0.9,
        _ => 1.0 / Math.Max(1, _regime.KAnonymity),
    };

    /// <summary>
    /// Adaptation at the end of an epoch: choose the security level and de-identification practice (never below the
    /// regime's minimum) that minimise expected cost, using the liability the rules imply for a breach.
    /// </summary>
    private void Adapt(Tally total)
    {
        var held = (double)Math.Max(1, _heldRecords);
        var subjects = Math.Max(1, total.Provider(Index, ProviderField.HeldSubjects));
        var recordsPerSubject = held / subjects;
        var sensitiveShare = (double)total.Provider(Index, ProviderField.SensitiveRecordsHeld) / held;

        double CostPerExposed(double s, Deidentification d)
        {
            var general = ExpectedLiability.PerExposedRecordYuan(_ctx, s, false, recordsPerSubject);
            var sensitive = ExpectedLiability.PerExposedRecordYuan(_ctx, s, true, recordsPerSubject);
            return _p.BreachResponseCostYuanPerRecord + ReidentificationFactor(d) * ((1 - sensitiveShare) * general + sensitiveShare * sensitive);
        }

        // de-identification: the cheapest practice at or above the regime's minimum
        var bestD = Deidentification;
        var bestCost = double.MaxValue;
        for (var d = _regime.Deidentification; d <= Deidentification.Anonymise; d++)
        {
            var perDay = held * DeidentificationCostPerRecord(d) / Math.Max(1, _p.EpochTicks)
                + BreachHazard.Daily(_p, Security) * BreachHazard.ExpectedShare(_p) * held * CostPerExposed(Security, d);
            if (perDay < bestCost - 1e-9)
            {
                bestCost = perDay;
                bestD = d;
            }
        }
        Deidentification = bestD;

        // security: minimise upkeep plus expected breach cost, moving at most one step per epoch
        var target = BreachHazard.ChooseSecurity(_p, held, _p.SecurityCostYuanPerRecordDay, s => CostPerExposed(s, Deidentification));
        var step = _p.SecurityStep;
        Security = Math.Round(Math.Clamp(target, Security - step, Security + step), 6);
    }
}
