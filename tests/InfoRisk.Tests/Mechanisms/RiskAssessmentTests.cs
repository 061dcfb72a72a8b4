using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Ex-ante risk assessment (docs/model.md §3.27, Mechanisms/RiskAssessment.cs): grades, their cost, and the effects of the
/// duties, each checked by switching only the risk_assessment lever of use-first (free scraping, opt_out sensitive consent).
/// </summary>
public class RiskAssessmentTests
{
    private static ModelContext Context(RiskAssessmentMode mode, int subjects = 1_000, long represents = 14_000_000) =>
        new(MechanismHarness.Spec(RegimeCatalog.Get("use-first") with { RiskAssessment = mode }, subjects: subjects, represents: represents));

    /// <summary>
    /// Grades: 0 without assessment; 2 for everyone under uniform assessment; under graded assessment by the represented
    /// people whose data the provider holds (1,000 subjects for 14 million people: each subject stands for 14,000): 7
    /// subjects (98,000 people) grade 1, 8 (112,000) grade 2, 71 (994,000) grade 2, 72 (1,008,000) grade 3. The same
    /// people at another sample size give the same grade.
    /// </summary>
    [Fact]
    public void Grades_FollowTheRepresentedPeopleHeld()
    {
        Assert.Equal(0, RiskAssessment.Grade(Context(RiskAssessmentMode.None), 500));
        Assert.Equal(2, RiskAssessment.Grade(Context(RiskAssessmentMode.Uniform), 0));
        var graded = Context(RiskAssessmentMode.Graded);
        Assert.Equal([1, 2, 2, 3], new long[] { 7, 8, 71, 72 }.Select(h => RiskAssessment.Grade(graded, h)));
        Assert.Equal(2, RiskAssessment.Grade(Context(RiskAssessmentMode.Graded, subjects: 10_000), 80));   // 112,000 people
        Assert.Equal(3, RiskAssessment.Grade(Context(RiskAssessmentMode.Graded, subjects: 10_000), 720));  // 1,008,000 people
    }

    /// <summary>
    /// The daily cost is per held subject (0.005 yuan at grade 2): 2,000 held subjects cost 10 yuan at grade 2, a quarter
    /// at grade 1, twice at grade 3, nothing without assessment. Duties apply from grade 2; violations fall to 0.6, 0.3, 0.1.
    /// </summary>
    [Fact]
    public void Cost_AndDuties_ScaleWithTheGrade()
    {
        var ctx = Context(RiskAssessmentMode.Graded);
        Assert.Equal([0.0, 2.5, 10.0, 20.0], Enumerable.Range(0, 4).Select(g => RiskAssessment.DailyCostYuan(ctx, g, 2_000)));
        Assert.Equal([false, false, true, true], Enumerable.Range(0, 4).Select(RiskAssessment.DutiesApply));
        Assert.Equal([1.0, 0.6, 0.3, 0.1], Enumerable.Range(0, 4).Select(RiskAssessment.ViolationFactor));
    }

    /// <summary>
    /// The same subject (8 general, 2 sensitive items; asked and refused) and the same customer in a sensitive sector, with
    /// and without uniform risk assessment: without it the sensitive items are scraped, ingested and trained on and secondary
    /// use is not cut; with it none of the sensitive items is scraped or ingested without consent, sensitive records held
    /// are kept out of training, and secondary-use violations fall to ⌊0.3 ×⌋. Under graded assessment a grade-1 provider
    /// (the harness's providers hold nobody yet) is exempt from the duties on scraping and training.
    /// </summary>
    [Theory]
    [InlineData(RiskAssessmentMode.None)]
    [InlineData(RiskAssessmentMode.Uniform)]
    [InlineData(RiskAssessmentMode.Graded)]
    public void RiskAssessment_BlocksUnconsentedSensitiveProcessing_AndCutsSecondaryUse(RiskAssessmentMode mode)
    {
        var p = new ModelParameters { ScrapeRatePerDay = 1, MemorizationBase = 1, ConsentIntercept = -50, ConsentConcernWeight = 0, ConsentValueWeight = 0 };
        var h = MechanismHarness.For("use-first", p, subjects: 2, deployers: 1, levers: r => r with { RiskAssessment = mode });
        var duties = mode == RiskAssessmentMode.Uniform;
        h.Subject(0, general: 8, sensitive: 2);
        h.Customer(1, 0, 0, start: 0); // deployer 0: Finance, a sensitive sector
        var world = h.World(0);
        Assert.Equal(mode switch { RiskAssessmentMode.None => 0, RiskAssessmentMode.Uniform => 2, _ => 1 }, world.Providers[0].RiskGrade);
        h.Scraping.Run(world);
        h.Ingestion.Run(world);
        Assert.Equal(duties ? 0 : 2, h.S.HeldSensitive[h.Pair(0, 0)]);
        Assert.Equal(8, h.S.HeldGeneral[h.Pair(0, 0)]);
        // deployers in sensitive sectors are high-risk uses: they ask consent under either form of assessment
        Assert.Equal(mode != RiskAssessmentMode.None ? CustomerState.Held0 : CustomerState.Held0 | CustomerState.Sensitive0, h.S.Customer[1]);

        h.Hold(1, 0, 3, 4);
        h.Memorisation.Train(h.World(0));
        Assert.Equal(duties ? 3 : 7, h.S.Memorized[h.Pair(1, 0)]);

        var grade = world.Providers[0].RiskGrade;
        var reuse = new SecondaryUse(h.Ctx).Reuse(20_000, 1.0, compliance: true, 0, grade); // use-first allows all reuse: no violation either way
        Assert.Equal(0, reuse.Violations);
        var strict = new SecondaryUse(new ModelContext(MechanismHarness.Spec(h.Regime with { PurposeLimitation = PurposeLimitation.Strict }))).Reuse(20_000, 1.0, compliance: true, 0, grade);
        Assert.Equal(mode switch { RiskAssessmentMode.None => 200, RiskAssessmentMode.Uniform => 60, _ => 120 }, strict.Violations);
    }
}
