using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Harm (docs/model.md §3.16, Mechanisms/Harm.cs): amounts drawn when the cause happens (property and mental, by source),
/// suffered after 1 + ⌊Exp(harm_delay_mean_days)⌋ days, never counted when due after the horizon.
/// </summary>
public class HarmTests
{
    private const int N = 20_000;

    /// <summary>Each of n subjects suffers one cause at <paramref name="tick"/>; the harness is returned before anything is realised.</summary>
    private static MechanismHarness Caused(ModelParameters p, HarmSource source, bool sensitive = false, int ticks = 10, int tick = 0,
        Action<MechanismHarness>? setUp = null, int n = N)
    {
        var h = MechanismHarness.For("dynamic-balance", p, subjects: n, deployers: 1, ticks: ticks);
        setUp?.Invoke(h);
        h.Harm.BeginTick(tick);
        var party = source == HarmSource.Discrimination ? PartyKind.Deployer : PartyKind.Provider;
        for (var i = 0; i < n; i++) h.Harm.Cause(i, source, party, 0, 0, sensitive, false, 0.5, 1);
        return h;
    }

    /// <summary>The first tick on which each subject's harm was suffered (−1 if never), realising ticks 0 .. last.</summary>
    private static int[] SufferedOn(MechanismHarness h, int last)
    {
        var on = Enumerable.Repeat(-1, h.S.Count).ToArray();
        for (var t = 0; t <= last; t++)
        {
            h.Harm.Realise(t, h.Litigation);
            for (var i = 0; i < on.Length; i++) if (on[i] < 0 && h.S.HarmFen[i] > 0) on[i] = t;
        }
        return on;
    }

    /// <summary>
    /// The delay is 1 + ⌊X⌋ with X ~ Exp(mean m); ⌊X⌋ is geometric with q = exp(−1/m), so the delay has mean 1 + q/(1 − q)
    /// and variance q/(1 − q)². With m = 5 and 20,000 false-information harms (always positive) caused at tick 0 and a
    /// 400-tick horizon (P(delay ≥ 400) = q^399 is negligible): the mean delay within 4 standard errors, no harm on the
    /// cause tick, every harm suffered.
    /// </summary>
    [Fact]
    public void DelayMean_IsOnePlusFloorOfAnExponential()
    {
        const double m = 5;
        var h = Caused(new ModelParameters { HarmDelayMeanDays = m }, HarmSource.FalseInformation, ticks: 400);
        var on = SufferedOn(h, 399);
        Assert.All(on, t => Assert.True(t >= 1, $"a harm suffered on tick {t}, not after its cause on tick 0"));
        var q = Math.Exp(-1 / m);
        var mean = 1 + q / (1 - q);
        var se = Math.Sqrt(q / ((1 - q) * (1 - q)) / N);
        Assert.True(Math.Abs(on.Average() - mean) <= 4 * se, $"mean delay {on.Average():F3}, expected {mean:F3} +- 4 x {se:F3}");
    }

    /// <summary>
    /// Censoring: in a 30-tick run with mean delay 30, a harm caused on tick 0 is suffered within the run with probability
    /// P(1 + ⌊X⌋ ≤ 29) = 1 − q^29 (4 binomial standard errors); the others are never counted. The same draws in a
    /// 1,000-tick run give exactly the same harms up to tick 29, and more afterwards.
    /// </summary>
    [Fact]
    public void AHarmDueAfterTheHorizon_IsNeverRealised()
    {
        var p = new ModelParameters { HarmDelayMeanDays = 30 };
        var shortRun = Caused(p, HarmSource.FalseInformation, ticks: 30);
        var longRun = Caused(p, HarmSource.FalseInformation, ticks: 1_000);
        SufferedOn(shortRun, 29);
        SufferedOn(longRun, 29);
        Assert.Equal(longRun.S.HarmFen, shortRun.S.HarmFen);
        var q = Math.Exp(-1 / 30.0);
        MechanismHarness.WithinFourSe(shortRun.HarmedSubjects(), N, 1 - Math.Pow(q, 29), "harms suffered within 30 ticks");
        var within = longRun.S.HarmFen.Sum();
        longRun.Realise(30, 999);
        Assert.True(longRun.S.HarmFen.Sum() > within, "no harm was due after tick 29: the censoring check has no power");
        Assert.Equal(N, longRun.HarmedSubjects());
    }

    /// <summary>
    /// Breach and regurgitation amounts: mental harm only for a sensitive harm or a subject with private-marked items or an
    /// inferable trait, then with mental_harm_probability; property with the fraud probability; a harm of zero is dropped.
    /// Each case over 20,000 subjects, shares within 4 binomial standard errors.
    /// </summary>
    [Fact]
    public void BreachHarm_IsMentalOnlyForSensitivePrivateOrInferableSubjects()
    {
        var mentalOnly = new ModelParameters { FraudProbabilityGeneral = 0, FraudProbabilitySensitive = 0, HarmDelayMeanDays = 1e-9 };

        var plain = Caused(mentalOnly, HarmSource.Breach);
        plain.Realise(0, 1);
        Assert.Equal(0, plain.HarmedSubjects()); // neither property nor mental: nothing scheduled

        var marked = Caused(mentalOnly, HarmSource.Breach, setUp: h => { for (var i = 0; i < N; i++) h.Subject(i, general: 5, privateMarked: 1); });
        marked.Realise(0, 1);
        MechanismHarness.WithinFourSe(marked.HarmedSubjects(), N, mentalOnly.MentalHarmProbability, "mental harm, private-marked items");

        var inferable = Caused(mentalOnly, HarmSource.Regurgitation, setUp: h => { for (var i = 0; i < N; i++) h.Mark(i, 0, PairState.Inferable); });
        inferable.Realise(0, 1);
        MechanismHarness.WithinFourSe(inferable.HarmedSubjects(), N, mentalOnly.MentalHarmProbability, "mental harm, inferable trait");

        var sensitive = Caused(mentalOnly, HarmSource.Breach, sensitive: true);
        sensitive.Realise(0, 1);
        MechanismHarness.WithinFourSe(sensitive.HarmedSubjects(), N, mentalOnly.MentalHarmProbability, "mental harm, sensitive");
        Assert.Equal(0, sensitive.Tally[TallyField.HarmPropertyFen]);

        var fraud = Caused(new ModelParameters { FraudProbabilityGeneral = 0.25, HarmDelayMeanDays = 1e-9 }, HarmSource.Breach);
        fraud.Realise(0, 1);
        MechanismHarness.WithinFourSe(fraud.HarmedSubjects(), N, 0.25, "fraud, general");
        Assert.Equal(0, fraud.Tally[TallyField.HarmMentalFen]);
        Assert.Equal(fraud.Tally[TallyField.HarmPropertyFen], fraud.Tally[TallyField.HarmBreachFen]);
    }

    /// <summary>
    /// Medians of the log-normal amounts, over 20,000 harms each (4 binomial standard errors of the share below the median):
    /// fraud from sensitive data is fraud_median × sensitive_loss_multiplier; discrimination discrimination_median;
    /// false information always harms mentally with median mental_median.
    /// </summary>
    [Fact]
    public void Amounts_AreLogNormalWithTheDocumentedMedians()
    {
        var p = new ModelParameters { FraudProbabilitySensitive = 1, MentalHarmProbability = 0, FalseInfoPropertyProbability = 0, HarmDelayMeanDays = 1e-9 };
        void Check(HarmSource source, bool sensitive, double medianYuan)
        {
            var h = Caused(p, source, sensitive);
            h.Realise(0, 1);
            Assert.Equal(N, h.HarmedSubjects());
            var below = h.S.HarmFen.Count(f => f < Money.ToFen(medianYuan));
            MechanismHarness.WithinFourSe(below, N, 0.5, $"{source} harms below {medianYuan} yuan");
        }
        Check(HarmSource.Breach, true, p.FraudMedianYuan * p.SensitiveLossMultiplier);
        Check(HarmSource.Discrimination, false, p.DiscriminationMedianYuan);
        Check(HarmSource.FalseInformation, false, p.MentalMedianYuan);
    }
}
