using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("pretraining_records_per_subject")]
    [Parameter(48, 0, 1e12, Unit = "records/subject", Meaning = "Licensed or other training data, per subject, before any personal data", Source = "assumption: licensed or other data give q ≈ 0.39 before any personal data")]
    public double PretrainingRecordsPerSubject { get; init; } = 5.0;

    [JsonPropertyName("quality_scale_records_per_subject")]
    [Parameter(49, 0, 1e12, Unit = "records/subject", Meaning = "Scale of diminishing returns: q = 1 - exp(-(pretraining + training) / (scale x N))", Source = "assumption: diminishing returns; in `experiments/regimes.json` q ends the year at about 0.78-0.98 depending on the regime")]
    public double QualityScaleRecordsPerSubject { get; init; } = 10.0;

    [JsonPropertyName("anonymisation_quality_loss")]
    [Parameter(119, 0, 1, Unit = "share", Meaning = "Share of the training value of records lost when they are anonymised (generalised quasi-identifiers)", Source = "assumption: generalisation removes detail models learn from")]
    public double AnonymisationQualityLoss { get; init; } = 0.3;
}

/// <summary>
/// Model quality (docs/model.md §3.11). Paper 二(二) lead: 「训练数据规模越大,则生成式人工智能的生成内容质量就越高」
/// (the larger the training data, the better the output). q = 1 − exp(−(pretraining × N + training records) / (scale × N)),
/// refreshed on training ticks; quality drives adoption, consent and service value.
/// </summary>
public static class ModelQuality
{
    public static double Of(ModelContext ctx, long trainingRecords)
    {
        var n = Math.Max(1, ctx.Subjects);
        var p = ctx.P;
        return 1.0 - Math.Exp(-(p.PretrainingRecordsPerSubject * n + trainingRecords) / (p.QualityScaleRecordsPerSubject * n));
    }
}
