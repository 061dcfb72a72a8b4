using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Liability;

/// <summary>Punitive damages: a multiple of the base (loss, else gain, else licence fee), at least a floor, at most a cap.</summary>
public static class PunitiveAward
{
    /// <summary>min(cap, max(floor, multiplier x base)), in fen; zero where the regime has no punitive damages.</summary>
    public static long Compute(long baseFen, Regime regime)
    {
        if (!regime.HasPunitiveDamages) return 0;
        var multiple = (long)Math.Round(baseFen * regime.PunitiveMultiplier, MidpointRounding.AwayFromZero);
        var floor = Money.ToFen(regime.PunitiveFloorYuan);
        var cap = Money.ToFen(regime.PunitiveCapYuan);
        return Math.Min(cap, Math.Max(floor, multiple));
    }
}

/// <summary>
/// A claim as the court would decide it, before the random draws: the chance the victim wins, the harm, and, given a
/// win, the chance that the court finds the party negligent or grossly negligent (which decides mental and punitive
/// damages). Amounts in fen.
/// </summary>
public readonly record struct ClaimAssessment(
    double WinProbability,
    long PropertyFen,
    long MentalFen,
    bool SeriousMental,
    bool SeriousHarm,
    double NegligentGivenWin,
    double GrossGivenWin,
    long PunitiveIfEligibleFen,
    bool LightThreshold)
{
    /// <summary>Chance, given a win, that punitive damages are due.</summary>
    public double PunitiveEligibility => LightThreshold ? NegligentGivenWin : SeriousHarm ? GrossGivenWin : 0.0;

    /// <summary>Expected compensatory damages given a win (fen): property, and mental where serious or grossly negligent.</summary>
    public double ExpectedCompensatoryGivenWin => PropertyFen + MentalFen * (SeriousMental ? 1.0 : GrossGivenWin);

    /// <summary>Expected punitive damages given a win (fen).</summary>
    public double ExpectedPunitiveGivenWin => PunitiveIfEligibleFen * PunitiveEligibility;

    /// <summary>Expected award given a win (fen).</summary>
    public double ExpectedAwardGivenWin => ExpectedCompensatoryGivenWin + ExpectedPunitiveGivenWin;

    /// <summary>The award of a won claim, with one uniform for the court's finding on the party's care.</summary>
    public (long Compensatory, long Punitive) Award(double u)
    {
        var grosslyNegligent = u < GrossGivenWin;
        var eligible = LightThreshold ? u < NegligentGivenWin : SeriousHarm && grosslyNegligent;
        return (PropertyFen + (SeriousMental || grosslyNegligent ? MentalFen : 0), eligible ? PunitiveIfEligibleFen : 0);
    }
}

/// <summary>
/// Tort liability for personal-information harm: who must prove what (fault, presumed fault, no-fault; causation
/// burden; naming the wrongdoer), which damages are due (compensatory, mental, punitive), and who pays (sole or joint
/// and several liability). A party's fault is judged on the care of the channel that caused the harm (security for a
/// breach, the output filter for what a model says), against a due-care standard the court applies with error
/// (Calfee and Craswell 1984): P(negligent | care x) = Φ((due_care_standard − x) / court_standard_sd). Pure functions of
/// the regime, the parameters and the event.
/// </summary>
public sealed class LiabilityRules(ModelContext ctx)
{
    private readonly Regime _regime = ctx.Regime;
    private readonly ModelParameters _p = ctx.P;
    private readonly long _seriousMentalFen = Money.ToFen(ctx.P.SeriousMentalHarmYuan);
    private readonly long _licenceFeeFenPerRecord = Money.ToFen(ctx.P.LicenceFeeYuanPerRecord);
    private readonly long _litigationCostFen = Money.ToFen(ctx.P.LitigationCostYuan);
    // the court's findings depend on the party's care byte only, and the evidence on the delay only: both tabulated once
    private readonly double[] _negligence = Findings(ctx.P, ctx.P.DueCareStandard);
    private readonly double[] _gross = Findings(ctx.P, ctx.P.GrossNegligenceCare);
    private readonly double[] _evidence = Evidence(ctx.P);

    private static double[] Findings(ModelParameters p, double standard) =>
        [.. Enumerable.Range(0, 256).Select(b => p.CourtStandardSd <= 0 ? (b / 255.0 < standard ? 1.0 : 0.0)
            : MathNet.Numerics.Distributions.Normal.CDF(0, 1, (standard - b / 255.0) / p.CourtStandardSd))];

    private static double[] Evidence(ModelParameters p) => [.. Enumerable.Range(0, 4096).Select(age => Math.Pow(0.5, age / p.EvidenceHalfLifeDays))];

    /// <summary>Chance that the victim can name the party that caused the harm.</summary>
    public double IdentificationProbability(in HarmEvent e)
    {
        // Reversed causation and joint liability: every party that handled the data is presumed to have caused it.
        if (_regime.ReversedCausationBurden || _regime.JointAndSeveral) return 1.0;
        return e.Source switch
        {
            // a breach or an unlawful reuse could be any holder's; a subject who used its right of access there knows it held the data
            HarmSource.Breach or HarmSource.SecondaryUse => e.Accessed ? 1.0 : 1.0 / Math.Max(1, (int)e.Holders),
            HarmSource.FalseInformation when e.Party == PartyKind.User => _p.UserIdentificationProbability,
            _ => 1.0,
        };
    }

    /// <summary>
    /// Chance that causation is established; evidence fades with the time from the cause to the judgment (the harm's
    /// delay plus court_delay_days). A copy of the records obtained through the right of access keeps part of it.
    /// </summary>
    public double CausationProbability(in HarmEvent e, double literacy)
    {
        var age = Math.Max(0, e.DueTick - e.CauseTick) + Math.Max(0, _regime.CourtDelayDays);
        var evidence = age < _evidence.Length ? _evidence[age] : Math.Pow(0.5, age / _p.EvidenceHalfLifeDays);
        var victimProves = evidence * (_p.CausationProofBase + (1.0 - _p.CausationProofBase) * literacy);
        if (e.Accessed) victimProves += (1.0 - victimProves) * _p.AccessEvidenceGain;
        // Under a reversed burden the defendant must disprove causation; the true cause cannot (5% court error),
        // and the victim keeps whatever its own evidence would have given it.
        return _regime.ReversedCausationBurden ? Math.Max(ReversedBurdenFloor, victimProves) : victimProves;
    }

    /// <summary>Under a reversed causation burden the victim wins on causation at least this often (a fixed constant, docs/model.md §6).</summary>
    public const double ReversedBurdenFloor = 0.95;

    /// <summary>The liability rule that applies to the harm (sensitive information may have its own).</summary>
    public LiabilityRule RuleFor(in HarmEvent e) => e.Sensitive ? _regime.LiabilitySensitive : _regime.LiabilityGeneral;

    /// <summary>Chance that a court finds the party's care below the due-care standard (1 for intent).</summary>
    public double Negligence(in HarmEvent e) => e.Intentional ? 1.0 : _negligence[e.PartyCare];

    /// <summary>Chance that a court finds the party's care grossly negligent (1 for intent).</summary>
    public double GrossNegligence(in HarmEvent e) => e.Intentional ? 1.0 : _gross[e.PartyCare];

    /// <summary>Chance that liability is established under the rule: no fault 1; presumed fault unless rebutted; fault if proven.</summary>
    public double FaultProbability(in HarmEvent e, double literacy)
    {
        if (e.Intentional) return 1.0;
        var negligent = Negligence(e);
        return RuleFor(e) switch
        {
            LiabilityRule.NoFault => 1.0,
            // the processor must prove due care: only one that met the standard can, and then only sometimes
            LiabilityRule.PresumedFault => negligent + (1.0 - negligent) * (1.0 - _p.RebuttalSuccess),
            _ => negligent * (_p.FaultProofBase + (1.0 - _p.FaultProofBase) * literacy),
        };
    }

    /// <summary>The court's assessment of a claim: win probability, harm, and the findings on care given a win.</summary>
    public ClaimAssessment Assess(in HarmEvent e, double literacy)
    {
        var fault = FaultProbability(e, literacy);
        double negligentGivenWin, grossGivenWin;
        var (n, g) = (Negligence(e), GrossNegligence(e));
        if (e.Intentional) (negligentGivenWin, grossGivenWin) = (1.0, 1.0);
        else
        {
            (negligentGivenWin, grossGivenWin) = RuleFor(e) switch
            {
                LiabilityRule.NoFault => (n, g),
                LiabilityRule.PresumedFault => fault > 0 ? (n / fault, g / fault) : (0.0, 0.0),
                _ => (1.0, n > 0 ? g / n : 0.0),
            };
        }
        var seriousHarm = e.PropertyFen + e.MentalFen >= _seriousMentalFen;
        var punitive = _regime.HasPunitiveDamages
            ? PunitiveAward.Compute(e.PropertyFen > 0 ? e.PropertyFen : _licenceFeeFenPerRecord * Math.Max(1, e.Records), _regime)
            : 0;
        return new ClaimAssessment(IdentificationProbability(e) * CausationProbability(e, literacy) * fault, e.PropertyFen, e.MentalFen,
            e.MentalFen >= _seriousMentalFen, seriousHarm, negligentGivenWin, grossGivenWin, punitive, _regime.PunitiveThreshold == PunitiveThreshold.LightNegligence);
    }

    /// <summary>A harmed subject sues when the expected award exceeds the cost of suing; concern and literacy make suing likelier.</summary>
    public bool Sues(in ClaimAssessment a, double concern, double literacy) =>
        a.WinProbability * a.ExpectedAwardGivenWin * (0.5 + concern) * (0.5 + literacy) > _litigationCostFen;

    /// <summary>
    /// Splits a won award among the payers. Returns what is actually collected from (provider, deployer, user). Users are
    /// often judgment-proof and pay user_solvency of what they owe. Joint and several liability (the "vertical" spread of
    /// responsible parties) extends to compensatory damages: the provider pays the compensatory damages a user cannot,
    /// and half of a deployer's; punitive damages punish, and are owed only by the party whose conduct earned them.
    /// </summary>
    public (long Provider, long Deployer, long User) Split(in HarmEvent e, long compensatoryFen, long punitiveFen)
    {
        switch (e.Party)
        {
            case PartyKind.Provider:
                return (compensatoryFen + punitiveFen, 0, 0);
            case PartyKind.Deployer:
                if (_regime.JointAndSeveral)
                {
                    var providerShare = compensatoryFen / 2;
                    return (providerShare, compensatoryFen - providerShare + punitiveFen, 0);
                }
                return (0, compensatoryFen + punitiveFen, 0);
            default:
                var fromUser = (long)Math.Floor((compensatoryFen + punitiveFen) * _p.UserSolvency);
                return _regime.JointAndSeveral ? (Math.Max(0, compensatoryFen - fromUser), 0, fromUser) : (0, 0, fromUser);
        }
    }
}
