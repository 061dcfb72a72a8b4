using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("risk_assessment_cost_yuan_day")]
    [Parameter(98, 0, 1e12, Unit = "yuan/day", Meaning = "A provider's daily cost of ex-ante risk assessment", Source = "assumption")]
    public double RiskAssessmentCostYuanDay { get; init; } = 100.0;
}

/// <summary>
/// Ex-ante risk assessment and grading, a cross-cutting lever (docs/model.md §3.27). Paper 四(一):
/// 「措施的相称性要求拟采取的预防措施必须与生成式人工智能可能造成的风险相匹配」 (precautions must match the risks) and the
/// abstract: 「需要构建事前风险预防与事后损害赔偿的协同救济机制」. Where the regime requires it: no sensitive items are
/// scraped without consent (<see cref="Scraping"/>), deployers ask consent for sensitive ingestion
/// (<see cref="DeployerIngestion"/>), sensitive records are kept out of training (<see cref="Memorisation"/>), secondary-use
/// violations are cut (<see cref="SecondaryUse"/>), and the provider pays the cost below.
/// </summary>
public static class RiskAssessment
{
    /// <summary>Secondary-use violations are this factor under risk assessment (a fixed constant, docs/model.md §6).</summary>
    public const double SecondaryUseFactor = 0.3;

    public static double DailyCostYuan(ModelContext ctx) => ctx.Regime.RiskAssessment ? ctx.P.RiskAssessmentCostYuanDay : 0.0;
}
