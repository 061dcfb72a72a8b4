using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Actors;

/// <summary>The sectors where deployers build on a base model.</summary>
public enum Sector
{
    Finance,
    Health,
    Education,
    Government,
    Retail,
}

/// <summary>What a deployer reports for one tick.</summary>
[GenerateSerializer, Immutable, Alias("inforisk.DeployerTickReport")]
public sealed record DeployerTickReport
{
    [Id(0)] public long LiabilityFen { get; set; }
    [Id(1)] public bool Breached { get; set; }
    [Id(2)] public double Bias { get; set; }
    [Id(3)] public double Security { get; set; }
    [Id(4)] public DeployerView Next { get; set; } = new();
    /// <summary>Security upkeep and breach response (fen): the deployer's care cost.</summary>
    [Id(5)] public long CareCostFen { get; set; }
    [Id(6)] public bool Active { get; set; }
}

/// <summary>
/// A downstream deployer (finance, health, education, government services, retail): builds on a provider's base model,
/// fine-tunes on its customers' data, makes automated decisions about them (<see cref="AutomatedDecisions"/>), can be
/// breached (<see cref="Breaches"/>), shares liability, and at the end of each epoch chooses its security and whether to
/// take in sensitive records (<see cref="DeployerStrategy"/>). It operates only while its provider licenses its model.
/// </summary>
public sealed class DeployerModel
{
    private readonly ModelContext _ctx;
    private readonly DeployerStrategy _strategy;
    private double _correction = 1.0;
    private DeployerView _view;
    private double _representationShare;
    private double _days, _discriminationHarms;

    public int Index { get; }
    public int Provider { get; }
    public Sector Sector { get; }
    public bool SensitiveSector => Sector is Sector.Finance or Sector.Health;
    public DeployerConduct Conduct { get; private set; }
    public bool Active { get; private set; } = true;
    public double Bias { get; private set; }

    public DeployerModel(ModelContext ctx, int index)
    {
        _ctx = ctx;
        _strategy = new DeployerStrategy(ctx);
        Index = index;
        Provider = index % Math.Max(1, ctx.Providers);
        Sector = (Sector)(index % 5);
        Conduct = new DeployerConduct { Security = ctx.P.InitialSecurity };
        // before any training data is seen, the bias reflects the digital divide
        _representationShare = AutomatedDecisions.InitialRepresentation(ctx.P);
        Bias = AutomatedDecisions.Bias(ctx.P, _representationShare, _correction);
        _view = Plan(0);
    }

    public DeployerView CurrentView => _view;

    public DeployerView Plan(int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.DeployerPlan, Index, tick);
        return new DeployerView
        {
            Index = Index,
            Provider = Provider,
            SensitiveSector = SensitiveSector,
            Bias = Bias,
            BreachShare = Breaches.Draw(_ctx.P, Conduct.Security, d, DrawLayout.DeployerPlan.Breach, DrawLayout.DeployerPlan.BreachShare),
            Security = Conduct.Security,
            Active = Active,
            TakesSensitive = Conduct.TakesSensitive,
        };
    }

    /// <summary>
    /// End of tick: liability, bias correction after detected bias, the base model's representation, whether the base model
    /// is still licensed, and at the end of an epoch the deployer's choice; plans the next tick.
    /// </summary>
    public DeployerTickReport Settle(int tick, Tally total, double providerProtectedTrainingShare, bool providerTrained, bool providerLicenses)
    {
        var p = _ctx.P;
        var detected = total.Deployer(Index, DeployerField.BiasDetected);
        if (detected > 0) _correction *= Math.Pow(1.0 - p.BiasCorrectionStep, detected);
        if (providerTrained && providerProtectedTrainingShare > 0) _representationShare = providerProtectedTrainingShare;
        Bias = AutomatedDecisions.Bias(p, _representationShare, _correction);
        var records = total.Deployer(Index, DeployerField.RecordsHeld);
        var report = new DeployerTickReport
        {
            LiabilityFen = total.Deployer(Index, DeployerField.LiabilityFen),
            Breached = _view.BreachShare > 0,
            Bias = Bias,
            Security = Conduct.Security,
            CareCostFen = Money.ToFen(Breaches.SecurityUpkeepYuanPerDay(Conduct.Security, records, p.SecurityCostYuanPerRecordDay)
                + total.Deployer(Index, DeployerField.RecordsExposed) * p.BreachResponseCostYuanPerRecord),
            Active = Active,
        };
        _days++;
        _discriminationHarms += total.Deployer(Index, DeployerField.DiscriminationHarmEvents);
        if (p.FirmBehaviour == FirmBehaviour.Profit && (tick + 1) % Math.Max(1, p.EpochTicks) == 0)
        {
            var holders = (int)Math.Clamp(Math.Round(1 + total[TallyField.ProviderRecordsHeld] / Math.Max(1.0, _ctx.Subjects * (p.GeneralItemsMean + 1))), 1, Liability.LiabilityTable.MaxHolders);
            var state = new DeployerState(total.Deployer(Index, DeployerField.HeldCustomers), records, _discriminationHarms / Math.Max(1, _days), SensitiveSector, holders);
            Conduct = _strategy.Choose(state, Conduct);
            (_days, _discriminationHarms) = (0, 0);
        }
        Active = providerLicenses;
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }
}
