using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// A bench for testing one mechanism in isolation: a <see cref="ModelContext"/> made from a small <see cref="RunSpec"/>
/// (any regime, any parameters, a few subjects, providers and deployers), a <see cref="SubjectStore"/>, a <see cref="Tally"/>
/// and the mechanism objects wired exactly as <see cref="SubjectCohort"/>'s constructor wires them. Subjects start blank
/// (no items, no records, no deployer relations, middle concern and literacy) unless <c>drawTraits</c> asks for the
/// population's draws; tests set the state they need and call one phase method with a <see cref="World"/> they shape.
/// The harness runs the per-tick reference sampler (docs/model.md §8), whose draws a test can reason about tick by tick.
/// </summary>
internal sealed class MechanismHarness
{
    public ModelContext Ctx { get; }
    public ModelParameters P => Ctx.P;
    public Regime Regime => Ctx.Regime;
    public SubjectStore S { get; }
    public Tally Tally { get; }
    public Harm Harm { get; }
    public Litigation Litigation { get; }
    public Rights Rights { get; }
    public Consent Consent { get; }
    public Intrusions Intrusions { get; }
    public PromptRecords Prompts { get; }
    public Scraping Scraping { get; }
    public DeployerIngestion Ingestion { get; }
    public Aggregation Aggregation { get; }
    public Memorisation Memorisation { get; }
    public Regurgitation Regurgitation { get; }
    public FalseInformation FalseInformation { get; }
    public AutomatedDecisions Decisions { get; }
    public Breaches Breaches { get; }

    public MechanismHarness(RunSpec spec, bool drawTraits = false, bool perTick = true)
    {
        // mechanisms are tested one tick at a time against the per-tick model; EventSkippingTests check the sampler
        Ctx = new ModelContext(spec with { PerTickReference = perTick });
        var ctx = Ctx;
        var count = spec.Population.Subjects;
        S = new SubjectStore(ctx, 0, count);
        Tally = new Tally(ctx.Providers, ctx.Deployers);
        // the same wiring as SubjectCohort's constructor
        Harm = new Harm(ctx, S, Tally);
        Litigation = new Litigation(ctx, S, Tally);
        Rights = new Rights(ctx, S, Tally);
        Consent = new Consent(ctx, S);
        Intrusions = new Intrusions(ctx, S, Tally, Harm);
        Prompts = new PromptRecords(ctx, S, Tally, Consent, Intrusions);
        Scraping = new Scraping(ctx, S, Tally, Consent, Intrusions);
        Ingestion = new DeployerIngestion(ctx, S, Tally);
        Aggregation = new Aggregation(ctx, S);
        Memorisation = new Memorisation(ctx, S, Tally);
        Regurgitation = new Regurgitation(ctx, S, Tally, Harm, Aggregation);
        FalseInformation = new FalseInformation(ctx, S, Tally, Harm, Rights);
        Decisions = new AutomatedDecisions(ctx, S, Tally, Harm);
        Breaches = new Breaches(ctx, S, Tally, Harm, Aggregation);
        for (var i = 0; i < count; i++)
        {
            if (drawTraits)
            {
                var a = ctx.Traits.Draw(ctx.Seed, i);
                (S.Qi[i], S.Protected[i], S.Concern[i], S.Literacy[i]) = (a.QuasiIdentifierKey, a.Protected, a.Concern, a.Literacy);
                (S.General[i], S.Sensitive[i], S.PrivateMarked[i]) = (a.GeneralItems, a.SensitiveItems, a.PrivateMarkedItems);
                Ingestion.AssignRelations(i);
            }
            else
            {
                S.Concern[i] = S.Literacy[i] = 128;
                S.Deployer0[i] = S.Deployer1[i] = SubjectStore.NoDeployer;
            }
        }
    }

    /// <summary>A harness for a built-in regime (by name), or a built-in regime changed by <paramref name="levers"/>.</summary>
    public static MechanismHarness For(string regime, ModelParameters? parameters = null, int subjects = 1, int providers = 1, int deployers = 0,
        int ticks = 100, ulong seed = 1, Func<Regime, Regime>? levers = null, bool drawTraits = false, long represents = Population.DefaultRepresents,
        bool perTick = true)
    {
        var r = RegimeCatalog.Get(regime);
        if (levers is not null) r = levers(r);
        return new MechanismHarness(Spec(r, parameters, subjects, providers, deployers, ticks, seed, represents), drawTraits, perTick);
    }

    public static RunSpec Spec(Regime regime, ModelParameters? parameters = null, int subjects = 1, int providers = 1, int deployers = 0, int ticks = 100, ulong seed = 1,
        long represents = Population.DefaultRepresents) => new()
        {
            Seed = seed,
            Ticks = ticks,
            CohortSize = Math.Max(64, subjects),
            Population = new Population { Subjects = subjects, Users = 0, Providers = providers, Deployers = deployers, Represents = represents },
            Regime = regime,
            Parameters = parameters ?? new ModelParameters(),
        };

    public int Providers => S.Providers;

    /// <summary>Index of the (subject i, provider p) pair in the pair arrays.</summary>
    public int Pair(int i, int p) => i * S.Providers + p;

    /// <summary>Sets subject i's traits and public items.</summary>
    public void Subject(int i, int general = 0, int sensitive = 0, int privateMarked = 0, byte concern = 128, byte literacy = 128, bool isProtected = false, int qi = 0)
    {
        S.General[i] = (byte)general;
        S.Sensitive[i] = (byte)sensitive;
        S.PrivateMarked[i] = (byte)privateMarked;
        S.Concern[i] = concern;
        S.Literacy[i] = literacy;
        S.Protected[i] = isProtected;
        S.Qi[i] = qi;
    }

    /// <summary>Provider p holds these records about subject i (through the store, so that the stocks follow).</summary>
    public void Hold(int i, int p, int general, int sensitive = 0) => S.SetHeld(i, Pair(i, p), general, sensitive);

    /// <summary>Sets bits of the (i, p) pair.</summary>
    public void Mark(int i, int p, PairState bits) => S.State[Pair(i, p)] |= bits;

    public bool Has(int i, int p, PairState bits) => (S.State[Pair(i, p)] & bits) == bits;

    /// <summary>Subject i is a customer of deployer d in relation slot 0 or 1 from <paramref name="start"/>; <paramref name="held"/> if the deployer already holds its records.</summary>
    public void Customer(int i, int slot, int d, int start = 0, bool held = false, bool sensitive = false)
    {
        if (slot == 0)
        {
            (S.Deployer0[i], S.Start0[i]) = ((ushort)d, (ushort)start);
            if (held) S.Customer[i] |= CustomerState.Held0 | (sensitive ? CustomerState.Sensitive0 : CustomerState.None);
        }
        else
        {
            (S.Deployer1[i], S.Start1[i]) = ((ushort)d, (ushort)start);
            if (held) S.Customer[i] |= CustomerState.Held1 | (sensitive ? CustomerState.Sensitive1 : CustomerState.None);
        }
    }

    /// <summary>
    /// A world for one tick: every provider at security 0.5 with the regime's de-identification, the initial quality and
    /// trust, no breach, no queries and no class table; deployer d on provider d mod providers, in sector d mod 5
    /// (Finance and Health sensitive), unbiased and unbreached. The views are mutable records: tests change what they need.
    /// </summary>
    public WorldSnapshot World(int tick = 0)
    {
        var providers = new ProviderView[Ctx.Providers];
        for (var p = 0; p < providers.Length; p++)
        {
            // a provider that does the legal minimum (what a compliance-only firm does)
            var c = InfoRisk.Model.Actors.ConductBounds.LegalMinimum(Regime, P);
            providers[p] = new ProviderView
            {
                Index = p,
                Security = 0.5,
                Deidentification = (int)Regime.Deidentification,
                Quality = ModelQuality.Of(Ctx, 0),
                Trust = P.InitialTrust,
                OutputFilter = c.OutputFilter,
                SeparateIdentifiers = c.SeparateIdentifiers,
                ScrapingIntensity = c.ScrapingIntensity,
                TakesPrivateMarked = c.TakesPrivateMarked,
                TakesUnconsentedSensitive = c.TakesUnconsentedSensitive,
                KeepsPrompts = c.KeepsPrompts,
                TrainingShare = c.TrainingShare,
                SecondaryUse = c.SecondaryUse,
                RiskGrade = InfoRisk.Model.Actors.ConductBounds.InitialGrade(Regime),
            };
        }
        var deployers = new DeployerView[Ctx.Deployers];
        for (var d = 0; d < deployers.Length; d++)
        {
            deployers[d] = new DeployerView { Index = d, Provider = d % Math.Max(1, Ctx.Providers), SensitiveSector = d % 5 < 2, Security = 0.5 };
        }
        return new WorldSnapshot
        {
            Tick = tick,
            TrainingTick = tick % Math.Max(1, P.EpochTicks) == 0,
            Providers = providers,
            Deployers = deployers,
            QueriesByProvider = new long[Ctx.Providers],
            Generalisations = [.. Enumerable.Repeat(Generalisation.Exact, Ctx.Providers)],
        };
    }

    /// <summary>Realises the harms due on ticks <paramref name="from"/> .. <paramref name="to"/> (inclusive), with litigation.</summary>
    public void Realise(int from, int to)
    {
        for (var t = from; t <= to; t++)
        {
            Litigation.JudgeDue(t);
            Harm.Realise(t, Litigation);
        }
    }

    /// <summary>Number of subjects whose cumulative harm is positive.</summary>
    public int HarmedSubjects() => S.HarmFen.Count(h => h > 0);

    /// <summary>Asserts that an observed count is within 4 binomial standard errors of n × p.</summary>
    public static void WithinFourSe(long observed, long n, double p, string what)
    {
        var expected = n * p;
        var se = Math.Sqrt(n * p * (1 - p));
        Assert.True(Math.Abs(observed - expected) <= 4 * se, $"{what}: {observed} of {n}, expected {expected:F1} +- 4 x {se:F2} (p = {p:F5})");
    }
}
