namespace InfoRisk.Model.World;

/// <summary>Integer tallies a cohort reports for one tick (flows) or at its end (stocks). Money in fen.</summary>
public enum TallyField
{
    // collection (flows)
    RecordsCollected,
    SensitiveRecordsCollected,
    InformedConsentRecords,
    ConsentedRecords,
    PrivacyIntrusions,
    // stocks
    RecordsHeld,
    SensitiveRecordsHeld,
    ProviderRecordsHeld,
    RecordsMemorized,
    RiskMicros,
    SubjectsInferable,
    // use
    RegurgitationIncidents,
    FalseInfoIncidents,
    FakeIncidents,
    DiscriminatoryDecisions,
    DecisionsProtected,
    ApprovalsProtected,
    DecisionsOther,
    ApprovalsOther,
    // leakage
    RecordsExposed,
    SensitiveRecordsExposed,
    SubjectsExposed,
    SubjectsReidentified,
    // harm (fen), realised this tick
    HarmPropertyFen,
    HarmMentalFen,
    HarmIntrusionFen,
    HarmBreachFen,
    HarmRegurgitationFen,
    HarmFalseInfoFen,
    HarmDiscriminationFen,
    HarmSecondaryUseFen,
    // rights
    DeletionRequests,
    DeletionsServed,
    RestrictionRequests,
    RestrictionsServed,
    ExplanationRequests,
    ExplanationsServed,
    AccessRequests,
    // remedy
    ClaimsFiled,
    ClaimsWon,
    CompensationFen,
    PunitiveFen,
    PaidByProvidersFen,
    PaidByDeployersFen,
    PaidByUsersFen,
    UncompensatedFen,
    /// <summary>Claims filed and not yet decided (a stock: the court's queue).</summary>
    ClaimsPending,
    /// <summary>The harm (fen) of the claims pending (a stock).</summary>
    ClaimsPendingFen,
    // harm events suffered, and what was paid for them by channel (source) and by liability rule (all payers)
    HarmEvents,
    LiabilityIntrusionFen,
    LiabilityBreachFen,
    LiabilityRegurgitationFen,
    LiabilityFalseInfoFen,
    LiabilityDiscriminationFen,
    LiabilitySecondaryUseFen,
    LiabilityFaultFen,
    LiabilityPresumedFaultFen,
    LiabilityNoFaultFen,
    // the market (user cohorts' reports, added by the protocol)
    LapsedUsers,
    LapsedByExit,
    // deployers' care cost
    DeployerCareCostFen,
}

/// <summary>Per-provider integer tallies.</summary>
public enum ProviderField
{
    RecordsHeld,
    SensitiveRecordsHeld,
    HeldSubjects,
    TrainingRecords,
    RecordsMemorized,
    RecordsExposed,
    LiabilityFen,
    RightsRequestsServed,
    Unlearnings,
    UnconsentedSensitiveRecords,
    RestrictedRecords,
    ProtectedTrainingRecords,
    Incidents,
    // what a provider observes for its decisions
    TrainableRecords,
    ScrapedSubjects,
    SensitiveSubjects,
    RiskMicros,
    ScrapedRecords,
    PromptRecords,
    PromptIntrusionItems,
    PromptUnconsentedSensitive,
    JointDeployerPaidFen,
    // harm events the provider answers for (its own, and under joint liability its users' and deployers'), by source,
    // what it predicted they would cost it, and what it paid
    HarmEventsIntrusion,
    HarmEventsBreach,
    HarmEventsRegurgitation,
    HarmEventsFalseInformation,
    HarmEventsDiscrimination,
    HarmEventsSecondaryUse,
    PredictedIntrusionFen,
    PredictedBreachFen,
    PredictedRegurgitationFen,
    PredictedFalseInformationFen,
    PredictedDiscriminationFen,
    PredictedSecondaryUseFen,
    PaidIntrusionFen,
    PaidBreachFen,
    PaidRegurgitationFen,
    PaidFalseInformationFen,
    PaidDiscriminationFen,
    PaidSecondaryUseFen,
}

/// <summary>Per-deployer integer tallies.</summary>
public enum DeployerField
{
    RecordsHeld,
    Decisions,
    BiasDetected,
    DiscriminatoryDecisions,
    LiabilityFen,
    RecordsExposed,
    HeldCustomers,
    SensitiveCustomers,
    DiscriminationHarmEvents,
}

/// <summary>Per-source fields of a provider (harm events, predicted and paid liability), indexed by <see cref="Liability.HarmSource"/>.</summary>
public static class BySource
{
    public static ProviderField Events(Liability.HarmSource source) => ProviderField.HarmEventsIntrusion + (int)source;

    public static ProviderField Predicted(Liability.HarmSource source) => ProviderField.PredictedIntrusionFen + (int)source;

    public static ProviderField Paid(Liability.HarmSource source) => ProviderField.PaidIntrusionFen + (int)source;

    public static TallyField Liability(Liability.HarmSource source) => TallyField.LiabilityIntrusionFen + (int)source;
}

/// <summary>
/// A bag of integer tallies: global fields, per-provider fields and per-deployer fields, all <c>long</c> so that
/// sums are exact and independent of the order of addition (and so of cohort size and message order).
/// Marked immutable for Orleans (no deep copy between grains of one silo): a tally that has been returned or sent is
/// never changed again; cohorts return a clone of their working tally.
/// </summary>
[GenerateSerializer, Immutable, Alias("inforisk.Tally")]
public sealed class Tally
{
    public static readonly int GlobalCount = Enum.GetValues<TallyField>().Length;
    public static readonly int ProviderFieldCount = Enum.GetValues<ProviderField>().Length;
    public static readonly int DeployerFieldCount = Enum.GetValues<DeployerField>().Length;

    [Id(0)] public long[] Global { get; set; }
    [Id(1)] public long[] PerProvider { get; set; }
    [Id(2)] public long[] PerDeployer { get; set; }
    [Id(3)] public int Providers { get; set; }
    [Id(4)] public int Deployers { get; set; }

    public Tally()
        : this(0, 0)
    {
    }

    public Tally(int providers, int deployers)
    {
        Providers = providers;
        Deployers = deployers;
        Global = new long[GlobalCount];
        PerProvider = new long[ProviderFieldCount * providers];
        PerDeployer = new long[DeployerFieldCount * deployers];
    }

    public ref long this[TallyField f] => ref Global[(int)f];

    public ref long Provider(int p, ProviderField f) => ref PerProvider[(int)f * Providers + p];

    public ref long Deployer(int d, DeployerField f) => ref PerDeployer[(int)f * Deployers + d];

    public void Clear()
    {
        Array.Clear(Global);
        Array.Clear(PerProvider);
        Array.Clear(PerDeployer);
    }

    public void Add(Tally other)
    {
        AddInto(Global, other.Global);
        AddInto(PerProvider, other.PerProvider);
        AddInto(PerDeployer, other.PerDeployer);
    }

    public Tally Clone()
    {
        var t = new Tally(Providers, Deployers);
        t.Add(this);
        return t;
    }

    private static void AddInto(long[] target, long[] source)
    {
        if (target.Length != source.Length) throw new InvalidOperationException("tally shapes differ");
        for (var i = 0; i < target.Length; i++) target[i] += source[i];
    }
}
