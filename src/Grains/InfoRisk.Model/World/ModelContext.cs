using InfoRisk.Model.Configuration;
using InfoRisk.Model.Population;

namespace InfoRisk.Model.World;

/// <summary>
/// The read-only context of one run, shared by every model object of that run in a process: the spec and what is
/// derived from it once (the quasi-identifier tables, re-identification against the represented population and the
/// trait quantiles). Building it costs a few milliseconds.
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
    public Reidentification Reidentification { get; }

    /// <summary>Simulated subjects per person represented (N / P, at most 1): the scale of amounts fixed per firm.</summary>
    public double SampleFraction { get; }
    public SubjectTraits Traits { get; }
    public double[] Concern => Traits.ConcernLevels;
    public double[] Literacy => Traits.LiteracyLevels;

    /// <summary>
    /// Whether subject cohorts skip to the next event of each hazard-driven mechanism (docs/model.md §8) rather than draw a
    /// Bernoulli per subject and tick: always, unless the spec asks for the per-tick reference or the run is too long for
    /// the calendar's 16-bit ticks.
    /// </summary>
    public bool EventSkipping => !Spec.PerTickReference && Spec.Ticks < ushort.MaxValue;

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
        var represents = Math.Max(spec.Population.Represents, spec.Population.Subjects);
        Reidentification = new Reidentification(Qi, represents, spec.Regime.KAnonymity);
        SampleFraction = Subjects / (double)Math.Max(1, represents);
        Traits = new SubjectTraits(P, Qi);
    }

    /// <summary>The user u of the run is the data subject with this id (users are also data subjects).</summary>
    public int SubjectOfUser(int user) => (int)((long)user * Subjects / Math.Max(1, Spec.Population.Users));
}

/// <summary>Money helpers: the model keeps money as integer fen (1 yuan = 100 fen).</summary>
public static class Money
{
    public static long ToFen(double yuan) => (long)Math.Round(yuan * 100.0, MidpointRounding.AwayFromZero);

    public static double ToYuan(long fen) => fen / 100.0;
}
