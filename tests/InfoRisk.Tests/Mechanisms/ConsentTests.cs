using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Informed and hollowed-out consent (docs/model.md §3.3, Mechanisms/Consent.cs): P(agree) is logistic in quality and
/// concern, P(informed) = clarity × (0.3 + 0.7 literacy) independently, and consent is asked once per (subject, provider).
/// </summary>
public class ConsentTests
{
    /// <summary>P(agree) = 1 / (1 + exp(−(intercept + value weight × q − concern weight × θ))), checked at points worked out by hand.</summary>
    [Fact]
    public void AgreeProbability_IsTheLogisticOfTheDocumentedIndex()
    {
        var p = new ModelParameters(); // 0.5 + 1.5 q − 3 θ
        Assert.Equal(0.5, Consent.AgreeProbability(p, 1.0, 2.0 / 3.0), 12);          // index 0
        Assert.Equal(1 / (1 + Math.Exp(-2.0)), Consent.AgreeProbability(p, 1.0, 0.0), 12); // index 2
        Assert.Equal(1 / (1 + Math.Exp(1.0)), Consent.AgreeProbability(p, 0.0, 0.5), 12);  // index −1
        // docs/model.md: with θ = 0.5 and q ≈ 0.39, P(agree) ≈ 0.40
        Assert.Equal(0.40, Consent.AgreeProbability(p, 0.39, 0.5), 2);
        // more concern, less agreement; better service, more agreement
        Assert.True(Consent.AgreeProbability(p, 0.5, 0.9) < Consent.AgreeProbability(p, 0.5, 0.1));
        Assert.True(Consent.AgreeProbability(p, 0.9, 0.5) > Consent.AgreeProbability(p, 0.1, 0.5));
    }

    [Fact]
    public void InformedProbability_IsClarityTimesPointThreePlusPointSevenLiteracy()
    {
        var regime = RegimeCatalog.Get("dynamic-balance") with { NoticeClarity = 0.8 };
        Assert.Equal(0.8 * 0.3, Consent.InformedProbability(regime, 0.0), 12);
        Assert.Equal(0.8, Consent.InformedProbability(regime, 1.0), 12);
        Assert.Equal(0.8 * (0.3 + 0.7 * 0.4), Consent.InformedProbability(regime, 0.4), 12);
        Assert.Equal(0.0, Consent.InformedProbability(regime with { NoticeClarity = 0 }, 0.9));
    }

    /// <summary>
    /// Consent is asked once per pair: the first Ensure draws and records the answer; a second Ensure, even at a quality that
    /// would make agreement certain or impossible, returns the recorded answer and changes no bit.
    /// </summary>
    [Fact]
    public void Ensure_AsksOncePerPair_AndTheSecondCallDoesNotRedraw()
    {
        // intercept −50 + 100 q: agreement is (numerically) certain at q = 1 and impossible at q = 0
        var p = new ModelParameters { ConsentIntercept = -50, ConsentValueWeight = 100, ConsentConcernWeight = 0 };
        var h = MechanismHarness.For("dynamic-balance", p, subjects: 2, providers: 2);
        Assert.False(h.Consent.Ensure(0, 0, h.Pair(0, 0), quality: 0.0));
        Assert.True(h.Has(0, 0, PairState.ConsentAsked));
        var bits = h.S.State[h.Pair(0, 0)];
        Assert.False(h.Consent.Ensure(0, 0, h.Pair(0, 0), quality: 1.0));
        Assert.Equal(bits, h.S.State[h.Pair(0, 0)]);

        Assert.True(h.Consent.Ensure(1, 1, h.Pair(1, 1), quality: 1.0));
        Assert.True(h.Has(1, 1, PairState.ConsentAsked | PairState.Consented));
        Assert.True(h.Consent.Ensure(1, 1, h.Pair(1, 1), quality: 0.0));
        // each pair is asked separately: the other pairs of these subjects were never asked
        Assert.False(h.Has(0, 1, PairState.ConsentAsked));
        Assert.False(h.Has(1, 0, PairState.ConsentAsked));
    }

    /// <summary>
    /// Over 40,000 pairs at fixed quality, concern and literacy: the share agreeing is P(agree), the share informed is
    /// P(informed), and the two draws are independent (the share both agreeing and informed is their product).
    /// Tolerance 4 binomial standard errors each.
    /// </summary>
    [Fact]
    public void Ensure_AgreesAndInforms_WithTheirProbabilities_Independently()
    {
        const int n = 40_000;
        var h = MechanismHarness.For("dynamic-balance", subjects: n, levers: r => r with { NoticeClarity = 0.7 });
        const double quality = 0.6;
        int agreed = 0, informed = 0, both = 0;
        for (var i = 0; i < n; i++)
        {
            var a = h.Consent.Ensure(i, 0, i, quality);
            var inf = h.Has(i, 0, PairState.Informed);
            agreed += a ? 1 : 0;
            informed += inf ? 1 : 0;
            both += a && inf ? 1 : 0;
        }
        var pa = Consent.AgreeProbability(h.P, quality, h.S.ConcernOf(0));
        var pi = Consent.InformedProbability(h.Regime, h.S.LiteracyOf(0));
        MechanismHarness.WithinFourSe(agreed, n, pa, "agreed");
        MechanismHarness.WithinFourSe(informed, n, pi, "informed");
        MechanismHarness.WithinFourSe(both, n, pa * pi, "agreed and informed");
    }
}
