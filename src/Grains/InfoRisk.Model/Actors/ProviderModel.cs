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

    public long ProfitFen => RevenueFen - ComplianceCostFen - LiabilityFen - FinesFen;
}

/// <summary>
/// A generative-AI service provider: its store's security and de-identification, its model (quality, training volume),
/// its accounts, users' trust in it, and its plan for the next tick. Each step is a mechanism (Mechanisms/*.cs); this
/// class holds the provider's state and calls them in order.
/// </summary>
public sealed class ProviderModel
{
    private readonly ModelContext _ctx;
    private readonly SecondaryUse _secondaryUse;
    private readonly Audits _audits;

    public int Index { get; }
    public double Security { get; private set; }
    public Deidentification Deidentification { get; private set; }
    public double Trust { get; private set; }
    public double Quality { get; private set; }
    public long TrainingRecords { get; private set; }
    public double ProtectedTrainingShare { get; private set; }

    private ProviderView _view;
    private long _revenueFen;
    private int _ticksSeen;

    public ProviderModel(ModelContext ctx, int index)
    {
        _ctx = ctx;
        _secondaryUse = new SecondaryUse(ctx);
        _audits = new Audits(ctx);
        Index = index;
        Security = ctx.P.InitialSecurity;
        Deidentification = ctx.Regime.Deidentification;
        Trust = ctx.P.InitialTrust;
        Quality = ModelQuality.Of(ctx, 0);
        _view = Plan(0);
    }

    public ProviderView CurrentView => _view;

    /// <summary>Draws the tick's breach (and the share of the store it exposes) and whether a regulator audits.</summary>
    public ProviderView Plan(int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.ProviderPlan, Index, tick);
        return new ProviderView
        {
            Index = Index,
            Security = Security,
            Deidentification = (int)Deidentification,
            BreachShare = Breaches.Draw(_ctx.P, Security, d, DrawLayout.ProviderPlan.Breach, DrawLayout.ProviderPlan.BreachShare),
            Quality = Quality,
            Trust = Trust,
            TrainingRecords = TrainingRecords,
            Audited = d.Uniform(DrawLayout.ProviderPlan.Audit) < _audits.Rate(),
        };
    }

    /// <summary>Aggregation (§3.8): this provider's class table from the cohorts' counts.</summary>
    public ClassTable Aggregate(IReadOnlyList<ClassCounts> counts) => Aggregation.Aggregate(_ctx, Index, Deidentification, counts);

    /// <summary>
    /// End of tick: quality (training ticks), revenue and secondary use, audits and fines, compliance cost, liability,
    /// service value, trust; at the end of an epoch, adaptation. Returns the report and plans the next tick.
    /// </summary>
    public ProviderTickReport Settle(int tick, Tally total, long queries, int deployersOnProvider, bool trainingTick)
    {
        _ticksSeen++;
        var p = _ctx.P;
        var held = total.Provider(Index, ProviderField.RecordsHeld);
        if (trainingTick)
        {
            TrainingRecords = total.Provider(Index, ProviderField.TrainingRecords);
            var prot = total.Provider(Index, ProviderField.ProtectedTrainingRecords);
            ProtectedTrainingShare = TrainingRecords > 0 ? (double)prot / TrainingRecords : 0;
            Quality = ModelQuality.Of(_ctx, TrainingRecords);
        }

        var (violations, secondaryRevenue) = _secondaryUse.Reuse(held, _audits.FinesPaidFen);
        var revenue = ProviderAccounts.RevenueFen(_ctx, queries, deployersOnProvider) + secondaryRevenue;
        _revenueFen += revenue;
        var fine = _audits.Settle(violations + total.Provider(Index, ProviderField.UnconsentedSensitiveRecords), _view.Audited, _revenueFen, _ticksSeen);

        var compliance = 0.0;
        compliance += Breaches.SecurityUpkeepYuanPerDay(Security, held, p.SecurityCostYuanPerRecordDay);
        compliance += held * Aggregation.CostPerRecord(p, Deidentification) / Math.Max(1, p.EpochTicks);
        compliance += RiskAssessment.DailyCostYuan(_ctx);
        compliance += OutputFilter.CostYuan(_ctx, queries);
        compliance += total.Provider(Index, ProviderField.RightsRequestsServed) * p.RightsRequestCostYuan;
        compliance += total.Provider(Index, ProviderField.Unlearnings) * p.UnlearningCostYuan;
        compliance += total.Provider(Index, ProviderField.RecordsExposed) * p.BreachResponseCostYuanPerRecord;

        Trust = UserTrust.Next(_ctx, Trust, _view.BreachShare, total.Provider(Index, ProviderField.Incidents));

        var report = new ProviderTickReport
        {
            RevenueFen = revenue,
            ComplianceCostFen = Money.ToFen(compliance),
            LiabilityFen = total.Provider(Index, ProviderField.LiabilityFen),
            FinesFen = fine,
            ServiceValueFen = ProviderAccounts.ServiceValueFen(_ctx, queries, Quality),
            SecondaryUseViolations = violations,
            Breached = _view.BreachShare > 0,
            Security = Security,
            Deidentification = (int)Deidentification,
            Quality = Quality,
            Trust = Trust,
            ProtectedTrainingShare = ProtectedTrainingShare,
        };

        if (Adaptation.IsDecisionTick(p, tick))
        {
            (Deidentification, Security) = Adaptation.Provider(_ctx, Security, Deidentification, held,
                total.Provider(Index, ProviderField.HeldSubjects), total.Provider(Index, ProviderField.SensitiveRecordsHeld));
        }
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }
}
