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
}

/// <summary>
/// A downstream deployer (finance, health, education, government services, retail): builds on a provider's base model,
/// fine-tunes on its customers' data, makes automated decisions about them (<see cref="AutomatedDecisions"/>), can be
/// breached (<see cref="Breaches"/>), shares liability, and adapts its security (<see cref="Adaptation"/>).
/// </summary>
public sealed class DeployerModel
{
    private readonly ModelContext _ctx;
    private double _correction = 1.0;
    private DeployerView _view;
    private double _representationShare;

    public int Index { get; }
    public int Provider { get; }
    public Sector Sector { get; }
    public bool SensitiveSector => Sector is Sector.Finance or Sector.Health;
    public double Security { get; private set; }
    public double Bias { get; private set; }

    public DeployerModel(ModelContext ctx, int index)
    {
        _ctx = ctx;
        Index = index;
        Provider = index % Math.Max(1, ctx.Providers);
        Sector = (Sector)(index % 5);
        Security = ctx.P.InitialSecurity;
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
            BreachShare = Breaches.Draw(_ctx.P, Security, d, DrawLayout.DeployerPlan.Breach, DrawLayout.DeployerPlan.BreachShare),
            Security = Security,
        };
    }

    /// <summary>End of tick: liability, bias correction after detected bias, the base model's representation, adaptation; plans the next tick.</summary>
    public DeployerTickReport Settle(int tick, Tally total, double providerProtectedTrainingShare, bool providerTrained)
    {
        var p = _ctx.P;
        var detected = total.Deployer(Index, DeployerField.BiasDetected);
        if (detected > 0) _correction *= Math.Pow(1.0 - p.BiasCorrectionStep, detected);
        if (providerTrained && providerProtectedTrainingShare > 0) _representationShare = providerProtectedTrainingShare;
        Bias = AutomatedDecisions.Bias(p, _representationShare, _correction);
        var report = new DeployerTickReport
        {
            LiabilityFen = total.Deployer(Index, DeployerField.LiabilityFen),
            Breached = _view.BreachShare > 0,
            Bias = Bias,
            Security = Security,
        };
        if (Adaptation.IsDecisionTick(p, tick)) Security = Adaptation.Deployer(_ctx, Security, total.Deployer(Index, DeployerField.RecordsHeld), SensitiveSector);
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }
}
