using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
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
    /// <summary>The provider's view during this tick: its conduct and whether it was in the market.</summary>
    [Id(13)] public ProviderView Current { get; set; } = new();
    /// <summary>Its forecast profit per day at its last decision (fen; 0 before the first).</summary>
    [Id(14)] public long ForecastProfitFen { get; set; }

    public long ProfitFen => RevenueFen - ComplianceCostFen - LiabilityFen - FinesFen;
}

/// <summary>
/// A generative-AI service provider: its conduct (<see cref="ProviderConduct"/>: care and activity), its model (quality,
/// training volume), its accounts, users' trust in it, what it has learnt about its liability, and its plan for the next
/// tick. Each step is a mechanism (Mechanisms/*.cs); this class holds the provider's state and calls them in order. At
/// the end of each epoch a profit-seeking provider chooses its conduct (<see cref="ProviderStrategy"/>) and leaves the
/// market after exit_patience_epochs of negative forecast profit (<see cref="Market"/>).
/// </summary>
public sealed class ProviderModel
{
    private readonly ModelContext _ctx;
    private readonly SecondaryUse _secondaryUse;
    private readonly Audits _audits;
    private readonly ProviderStrategy _strategy;
    private readonly LiabilityBelief _belief;
    private readonly bool _compliance;

    public int Index { get; }
    public ProviderConduct Conduct { get; private set; }
    public bool Active { get; private set; } = true;
    public double Trust { get; private set; }
    public double Quality { get; private set; }
    public long TrainableRecords { get; private set; }
    public long TrainingRecords { get; private set; }
    public double ProtectedTrainingShare { get; private set; }

    private ProviderView _view;
    private long _revenueFen;
    private int _ticksSeen;
    private int _lossEpochs;
    private int _deleteTick = -1;
    private long _forecastProfitFen;
    private long _heldSubjects, _heldRecords;

    /// <summary>Subjects whose data the provider held at the end of the last tick (calibration reads it).</summary>
    public long HeldSubjects => _heldSubjects;
    private double _pseudonymRisk = 1.0, _anonymisedRisk;
    // the epoch's flows, for the per-day rates of the next decision
    private double _days, _promptRecords, _promptIntrusions, _promptSensitive, _jointDeployerPaid;

    public ProviderModel(ModelContext ctx, int index)
    {
        _ctx = ctx;
        _secondaryUse = new SecondaryUse(ctx);
        _audits = new Audits(ctx);
        _strategy = new ProviderStrategy(ctx);
        _belief = new LiabilityBelief(ctx.P);
        _compliance = ctx.P.FirmBehaviour == FirmBehaviour.Compliance;
        Index = index;
        Conduct = ConductBounds.LegalMinimum(ctx.Regime, ctx.P);
        Trust = ctx.P.InitialTrust;
        Quality = ModelQuality.Of(ctx, 0);
        _view = Plan(0);
    }

    public ProviderView CurrentView => _view;

    /// <summary>Draws the tick's breach (and the share of the store it exposes) and whether a regulator audits.</summary>
    public ProviderView Plan(int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.ProviderPlan, Index, tick);
        var c = Conduct;
        var grade = RiskAssessment.Grade(_ctx, _heldSubjects);
        return new ProviderView
        {
            Index = Index,
            Security = c.Security,
            Deidentification = (int)c.Deidentification,
            BreachShare = Breaches.Draw(_ctx.P, c.Security, d, DrawLayout.ProviderPlan.Breach, DrawLayout.ProviderPlan.BreachShare),
            Quality = Quality,
            Trust = Trust,
            TrainableRecords = TrainableRecords,
            Audited = Active && d.Uniform(DrawLayout.ProviderPlan.Audit) < _audits.Rate(grade, _heldRecords),
            RiskGrade = grade,
            MisuseRate = Active ? _secondaryUse.ViolationRate(c.SecondaryUse, _compliance, _audits.FinesPaidFen, grade) : 0.0,
            OutputFilter = c.OutputFilter,
            SeparateIdentifiers = c.SeparateIdentifiers,
            ScrapingIntensity = c.ScrapingIntensity,
            TakesPrivateMarked = c.TakesPrivateMarked,
            TakesUnconsentedSensitive = c.TakesUnconsentedSensitive,
            KeepsPrompts = c.KeepsPrompts,
            TrainingShare = c.TrainingShare,
            Licensing = Active && c.Licensing,
            SecondaryUse = c.SecondaryUse,
            Active = Active,
            Deletes = tick == _deleteTick,
        };
    }

    /// <summary>Aggregation (§3.8): this provider's generalisation from the cohorts' reports; it also notes what each practice leaves of re-identification risk.</summary>
    public Generalisation Aggregate(IReadOnlyList<ClassCounts> counts)
    {
        var (anonymised, pseudonymRisk, anonymisedRisk) = Aggregation.Aggregate(_ctx, Index, counts);
        if (!double.IsNaN(pseudonymRisk)) (_pseudonymRisk, _anonymisedRisk) = (pseudonymRisk, anonymisedRisk);
        return Conduct.Deidentification == Deidentification.Anonymise ? anonymised : Generalisation.Exact;
    }

    /// <summary>
    /// End of tick: quality (training ticks), revenue and secondary use, audits and fines, care cost, liability, service
    /// value, trust; at the end of an epoch, the decision. Returns the report and plans the next tick.
    /// </summary>
    public ProviderTickReport Settle(int tick, Tally total, long queries, long users, bool trainingTick, MarketView market)
    {
        _ticksSeen++;
        var p = _ctx.P;
        var c = Conduct;
        var held = total.Provider(Index, ProviderField.RecordsHeld);
        var heldSubjects = total.Provider(Index, ProviderField.HeldSubjects);
        if (trainingTick)
        {
            TrainableRecords = total.Provider(Index, ProviderField.TrainableRecords);
            TrainingRecords = total.Provider(Index, ProviderField.TrainingRecords);
            var prot = total.Provider(Index, ProviderField.ProtectedTrainingRecords);
            ProtectedTrainingShare = TrainingRecords > 0 ? (double)prot / TrainingRecords : 0;
            var value = c.Deidentification == Deidentification.Anonymise ? 1 - p.AnonymisationQualityLoss : 1.0;
            Quality = ModelQuality.Of(_ctx, (long)(TrainingRecords * value));
        }

        var (violations, secondaryRevenue) = Active ? _secondaryUse.Reuse(held, c.SecondaryUse, _compliance, _audits.FinesPaidFen, _view.RiskGrade) : (0, 0);
        var customers = DeployerCustomers(total);
        var revenue = ProviderAccounts.RevenueFen(p, queries, Adoption.EffectiveQuality(p, _view), _view.Licensing ? customers : 0) + secondaryRevenue;
        _revenueFen += revenue;
        var fine = _audits.Settle(violations + total.Provider(Index, ProviderField.UnconsentedSensitiveRecords), _view.Audited, _revenueFen, _ticksSeen, held);

        var compliance = 0.0;
        compliance += Breaches.SecurityUpkeepYuanPerDay(c.Security, held, p.SecurityCostYuanPerRecordDay);
        compliance += held * (Aggregation.CostPerRecord(p, c.Deidentification) + (c.SeparateIdentifiers ? p.SeparateStorageCostYuanPerRecord : 0)) / Math.Max(1, p.EpochTicks);
        compliance += Active ? RiskAssessment.DailyCostYuan(_ctx, _view.RiskGrade, heldSubjects) : 0;
        (_heldSubjects, _heldRecords) = (heldSubjects, held);
        compliance += OutputFilter.CostYuan(p, c.OutputFilter, queries);
        compliance += total.Provider(Index, ProviderField.RightsRequestsServed) * p.RightsRequestCostYuan;
        compliance += total.Provider(Index, ProviderField.Unlearnings) * p.UnlearningCostYuan;
        compliance += total.Provider(Index, ProviderField.RecordsExposed) * p.BreachResponseCostYuanPerRecord;

        Trust = UserTrust.Next(_ctx, Trust, _view.BreachShare, total.Provider(Index, ProviderField.Incidents));
        _belief.Observe(total, Index);
        Accumulate(total);

        var report = new ProviderTickReport
        {
            RevenueFen = revenue,
            ComplianceCostFen = Money.ToFen(compliance),
            LiabilityFen = total.Provider(Index, ProviderField.LiabilityFen),
            FinesFen = fine,
            ServiceValueFen = ProviderAccounts.ServiceValueFen(p, queries, Adoption.EffectiveQuality(p, _view)),
            SecondaryUseViolations = violations,
            Breached = _view.BreachShare > 0,
            Security = c.Security,
            Deidentification = (int)c.Deidentification,
            Quality = Quality,
            Trust = Trust,
            ProtectedTrainingShare = ProtectedTrainingShare,
            Current = _view,
            ForecastProfitFen = _forecastProfitFen,
        };

        if (Active && !_compliance && (tick + 1) % Math.Max(1, p.EpochTicks) == 0) Decide(tick, total, users, customers, market);
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }

    /// <summary>The customers served by the deployers built on this provider (deployer d's provider is d mod providers).</summary>
    private long DeployerCustomers(Tally total)
    {
        long customers = 0;
        for (var d = Index; d < total.Deployers; d += total.Providers) customers += total.Deployer(d, DeployerField.HeldCustomers);
        return customers;
    }

    private void Accumulate(Tally total)
    {
        _days++;
        _promptRecords += total.Provider(Index, ProviderField.PromptRecords);
        _promptIntrusions += total.Provider(Index, ProviderField.PromptIntrusionItems);
        _promptSensitive += total.Provider(Index, ProviderField.PromptUnconsentedSensitive);
        _jointDeployerPaid += Money.ToYuan(total.Provider(Index, ProviderField.JointDeployerPaidFen));
    }

    /// <summary>The end of an epoch: choose the conduct for the next one; leave after exit_patience_epochs of forecast losses.</summary>
    private void Decide(int tick, Tally total, long users, long deployerCustomers, MarketView market)
    {
        var p = _ctx.P;
        double rivals = 0;
        foreach (var v in market.Providers)
        {
            if (v.Index != Index && v.Active) rivals += Math.Exp(p.ChoiceQualityWeight * Adoption.EffectiveQuality(p, v) + p.ChoiceTrustWeight * v.Trust);
        }
        var n = Math.Max(1, _ctx.Subjects);
        long othersHeld = 0, customers = 0;
        for (var q = 0; q < total.Providers; q++)
        {
            if (q != Index) othersHeld += total.Provider(q, ProviderField.HeldSubjects);
        }
        for (var d = 0; d < total.Deployers; d++) customers += total.Deployer(d, DeployerField.HeldCustomers);
        var days = Math.Max(1.0, _days);
        var state = new ProviderState
        {
            Users = users,
            MarketUsers = market.Users,
            RivalAttraction = rivals,
            Trust = Trust,
            HeldRecords = total.Provider(Index, ProviderField.RecordsHeld),
            HeldSubjects = total.Provider(Index, ProviderField.HeldSubjects),
            SensitiveSubjects = total.Provider(Index, ProviderField.SensitiveSubjects),
            SensitiveRecords = total.Provider(Index, ProviderField.SensitiveRecordsHeld),
            ScrapedSubjects = total.Provider(Index, ProviderField.ScrapedSubjects),
            TrainableRecords = TrainableRecords,
            TrainingRecords = TrainingRecords,
            Memorized = total.Provider(Index, ProviderField.RecordsMemorized),
            PseudonymRisk = _pseudonymRisk,
            AnonymisedRisk = _anonymisedRisk,
            PromptRecordsPerDay = Conduct.KeepsPrompts ? _promptRecords / days : 0,
            PromptIntrusionsPerDay = _promptIntrusions / days,
            PromptUnconsentedSensitivePerDay = _promptSensitive / days,
            DeployerCustomers = deployerCustomers,
            RiskGrade = _view.RiskGrade,
            JointDeployerLiabilityPerDay = _jointDeployerPaid / days,
            Holders = (int)Math.Clamp(Math.Round(1 + (double)(othersHeld + customers) / n), 1, LiabilityTable.MaxHolders),
            Belief = _belief,
        };
        // a provider that keeps no prompts sees none: it remembers the last rate it saw while keeping them
        if (!Conduct.KeepsPrompts) state = state with { PromptRecordsPerDay = _lastPromptRecordsPerDay };
        else _lastPromptRecordsPerDay = state.PromptRecordsPerDay;
        var (conduct, forecast) = _strategy.Choose(state, Conduct);
        Conduct = conduct;
        _forecastProfitFen = Money.ToFen(forecast.Profit);
        _lossEpochs = forecast.Profit < 0 ? _lossEpochs + 1 : 0;
        if (_lossEpochs >= _ctx.P.ExitPatienceEpochs)
        {
            Active = false;
            _deleteTick = tick + 1 + _ctx.P.ExitRetentionDays;
        }
        (_days, _promptRecords, _promptIntrusions, _promptSensitive, _jointDeployerPaid) = (0, 0, 0, 0, 0);
    }

    private double _lastPromptRecordsPerDay;

    /// <summary>Test hook: what the provider has learnt about a source (harm events, predicted and paid liability, fen).</summary>
    internal (double Events, double Predicted, double Paid) Observed(HarmSource source) => _belief.Observed(source);
}
