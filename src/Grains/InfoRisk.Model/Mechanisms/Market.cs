using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("user_switching_per_epoch")]
    [Parameter(111, 0, 1, Unit = "probability/epoch", Meaning = "Chance that a user reconsiders its provider at the start of an epoch", Source = "assumption: a tenth of users look around each month")]
    public double UserSwitchingPerEpoch { get; init; } = 0.1;

    [JsonPropertyName("choice_quality_weight")]
    [Parameter(112, 0, 1e3, Unit = "logit per unit of quality", Meaning = "Weight of effective model quality in a user's choice among providers (logit)", Source = "assumption")]
    public double ChoiceQualityWeight { get; init; } = 5.0;

    [JsonPropertyName("choice_trust_weight")]
    [Parameter(113, 0, 1e3, Unit = "logit per unit of trust", Meaning = "Weight of trust in a user's choice among providers (logit)", Source = "assumption")]
    public double ChoiceTrustWeight { get; init; } = 5.0;

    [JsonPropertyName("lapse_on_exit")]
    [Parameter(114, 0, 1, Unit = "probability", Meaning = "Chance that a user whose provider leaves stops using generative AI instead of switching", Source = "assumption")]
    public double LapseOnExit { get; init; } = 0.3;

    [JsonPropertyName("exit_patience_epochs")]
    [Parameter(115, 1, 1000, Unit = "epochs", Meaning = "Consecutive epochs of negative expected profit after which a provider leaves the market", Source = "assumption: a quarter of losses")]
    public int ExitPatienceEpochs { get; init; } = 3;

    [JsonPropertyName("exit_retention_days")]
    [Parameter(116, 0, 3650, Unit = "days", Meaning = "Days an exited provider keeps its store before deleting it (PIPL art. 47: delete when the service ends)", Source = "assumption")]
    public int ExitRetentionDays { get; init; } = 30;
}

/// <summary>
/// The market (docs/model.md §3.30): users choose among the providers in the market by effective quality and trust
/// (a logit; every provider charges the same price, so price does not enter), reconsider at the start of each epoch with
/// probability user_switching_per_epoch, and must move when their provider leaves, or stop using generative AI with
/// probability lapse_on_exit. Paper 三(二)2: 「而非阻止生成式人工智能进入市场」 (rather than keep GAI out of the market).
/// A provider whose expected profit stays negative for exit_patience_epochs leaves; its store and model are deleted
/// exit_retention_days later (PIPL art. 47), until when its held data can still be breached.
/// </summary>
public static class Market
{
    /// <summary>A user who uses no provider (lapsed).</summary>
    public const byte Lapsed = byte.MaxValue;

    /// <summary>The provider a user picks among those active, by a logit on quality and trust (Lapsed when none is active).</summary>
    public static byte Choose(ModelParameters p, ProviderView[] providers, double u)
    {
        Span<double> weight = stackalloc double[providers.Length];
        double total = 0;
        for (var k = 0; k < providers.Length; k++)
        {
            var v = providers[k];
            weight[k] = v.Active ? Math.Exp(p.ChoiceQualityWeight * Adoption.EffectiveQuality(p, v) + p.ChoiceTrustWeight * v.Trust) : 0.0;
            total += weight[k];
        }
        if (total <= 0) return Lapsed;
        var target = u * total;
        for (var k = 0; k < providers.Length; k++)
        {
            if (weight[k] <= 0) continue;
            target -= weight[k];
            if (target < 0) return (byte)k;
        }
        for (var k = providers.Length - 1; k >= 0; k--)
        {
            if (weight[k] > 0) return (byte)k;
        }
        return Lapsed;
    }

    /// <summary>A user's provider for today: kept, reconsidered at the start of an epoch, or forced to move when its provider left.</summary>
    public static byte Reconsider(ModelContext ctx, int user, byte current, ProviderView[] providers, int tick, out bool lapsedByExit)
    {
        lapsedByExit = false;
        if (current == Lapsed) return Lapsed;
        var epochStart = tick > 0 && tick % Math.Max(1, ctx.P.EpochTicks) == 0;
        var forced = !providers[current].Active;
        if (!forced && !epochStart) return current;
        var d = new DrawSequence(ctx.Seed, RandomStream.UserChoice, user, tick);
        if (forced)
        {
            if (d.Uniform(DrawLayout.UserChoice.Lapse) < ctx.P.LapseOnExit)
            {
                lapsedByExit = true;
                return Lapsed;
            }
        }
        else if (d.Uniform(DrawLayout.UserChoice.Reconsider) >= ctx.P.UserSwitchingPerEpoch)
        {
            return current;
        }
        var choice = Choose(ctx.P, providers, d.Uniform(DrawLayout.UserChoice.Choice));
        lapsedByExit = forced && choice == Lapsed;
        return choice;
    }

    /// <summary>An exited provider's retention period ended today: its store and memorised records at this cohort are deleted.</summary>
    public static void Withdraw(SubjectStore s, WorldSnapshot world)
    {
        for (var p = 0; p < s.Providers; p++)
        {
            if (!world.Providers[p].Deletes) continue;
            for (var i = 0; i < s.Count; i++)
            {
                var ip = i * s.Providers + p;
                var wasInferable = s.HasInferable(i);
                if (s.Held(ip) > 0) s.SetHeld(i, ip, 0, 0);
                if (s.Memorized[ip] > 0)
                {
                    s.Stocks.MemorizedChanged(p, -s.Memorized[ip]);
                    s.Memorized[ip] = 0;
                }
                var wasScraped = (s.State[ip] & PairState.Scraped) != 0;
                if (wasScraped) s.Stocks.ScrapedChanged(p, false);
                s.State[ip] &= ~(PairState.Scraped | PairState.Inferable | PairState.DeletionPending | PairState.RestrictionPending);
                if (wasScraped) s.Calendar?.Unscraped(i, p, s.State[ip], world.Tick);
                if (wasInferable && !s.HasInferable(i)) s.Stocks.InferableChanged(false);
            }
        }
    }
}
