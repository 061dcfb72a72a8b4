using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Population;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("linkage_identifiers_together")]
    [Parameter(42, 0, 1, Unit = "probability", Meaning = "Chance that a breached pseudonym is linked back when identifiers are stored with the data", Source = "assumption, informed by Rocher et al. 2019 (99.98% re-identified with 15 attributes) and de Montjoye et al. 2013 (4 points identify 95%): linking a pseudonym back is easy when identifiers sit with the data")]
    public double LinkageIdentifiersTogether { get; init; } = 0.8;

    [JsonPropertyName("linkage_identifiers_apart")]
    [Parameter(43, 0, 1, Unit = "probability", Meaning = "Chance that a breached pseudonym is linked back when identifiers are stored apart", Source = "assumption: an attacker who breaches the data store rarely also gets the separately held key")]
    public double LinkageIdentifiersApart { get; init; } = 0.05;

    [JsonPropertyName("suppression_limit")]
    [Parameter(44, 0, 1, Unit = "share", Meaning = "Share of held subjects that anonymisation may suppress at a generalisation level", Source = "assumption: a common suppression budget of a few percent in anonymisation tools")]
    public double SuppressionLimit { get; init; } = 0.05;

    [JsonPropertyName("pseudonymisation_cost_yuan_per_record")]
    [Parameter(97, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of pseudonymising a held record, per epoch", Source = "assumption")]
    public double PseudonymisationCostYuanPerRecord { get; init; } = 0.01;

    [JsonPropertyName("anonymisation_cost_yuan_per_record")]
    [Parameter(98, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of anonymising a held record, per epoch", Source = "assumption: generalisation and utility loss cost more than pseudonyms")]
    public double AnonymisationCostYuanPerRecord { get; init; } = 0.05;

    [JsonPropertyName("separate_storage_cost_yuan_per_record")]
    [Parameter(121, 0, 1e12, Unit = "yuan/record/epoch", Meaning = "Cost of keeping identifiers apart from pseudonymised records, per held record and epoch", Source = "assumption: a fifth of pseudonymisation's cost")]
    public double SeparateStorageCostYuanPerRecord { get; init; } = 0.002;
}

/// <summary>
/// Aggregation (docs/model.md §3.8): equivalence classes, de-identification and k-anonymity. Paper 四(三)2:
/// 「去标识化信息只是降低而非彻底消除可识别性」 (de-identification lowers, not removes, identifiability),
/// 「凭借匿名化信息也能重新识别出个人信息」 (even anonymised information can be re-identified) and
/// 「将去标识化后的信息与可用于识别个人信息的标识符分别存储」 (store identifiers apart). On training ticks each cohort
/// counts distinct held subjects per exact quasi-identifier key; each provider sums them and, if it anonymises,
/// generalises (ARX-style full-domain) until at most suppression_limit of subjects sit in classes smaller than K.
/// A record's prosecutor risk is 1/k, or 1 for identified data.
/// </summary>
public sealed class Aggregation(ModelContext ctx, SubjectStore s)
{
    private readonly int[] _keys = new int[s.Count];

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

    /// <summary>Distinct subjects per exact quasi-identifier key, per provider (sparse, sorted).</summary>
    public ClassCounts CountClasses()
    {
        var providers = s.Providers;
        var result = new ClassCounts { Keys = new int[providers][], Counts = new int[providers][] };
        for (var p = 0; p < providers; p++)
        {
            var n = 0;
            for (var i = 0; i < s.Count; i++)
            {
                var ip = i * providers + p;
                if (s.HeldGeneral[ip] + s.HeldSensitive[ip] > 0) _keys[n++] = s.Qi[i];
            }
            var span = _keys.AsSpan(0, n);
            span.Sort();
            var keys = new List<int>();
            var counts = new List<int>();
            for (var k = 0; k < n; k++)
            {
                if (keys.Count > 0 && keys[^1] == span[k]) counts[^1]++;
                else { keys.Add(span[k]); counts.Add(1); }
            }
            result.Keys[p] = [.. keys];
            result.Counts[p] = [.. counts];
        }
        return result;
    }

    /// <summary>Chance that a record of subject i at provider p points to the subject: 1 when identified, else 1/k.</summary>
    public double IdentificationRisk(int i, int p, WorldSnapshot world)
    {
        if ((Deidentification)world.Providers[p].Deidentification == Deidentification.None) return 1.0;
        return 1.0 / ClassSize(i, world.Classes.Length > p ? world.Classes[p] : ClassTable.Empty);
    }

    /// <summary>Chance that an exposed record of subject i at provider p is re-identified after a breach.</summary>
    public double BreachReidentification(int i, int p, WorldSnapshot world) => (Deidentification)world.Providers[p].Deidentification switch
    {
        Deidentification.None => 1.0,
        Deidentification.Pseudonymise => Linkage(ctx.P, world.Providers[p].SeparateIdentifiers) * IdentificationRisk(i, p, world),
        _ => IdentificationRisk(i, p, world),
    };

    /// <summary>Size k of the subject's class at the provider's generalisation level (1 before the first aggregation; all held subjects if suppressed).</summary>
    private int ClassSize(int i, ClassTable table)
    {
        if (table.Sizes.Length == 0) return 1;
        var k = table.Sizes[ctx.Qi.Generalise(s.Qi[i], table.Level)];
        if (k < table.K && table.K > 1) return (int)Math.Max(1, table.HeldSubjects); // suppressed: all quasi-identifiers removed
        return Math.Max(1, k);
    }

    /// <summary>
    /// A provider's class table: the cohorts' counts summed; where the practice is anonymisation, generalised level by level
    /// until at most suppression_limit × held subjects sit in classes of size 1 .. K−1 (level 5 if none qualifies).
    /// </summary>
    public static ClassTable Aggregate(ModelContext ctx, int provider, Deidentification practice, IReadOnlyList<ClassCounts> counts)
    {
        var qi = ctx.Qi;
        var exact = new int[qi.KeySpace(0)];
        long held = 0;
        foreach (var c in counts)
        {
            var keys = c.Keys[provider];
            var n = c.Counts[provider];
            for (var k = 0; k < keys.Length; k++)
            {
                exact[keys[k]] += n[k];
                held += n[k];
            }
        }
        var minimumK = practice == Deidentification.Anonymise ? Math.Max(1, ctx.Regime.KAnonymity) : 1;
        if (minimumK <= 1 || held == 0) return new ClassTable { Level = 0, Sizes = exact, K = 1, HeldSubjects = held };
        for (var level = 0; level < QuasiIdentifiers.Levels; level++)
        {
            var sizes = level == 0 ? exact : Generalise(qi, exact, level);
            long small = 0;
            foreach (var size in sizes)
            {
                if (size > 0 && size < minimumK) small += size;
            }
            if (small <= ctx.P.SuppressionLimit * held || level == QuasiIdentifiers.Levels - 1)
                return new ClassTable { Level = level, Sizes = sizes, K = minimumK, HeldSubjects = held };
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Mean prosecutor risk 1/k over a provider's held subjects: with exact classes (what pseudonymisation leaves: the number
    /// of classes over the subjects), and under its table (classes below K suppressed into one class of all held subjects).
    /// </summary>
    public static (double Exact, double Table) MeanRisk(ModelContext ctx, int provider, IReadOnlyList<ClassCounts> counts, ClassTable table)
    {
        long classes = 0, held = 0;
        foreach (var c in counts)
        {
            var n = c.Counts[provider];
            for (var k = 0; k < n.Length; k++) held += n[k];
        }
        if (held == 0) return (1.0, 1.0);
        var exact = new HashSet<int>();
        foreach (var c in counts) exact.UnionWith(c.Keys[provider]);
        classes = exact.Count;
        double tableRisk = 0;
        foreach (var size in table.Sizes)
        {
            if (size <= 0) continue;
            tableRisk += size >= table.K || table.K <= 1 ? 1.0 : size / (double)held;
        }
        return ((double)classes / held, tableRisk / held);
    }

    private static int[] Generalise(QuasiIdentifiers qi, int[] exact, int level)
    {
        var sizes = new int[qi.KeySpace(level)];
        for (var key = 0; key < exact.Length; key++)
        {
            if (exact[key] != 0) sizes[qi.Generalise(key, level)] += exact[key];
        }
        return sizes;
    }
}
