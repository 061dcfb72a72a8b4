using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// User trust (docs/model.md §3.25, Mechanisms/UserTrust.cs): trust + recovery × (1 − trust), minus drop per breach ×
/// min(1, 10 × share), minus drop per incident × incidents × 10,000 ÷ N, clamped to [0.05, 1].
/// </summary>
public class UserTrustTests
{
    private static ModelContext Context(int subjects = 20_000) => new(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance"), subjects: subjects));

    [Fact]
    public void Next_FollowsTheDocumentedUpdate()
    {
        var ctx = Context();
        Assert.Equal(0.7 + 0.01 * 0.3, UserTrust.Next(ctx, 0.7, 0, 0), 12);
        Assert.Equal(0.703 - 0.2 * 0.5, UserTrust.Next(ctx, 0.7, 0.05, 0), 12);        // a 5% breach: half the drop
        Assert.Equal(0.703 - 0.2, UserTrust.Next(ctx, 0.7, 0.4, 0), 12);               // 10% or more: the full drop
        Assert.Equal(0.703 - 0.0003 * 200 * 10_000 / 20_000, UserTrust.Next(ctx, 0.7, 0, 200), 12);
    }

    /// <summary>Without events trust recovers towards 1 exactly as 1 − (1 − t0)(1 − r)^n, and never leaves [0.05, 1], whatever the shocks.</summary>
    [Fact]
    public void Trust_RecoversTowardsOne_AndStaysInItsBounds()
    {
        var ctx = Context();
        var trust = 0.05;
        for (var n = 1; n <= 500; n++)
        {
            trust = UserTrust.Next(ctx, trust, 0, 0);
            Assert.Equal(1 - 0.95 * Math.Pow(0.99, n), trust, 9);
        }
        Assert.Equal(0.05, UserTrust.Next(ctx, 0.1, 1.0, 1_000_000));
        Assert.Equal(1.0, UserTrust.Next(ctx, 1.0, 0, 0));
        Assert.Equal(0.05, UserTrust.Next(Context(1), 0.9, 0, 10_000), 12);
    }
}
