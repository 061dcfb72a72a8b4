using InfoRisk.Model.Configuration;
using InfoRisk.Model.Population;

namespace InfoRisk.Model.World;

/// <summary>
/// The read-only context of one run, shared by every model object of that run in a process:
/// the spec, derived constants and lookup tables. Building it costs a few milliseconds.
/// </summary>
public sealed class ModelContext
{
    public RunSpec Spec { get; }
    public ModelParameters P { get; }
    public Regime Regime { get; }
    public ulong Seed { get; }
    public int Providers { get; }
    public int Deployers { get; }
    public int Subjects { get; }
    public QuasiIdentifiers Qi { get; }
    public SubjectTraits Traits { get; }
    public double[] Concern => Traits.ConcernLevels;
    public double[] Literacy => Traits.LiteracyLevels;

    /// <summary>Chance that a pseudonym is linked back to its identity after a breach.</summary>
    public double Linkage { get; }

    /// <summary>Log-normal location parameters (ln of the medians).</summary>
    public double FraudMu { get; }
    public double MentalMu { get; }
    public double IntrusionMu { get; }
    public double DiscriminationMu { get; }

    public long LitigationCostFen { get; }
    public long LicenceFeeFenPerRecord { get; }
    public long SeriousMentalFen { get; }

    /// <summary>Memorisation probability of a record whose subject has <c>dup</c> training records at a provider, indexed by dup (0..255).</summary>
    public double[] MemorizationByDuplication { get; }

    public ModelContext(RunSpec spec)
    {
        Spec = spec;
        P = spec.Parameters;
        Regime = spec.Regime;
        Seed = spec.Seed;
        Providers = spec.Population.Providers;
        Deployers = spec.Population.Deployers;
        Subjects = spec.Population.Subjects;
        Qi = new QuasiIdentifiers(P);
        Traits = new SubjectTraits(P, Qi);
        Linkage = Regime.SeparateIdentifierStorage ? P.LinkageIdentifiersApart : P.LinkageIdentifiersTogether;
        FraudMu = Math.Log(P.FraudMedianYuan);
        MentalMu = Math.Log(P.MentalMedianYuan);
        IntrusionMu = Math.Log(P.IntrusionMedianYuan);
        DiscriminationMu = Math.Log(P.DiscriminationMedianYuan);
        LitigationCostFen = Money.ToFen(P.LitigationCostYuan);
        LicenceFeeFenPerRecord = Money.ToFen(P.LicenceFeeYuanPerRecord);
        SeriousMentalFen = Money.ToFen(P.SeriousMentalHarmYuan);
        MemorizationByDuplication = new double[256];
        var sizeFactor = 1.0 + P.MemorizationSizeSlope * Math.Log(P.ModelSizeBillion / 6.0);
        for (var dup = 1; dup < 256; dup++)
        {
            var pm = P.MemorizationBase * (1.0 + P.MemorizationDuplicationSlope * Math.Log(dup)) * sizeFactor;
            MemorizationByDuplication[dup] = Math.Clamp(pm, 0.0, 1.0);
        }
    }

    /// <summary>The user u of the run is the data subject with this id (users are also data subjects).</summary>
    public int SubjectOfUser(int user) => (int)((long)user * Subjects / Math.Max(1, Spec.Population.Users));

    /// <summary>Chance that a subject agrees to processing, given service quality and concern (logistic).</summary>
    public double AgreeProbability(double quality, double concern) =>
        1.0 / (1.0 + Math.Exp(-(P.ConsentIntercept + P.ConsentValueWeight * quality - P.ConsentConcernWeight * concern)));

    /// <summary>Chance that a consent is informed: grows with notice clarity and literacy.</summary>
    public double InformedProbability(double literacy) => Regime.NoticeClarity * (0.3 + 0.7 * literacy);
}

/// <summary>Money helpers: the model keeps money as integer fen (1 yuan = 100 fen).</summary>
public static class Money
{
    public static long ToFen(double yuan) => (long)Math.Round(yuan * 100.0, MidpointRounding.AwayFromZero);

    public static double ToYuan(long fen) => fen / 100.0;
}
