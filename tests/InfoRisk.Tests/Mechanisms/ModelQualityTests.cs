using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Model quality (docs/model.md §3.11, Mechanisms/ModelQuality.cs): q = 1 − exp(−(pretraining × N + training records) /
/// (scale × N)).
/// </summary>
public class ModelQualityTests
{
    private static ModelContext Context(int subjects, ModelParameters? p = null) =>
        new(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance"), p, subjects: subjects));

    /// <summary>
    /// At 0 training records q = 1 − exp(−pretraining / scale) (0.3935 with the defaults: "q ≈ 0.39 before any personal
    /// data"), whatever the population; with scale × N training records q = 1 − exp(−(pretraining + scale) / scale).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(20_000)]
    public void Quality_IsOneMinusExpOfMinusRecordsOverScale(int subjects)
    {
        var ctx = Context(subjects);
        var p = ctx.P;
        Assert.Equal(1 - Math.Exp(-p.PretrainingRecordsPerSubject / p.QualityScaleRecordsPerSubject), ModelQuality.Of(ctx, 0), 12);
        Assert.Equal(0.39, ModelQuality.Of(ctx, 0), 2);
        var scale = (long)(p.QualityScaleRecordsPerSubject * subjects);
        Assert.Equal(1 - Math.Exp(-(p.PretrainingRecordsPerSubject + p.QualityScaleRecordsPerSubject) / p.QualityScaleRecordsPerSubject), ModelQuality.Of(ctx, scale), 12);
    }

    [Fact]
    public void Quality_RisesWithTrainingRecords_TowardsOne()
    {
        var ctx = Context(1_000);
        var previous = ModelQuality.Of(ctx, 0);
        foreach (var records in new long[] { 1, 100, 10_000, 100_000, 250_000 })
        {
            var q = ModelQuality.Of(ctx, records);
            Assert.True(q > previous && q < 1, $"quality {q} at {records} records not in ({previous}, 1)");
            previous = q;
        }
        Assert.Equal(1.0, ModelQuality.Of(ctx, 1_000_000_000), 9);
        Assert.Equal(0.0, ModelQuality.Of(Context(1_000, new ModelParameters { PretrainingRecordsPerSubject = 0 }), 0));
    }
}
