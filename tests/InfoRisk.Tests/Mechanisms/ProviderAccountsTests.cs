using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Provider revenue and service value (docs/model.md §3.22, Mechanisms/ProviderAccounts.cs): revenue = queries × price ×
/// quality + deployers' customers × licence fee per customer, service value = queries × value per query × quality, in integer fen (half away from zero).
/// </summary>
public class ProviderAccountsTests
{
    private static ModelParameters Context(ModelParameters? p = null) => p ?? new ModelParameters();

    /// <summary>Defaults at quality 1: 1,000 queries × 0.05 yuan + 3,000 deployers' customers × 0.05 yuan = 200 yuan = 20,000 fen; at quality 0.5 the queries earn half; value 1,000 × 1 yuan × 0.5 = 50,000 fen.</summary>
    [Fact]
    public void RevenueAndServiceValue_AreExactFen()
    {
        var ctx = Context();
        Assert.Equal(20_000, ProviderAccounts.RevenueFen(ctx, 1_000, 1.0, 3_000));
        Assert.Equal(5_000, ProviderAccounts.RevenueFen(ctx, 1_000, 1.0, 0));
        Assert.Equal(15_000, ProviderAccounts.RevenueFen(ctx, 0, 1.0, 3_000));
        Assert.Equal(2_500 + 15_000, ProviderAccounts.RevenueFen(ctx, 1_000, 0.5, 3_000));
        Assert.Equal(50_000, ProviderAccounts.ServiceValueFen(ctx, 1_000, 0.5));
        Assert.Equal(0, ProviderAccounts.ServiceValueFen(ctx, 1_000, 0.0));
        Assert.Equal(0, ProviderAccounts.ServiceValueFen(ctx, 0, 0.9));
    }

    /// <summary>Rounding: 0.125 yuan is 12.5 fen, rounded half away from zero to 13 (banker's rounding would give 12); each part is rounded separately.</summary>
    [Fact]
    public void Fen_AreRoundedHalfAwayFromZero()
    {
        var ctx = Context(new ModelParameters { RevenuePerQueryYuan = 0.125, DeployerLicenceFeeYuanCustomerDay = 0.125, ServiceValuePerQueryYuan = 0.25 });
        Assert.Equal(13, ProviderAccounts.RevenueFen(ctx, 1, 1.0, 0));
        Assert.Equal(13 + 13, ProviderAccounts.RevenueFen(ctx, 1, 1.0, 1));
        Assert.Equal(13, ProviderAccounts.ServiceValueFen(ctx, 1, 0.5));
        Assert.Equal(38, ProviderAccounts.RevenueFen(ctx, 3, 1.0, 0)); // 37.5 fen
    }
}
