using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("intrusion_harm_probability")]
    [Parameter(75, 0, 1, Unit = "probability per item", Meaning = "Chance that one item taken without consent causes mental harm", Source = "assumption: few subjects ever learn of, or suffer from, one taken item")]
    public double IntrusionHarmProbability { get; init; } = 0.005;

    [JsonPropertyName("intrusion_median_yuan")]
    [Parameter(76, 1e-6, 1e12, Unit = "yuan", Meaning = "Median mental harm of an intrusion (log-normal, sigma = mental_sigma)", Source = "assumption: a minor distress award, the paper's punitive floor")]
    public double IntrusionMedianYuan { get; init; } = 500.0;
}

/// <summary>How an intrusion happened: the route keys its draws (route × 32 + provider).</summary>
public enum IntrusionRoute
{
    /// <summary>A private-marked item scraped without consent.</summary>
    ScrapedPrivate = 0,
    /// <summary>A third party's private-marked or sensitive item kept from a user's prompt.</summary>
    ThirdPartyPrompt = 1,
    /// <summary>A sensitive item scraped without consent.</summary>
    ScrapedSensitive = 2,
}

/// <summary>
/// Privacy intrusions and their harm (docs/model.md §3.6). Paper 二(二)1: 「即使是已经公开的私密信息仍属于隐私范畴」
/// (private information already made public is still private), and 四(二): 「可能导致收集的数据中包含大量的敏感信息或
/// 私密信息」. Each intrusion of n items is counted; with probability 1 − (1 − intrusion_harm_probability)^n it causes
/// log-normal mental harm, suffered after the delay of <see cref="Harm"/>, with the provider liable.
/// </summary>
public sealed class Intrusions(ModelContext ctx, SubjectStore s, Tally tally, Harm harm)
{
    private readonly double _mu = Math.Log(ctx.P.IntrusionMedianYuan);

    /// <summary>
    /// Counts an intrusion of <paramref name="items"/> items into subject i by provider p, and draws its harm. The care is
    /// the provider's on this channel: 0 for items it chose to scrape without consent, its filter for a third party's prompt.
    /// </summary>
    public void Take(int i, int p, int items, double care, IntrusionRoute route, bool sensitive, int tick)
    {
        tally[TallyField.PrivacyIntrusions] += items;
        var slot = (int)route * DrawLayout.MaxProviders + p;
        var draw = new DrawSequence(ctx.Seed, RandomStream.Harm, s.First + i, tick);
        if (draw.Uniform(DrawLayout.Harm.IntrusionHarm + slot) >= 1.0 - Math.Pow(1.0 - ctx.P.IntrusionHarmProbability, items)) return;
        var mental = Money.ToFen(LogNormal.InvCDF(_mu, ctx.P.MentalSigma, Harm.Clamp(draw.Uniform(DrawLayout.Harm.IntrusionAmount + slot))));
        harm.Schedule(new HarmEvent
        {
            Local = i,
            CauseTick = tick,
            DueTick = tick + harm.Delay(draw, DrawLayout.Harm.IntrusionDelay + slot),
            Sequence = (byte)(DrawLayout.Harm.IntrusionSequence + slot),
            Source = HarmSource.Intrusion,
            Party = PartyKind.Provider,
            PartyIndex = (short)p,
            JointProvider = (short)p,
            PartyCare = HarmEvent.CareLevel(care),
            Records = items,
            Holders = 1,
            Sensitive = sensitive,
            MentalFen = mental,
        });
    }
}
