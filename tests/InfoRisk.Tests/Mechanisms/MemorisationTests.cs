using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Training and memorisation (docs/model.md §3.9, Mechanisms/Memorisation.cs): trainable records (none if restricted,
/// sensitive ones only without risk assessment, at most 255) are the duplication count d, Binomial(d, p_m(d)) of them are
/// memorised with p_m log-linear in d and model size (Carlini et al. 2023), replacing the last epoch's count.
/// </summary>
public class MemorisationTests
{
    /// <summary>
    /// With memorization_base = 1, p_m(d) = 1 for every d ≥ 1, so exactly the trainable records are memorised: general +
    /// sensitive; general only under risk assessment; none for a restricted pair; at most 255. The count replaces the
    /// previous epoch's (set to 200 and 7 beforehand), and training records (all, and the protected subjects') are tallied.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Train_MemorisesOutOfTheTrainableRecords_AndReplacesTheLastCount(bool riskAssessment)
    {
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { MemorizationBase = 1.0 }, subjects: 4, levers: r => r with { RiskAssessment = riskAssessment ? RiskAssessmentMode.Uniform : RiskAssessmentMode.None });
        h.Hold(0, 0, 5, 3);
        h.Hold(1, 0, 5, 3);
        h.Mark(1, 0, PairState.Restricted);
        h.Hold(2, 0, 200, 100);
        h.Subject(3, isProtected: true);
        h.Hold(3, 0, 2, 1);
        h.S.Memorized[h.Pair(0, 0)] = 200;
        h.S.Memorized[h.Pair(1, 0)] = 7;
        h.Memorisation.Train(h.World(0));

        var expected = riskAssessment ? new[] { 5, 0, 200, 2 } : [8, 0, 255, 3];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], h.S.Memorized[h.Pair(i, 0)]);
        Assert.Equal(expected.Sum(), h.Tally.Provider(0, ProviderField.TrainingRecords));
        Assert.Equal(expected[3], h.Tally.Provider(0, ProviderField.ProtectedTrainingRecords));
    }

    [Fact]
    public void Train_WithZeroMemorisation_ForgetsWhatWasMemorised()
    {
        var h = MechanismHarness.For("use-first", new ModelParameters { MemorizationBase = 0 }, subjects: 1);
        h.Hold(0, 0, 50, 5);
        h.S.Memorized[0] = 7;
        h.Memorisation.Train(h.World(30));
        Assert.Equal(0, h.S.Memorized[0]);
        Assert.Equal(55, h.Tally.Provider(0, ProviderField.TrainingRecords));
    }

    /// <summary>
    /// 20,000 pairs with d = 8 trainable records at memorization_base 0.03: memorised records total Σ d p_m(d) with
    /// p_m(8) = 0.03 (1 + 0.5 ln 8), variance Σ d p (1 − p). Tolerance 4 standard errors.
    /// </summary>
    [Fact]
    public void Train_MemorisesBinomialDTimesPmOfD()
    {
        const int n = 20_000;
        var p = new ModelParameters { MemorizationBase = 0.03 };
        var h = MechanismHarness.For("use-first", p, subjects: n);
        for (var i = 0; i < n; i++) h.Hold(i, 0, 6, 2);
        h.Memorisation.Train(h.World(0));
        var pm = 0.03 * (1 + 0.5 * Math.Log(8));
        var observed = h.S.Memorized.Sum(m => (long)m);
        MechanismHarness.WithinFourSe(observed, 8L * n, pm, "records memorised");
    }

    // ------------------------------------------------------------------ the memorisation table, and whole training epochs

    [Fact]
    public void MemorisationProbability_IsLogLinearInDuplicationAndModelSize()
    {
        var p = new ModelParameters();
        var ctx = new ModelContext(Spec("dynamic-balance", 10, 1, parameters: p));
        // Carlini et al. 2023: a 6B model memorises about 1% of its (unduplicated) training data
        Assert.Equal(0.01, Memorisation.Table(ctx.P)[1], 12);
        Assert.Equal(0.0, Memorisation.Table(ctx.P)[0]);
        foreach (var dup in new[] { 2, 8, 50, 255 })
            Assert.Equal(p.MemorizationBase * (1 + p.MemorizationDuplicationSlope * Math.Log(dup)), Memorisation.Table(ctx.P)[dup], 12);
        for (var dup = 2; dup < 256; dup++)
            Assert.True(Memorisation.Table(ctx.P)[dup] > Memorisation.Table(ctx.P)[dup - 1], $"not increasing at duplication {dup}");
        var big = new ModelContext(Spec("dynamic-balance", 10, 1, parameters: p with { ModelSizeBillion = 60 }));
        Assert.Equal(0.01 * (1 + 0.3 * Math.Log(10)), Memorisation.Table(big.P)[1], 12);
    }

    /// <summary>
    /// Memorised counts against the memorisation probability, through whole training epochs. With deletion and restriction
    /// switched off, every record a subject has at a provider at a training tick is trainable, and the number memorised is
    /// Binomial(h, pm(h)) with h = min(records, 255) and pm = ModelContext.MemorizationByDuplication. The records_memorized stock
    /// after training ticks 30 and 60 is compared with sum h pm(h) over (subject, provider) pairs read from the cohorts;
    /// tolerance 4 standard errors, sqrt(sum h pm (1 - pm)). Between training ticks the stock must not change.
    /// </summary>
    [Fact]
    public async Task MemorisedRecords_AgreeWithTheMemorisationProbability()
    {
        // firms that only comply train on all they hold: the test is about memorisation, not about their choices
        var parameters = new ModelParameters { DeletionPropensity = 0, RestrictionPropensity = 0, RestrictionAfterFalseInfo = 0, MemorizationBase = 0.03, FirmBehaviour = FirmBehaviour.Compliance };
        var spec = Spec("use-first", 4_000, 1_200, seed: 21, ticks: 61, cohortSize: 1_500, parameters: parameters);
        var ctx = new ModelContext(spec);
        var parts = new PlainRunParts(spec);
        var protocol = new RunProtocol(spec, parts);
        await protocol.InitialiseAsync();

        var rows = new List<TickRow>();
        double expected = 0, variance = 0;
        long observed = 0;
        foreach (var upTo in new[] { 31, 61 })
        {
            rows.AddRange(await protocol.AdvanceAsync(upTo - rows.Count));
            var trainingRow = rows[upTo - 1];
            Assert.True(RunProtocol.IsTrainingTick(spec, trainingRow.Tick), $"tick {trainingRow.Tick} is not a training tick");
            foreach (var cohort in parts.SubjectCohorts)
            {
                for (var i = 0; i < cohort.Count; i++)
                {
                    for (var p = 0; p < spec.Population.Providers; p++)
                    {
                        var h = Math.Min(255, cohort.HeldRecords(i, p));
                        var pm = Memorisation.Table(ctx.P)[h];
                        expected += h * pm;
                        variance += h * pm * (1 - pm);
                    }
                }
            }
            observed += trainingRow.Values[Metric.RecordsMemorized];
        }
        Assert.True(expected > 500, $"only {expected:F0} records expected to be memorised: the check has no power");
        var se = Math.Sqrt(variance);
        Assert.True(Math.Abs(observed - expected) <= 4 * se, $"memorised {observed}, expected {expected:F1} +- 4 x {se:F1}");

        for (var t = 31; t < 60; t++)
            Assert.True(rows[t].Values[Metric.RecordsMemorized] == rows[30].Values[Metric.RecordsMemorized], $"memorised stock changed at tick {t} between training ticks");
    }
}
