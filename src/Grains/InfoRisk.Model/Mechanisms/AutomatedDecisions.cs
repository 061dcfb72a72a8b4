using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("decision_rate_per_day")]
    [Parameter(30, 0, 1, Unit = "1/day", Meaning = "Daily chance of an automated decision per held customer relation", Source = "assumption: a decision per customer per quarter")]
    public double DecisionRatePerDay { get; init; } = 1.0 / 90.0;

    [JsonPropertyName("base_approval_rate")]
    [Parameter(31, 0, 1, Unit = "probability", Meaning = "Approval rate of a fair decision", Source = "assumption: typical approval rate of credit-like decisions")]
    public double BaseApprovalRate { get; init; } = 0.7;

    [JsonPropertyName("bias_hazard")]
    [Parameter(32, 0, 1, Unit = "share", Meaning = "Approval penalty on the protected group at full under-representation", Source = "assumption: full under-representation cuts approval by 30%; with the defaults the initial bias is 0.11")]
    public double BiasHazard { get; init; } = 0.3;

    [JsonPropertyName("bias_correction_step")]
    [Parameter(33, 0, 1, Unit = "share", Meaning = "Each explanation that exposes bias multiplies the deployer's bias by (1 - step)", Source = "assumption")]
    public double BiasCorrectionStep { get; init; } = 0.02;

    [JsonPropertyName("explanation_request_base")]
    [Parameter(34, 0, 1, Unit = "probability", Meaning = "Chance a refused customer asks for an explanation, at concern 0", Source = "assumption: a minority of refused customers ask")]
    public double ExplanationRequestBase { get; init; } = 0.05;

    [JsonPropertyName("explanation_request_per_concern")]
    [Parameter(35, 0, 1, Unit = "probability", Meaning = "Added chance per unit of concern x (0.5 + literacy)", Source = "assumption: a minority of refused customers ask")]
    public double ExplanationRequestPerConcern { get; init; } = 0.35;

    [JsonPropertyName("bias_detection_decision")]
    [Parameter(36, 0, 1, Unit = "probability", Meaning = "Chance an explanation of the decision exposes bias", Source = "assumption: an explanation of one decision rarely shows bias")]
    public double BiasDetectionDecision { get; init; } = 0.3;

    [JsonPropertyName("bias_detection_process")]
    [Parameter(37, 0, 1, Unit = "probability", Meaning = "Chance an explanation with process disclosure exposes bias", Source = "assumption: process-control disclosure (the paper) doubles detection")]
    public double BiasDetectionProcess { get; init; } = 0.6;
}

/// <summary>
/// Automated decisions, discrimination and the right to an explanation (docs/model.md §3.14). Paper 二(二)3:
/// 「如果数据库中的数据存在偏差,那么输出的内容必然存在偏差」 (biased data, biased output) and 四(三)1: 「要求算法设计者解释
/// 算法结果的决策过程、运行原理等事项」 … 「还需要披露算法运行过程的控制情况」 (explain the decision, and disclose how the
/// process is controlled). A deployer's bias grows with the protected group's under-representation in its base model's
/// training data; a refused customer may ask for an explanation, which may expose the bias, reverse the decision and
/// correct the deployer. An uncorrected discriminatory refusal is a harm with the deployer liable.
/// </summary>
public sealed class AutomatedDecisions(ModelContext ctx, SubjectStore s, Tally tally, Harm harm)
{
    /// <summary>The protected share of a base model's training data before any training: π·δ / (π·δ + 1 − π).</summary>
    public static double InitialRepresentation(ModelParameters p) =>
        p.ProtectedShare * p.DigitalDivide / (p.ProtectedShare * p.DigitalDivide + (1 - p.ProtectedShare));

    /// <summary>A deployer's bias: clamp(bias_hazard × clamp(1 − s / protected_share, 0, 1) × correction, 0, 1).</summary>
    public static double Bias(ModelParameters p, double protectedTrainingShare, double correction)
    {
        var representation = p.ProtectedShare > 0 ? protectedTrainingShare / p.ProtectedShare : 1.0;
        var under = Math.Clamp(1.0 - representation, 0.0, 1.0);
        return Math.Clamp(p.BiasHazard * under * correction, 0.0, 1.0);
    }

    /// <summary>Today's decisions on the customer relations whose records the deployer holds.</summary>
    public void Run(WorldSnapshot world)
    {
        if (s.Calendar is { } calendar)
        {
            RunSkipping(world, calendar);
            return;
        }
        for (var i = 0; i < s.Count; i++)
        {
            var customer = s.Customer[i];
            if (s.Deployer0[i] != SubjectStore.NoDeployer && (customer & CustomerState.Held0) != 0) Decide(i, 0, s.Deployer0[i], world);
            if (s.Deployer1[i] != SubjectStore.NoDeployer && (customer & CustomerState.Held1) != 0) Decide(i, 1, s.Deployer1[i], world);
        }
    }

    // event skipping (docs/model.md §8): whether the chains have started
    private bool _chains;

    /// <summary>
    /// Event skipping: every relation with a deployer has a chain whose bound is decision_rate_per_day itself, so a candidate
    /// on a held relation of an active deployer is a decision.
    /// </summary>
    private void RunSkipping(WorldSnapshot world, EventCalendar calendar)
    {
        var tick = world.Tick;
        var inv = Geometric.InvLogNot(ctx.P.DecisionRatePerDay);
        if (!_chains)
        {
            _chains = true;
            for (var i = 0; i < s.Count; i++)
            {
                if (s.Deployer0[i] != SubjectStore.NoDeployer) calendar.Start(i, Chain.Decision, 0, tick, tick, DrawLayout.WaitingFirst.Decision, inv);
                if (s.Deployer1[i] != SubjectStore.NoDeployer) calendar.Start(i, Chain.Decision, 1, tick, tick, DrawLayout.WaitingFirst.Decision + 1, inv);
            }
        }
        if (calendar.Due(tick) is not { } due) return;
        for (var k = 0; k < due.Count; k++)
        {
            var e = due[k];
            if (EventCalendar.ChainOf(e) != Chain.Decision) continue;
            int i = EventCalendar.Local(e), slot = EventCalendar.Index(e);
            var d = slot == 0 ? s.Deployer0[i] : s.Deployer1[i];
            if ((s.Customer[i] & (slot == 0 ? CustomerState.Held0 : CustomerState.Held1)) != 0) Decide(i, slot, d, world, candidate: true);
            calendar.Next(i, Chain.Decision, slot, tick, DrawLayout.WaitingNext.Decision + slot, inv);
        }
    }

    private void Decide(int i, int slot, ushort d, WorldSnapshot world, bool candidate = false)
    {
        var p = ctx.P;
        var deployer = world.Deployers[d];
        if (!deployer.Active) return;
        var draw = new DrawSequence(ctx.Seed, RandomStream.Decisions, (long)(s.First + i) * 2 + slot, world.Tick);
        // a candidate of the event-skipping sampler is a decision: its bound is the decision rate itself
        if (!candidate && draw.Uniform(DrawLayout.Decisions.Decide) >= p.DecisionRatePerDay) return;
        tally.Deployer(d, DeployerField.Decisions)++;
        var isProtected = s.Protected[i];
        var fair = p.BaseApprovalRate;
        var u = draw.Uniform(DrawLayout.Decisions.Approval);
        var approved = u < (isProtected ? fair * (1.0 - deployer.Bias) : fair);
        var discriminatory = isProtected && !approved && u < fair;
        if (!approved && draw.Uniform(DrawLayout.Decisions.AskExplanation) < p.ExplanationRequestBase + p.ExplanationRequestPerConcern * s.ConcernOf(i) * (0.5 + s.LiteracyOf(i)))
        {
            // an adverse automated decision: the subject asks for an explanation
            tally[TallyField.ExplanationRequests]++;
            if (ctx.Regime.ExplanationRight != ExplanationRight.None)
            {
                tally[TallyField.ExplanationsServed]++;
                var detection = ctx.Regime.ExplanationRight == ExplanationRight.DecisionAndProcess ? p.BiasDetectionProcess : p.BiasDetectionDecision;
                if (discriminatory && draw.Uniform(DrawLayout.Decisions.BiasDetected) < detection)
                {
                    // the explanation exposes the bias: the decision is corrected and the deployer fixes its model
                    tally.Deployer(d, DeployerField.BiasDetected)++;
                    tally[TallyField.DiscriminatoryDecisions]++;
                    tally.Deployer(d, DeployerField.DiscriminatoryDecisions)++;
                    Count(isProtected, true);
                    return;
                }
            }
        }
        if (discriminatory)
        {
            tally[TallyField.DiscriminatoryDecisions]++;
            tally.Deployer(d, DeployerField.DiscriminatoryDecisions)++;
            harm.Cause(i, HarmSource.Discrimination, PartyKind.Deployer, d, deployer.Provider, false, false, deployer.Security, 1);
            tally.Deployer(d, DeployerField.DiscriminationHarmEvents)++;
        }
        Count(isProtected, approved);
    }

    private void Count(bool isProtected, bool approved)
    {
        tally[isProtected ? TallyField.DecisionsProtected : TallyField.DecisionsOther]++;
        if (approved) tally[isProtected ? TallyField.ApprovalsProtected : TallyField.ApprovalsOther]++;
    }
}
