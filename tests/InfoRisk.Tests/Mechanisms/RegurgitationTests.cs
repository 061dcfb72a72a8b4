using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Regurgitation of memorised personal information (docs/model.md §3.12, Mechanisms/Regurgitation.cs): per-record hazard
/// r = Q × extraction_rate × (1 − output_filter) × pii_share ÷ training records; a subject with m memorised records has an
/// incident with probability 1 − exp(−m r), cut by restricted_output_reduction for a restricted pair; an incident makes
/// the subject aware and harms it with probability equal to its identification risk.
/// </summary>
public class RegurgitationTests
{
    private const int N = 20_000;

    private static MechanismHarness Emitted(string regime, int memorised, long queries, long trainingRecords, ModelParameters? p = null,
        Action<MechanismHarness, WorldSnapshot>? setUp = null, int tick = 5, long represents = Population.DefaultRepresents)
    {
        var h = MechanismHarness.For(regime, p, subjects: N, ticks: 20, represents: represents);
        for (var i = 0; i < N; i++) h.S.Memorized[i] = (byte)memorised;
        var world = h.World(tick);
        world.QueriesByProvider[0] = queries;
        world.Providers[0].TrainableRecords = trainingRecords;
        setUp?.Invoke(h, world);
        h.Harm.BeginTick(tick);
        h.Regurgitation.BeginTick(world);
        for (var i = 0; i < N; i++) h.Regurgitation.Emit(i, 0, i, new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, tick));
        return h;
    }

    private static double Hazard(MechanismHarness h, long queries, long trainingRecords) =>
        queries * h.P.ExtractionRate * (1 - h.Regime.OutputFilter) * h.P.PiiShareOfMemorizedOutput / trainingRecords;

    /// <summary>
    /// 20,000 subjects with m = 100 memorised records at a provider with Q = T = 10^6 (dynamic balance, filter 0.5):
    /// incidents follow 1 − exp(−m r) (about 0.34) for unrestricted subjects and 1 − exp(−m r × (1 − 0.9)) for restricted
    /// ones (every second subject). Tolerance 4 binomial standard errors each. Every incident, and nothing else, makes the
    /// subject aware.
    /// </summary>
    [Fact]
    public void IncidentFrequency_IsOneMinusExpOfMinusMemorisedTimesHazard_CutForRestrictedPairs()
    {
        const long q = 1_000_000, t = 1_000_000;
        var h = Emitted("dynamic-balance", 100, q, t, setUp: (h, _) =>
        {
            for (var i = 1; i < N; i += 2) h.Mark(i, 0, PairState.Restricted);
        });
        var r = Hazard(h, q, t);
        var free = Enumerable.Range(0, N).Where(i => i % 2 == 0).Count(i => h.Has(i, 0, PairState.Aware));
        var restricted = Enumerable.Range(0, N).Where(i => i % 2 == 1).Count(i => h.Has(i, 0, PairState.Aware));
        MechanismHarness.WithinFourSe(free, N / 2, 1 - Math.Exp(-100 * r), "incidents, unrestricted");
        MechanismHarness.WithinFourSe(restricted, N / 2, 1 - Math.Exp(-100 * r * (1 - h.P.RestrictedOutputReduction)), "incidents, restricted");
        Assert.Equal(free + restricted, h.Tally[TallyField.RegurgitationIncidents]);
        Assert.Equal(free + restricted, h.Tally.Provider(0, ProviderField.Incidents));
    }

    /// <summary>No memorised record, no training records, or a full-strength filter: no incident at all.</summary>
    [Fact]
    public void NoMemorisedRecords_NoTrainingRecords_OrAFullFilter_GiveNoIncident()
    {
        Assert.Equal(0, Emitted("use-first", 0, 1_000_000, 1_000).Tally[TallyField.RegurgitationIncidents]);
        Assert.Equal(0, Emitted("use-first", 255, 1_000_000, 0).Tally[TallyField.RegurgitationIncidents]);
        var filtered = RegimeCatalog.Get("use-first") with { OutputFilter = 1.0 };
        var h = new MechanismHarness(MechanismHarness.Spec(filtered, subjects: N, ticks: 20));
        for (var i = 0; i < N; i++) h.S.Memorized[i] = 255;
        var world = h.World(5);
        world.QueriesByProvider[0] = 1_000_000_000;
        world.Providers[0].TrainableRecords = 1;
        h.Regurgitation.BeginTick(world);
        for (var i = 0; i < N; i++) h.Regurgitation.Emit(i, 0, i, new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, 5));
        Assert.Equal(0, h.Tally[TallyField.RegurgitationIncidents]);
    }

    /// <summary>
    /// An incident harms the subject with probability equal to its identification risk. Every subject has key 0 (area 0,
    /// first birth date, first sex) in a population with 7 equal areas and one birth year, so each of the 5,110 keys has
    /// probability 1/5,110; with P = 4 × 5,110 + 1 people the others sharing a key are Poisson(λ = 4) and a pseudonymised
    /// record identifies its subject with probability (1 − e^−4) / 4 = 0.2454. Every harm is made certain to be scheduled (fraud probability 1)
    /// and suffered the next day; the harmed subjects are that share of those with an incident, within 4 binomial standard errors.
    /// </summary>
    [Fact]
    public void AnIncident_HarmsWithTheIdentificationRisk()
    {
        var p = new ModelParameters { FraudProbabilityGeneral = 1.0, HarmDelayMeanDays = 1e-9, Areas = 7, Districts = 1, AreaZipfExponent = 0, BirthYears = 1 };
        var h = Emitted("dynamic-balance", 100, 1_000_000, 1_000_000, p, represents: 4 * 5_110 + 1);
        Assert.Equal((int)Deidentification.Pseudonymise, (int)h.Regime.Deidentification);
        var incidents = h.Tally[TallyField.RegurgitationIncidents];
        Assert.True(incidents > 1_000, $"only {incidents} incidents");
        h.Realise(5, 6);
        MechanismHarness.WithinFourSe(h.HarmedSubjects(), incidents, (1 - Math.Exp(-4)) / 4, "incidents that harm at λ = 4");
        Assert.Equal(h.S.HarmFen.Sum(), h.Tally[TallyField.HarmRegurgitationFen]);
    }
}
