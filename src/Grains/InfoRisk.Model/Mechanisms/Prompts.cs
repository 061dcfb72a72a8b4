using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("prompts_per_user_day")]
    [Parameter(14, 0, 1e12, Unit = "prompts/day", Meaning = "Prompts an active user sends a day (Poisson mean)", Source = "assumption: a few prompts per active day")]
    public double PromptsPerUserDay { get; init; } = 4.0;

    [JsonPropertyName("own_info_prompt_share")]
    [Parameter(15, 0, 1, Unit = "share", Meaning = "Share of prompts carrying the user's own general personal information", Source = "assumption: about 1 prompt in 9 carries the user's own identifiable details")]
    public double OwnInfoPromptShare { get; init; } = 0.11;

    [JsonPropertyName("sensitive_prompt_share")]
    [Parameter(16, 0, 1, Unit = "share", Meaning = "Share of prompts carrying the user's own sensitive information", Source = "assumption: health, finance and similar questions about oneself")]
    public double SensitivePromptShare { get; init; } = 0.03;

    [JsonPropertyName("third_party_prompt_share")]
    [Parameter(17, 0, 1, Unit = "share", Meaning = "Share of prompts carrying a third party's personal information", Source = "assumption: prompts about colleagues, relatives or customers (the paper is silent, PP 2)")]
    public double ThirdPartyPromptShare { get; init; } = 0.04;
}

/// <summary>
/// Prompts (docs/model.md §3.2 and §3.5): active users send prompts, some carrying their own or a third party's
/// personal information, and providers keep some of those records for training under the regime's retention rule.
/// Paper 二(二)1: 「其将收集用户与 DeepSeek 进行交互过程中所输入的文本、图片、文件等内容」 (it collects what users enter)
/// and 「严重违背了知情同意原则的基本内涵」 (keeping everything seriously violates informed consent).
/// </summary>
public sealed class Prompts
{
    /// <summary>Share of a third party's records in a prompt that are sensitive (a fixed constant, docs/model.md §6).</summary>
    public const double ThirdPartySensitiveShare = 0.2;

    private readonly ModelContext _ctx;
    private readonly double _ownMean, _sensitiveMean, _thirdMean, _plainMean;
    private readonly double _ownExp, _sensitiveExp, _thirdExp, _plainExp;

    /// <summary>The user side: the Poisson means of the four kinds of prompt (thinning of one Poisson), computed once.</summary>
    public Prompts(ModelContext ctx)
    {
        _ctx = ctx;
        var p = ctx.P;
        var lambda = p.PromptsPerUserDay;
        var other = Math.Max(0, 1.0 - p.OwnInfoPromptShare - p.SensitivePromptShare - p.ThirdPartyPromptShare);
        (_ownMean, _sensitiveMean, _thirdMean, _plainMean) = (lambda * p.OwnInfoPromptShare, lambda * p.SensitivePromptShare, lambda * p.ThirdPartyPromptShare, lambda * other);
        (_ownExp, _sensitiveExp, _thirdExp, _plainExp) = (Math.Exp(-_ownMean), Math.Exp(-_sensitiveMean), Math.Exp(-_thirdMean), Math.Exp(-_plainMean));
    }

    /// <summary>An active user's prompts today: returns the queries; prompts with personal information become exchange entries.</summary>
    public int Send(int user, byte provider, in DrawSequence d, List<ExchangeEntry> entries)
    {
        var own = d.Poisson(DrawLayout.UserActivity.OwnPrompts, _ownMean, _ownExp);
        var sensitive = d.Poisson(DrawLayout.UserActivity.SensitivePrompts, _sensitiveMean, _sensitiveExp);
        var third = d.Poisson(DrawLayout.UserActivity.ThirdPartyPrompts, _thirdMean, _thirdExp);
        var plain = d.Poisson(DrawLayout.UserActivity.PlainPrompts, _plainMean, _plainExp);
        if (own + sensitive > 0) entries.Add(new ExchangeEntry(_ctx.SubjectOfUser(user), provider, ExchangeKind.OwnPrompt, (ushort)own, (ushort)sensitive, user));
        if (third > 0)
        {
            var target = (int)(d.Uniform(DrawLayout.UserActivity.ThirdParty) * _ctx.Subjects);
            var thirdSensitive = d.Binomial(DrawLayout.UserActivity.ThirdPartySensitive, third, ThirdPartySensitiveShare);
            entries.Add(new ExchangeEntry(target, provider, ExchangeKind.ThirdPartyPrompt, (ushort)(third - thirdSensitive), (ushort)thirdSensitive, user));
        }
        return own + sensitive + third + plain;
    }
}

/// <summary>
/// The subject side of prompts (docs/model.md §3.5): the records that users' prompts carry about this cohort's subjects
/// are kept for training or dropped under the regime's prompt retention and consent rules; a third party's sensitive and
/// private-marked items that are kept are intrusions.
/// </summary>
public sealed class PromptRecords(ModelContext ctx, SubjectStore s, Tally tally, Consent consent, Intrusions intrusions)
{
    /// <summary>Keeps or drops the records in this tick's entries (sorted by subject, provider, kind, user).</summary>
    public void Keep(WorldSnapshot world, ExchangeEntry[] entries)
    {
        var regime = ctx.Regime;
        var k = 0;
        while (k < entries.Length)
        {
            var e = entries[k];
            if (e.Kind == ExchangeKind.FakeContent) { k++; continue; }
            // merge all entries with the same (subject, provider, kind): they come from different user cohorts
            int general = 0, sensitive = 0;
            var j = k;
            while (j < entries.Length && entries[j].Subject == e.Subject && entries[j].Provider == e.Provider && entries[j].Kind == e.Kind)
            {
                general += entries[j].General;
                sensitive += entries[j].Sensitive;
                j++;
            }
            k = j;
            var i = e.Subject - s.First;
            var p = e.Provider;
            var ip = i * s.Providers + p;
            var provider = world.Providers[p];
            if (!provider.KeepsPrompts) continue; // the provider chose to keep no prompts for training
            var own = e.Kind == ExchangeKind.OwnPrompt;
            var consented = false;
            // data minimisation: only a share of what the prompts carry is kept
            if (DataMinimisation.Limits(regime))
            {
                var m = new DrawSequence(ctx.Seed, RandomStream.PromptRetention, e.Subject, world.Tick);
                var c = DrawLayout.PromptRetention.Minimise + p * 4 + (own ? 0 : 2);
                (general, sensitive) = (DataMinimisation.Keep(regime, general, m.Uniform(c)), DataMinimisation.Keep(regime, sensitive, m.Uniform(c + 1)));
            }
            switch (regime.PromptRetention)
            {
                case PromptRetention.OptOut:
                    if ((s.State[ip] & PairState.Objected) != 0) general = sensitive = 0;
                    break;
                case PromptRetention.SeparateConsent:
                    // a user can consent for themself, never for a third party
                    consented = own && consent.Ensure(i, p, ip, provider.Quality);
                    if (!consented) general = sensitive = 0;
                    break;
                case PromptRetention.DeidentifiedOnly:
                    sensitive = 0; // sensitive information filtered out; the rest kept de-identified (store level)
                    break;
            }
            if (sensitive > 0 && regime.ConsentSensitive == ConsentMode.OptIn && !consented)
            {
                consented = own && consent.Ensure(i, p, ip, provider.Quality);
                if (!consented) sensitive = 0;
            }
            if (!own && general + sensitive > 0)
            {
                // a third party's information: sensitive items, and private-marked ones, are intrusions
                var d = new DrawSequence(ctx.Seed, RandomStream.PromptRetention, e.Subject, world.Tick);
                var share = s.General[i] == 0 ? 0.0 : (double)s.PrivateMarked[i] / s.General[i];
                var privateHits = d.Binomial(DrawLayout.PromptRetention.PrivateHits + p * 64, Math.Min(general, DrawLayout.MaxItems), share);
                var hits = privateHits + sensitive;
                // the provider's care here is its filter, which screens what it keeps
                if (hits > 0)
                {
                    intrusions.Take(i, p, hits, provider.OutputFilter, IntrusionRoute.ThirdPartyPrompt, sensitive > 0, world.Tick);
                    tally.Provider(p, ProviderField.PromptIntrusionItems) += hits;
                }
                if (sensitive > 0)
                {
                    tally.Provider(p, ProviderField.UnconsentedSensitiveRecords) += sensitive;
                    tally.Provider(p, ProviderField.PromptUnconsentedSensitive) += sensitive;
                }
            }
            tally.Provider(p, ProviderField.PromptRecords) += general + sensitive;
            s.AddRecords(i, ip, general, sensitive, consented, tally);
        }
    }
}
