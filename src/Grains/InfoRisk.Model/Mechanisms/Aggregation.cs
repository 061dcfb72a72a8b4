using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Population;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("linkage_identifiers_together")]
    [Parameter(41, 0, 1, Unit = "probability", Meaning = "Chance that a breached pseudonym is linked back when identifiers are stored with the data", Source = "assumption, informed by Rocher et al. 2019 (99.98% re-identified with 15 attributes) and de Montjoye et al. 2013 (4 points identify 95%): linking a pseudonym back is easy when identifiers sit with the data")]
    public double LinkageIdentifiersTogether { get; init; } = 0.8;

    [JsonPropertyName("linkage_identifiers_apart")]
    [Parameter(42, 0, 1, Unit = "probability", Meaning = "Chance that a breached pseudonym is linked back when identifiers are stored apart", Source = "assumption: an attacker who breaches the data store rarely also gets the separately held key")]
    public double LinkageIdentifiersApart { get; init; } = 0.05;

    [JsonPropertyName("suppression_limit")]
    [Parameter(43, 0, 1, Unit = "share", Meaning = "Share of held subjects that anonymisation may suppress at a generalisation level", Source = "assumption: a common suppression budget of a few percent in anonymisation tools")]
    public double SuppressionLimit { get; init; } = 0.05;

    [JsonPropertyName("pseudonymisation_cost_yuan_per_record")]
    [Parameter(96, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of pseudonymising a held record, per epoch", Source = "assumption")]
    public double PseudonymisationCostYuanPerRecord { get; init; } = 0.01;

    [JsonPropertyName("anonymisation_cost_yuan_per_record")]
    [Parameter(97, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of anonymising a held record, per epoch", Source = "assumption: generalisation and utility loss cost more than pseudonyms")]
    public double AnonymisationCostYuanPerRecord { get; init; } = 0.05;

    [JsonPropertyName("separate_storage_cost_yuan_per_record")]
    [Parameter(120, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of keeping identifiers apart from pseudonymised records, per held record and epoch", Source = "assumption: a fifth of pseudonymisation's cost")]
    public double SeparateStorageCostYuanPerRecord { get; init; } = 0.002;
}

/// <summary>
/// Aggregation (docs/model.md §3.8): de-identification and k-anonymity against the represented population. Paper 四(三)2:
/// 「去标识化信息只是降低而非彻底消除可识别性」 (de-identification lowers, not removes, identifiability),
/// 「凭借匿名化信息也能重新识别出个人信息」 (even anonymised information can be re-identified) and
/// 「将去标识化后的信息与可用于识别个人信息的标识符分别存储」 (store identifiers apart). A record's risk is the chance
/// that an attacker holding the whole population's quasi-identifiers picks the right person among those sharing the
/// record's released key (<see cref="Reidentification"/>), so it does not depend on how many subjects are simulated.
/// On training ticks each cohort reports, per provider, its held subjects by the level at which their class reaches K
/// and their risk at each level; an anonymising provider takes the least generalised level (ARX-style full-domain
/// generalisation) at which at most suppression_limit of its held subjects must be suppressed.
/// </summary>
public sealed class Aggregation(ModelContext ctx, SubjectStore s)
{
    private const int Levels = QuasiIdentifiers.Levels;

    /// <summary>Chance that a pseudonym is linked back to its identity after a breach, with identifiers stored apart or not.</summary>
    public static double Linkage(ModelParameters p, bool separateIdentifiers) =>
        separateIdentifiers ? p.LinkageIdentifiersApart : p.LinkageIdentifiersTogether;

    /// <summary>Cost of a de-identification practice per held record and epoch (yuan).</summary>
    public static double CostPerRecord(ModelParameters p, Deidentification d) => d switch
    {
        Deidentification.Pseudonymise => p.PseudonymisationCostYuanPerRecord,
        Deidentification.Anonymise => p.AnonymisationCostYuanPerRecord,
        _ => 0.0,
    };

    /// <summary>Per provider: held subjects by safe level, and their risk at each level (one pass over the cohort).</summary>
    public ClassCounts CountClasses()
    {
        var providers = s.Providers;
        var reid = ctx.Reidentification;
        var result = new ClassCounts
        {
            BySafeLevel = new long[providers * (Levels + 1)],
            SafeRiskMicros = new long[providers * Levels],
            ExactRiskMicros = new long[providers],
        };
        Span<long> micros = stackalloc long[Levels];
        for (var i = 0; i < s.Count; i++)
        {
            var ip = i * providers;
            var held = false;
            for (var p = 0; p < providers && !held; p++) held = s.HeldGeneral[ip + p] + s.HeldSensitive[ip + p] > 0;
            if (!held) continue;
            var key = s.Qi[i];
            var safe = reid.SafeLevel(key);
            for (var level = 0; level < Levels; level++) micros[level] = (long)Math.Round(1e6 * reid.Risk(key, level), MidpointRounding.AwayFromZero);
            for (var p = 0; p < providers; p++, ip++)
            {
                if (s.HeldGeneral[ip] + s.HeldSensitive[ip] == 0) continue;
                result.BySafeLevel[p * (Levels + 1) + safe]++;
                result.ExactRiskMicros[p] += micros[0];
                for (var level = safe; level < Levels; level++) result.SafeRiskMicros[p * Levels + level] += micros[level];
            }
        }
        return result;
    }

    /// <summary>Chance that a record of subject i at provider p, met in a model's output, points to the subject.</summary>
    public double IdentificationRisk(int i, int p, WorldSnapshot world) =>
        ctx.Reidentification.Risk(s.Qi[i], (Deidentification)world.Providers[p].Deidentification, world.GeneralisationOf(p));

    /// <summary>Chance that an exposed record of subject i at provider p is re-identified after a breach.</summary>
    public double BreachReidentification(int i, int p, WorldSnapshot world) => (Deidentification)world.Providers[p].Deidentification switch
    {
        Deidentification.None => 1.0,
        Deidentification.Pseudonymise => Linkage(ctx.P, world.Providers[p].SeparateIdentifiers) * IdentificationRisk(i, p, world),
        _ => IdentificationRisk(i, p, world),
    };

    /// <summary>
    /// A provider's aggregation from the cohorts' reports: the level an anonymising provider must generalise to (the least
    /// at which at most suppression_limit of its held subjects have classes below K; the coarsest if none qualifies), and
    /// the mean re-identification risk of its held subjects under pseudonymisation (exact keys) and under anonymisation
    /// (that level, suppressed records at 1/P). Means are NaN when it holds nobody.
    /// </summary>
    public static (Generalisation Anonymised, double PseudonymRisk, double AnonymisedRisk) Aggregate(ModelContext ctx, int provider, IReadOnlyList<ClassCounts> counts)
    {
        var bySafe = new long[Levels + 1];
        var safeRisk = new long[Levels];
        long exactRisk = 0;
        foreach (var c in counts)
        {
            for (var l = 0; l <= Levels; l++) bySafe[l] += c.BySafeLevel[provider * (Levels + 1) + l];
            for (var l = 0; l < Levels; l++) safeRisk[l] += c.SafeRiskMicros[provider * Levels + l];
            exactRisk += c.ExactRiskMicros[provider];
        }
        var held = bySafe.Sum();
        var reid = ctx.Reidentification;
        var level = Levels - 1;
        long suppressed = 0;
        for (var l = 0; l < Levels; l++)
        {
            suppressed = 0;
            for (var m = l + 1; m <= Levels; m++) suppressed += bySafe[m];
            if (suppressed <= ctx.P.SuppressionLimit * held)
            {
                level = l;
                break;
            }
        }
        var generalisation = new Generalisation { Level = level, K = reid.K };
        if (held == 0) return (generalisation, double.NaN, double.NaN);
        var anonymised = (safeRisk[level] / 1e6 + suppressed * reid.SuppressedRisk) / held;
        return (generalisation, exactRisk / 1e6 / held, anonymised);
    }
}
