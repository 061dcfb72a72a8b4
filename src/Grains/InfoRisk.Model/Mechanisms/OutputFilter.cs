using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("filter_cost_yuan_per_query")]
    [Parameter(99, 0, 1e12, Unit = "yuan/query", Meaning = "Cost of the output filter per query at full strength", Source = "assumption")]
    public double FilterCostYuanPerQuery { get; init; } = 0.004;

    [JsonPropertyName("filter_quality_cost")]
    [Parameter(117, 0, 1, Unit = "share", Meaning = "Share of answer quality a full-strength output filter withholds (care is not free)", Source = "assumption: refusals and redactions cost a tenth of usefulness at full strength")]
    public double FilterQualityCost { get; init; } = 0.1;
}

/// <summary>
/// The output filter, a lever (docs/model.md §3.28). Paper 二(一): 「则会拒绝回答用户的请求」 (the model refuses requests that
/// fail its ethics review); 二(二)1: scraping 「缺乏必要的筛选与过滤机制」. Strength f cuts regurgitation by (1 − f)
/// (<see cref="Regurgitation"/>) and hallucinations by (1 − f × filter_factuality_efficacy) (<see cref="FalseInformation"/>),
/// costs the provider per query, and withholds some useful answers (<see cref="Adoption.EffectiveQuality"/>). The lever
/// is the legal minimum strength; each provider chooses its own (<see cref="ProviderStrategy"/>).
/// </summary>
public static class OutputFilter
{
    public static double CostYuan(ModelParameters p, double strength, double queries) => queries * p.FilterCostYuanPerQuery * strength;
}
