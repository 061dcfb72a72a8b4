using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
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
/// A downstream deployer (finance, health, education, government services, retail): builds on a provider's base
/// model, fine-tunes on its customers' data, makes automated decisions about them, can be breached, and shares
/// liability. Its decisions are biased against the protected group in proportion to that group's
/// under-representation in the base model's training data; explanations that expose the bias make it correct.
/// </summary>
public sealed class DeployerModel
{
    private readonly ModelContext _ctx;
    private readonly ModelParameters _p;
    private double _correction = 1.0;
    private DeployerView _view;
    private long _heldRecords;
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
        _p = ctx.P;
        Index = index;
        Provider = index % Math.Max(1, ctx.Providers);
        Sector = (Sector)(index % 5);
        Security = _p.InitialSecurity;
        // before any training data is seen, the bias reflects the digital divide
        _representationShare = _p.ProtectedShare * _p.DigitalDivide / (_p.ProtectedShare * _p.DigitalDivide + (1 - _p.ProtectedShare));
        Bias = BiasFor(_representationShare);
        _view = Plan(0);
    }

    public DeployerView CurrentView => _view;

    private double BiasFor(double protectedTrainingShare)
    {
        var representation = _p.ProtectedShare > 0 ? protectedTrainingShare / _p.ProtectedShare : 1.0;
        var under = Math.Clamp(1.0 - representation, 0.0, 1.0);
        return Math.Clamp(_p.BiasHazard * under * _correction, 0.0, 1.0);
    }

    public DeployerView Plan(int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.DeployerPlan, Index, tick);
        return new DeployerView
        {
            Index = Index,
            Provider = Provider,
            SensitiveSector = SensitiveSector,
            Bias = Bias,
            BreachShare = BreachHazard.Draw(_p, Security, d),
            Security = Security,
        };
    }

    /// <summary>End of tick: liability, bias correction after detected bias, the base model's representation, adaptation; plans the next tick.</summary>
    public DeployerTickReport Settle(int tick, Tally total, double providerProtectedTrainingShare, bool providerTrained)
    {
        var detected = total.Deployer(Index, DeployerField.BiasDetected);
        if (detected > 0) _correction *= Math.Pow(1.0 - _p.BiasCorrectionStep, detected);
        if (providerTrained && providerProtectedTrainingShare > 0) _representationShare = providerProtectedTrainingShare;
        Bias = BiasFor(_representationShare);
        _heldRecords = total.Deployer(Index, DeployerField.RecordsHeld);
        var report = new DeployerTickReport
        {
            LiabilityFen = total.Deployer(Index, DeployerField.LiabilityFen),
            Breached = _view.BreachShare > 0,
            Bias = Bias,
            Security = Security,
        };
        if (_p.Adaptation && (tick + 1) % Math.Max(1, _p.EpochTicks) == 0)
        {
            var held = Math.Max(1.0, _heldRecords);
            var recordsPerCustomer = _p.DeployerGeneralRecords + (SensitiveSector ? _p.DeployerSensitiveRecords : 0);
            var target = BreachHazard.ChooseSecurity(_p, held, _p.SecurityCostYuanPerRecordDay,
                s => _p.BreachResponseCostYuanPerRecord + ExpectedLiability.PerExposedRecordYuan(_ctx, s, SensitiveSector, recordsPerCustomer));
            Security = Math.Round(Math.Clamp(target, Security - _p.SecurityStep, Security + _p.SecurityStep), 6);
        }
        _view = Plan(tick + 1);
        return report with { Next = _view };
    }
}
