using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("initial_trust")]
    [Parameter(103, 0, 1, Unit = "0..1", Meaning = "Users' trust in each provider at the start", Source = "assumption")]
    public double InitialTrust { get; init; } = 0.7;

    [JsonPropertyName("trust_recovery_per_day")]
    [Parameter(104, 0, 1, Unit = "1/day", Meaning = "Daily recovery of trust towards 1", Source = "assumption: a shock halves in about 70 days")]
    public double TrustRecoveryPerDay { get; init; } = 0.01;

    [JsonPropertyName("trust_drop_per_breach")]
    [Parameter(105, 0, 1e12, Unit = "0..1", Meaning = "Trust lost after a breach of at least 10% of the store (less for smaller ones)", Source = "assumption: a breach of ≥ 10% of the store costs 0.2 of trust")]
    public double TrustDropPerBreach { get; init; } = 0.2;

    [JsonPropertyName("trust_drop_per_incident_per_10k")]
    [Parameter(106, 0, 1e12, Unit = "per incident per 10,000 subjects", Meaning = "Trust lost per regurgitation, hallucination or fake, scaled by population", Source = "assumption")]
    public double TrustDropPerIncidentPer10k { get; init; } = 0.0003;
}

/// <summary>
/// User trust (docs/model.md §3.25). Not in the paper (assumption). Trust recovers towards 1 each day, falls after a
/// breach in proportion to its size and after incidents (regurgitation, hallucination, fakes), and is kept in [0.05, 1];
/// it enters adoption (<see cref="Adoption"/>).
/// </summary>
public static class UserTrust
{
    /// <summary>Today's trust from yesterday's, the breach (exposed share, 0 for none) and incidents at the provider.</summary>
    public static double Next(ModelContext ctx, double trust, double breachShare, long incidents)
    {
        var p = ctx.P;
        var next = trust + p.TrustRecoveryPerDay * (1.0 - trust);
        if (breachShare > 0) next -= p.TrustDropPerBreach * Math.Min(1.0, breachShare * 10.0);
        next -= p.TrustDropPerIncidentPer10k * incidents * 10_000.0 / Math.Max(1, ctx.Subjects);
        return Math.Clamp(next, 0.05, 1.0);
    }
}
