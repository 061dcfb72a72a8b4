using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Prompts (docs/model.md §3.2 and §3.5, Mechanisms/Prompts.cs): the user side (four Poisson counts, third-party records
/// 20% sensitive) and the subject side, which keeps or drops prompt records under prompt_retention and consent_sensitive
/// and counts a third party's private-marked and sensitive records as intrusions.
/// </summary>
public class PromptsTests
{
    private static ExchangeEntry Own(int subject, int general, int sensitive, int user = 0) =>
        new(subject, 0, ExchangeKind.OwnPrompt, (ushort)general, (ushort)sensitive, user);

    private static ExchangeEntry Third(int subject, int general, int sensitive, int user = 0) =>
        new(subject, 0, ExchangeKind.ThirdPartyPrompt, (ushort)general, (ushort)sensitive, user);

    /// <summary>Prompts kept under a regime, without data minimisation (DataMinimisationTests checks that lever).</summary>
    private static MechanismHarness Kept(string regime, int subjects, Action<MechanismHarness> setUp, params ExchangeEntry[] entries)
    {
        var h = MechanismHarness.For(regime, subjects: subjects, levers: r => r with { DataMinimisation = 1 });
        setUp(h);
        Array.Sort(entries);
        h.Prompts.Keep(h.World(0), entries);
        return h;
    }

    private static (int General, int Sensitive) Held(MechanismHarness h, int i) => (h.S.HeldGeneral[h.Pair(i, 0)], h.S.HeldSensitive[h.Pair(i, 0)]);

    /// <summary>
    /// prompt_retention all (use-first): everything is kept. A third party's kept records intrude by
    /// Binomial(general, private-marked / general items) + sensitive: exactly the sensitive ones when the subject marked
    /// nothing private, and every record when it marked everything. Own prompts never intrude.
    /// </summary>
    [Fact]
    public void All_KeepsEverything_AndAThirdPartysPrivateAndSensitiveRecordsIntrude()
    {
        var h = Kept("use-first", 3, h =>
        {
            h.Subject(0, general: 10, privateMarked: 0);
            h.Subject(1, general: 10, privateMarked: 10);
            h.Subject(2, general: 10, privateMarked: 10);
        }, Third(0, 5, 1), Third(1, 5, 1), Own(2, 3, 1));
        Assert.Equal((5, 1), Held(h, 0));
        Assert.Equal((5, 1), Held(h, 1));
        Assert.Equal((3, 1), Held(h, 2));
        Assert.Equal(1 + (5 + 1), h.Tally[TallyField.PrivacyIntrusions]);
        Assert.Equal(2, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
        Assert.Equal(6 + 6 + 4, h.Tally[TallyField.RecordsCollected]);
    }

    /// <summary>Entries for the same (subject, provider, kind) from several users are merged; fakes carry no records.</summary>
    [Fact]
    public void EntriesOfOneSubjectProviderAndKind_AreMerged_AndFakesCarryNoRecords()
    {
        var h = Kept("use-first", 1, _ => { }, Own(0, 2, 0, user: 7), Own(0, 3, 1, user: 3),
            new ExchangeEntry(0, 0, ExchangeKind.FakeContent, 0, 0, 5));
        Assert.Equal((5, 1), Held(h, 0));
        Assert.Equal(6, h.Tally[TallyField.RecordsCollected]);
    }

    /// <summary>opt_out (dynamic balance): nothing is kept from a subject who objected; the rest is kept.</summary>
    [Fact]
    public void OptOut_KeepsNothingFromAnObjector()
    {
        var h = Kept("dynamic-balance", 2, h => h.Mark(0, 0, PairState.Objected), Own(0, 4, 0), Own(1, 4, 0), Third(0, 2, 0));
        Assert.Equal((0, 0), Held(h, 0));
        Assert.Equal((4, 0), Held(h, 1));
    }

    /// <summary>
    /// separate_consent (protection-first): own prompts are kept only with the subject's consent (then also the sensitive
    /// ones); a third party's are never kept, even about a subject who consented to the provider.
    /// </summary>
    [Fact]
    public void SeparateConsent_KeepsOwnPromptsOnlyWithConsent_AndNeverAThirdPartys()
    {
        var h = Kept("protection-first", 3, h =>
        {
            h.Mark(0, 0, PairState.ConsentAsked | PairState.Consented);
            h.Mark(1, 0, PairState.ConsentAsked);
            h.Mark(2, 0, PairState.ConsentAsked | PairState.Consented);
        }, Own(0, 3, 2), Own(1, 3, 2), Third(2, 3, 2));
        Assert.Equal((3, 2), Held(h, 0));
        Assert.Equal((0, 0), Held(h, 1));
        Assert.Equal((0, 0), Held(h, 2));
        Assert.Equal(5, h.Tally[TallyField.ConsentedRecords]);
        Assert.Equal(0, h.Tally[TallyField.PrivacyIntrusions]);
    }

    /// <summary>deidentified_only (precautionary): sensitive records are dropped and the rest kept.</summary>
    [Fact]
    public void DeidentifiedOnly_DropsSensitiveRecords()
    {
        var h = Kept("precautionary", 2, h => h.Subject(1, general: 4, privateMarked: 4), Own(0, 3, 2), Third(1, 2, 3));
        Assert.Equal((3, 0), Held(h, 0));
        Assert.Equal((2, 0), Held(h, 1));
        Assert.Equal(2, h.Tally[TallyField.PrivacyIntrusions]); // the third party's two private-marked records
        Assert.Equal(0, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
    }

    /// <summary>
    /// consent_sensitive opt_in (dynamic balance, no objection): an own prompt's sensitive records need consent (a refusal
    /// drops them and keeps the general ones); a third party's sensitive records are always dropped.
    /// </summary>
    [Fact]
    public void OptInSensitive_DropsSensitiveRecordsWithoutConsent()
    {
        var h = Kept("dynamic-balance", 3, h =>
        {
            h.Mark(0, 0, PairState.ConsentAsked);
            h.Mark(1, 0, PairState.ConsentAsked | PairState.Consented);
        }, Own(0, 3, 2), Own(1, 3, 2), Third(2, 3, 2));
        Assert.Equal((3, 0), Held(h, 0));
        Assert.Equal((3, 2), Held(h, 1));
        Assert.Equal((3, 0), Held(h, 2));
        Assert.Equal(0, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
    }

    /// <summary>
    /// The user side, over 50,000 active users: queries per user have mean λ = prompts_per_user_day (the four counts are a
    /// thinning of one Poisson(λ), so their sum is Poisson(λ)); own records have mean λ × own_info_prompt_share; a third
    /// party's records are sensitive with probability 0.2. Tolerance 4 standard errors each.
    /// </summary>
    [Fact]
    public void Send_DrawsPoissonPrompts_AndAThirdPartysRecordsAreOneFifthSensitive()
    {
        const int users = 50_000;
        var h = MechanismHarness.For("dynamic-balance", subjects: 1_000);
        var prompts = new Prompts(h.Ctx);
        var entries = new List<ExchangeEntry>();
        long queries = 0;
        for (var u = 0; u < users; u++) queries += prompts.Send(u, 0, new DrawSequence(5, RandomStream.UserActivity, u, 3), entries);
        var lambda = h.P.PromptsPerUserDay;
        var se = Math.Sqrt(lambda / users);
        Assert.True(Math.Abs((double)queries / users - lambda) <= 4 * se, $"queries per user {(double)queries / users:F4}, expected {lambda} +- 4 x {se:F4}");

        var ownMean = lambda * h.P.OwnInfoPromptShare;
        var own = entries.Where(e => e.Kind == ExchangeKind.OwnPrompt).Sum(e => (long)e.General);
        Assert.True(Math.Abs((double)own / users - ownMean) <= 4 * Math.Sqrt(ownMean / users), $"own records per user {(double)own / users:F4}, expected {ownMean:F4}");

        var third = entries.Where(e => e.Kind == ExchangeKind.ThirdPartyPrompt).ToArray();
        Assert.All(third, e => Assert.InRange(e.Subject, 0, h.Ctx.Subjects - 1));
        var thirdRecords = third.Sum(e => (long)e.General + e.Sensitive);
        MechanismHarness.WithinFourSe(third.Sum(e => (long)e.Sensitive), thirdRecords, Prompts.ThirdPartySensitiveShare, "sensitive third-party records");
    }
}
