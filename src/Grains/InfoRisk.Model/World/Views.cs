namespace InfoRisk.Model.World;

/// <summary>What subject and user cohorts need to know about one provider during a tick.</summary>
[GenerateSerializer, Immutable, Alias("inforisk.ProviderView")]
public sealed record ProviderView
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public double Security { get; set; }
    [Id(2)] public int Deidentification { get; set; }
    [Id(3)] public double BreachShare { get; set; }
    [Id(4)] public double Quality { get; set; }
    [Id(5)] public double Trust { get; set; }
    /// <summary>Personal records the provider could train on (held and not restricted): the denominator of regurgitation.</summary>
    [Id(6)] public long TrainableRecords { get; set; }
    [Id(7)] public bool Audited { get; set; }
    [Id(8)] public double OutputFilter { get; set; }
    [Id(9)] public bool SeparateIdentifiers { get; set; }
    [Id(10)] public double ScrapingIntensity { get; set; }
    [Id(11)] public bool TakesPrivateMarked { get; set; }
    [Id(12)] public bool TakesUnconsentedSensitive { get; set; }
    [Id(13)] public bool KeepsPrompts { get; set; }
    [Id(14)] public double TrainingShare { get; set; }
    [Id(17)] public bool Licensing { get; set; } = true;
    [Id(18)] public double SecondaryUse { get; set; }
    /// <summary>The provider's risk grade under ex-ante risk assessment (0: none; 1-3, docs/model.md §3.27).</summary>
    [Id(19)] public int RiskGrade { get; set; }
    /// <summary>Records the provider reuses unlawfully per held record and tick (§3.23).</summary>
    [Id(20)] public double MisuseRate { get; set; }
    /// <summary>False once the provider has left the market.</summary>
    [Id(15)] public bool Active { get; set; } = true;
    /// <summary>True on the tick an exited provider's store and model are deleted (its retention period ended).</summary>
    [Id(16)] public bool Deletes { get; set; }
}

/// <summary>What subject cohorts need to know about one downstream deployer during a tick.</summary>
[GenerateSerializer, Immutable, Alias("inforisk.DeployerView")]
public sealed record DeployerView
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public int Provider { get; set; }
    [Id(2)] public bool SensitiveSector { get; set; }
    [Id(3)] public double Bias { get; set; }
    [Id(4)] public double BreachShare { get; set; }
    [Id(5)] public double Security { get; set; }
    /// <summary>False while the deployer cannot operate (its provider does not license, or has left the market).</summary>
    [Id(6)] public bool Active { get; set; } = true;
    [Id(7)] public bool TakesSensitive { get; set; } = true;
}

/// <summary>
/// A provider's generalisation of the quasi-identifiers it releases, from its last aggregation (§3.8): the level of the
/// hierarchy (<see cref="Population.QuasiIdentifiers"/>) and the K below which population classes are suppressed
/// (1: nothing suppressed, the exact keys are kept).
/// </summary>
[GenerateSerializer, Immutable, Alias("inforisk.Generalisation")]
public sealed record Generalisation
{
    [Id(0)] public int Level { get; set; }
    [Id(1)] public int K { get; set; } = 1;

    public static readonly Generalisation Exact = new();
}

/// <summary>The state of the world that every cohort sees in one tick (built by the coordinator after a barrier).</summary>
[GenerateSerializer, Immutable, Alias("inforisk.WorldSnapshot")]
public sealed record WorldSnapshot
{
    [Id(0)] public int Tick { get; set; }
    [Id(1)] public bool TrainingTick { get; set; }
    [Id(2)] public ProviderView[] Providers { get; set; } = [];
    [Id(3)] public DeployerView[] Deployers { get; set; } = [];
    [Id(4)] public long[] QueriesByProvider { get; set; } = [];
    /// <summary>Each provider's generalisation from the last aggregation.</summary>
    [Id(5)] public Generalisation[] Generalisations { get; set; } = [];

    public Generalisation GeneralisationOf(int provider) => provider < Generalisations.Length ? Generalisations[provider] : Generalisation.Exact;
}

/// <summary>What a provider sees of the market when it decides: its rivals as users see them, and the users in the market.</summary>
[GenerateSerializer, Immutable, Alias("inforisk.MarketView")]
public sealed record MarketView
{
    [Id(0)] public ProviderView[] Providers { get; set; } = [];
    [Id(1)] public long Users { get; set; }
}
