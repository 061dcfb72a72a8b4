using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("consent_intercept")]
    [Parameter(22, 0, 1e12, Unit = "log-odds", Meaning = "Intercept of P(agree) = logistic(intercept + value weight x quality - concern weight x concern)", Source = "assumption")]
    public double ConsentIntercept { get; init; } = 0.5;

    [JsonPropertyName("consent_value_weight")]
    [Parameter(23, 0, 1e12, Unit = "log-odds", Meaning = "Weight of the service quality in P(agree)", Source = "assumption: a better service wins more consent")]
    public double ConsentValueWeight { get; init; } = 1.5;

    [JsonPropertyName("consent_concern_weight")]
    [Parameter(24, 0, 1e12, Unit = "log-odds", Meaning = "Weight of concern in P(agree)", Source = "assumption: with θ = 0.5 and q ≈ 0.39, P(agree) ≈ 0.40, and a very concerned subject rarely agrees")]
    public double ConsentConcernWeight { get; init; } = 3.0;
}

/// <summary>
/// Informed consent and hollowed-out consent (docs/model.md §3.3). Paper 二(二)1: 「这些表述具有较大的模糊性与不确定性,
/// 无法给信息主体提供明确的行为预期」 (vague notices give subjects no clear expectation) and 「信息处理者只有取得信息主体
/// 自主的、真实的同意才能收集个人信息」 (collection needs autonomous, genuine consent). Consent is asked once per
/// (subject, provider) pair; it is informed, independently, with a chance that grows with notice clarity and literacy.
/// </summary>
public sealed class Consent(ModelContext ctx, SubjectStore s)
{
    /// <summary>Chance that a subject agrees to processing, given service quality and concern (logistic).</summary>
    public static double AgreeProbability(ModelParameters p, double quality, double concern) =>
        1.0 / (1.0 + Math.Exp(-(p.ConsentIntercept + p.ConsentValueWeight * quality - p.ConsentConcernWeight * concern)));

    /// <summary>Chance that a consent is informed: notice clarity × (0.3 + 0.7 literacy).</summary>
    public static double InformedProbability(Regime regime, double literacy) => regime.NoticeClarity * (0.3 + 0.7 * literacy);

    /// <summary>Asks subject i for consent to provider p once (keyed by the pair), and returns whether it was given.</summary>
    public bool Ensure(int i, int p, int ip, double quality)
    {
        ref var st = ref s.State[ip];
        if ((st & PairState.ConsentAsked) == 0)
        {
            var d = new DrawSequence(ctx.Seed, RandomStream.Collection, (long)(s.First + i) * 64 + p, -1);
            st |= PairState.ConsentAsked;
            if (d.Uniform(DrawLayout.Consent.Agree) < AgreeProbability(ctx.P, quality, s.ConcernOf(i))) st |= PairState.Consented;
            if (d.Uniform(DrawLayout.Consent.Informed) < InformedProbability(ctx.Regime, s.LiteracyOf(i))) st |= PairState.Informed;
        }
        return (st & PairState.Consented) != 0;
    }
}
