using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Adoption (docs/model.md §3.2, Mechanisms/Adoption.cs): the share of a provider's potential users who are active is
/// max_adoption × clamp(q_eff × trust × 2, 0, 1), where q_eff is the quality left after the output filter, and 0 for a
/// provider that left; a user with threshold byte τ is active when (τ + 0.5)/256 &lt; share.
/// </summary>
public class AdoptionTests
{
    [Fact]
    public void Share_IsMaxAdoptionTimesTheClampedProductOfEffectiveQualityTrustAndTwo_AndNeverAboveTheCeiling()
    {
        var p = new ModelParameters { MaxAdoption = 0.9, FilterQualityCost = 0.1 };
        Assert.Equal(0.9 * 0.39 * 0.7 * 2, Adoption.Share(p, new ProviderView { Quality = 0.39, Trust = 0.7 }), 12);
        Assert.Equal(0.9 * 0.39 * (1 - 0.1 * 0.5) * 0.7 * 2, Adoption.Share(p, new ProviderView { Quality = 0.39, Trust = 0.7, OutputFilter = 0.5 }), 12);
        Assert.Equal(0.25, Adoption.Share(p with { MaxAdoption = 1.0 }, new ProviderView { Quality = 0.5, Trust = 0.25 }), 12);
        Assert.Equal(0.9, Adoption.Share(p, new ProviderView { Quality = 0.9, Trust = 0.9 }), 12);   // 1.62 clamped to 1, times the ceiling 0.9
        Assert.Equal(0.0, Adoption.Share(p, new ProviderView { Quality = 0.0, Trust = 0.9 }));
        Assert.Equal(0.0, Adoption.Share(p, new ProviderView { Quality = -1.0, Trust = 0.9 }));  // clamped at 0
        Assert.Equal(0.0, Adoption.Share(p, new ProviderView { Quality = 0.9, Trust = 0.9, Active = false }));  // left the market
    }

    /// <summary>
    /// Over the 256 equally likely threshold bytes the active ones are those with (τ + 0.5)/256 &lt; share, so the active
    /// fraction is within half a step (1/512) of the share; nobody is active at share 0 and everybody at share 1.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.77)]
    [InlineData(1.0)]
    public void ActiveThresholds_AreTheShareOfAllThresholds(double share)
    {
        var active = Enumerable.Range(0, 256).Count(t => Adoption.IsActive((byte)t, share));
        Assert.True(Math.Abs(active / 256.0 - share) <= 1.0 / 512, $"{active} of 256 thresholds active at share {share}");
        if (share == 0) Assert.Equal(0, active);
        if (share == 1) Assert.Equal(256, active);
        // monotone: a lower threshold is active whenever a higher one is
        for (var t = 1; t < 256; t++) Assert.False(Adoption.IsActive((byte)t, share) && !Adoption.IsActive((byte)(t - 1), share));
    }
}
