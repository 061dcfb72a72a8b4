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

/// <summary>The outcome of a claim as the court would decide it, before the random draw.</summary>
public readonly record struct ClaimAssessment(double WinProbability, long CompensatoryFen, long PunitiveFen)
{
    public long AwardFen => CompensatoryFen + PunitiveFen;
}

/// <summary>
/// Tort liability for personal-information harm: who must prove what (fault, presumed fault, no-fault;
/// causation burden; naming the wrongdoer), which damages are due (compensatory, mental, punitive), and who pays
/// (sole or joint and several liability). Pure functions of the regime, the parameters and the event.
/// </summary>
public sealed class LiabilityRules(ModelContext ctx)
{
    private readonly Regime _regime = ctx.Regime;
    private readonly ModelParameters _p = ctx.P;
    private readonly long _seriousMentalFen = Money.ToFen(ctx.P.SeriousMentalHarmYuan);
    private readonly long _licenceFeeFenPerRecord = Money.ToFen(ctx.P.LicenceFeeYuanPerRecord);
    private readonly long _litigationCostFen = Money.ToFen(ctx.P.LitigationCostYuan);

    /// <summary>Chance that the victim can name the party that caused the harm.</summary>
    public double IdentificationProbability(in HarmEvent e)
    {
        // Reversed causation and joint liability: every party that handled the data is presumed to have caused it.
        if (_regime.ReversedCausationBurden || _regime.JointAndSeveral) return 1.0;
        return e.Source switch
        {
            HarmSource.Breach => 1.0 / Math.Max(1, (int)e.Holders),
            HarmSource.FalseInformation when e.Party == PartyKind.User => _p.UserIdentificationProbability,
            _ => 1.0,
        };
    }

    /// <summary>Chance that causation is established; evidence fades with the time since the cause.</summary>
    public double CausationProbability(in HarmEvent e, double literacy)
    {
        var age = Math.Max(0, e.DueTick - e.CauseTick);
        var evidence = Math.Pow(0.5, age / _p.EvidenceHalfLifeDays);
        var victimProves = evidence * (_p.CausationProofBase + (1.0 - _p.CausationProofBase) * literacy);
        // Under a reversed burden the defendant must disprove causation; the true cause cannot (5% court error),
        // and the victim keeps whatever its own evidence would have given it.
        return _regime.ReversedCausationBurden ? Math.Max(0.95, victimProves) : victimProves;
    }

    /// <summary>The liability rule that applies to the harm (sensitive information may have its own).</summary>
    public LiabilityRule RuleFor(in HarmEvent e) => e.Sensitive ? _regime.LiabilitySensitive : _regime.LiabilityGeneral;

    /// <summary>Chance that fault is established (or need not be).</summary>
    public double FaultProbability(in HarmEvent e, double literacy)
    {
        if (e.Intentional) return 1.0;
        var security = e.PartySecurity / 255.0;
        return RuleFor(e) switch
        {
            LiabilityRule.NoFault => 1.0,
            // The processor must prove it was not at fault: a well-secured one often can.
            LiabilityRule.PresumedFault => 1.0 - 0.5 * security,
            _ => (1.0 - security) * (_p.FaultProofBase + (1.0 - _p.FaultProofBase) * literacy),
        };
    }

    public bool GrosslyNegligent(in HarmEvent e) => e.Intentional || e.PartySecurity / 255.0 < _p.GrossNegligenceSecurity;

    public bool Negligent(in HarmEvent e) => e.Intentional || e.PartySecurity / 255.0 < _p.LightNegligenceSecurity;

    /// <summary>Compensatory damages: the property loss, plus mental damages for serious harm or gross fault.</summary>
    public long Compensatory(in HarmEvent e)
    {
        var mentalDue = e.MentalFen >= _seriousMentalFen || GrosslyNegligent(e);
        return e.PropertyFen + (mentalDue ? e.MentalFen : 0);
    }

    /// <summary>Punitive damages where the regime has them and the fault threshold is met.</summary>
    public long Punitive(in HarmEvent e)
    {
        if (!_regime.HasPunitiveDamages) return 0;
        bool eligible;
        if (_regime.PunitiveThreshold == PunitiveThreshold.LightNegligence)
        {
            eligible = Negligent(e);
        }
        else
        {
            var serious = e.PropertyFen + e.MentalFen >= _seriousMentalFen;
            eligible = GrosslyNegligent(e) && serious;
        }
        if (!eligible) return 0;
        var baseFen = e.PropertyFen > 0 ? e.PropertyFen : _licenceFeeFenPerRecord * Math.Max(1, e.Records);
        return PunitiveAward.Compute(baseFen, _regime);
    }

    public ClaimAssessment Assess(in HarmEvent e, double literacy) =>
        new(IdentificationProbability(e) * CausationProbability(e, literacy) * FaultProbability(e, literacy),
            Compensatory(e), Punitive(e));

    /// <summary>A harmed subject sues when the expected award exceeds the cost of suing; concern and literacy make suing likelier.</summary>
    public bool Sues(in ClaimAssessment a, double concern, double literacy)
    {
        var expected = a.WinProbability * a.AwardFen * (0.5 + concern) * (0.5 + literacy);
        return expected > _litigationCostFen;
    }

    /// <summary>
    /// Splits a won award among the payers. Returns what is actually collected from (provider, deployer, user):
    /// users are often judgment-proof; under joint and several liability the provider pays what a user cannot,
    /// and shares a deployer's liability (the "vertical" spread of responsible parties).
    /// </summary>
    public (long Provider, long Deployer, long User) Split(in HarmEvent e, long awardFen)
    {
        switch (e.Party)
        {
            case PartyKind.Provider:
                return (awardFen, 0, 0);
            case PartyKind.Deployer:
                if (_regime.JointAndSeveral)
                {
                    var providerShare = awardFen / 2;
                    return (providerShare, awardFen - providerShare, 0);
                }
                return (0, awardFen, 0);
            default:
                var fromUser = (long)Math.Floor(awardFen * _p.UserSolvency);
                return _regime.JointAndSeveral ? (awardFen - fromUser, 0, fromUser) : (0, 0, fromUser);
        }
    }
}

/// <summary>What a processor expects a breach to cost it in liability, read from the rules themselves.</summary>
public static class ExpectedLiability
{
    /// <summary>
    /// Expected liability (yuan) per exposed record for a processor at the given security level, for a representative
    /// subject (median concern and literacy) whose records are identified, given the regime's liability rules.
    /// Used by adaptation: a processor that faces stricter rules buys more security.
    /// </summary>
    public static double PerExposedRecordYuan(ModelContext ctx, double security, bool sensitive, double recordsPerSubject)
    {
        var p = ctx.P;
        var rules = new LiabilityRules(ctx);
        var lognormalMean = Math.Exp(p.FraudSigma * p.FraudSigma / 2);
        var mentalMean = Math.Exp(p.MentalSigma * p.MentalSigma / 2);
        var pFraud = sensitive ? p.FraudProbabilitySensitive : p.FraudProbabilityGeneral;
        var loss = p.FraudMedianYuan * lognormalMean * (sensitive ? p.SensitiveLossMultiplier : 1.0);
        var mental = p.MentalMedianYuan * mentalMean;
        var delay = (int)Math.Round(p.HarmDelayMeanDays);
        var e = new HarmEvent
        {
            Source = HarmSource.Breach,
            Party = PartyKind.Provider,
            Sensitive = sensitive,
            CauseTick = 0,
            DueTick = delay,
            Holders = 2,
            PartySecurity = HarmEvent.SecurityLevel(security),
            Records = (int)Math.Max(1, recordsPerSubject),
            PropertyFen = Money.ToFen(loss),
            MentalFen = Money.ToFen(mental),
        };
        var assessment = rules.Assess(e, 0.4);
        if (!rules.Sues(assessment, 0.5, 0.4)) return 0.0;
        var harmChance = pFraud + p.MentalHarmProbability * (sensitive ? 1.0 : 0.3);
        return harmChance * assessment.WinProbability * Money.ToYuan(assessment.AwardFen) / Math.Max(1.0, recordsPerSubject);
    }
}
