using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("risk_assessment_cost_yuan_subject_day")]
    [Parameter(98, 0, 1e12, Unit = "yuan/subject/day", Meaning = "Cost of ex-ante risk assessment per held subject and day at grade 2 (uniform assessment); grade 1 pays a quarter of it, grade 3 twice", Source = "assumption: the first version's 100 yuan a day for a provider holding about 20,000 subjects, made proportional to the subjects held")]
    public double RiskAssessmentCostYuanSubjectDay { get; init; } = 0.005;

    [JsonPropertyName("risk_grade_medium_people")]
    [Parameter(123, 0, 1e12, Unit = "people", Meaning = "Under graded risk assessment, a provider holding data on at least this many represented people is graded 2 (medium)", Source = "CAC Measures for the Security Assessment of Outbound Data Transfers (2022) art. 4: 100,000 people's personal information triggers the assessment")]
    public double RiskGradeMediumPeople { get; init; } = 100_000;

    [JsonPropertyName("risk_grade_high_people")]
    [Parameter(124, 0, 1e12, Unit = "people", Meaning = "Under graded risk assessment, a provider holding data on at least this many represented people is graded 3 (high)", Source = "CAC Measures for the Security Assessment of Outbound Data Transfers (2022) art. 4: processors of 1 million people's personal information")]
    public double RiskGradeHighPeople { get; init; } = 1_000_000;
}

/// <summary>
/// Ex-ante risk assessment and grading, a cross-cutting lever (docs/model.md §3.27). Paper 四(一):
/// 「在风险识别基础上,需要准确评估风险的大小,并按照一定的标准将风险划分为不同的等级,据此提供与之相适应的规制措施」
/// (assess the size of the risk, grade it, and match the measures to the grade) and
/// 「措施的相称性要求拟采取的预防措施必须与生成式人工智能可能造成的风险相匹配」. A provider's grade is 0 without
/// assessment, 2 for everyone under uniform assessment, and under graded assessment 1, 2 or 3 by how many represented
/// people's data it holds (held subjects ÷ the sample fraction, so the grade does not depend on how many subjects are
/// simulated). From grade 2 the duties apply: no sensitive items are scraped without consent (<see cref="Scraping"/>),
/// sensitive records are kept out of training (<see cref="Memorisation"/>); deployers ask consent for sensitive ingestion
/// whenever there is assessment (<see cref="DeployerIngestion"/>: deployers in sensitive sectors are high-risk uses).
/// Secondary-use violations (<see cref="SecondaryUse"/>), the provider's cost and, under graded assessment, the audit
/// rate (<see cref="Audits"/>) scale with the grade.
/// </summary>
public static class RiskAssessment
{
    /// <summary>The grade whose duties uniform assessment imposes on everyone.</summary>
    public const int UniformGrade = 2;

    /// <summary>A provider's risk grade (0: no assessment) from the subjects it holds.</summary>
    public static int Grade(ModelContext ctx, long heldSubjects)
    {
        switch (ctx.Regime.RiskAssessment)
        {
            case RiskAssessmentMode.None: return 0;
            case RiskAssessmentMode.Uniform: return UniformGrade;
        }
        var people = heldSubjects / Math.Max(1e-12, ctx.SampleFraction);
        return people >= ctx.P.RiskGradeHighPeople ? 3 : people >= ctx.P.RiskGradeMediumPeople ? 2 : 1;
    }

    /// <summary>Whether the hard duties (no unconsented sensitive items, sensitive data out of training) apply at a grade.</summary>
    public static bool DutiesApply(int grade) => grade >= UniformGrade;

    /// <summary>Secondary-use violations are this factor of what they would be without assessment (fixed constants, docs/model.md §6).</summary>
    public static double ViolationFactor(int grade) => grade switch
    {
        0 => 1.0,
        1 => 0.6,
        2 => 0.3,
        _ => 0.1,
    };

    /// <summary>The assessment's cost at a grade, relative to grade 2.</summary>
    public static double CostFactor(int grade) => grade switch
    {
        0 => 0.0,
        1 => 0.25,
        2 => 1.0,
        _ => 2.0,
    };

    /// <summary>Audits are this factor more frequent at a grade (graded supervision; 1 at grade 0 and 2).</summary>
    public static double AuditFactor(int grade) => grade switch
    {
        1 => 0.5,
        3 => 2.0,
        _ => 1.0,
    };

    /// <summary>A provider's daily cost of assessment at a grade, for the subjects it holds.</summary>
    public static double DailyCostYuan(ModelContext ctx, int grade, long heldSubjects) =>
        CostFactor(grade) * ctx.P.RiskAssessmentCostYuanSubjectDay * heldSubjects;
}
