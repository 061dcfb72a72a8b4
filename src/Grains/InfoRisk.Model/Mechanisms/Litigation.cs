using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("evidence_half_life_days")]
    [Parameter(66, 1e-6, 1e12, Unit = "days", Meaning = "Half-life of the victim's evidence of causation, over the cause-to-harm delay", Source = "IBM Cost of a Data Breach 2023: 277 days to identify and contain a breach, used as the half-life of evidence (the mapping is an assumption; 258 days in 2024)")]
    public double EvidenceHalfLifeDays { get; init; } = 277.0;

    [JsonPropertyName("litigation_cost_yuan")]
    [Parameter(83, 0, 1e12, Unit = "yuan", Meaning = "Cost of suing: a harmed subject sues when the expected award exceeds it", Source = "assumption: fees and lawyer for a small claim; it makes small claims not worth suing, the paper's reason for the 500-yuan floor")]
    public double LitigationCostYuan { get; init; } = 3000.0;

    [JsonPropertyName("access_evidence_gain")]
    [Parameter(128, 0, 1, Unit = "share", Meaning = "Share of the missing proof of causation that a copy of one's records (right of access) supplies", Source = "assumption: the copy shows what the processor held, half of what a victim otherwise cannot prove")]
    public double AccessEvidenceGain { get; init; } = 0.5;

    [JsonPropertyName("fault_proof_base")]
    [Parameter(84, 0, 1, Unit = "probability", Meaning = "Chance that a victim with no literacy proves the fault of an unsecured processor", Source = "assumption: proving a processor's fault is hard (PP 21's information asymmetry)")]
    public double FaultProofBase { get; init; } = 0.3;

    [JsonPropertyName("causation_proof_base")]
    [Parameter(85, 0, 1, Unit = "probability", Meaning = "Chance that a victim with no literacy proves causation right after the harm", Source = "assumption: a layperson with no literacy proves causation 40% of the time right after the harm")]
    public double CausationProofBase { get; init; } = 0.4;

    [JsonPropertyName("user_identification_probability")]
    [Parameter(86, 0, 1, Unit = "probability", Meaning = "Chance that the malicious user behind a fake is named", Source = "assumption: anonymous malicious users are usually not traced")]
    public double UserIdentificationProbability { get; init; } = 0.3;

    [JsonPropertyName("user_solvency")]
    [Parameter(87, 0, 1, Unit = "share", Meaning = "Share of an award a (malicious) user can pay", Source = "assumption: individual wrongdoers are largely judgment-proof")]
    public double UserSolvency { get; init; } = 0.3;

    [JsonPropertyName("serious_mental_harm_yuan")]
    [Parameter(88, 0, 1e12, Unit = "yuan", Meaning = "Threshold of serious mental harm (and of serious harm for gross-negligence punitive damages)", Source = "assumption: threshold for \"serious\" mental harm (and for serious harm generally under `gross_negligence`)")]
    public double SeriousMentalHarmYuan { get; init; } = 5000.0;

    [JsonPropertyName("licence_fee_yuan_per_record")]
    [Parameter(89, 0, 1e12, Unit = "yuan/record", Meaning = "Notional licence fee: the punitive base when there is no property loss", Source = "assumption: notional licence fee (the paper's third punitive base)")]
    public double LicenceFeeYuanPerRecord { get; init; } = 50.0;

    [JsonPropertyName("gross_negligence_care")]
    [Parameter(90, 0, 1, Unit = "0..1", Meaning = "Care below which a court finds gross negligence (security for breaches, output filter for outputs)", Source = "assumption: care below 0.3 is gross negligence")]
    public double GrossNegligenceCare { get; init; } = 0.3;

    [JsonPropertyName("due_care_standard")]
    [Parameter(91, 0, 1, Unit = "0..1", Meaning = "The court's standard of due care: care below it is (at least light) negligence", Source = "assumption: anything short of good care (0.7) is negligent")]
    public double DueCareStandard { get; init; } = 0.7;

    [JsonPropertyName("court_standard_sd")]
    [Parameter(109, 0, 1, Unit = "0..1", Meaning = "Uncertainty of the court's standards: P(negligent | care x) = Phi((standard - x) / sd)", Source = "assumption: courts have no settled standard of care for AI systems yet; the form is Calfee and Craswell (1984), uncertain legal standards")]
    public double CourtStandardSd { get; init; } = 0.25;

    [JsonPropertyName("rebuttal_success")]
    [Parameter(110, 0, 1, Unit = "probability", Meaning = "Chance that a processor who met the standard proves it and rebuts presumed fault", Source = "assumption: proving one's own due care succeeds half the time")]
    public double RebuttalSuccess { get; init; } = 0.5;
}

/// <summary>
/// Litigation (docs/model.md §3.18-3.21): a harmed subject decides whether to sue, the court decides with one draw after
/// court_delay_days, and the award is collected from whoever must pay. Paper 五(一): 「很难提供证据证明具体的侵权行为人」
/// (hard to prove who the infringer was), 「可能因时间久远而无法提供有力的证据」 (evidence lost over time) and 五(三)2:
/// 「惩罚性赔偿的数额为计算基数的三倍」 (three times the base). The rules themselves (fault, causation, naming the
/// wrongdoer, damages, who pays) are <see cref="LiabilityRules"/>. Every harm a provider answers for is also booked, when
/// it is resolved, with the liability its table predicted (<see cref="LiabilityTable"/>), so that firms can learn how far
/// the rules' promise holds (<see cref="LiabilityBelief"/>); a harm nobody sues for is booked on the day its claim would
/// have been judged, so that the firm learns of every harm after the same delay (otherwise it would see the unclaimed
/// harms of the last court_delay_days without the awards of the claimed ones, and believe claims pay less than they do).
/// Claims still before the court at the horizon are never decided.
/// </summary>
public sealed class Litigation(ModelContext ctx, SubjectStore s, Tally tally)
{
    private readonly record struct Claim(HarmEvent Event, long Harm, ClaimAssessment Assessment, int Answering, long PredictedFen);

    private readonly LiabilityRules _rules = new(ctx);
    private readonly LiabilityTable _table = LiabilityTable.For(ctx);
    private readonly List<Claim>?[] _docket = new List<Claim>?[ctx.Spec.Ticks + 1];
    private static readonly int Sources = Enum.GetValues<HarmSource>().Length;

    // harms nobody sued for, booked for the firm's learning on the day a claim filed with them would have been judged
    // (per provider and source: events, predicted fen), so that the firm sees every harm of a day after the same delay
    private readonly long[]?[] _unclaimed = new long[]?[ctx.Spec.Ticks + 1];
    private long _pending, _pendingFen;

    /// <summary>A harm of <paramref name="harm"/> fen is suffered today: the subject may sue; the claim is judged after the court's delay.</summary>
    public void Litigate(in HarmEvent e, long harm)
    {
        var i = e.Local;
        var concern = s.ConcernOf(i);
        var literacy = s.LiteracyOf(i);
        // the provider that answers for this harm, if any: its own, or under joint liability its users' and deployers'
        var answering = e.Party == PartyKind.Provider ? e.PartyIndex : ctx.Regime.JointAndSeveral ? e.JointProvider : -1;
        var predicted = answering >= 0 ? Money.ToFen(_table.Expected(e.Source, e.Party, e.Sensitive, e.PartyCare / 255.0, e.Holders).Provider) : 0;
        var a = _rules.Assess(e, literacy);
        var judgment = e.DueTick + Math.Max(0, ctx.Regime.CourtDelayDays);
        if (!_rules.Sues(a, concern, literacy))
        {
            if (judgment == e.DueTick) Resolved(e, answering, predicted);
            else if (answering >= 0 && judgment < _unclaimed.Length)
            {
                var day = _unclaimed[judgment] ??= new long[ctx.Providers * Sources * 2];
                var k = (answering * Sources + (int)e.Source) * 2;
                day[k]++;
                day[k + 1] += predicted;
            }
            tally[TallyField.UncompensatedFen] += harm;
            return;
        }
        tally[TallyField.ClaimsFiled]++;
        s.Claims[i]++;
        var claim = new Claim(e, harm, a, answering, predicted);
        if (judgment == e.DueTick)
        {
            Judge(claim);
            return;
        }
        // a claim judged after the horizon stays pending to the end
        if (judgment < _docket.Length) (_docket[judgment] ??= []).Add(claim);
        _pending++;
        _pendingFen += harm;
    }

    /// <summary>The judgments due today (before today's new harms are litigated).</summary>
    public void JudgeDue(int tick)
    {
        if (_unclaimed[tick] is { } unclaimed)
        {
            for (var provider = 0; provider < ctx.Providers; provider++)
            {
                for (var source = 0; source < Sources; source++)
                {
                    var k = (provider * Sources + source) * 2;
                    tally.Provider(provider, BySource.Events((HarmSource)source)) += unclaimed[k];
                    tally.Provider(provider, BySource.Predicted((HarmSource)source)) += unclaimed[k + 1];
                }
            }
            _unclaimed[tick] = null;
        }
        var due = _docket[tick];
        if (due is null) return;
        _docket[tick] = null;
        _pending -= due.Count;
        foreach (var claim in due)
        {
            _pendingFen -= claim.Harm;
            Judge(claim);
        }
    }

    /// <summary>Claims filed and not yet judged, at the end of the tick (a stock).</summary>
    public void Report()
    {
        tally[TallyField.ClaimsPending] += _pending;
        tally[TallyField.ClaimsPendingFen] += _pendingFen;
    }

    private void Judge(in Claim claim)
    {
        var e = claim.Event;
        var i = e.Local;
        var answering = claim.Answering;
        Resolved(e, answering, claim.PredictedFen);
        long compensation = 0;
        var draw = new DrawSequence(ctx.Seed, RandomStream.Litigation, s.First + i, e.CauseTick);
        if (draw.Uniform(DrawLayout.Court.Decision + e.Sequence) < claim.Assessment.WinProbability)
        {
            tally[TallyField.ClaimsWon]++;
            var (compensatory, punitive) = claim.Assessment.Award(draw.Uniform(DrawLayout.Court.Finding + e.Sequence));
            var (provider, deployer, user) = _rules.Split(e, compensatory, punitive);
            var collected = provider + deployer + user;
            // what cannot be collected (a judgment-proof user) is lost first from the punitive part
            compensation = Math.Min(compensatory, collected);
            tally[TallyField.CompensationFen] += compensation;
            tally[TallyField.PunitiveFen] += collected - compensation;
            tally[TallyField.PaidByProvidersFen] += provider;
            tally[TallyField.PaidByDeployersFen] += deployer;
            tally[TallyField.PaidByUsersFen] += user;
            tally[BySource.Liability(e.Source)] += collected;
            tally[RuleField(e)] += collected;
            if (provider > 0)
            {
                tally.Provider(answering, ProviderField.LiabilityFen) += provider;
                tally.Provider(answering, BySource.Paid(e.Source)) += provider;
                if (e.Party == PartyKind.Deployer) tally.Provider(answering, ProviderField.JointDeployerPaidFen) += provider;
            }
            if (deployer > 0) tally.Deployer(e.PartyIndex, DeployerField.LiabilityFen) += deployer;
            s.CompensationFen[i] += collected;
        }
        tally[TallyField.UncompensatedFen] += claim.Harm - compensation;
    }

    /// <summary>A harm the provider answers for is resolved: counted with what the table predicted it would cost.</summary>
    private void Resolved(in HarmEvent e, int answering, long predictedFen)
    {
        if (answering < 0) return;
        tally.Provider(answering, BySource.Events(e.Source))++;
        tally.Provider(answering, BySource.Predicted(e.Source)) += predictedFen;
    }

    private TallyField RuleField(in HarmEvent e) => _rules.RuleFor(e) switch
    {
        LiabilityRule.NoFault => TallyField.LiabilityNoFaultFen,
        LiabilityRule.PresumedFault => TallyField.LiabilityPresumedFaultFen,
        _ => TallyField.LiabilityFaultFen,
    };
}
