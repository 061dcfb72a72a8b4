namespace InfoRisk.Model.Randomness;

/// <summary>
/// The declared layout of every random draw of the model: which stream, how it is keyed and which counters each
/// mechanism uses. Mechanisms take their counters from here and nowhere else, so that no mechanism can silently reuse
/// another's draws; <c>DrawLayoutTests</c> checks that no two blocks overlap for the supported maxima below.
/// Changing a block changes results: bump <see cref="ModelVersion.DrawLayout"/>.
/// </summary>
public static class DrawLayout
{
    /// <summary>Most providers a run may have: pairs are keyed as subject × 64 + provider and intrusion routes as route × 32 + provider.</summary>
    public const int MaxProviders = 32;

    /// <summary>Most deployers a run may have (a relation slot stores a deployer as a 16-bit number).</summary>
    public const int MaxDeployers = 1000;

    /// <summary>Most harm events one subject may suffer the cause of in one tick (each takes 8 counters of the Harm stream below 1000).</summary>
    public const int MaxHarmEventsPerSubjectTick = 125;

    /// <summary>Most fakes one user may make in one tick (their targets take counters 17 .. 96 of the user's activity draws).</summary>
    public const int MaxFakesPerUserTick = 80;

    /// <summary>Most public items a subject has (private marks are drawn one per item).</summary>
    public const int MaxItems = 60;

    /// <summary>Population (docs/model.md §3.1): a subject's traits.</summary>
    [Draws(RandomStream.SubjectSetup, KeyScheme.SubjectAtSetup)]
    public static class SubjectTraits
    {
        [Block] public const int Area = 0;
        [Block] public const int BirthDate = 1;
        [Block] public const int Sex = 2;
        // 3: unused since layout 2 (the occupation of layout 1)
        [Block] public const int Protected = 4;
        [Block] public const int Concern = 5;
        [Block] public const int Literacy = 6;
        [Block] public const int GeneralItems = 7;
        [Block(BlockIndex.One, 6)] public const int SensitiveItems = 8;
        [Block(BlockIndex.One, MaxItems)] public const int PrivateMarks = 20;
    }

    /// <summary>Deployer ingestion (§3.7): which deployers a subject is a customer of, and from when.</summary>
    [Draws(RandomStream.DeployerSetup, KeyScheme.SubjectAtSetup)]
    public static class CustomerRelations
    {
        [Block] public const int Count = 0;
        [Block] public const int Deployer0 = 1;
        [Block] public const int Start0 = 2;
        [Block] public const int Deployer1 = 3;
        [Block] public const int Start1 = 4;
    }

    /// <summary>Users (§3.2): a user's provider, adoption threshold and whether it is malicious.</summary>
    [Draws(RandomStream.UserSetup, KeyScheme.UserAtSetup)]
    public static class UserTraits
    {
        [Block] public const int Provider = 0;
        [Block] public const int Threshold = 1;
        [Block] public const int Malicious = 2;
    }

    /// <summary>Prompts (§3.2) and malicious fakes (§3.13) of an active user in a tick.</summary>
    [Draws(RandomStream.UserActivity, KeyScheme.UserAtTick)]
    public static class UserActivity
    {
        [Block] public const int OwnPrompts = 0;
        [Block] public const int SensitivePrompts = 1;
        [Block] public const int ThirdPartyPrompts = 2;
        [Block] public const int PlainPrompts = 3;
        [Block] public const int ThirdParty = 4;
        [Block] public const int Fakes = 16;
        [Block(BlockIndex.Fake)] public const int FakeTarget = 17;
        [Block(BlockIndex.OpenEnded)] public const int ThirdPartySensitive = 100;
    }

    /// <summary>The market (§3.30): whether a user reconsiders its provider, lapses when its provider leaves, and which it picks.</summary>
    [Draws(RandomStream.UserChoice, KeyScheme.UserAtTick)]
    public static class UserChoice
    {
        [Block] public const int Reconsider = 0;
        [Block] public const int Lapse = 1;
        [Block] public const int Choice = 2;
    }

    /// <summary>Scraping (§3.4): whether a crawler reaches a (subject, provider) pair today.</summary>
    [Draws(RandomStream.Collection, KeyScheme.SubjectAtTick)]
    public static class Scraping
    {
        [Block(BlockIndex.Provider)] public const int Reach = 0;
        /// <summary>Data minimisation's rounding of the general (0) and sensitive (1) items kept.</summary>
        [Block(BlockIndex.Provider, 2, 2)] public const int Minimise = 64;
    }

    /// <summary>Consent (§3.3): asked once per (subject, provider).</summary>
    [Draws(RandomStream.Collection, KeyScheme.PairOnce)]
    public static class Consent
    {
        [Block] public const int Agree = 0;
        [Block] public const int Informed = 1;
    }

    /// <summary>Prompts kept for training (§3.5): which of a third party's items in a prompt are private-marked.</summary>
    [Draws(RandomStream.PromptRetention, KeyScheme.SubjectAtTick)]
    public static class PromptRetention
    {
        [Block(BlockIndex.Provider, MaxItems, 64)] public const int PrivateHits = 0;
        /// <summary>Data minimisation's rounding of the general (0) and sensitive (1) records kept, per kind of prompt (stride 2 per kind).</summary>
        [Block(BlockIndex.Provider, 4, 4)] public const int Minimise = 2048;
    }

    /// <summary>Deployer ingestion (§3.7): consent to sensitive ingestion, per relation slot.</summary>
    [Draws(RandomStream.DeployerIngestion, KeyScheme.SubjectAtTick)]
    public static class DeployerIngestion
    {
        [Block(BlockIndex.RelationSlot)] public const int Agree = 0;
        [Block(BlockIndex.RelationSlot)] public const int Informed = 2;
    }

    /// <summary>Memorisation (§3.9) and the mosaic effect (§3.10) on training ticks, per provider.</summary>
    [Draws(RandomStream.Training, KeyScheme.SubjectAtTick)]
    public static class Training
    {
        [Block(BlockIndex.Provider, 255, 512)] public const int Memorised = 0;
        [Block(BlockIndex.Provider, 1, 512)] public const int Mosaic = 300;
        [Block(BlockIndex.Provider, 1, 512)] public const int Included = 301;
    }

    /// <summary>Use of the models and the data (§3.12 regurgitation, §3.13 hallucination, §3.23 unlawful secondary use): one sequence per subject and tick.</summary>
    [Draws(RandomStream.Use, KeyScheme.SubjectAtTick)]
    public static class Use
    {
        [Block(BlockIndex.Provider)] public const int Regurgitation = 0;
        [Block(BlockIndex.Provider)] public const int RegurgitationIdentifies = 64;
        [Block(BlockIndex.Provider)] public const int RegurgitationSensitive = 128;
        [Block(BlockIndex.Provider)] public const int Hallucination = 192;
        [Block(BlockIndex.Provider)] public const int HallucinationHarmful = 256;
        [Block(BlockIndex.Provider)] public const int HallucinationDispute = 320;
        [Block(BlockIndex.Provider)] public const int Misuse = 384;
        [Block(BlockIndex.Provider)] public const int MisuseSensitive = 448;
    }

    /// <summary>False information (§3.13): each fake about a subject in a tick.</summary>
    [Draws(RandomStream.FakeContent, KeyScheme.SubjectAtTick)]
    public static class Fakes
    {
        [Block(BlockIndex.OpenEnded, 2, 2)] public const int Harmful = 0;
        public const int Dispute = 1;
    }

    /// <summary>Automated decisions (§3.14), per relation and tick.</summary>
    [Draws(RandomStream.Decisions, KeyScheme.RelationAtTick)]
    public static class Decisions
    {
        [Block] public const int Decide = 0;
        [Block] public const int Approval = 1;
        [Block] public const int AskExplanation = 2;
        [Block] public const int BiasDetected = 3;
    }

    /// <summary>Breaches (§3.15): whether a subject's records are in an exposed share, and whether they are re-identified.</summary>
    [Draws(RandomStream.Leakage, KeyScheme.SubjectAtTick)]
    public static class Leakage
    {
        [Block(BlockIndex.Provider)] public const int Exposed = 0;
        [Block(BlockIndex.Provider)] public const int Reidentified = 64;
        [Block(BlockIndex.RelationSlot)] public const int DeployerExposed = 200;
    }

    /// <summary>Harm (§3.16) drawn when a cause happens: 8 counters per event, and intrusions (§3.6) per route.</summary>
    [Draws(RandomStream.Harm, KeyScheme.SubjectAtTick)]
    public static class Harm
    {
        /// <summary>Counters per harm event: fraud?, fraud amount, mental?, mental amount, delay (3 spare).</summary>
        public const int PerEvent = 8;
        [Block(BlockIndex.HarmEvent, 5, PerEvent)] public const int Fraud = 0;
        public const int FraudAmount = 1, Mental = 2, MentalAmount = 3, Delay = 4;
        [Block(BlockIndex.IntrusionRoute)] public const int IntrusionHarm = 1000;
        [Block(BlockIndex.IntrusionRoute)] public const int IntrusionAmount = 1100;
        [Block(BlockIndex.IntrusionRoute)] public const int IntrusionDelay = 1200;

        /// <summary>Sequence numbers of intrusion events start here (events of other sources count up from 0).</summary>
        public const int IntrusionSequence = 128;
    }

    /// <summary>Rights (§3.17): awareness and what an aware subject asks for, per provider.</summary>
    [Draws(RandomStream.Rights, KeyScheme.SubjectAtTick)]
    public static class Rights
    {
        [Block(BlockIndex.Provider)] public const int Awareness = 0;
        [Block(BlockIndex.Provider)] public const int Deletion = 64;
        [Block(BlockIndex.Provider)] public const int Restriction = 128;
        [Block(BlockIndex.Provider)] public const int RestrictionGranted = 192;
        [Block(BlockIndex.Provider)] public const int Objection = 256;
        [Block(BlockIndex.Provider)] public const int Reconsider = 320;
        [Block(BlockIndex.Provider)] public const int Access = 384;
    }

    /// <summary>Rights (§3.17): whether a due deletion is carried out.</summary>
    [Draws(RandomStream.Rights, KeyScheme.PairServed)]
    public static class DeletionServed
    {
        [Block] public const int Served = 0;
    }

    /// <summary>Litigation (§3.20): per harm event (its sequence number), the court's decision and its finding on the party's care.</summary>
    [Draws(RandomStream.Litigation, KeyScheme.SubjectAtCauseTick)]
    public static class Court
    {
        [Block(BlockIndex.EventSequence)] public const int Decision = 0;
        [Block(BlockIndex.EventSequence)] public const int Finding = 256;
    }

    /// <summary>A provider's plan for a tick: breach (§3.15) and audit (§3.24).</summary>
    [Draws(RandomStream.ProviderPlan, KeyScheme.ProviderAtTick)]
    public static class ProviderPlan
    {
        [Block] public const int Breach = 0;
        [Block] public const int BreachShare = 1;
        [Block] public const int Audit = 2;
    }

    /// <summary>A deployer's plan for a tick: breach (§3.15).</summary>
    [Draws(RandomStream.DeployerPlan, KeyScheme.DeployerAtTick)]
    public static class DeployerPlan
    {
        [Block] public const int Breach = 0;
        [Block] public const int BreachShare = 1;
    }

    /// <summary>
    /// Event skipping (docs/model.md §8): the waiting time to a chain's next candidate event, drawn on the tick of the
    /// candidate just handled. One block per mechanism, per provider or relation slot.
    /// </summary>
    [Draws(RandomStream.Waiting, KeyScheme.SubjectAtTick)]
    public static class WaitingNext
    {
        [Block(BlockIndex.Provider)] public const int Scrape = 0;
        [Block(BlockIndex.Provider)] public const int Hallucination = 64;
        [Block(BlockIndex.Provider)] public const int Regurgitation = 128;
        [Block(BlockIndex.Provider)] public const int Misuse = 192;
        [Block(BlockIndex.Provider)] public const int Awareness = 256;
        [Block(BlockIndex.Provider)] public const int Reconsider = 320;
        [Block(BlockIndex.RelationSlot)] public const int Decision = 384;
    }

    /// <summary>
    /// Event skipping (§8): the waiting time to the first candidate of a chain (re)started on a tick: for every pair when
    /// a mechanism's bound changes, or for one pair when it becomes eligible again (<c>...Again</c>).
    /// </summary>
    [Draws(RandomStream.Waiting, KeyScheme.SubjectAtChainStart)]
    public static class WaitingFirst
    {
        [Block(BlockIndex.Provider)] public const int Scrape = 0;
        [Block(BlockIndex.Provider)] public const int Hallucination = 64;
        [Block(BlockIndex.Provider)] public const int Regurgitation = 128;
        [Block(BlockIndex.Provider)] public const int Misuse = 192;
        [Block(BlockIndex.Provider)] public const int Awareness = 256;
        [Block(BlockIndex.Provider)] public const int Reconsider = 320;
        [Block(BlockIndex.RelationSlot)] public const int Decision = 384;
        [Block(BlockIndex.Provider)] public const int ScrapeAgain = 448;
    }

    /// <summary>The size of an index domain.</summary>
    public static int Size(BlockIndex index) => index switch
    {
        BlockIndex.One => 1,
        BlockIndex.Provider => MaxProviders,
        BlockIndex.RelationSlot => 2,
        BlockIndex.IntrusionRoute => 3 * MaxProviders,
        BlockIndex.HarmEvent => MaxHarmEventsPerSubjectTick,
        BlockIndex.Fake => MaxFakesPerUserTick,
        BlockIndex.EventSequence => 256,
        _ => int.MaxValue,
    };
}
