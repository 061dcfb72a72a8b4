using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>A firm's belief about its liability: κ = (n0·m + paid) / (n0·m + predicted), starting at 1 and learning from awards.</summary>
public sealed class LiabilityBeliefTests
{
    private static Tally Observed(long events, long predictedFen, long paidFen)
    {
        var t = new Tally(1, 0);
        t.Provider(0, BySource.Events(HarmSource.Breach)) = events;
        t.Provider(0, BySource.Predicted(HarmSource.Breach)) = predictedFen;
        t.Provider(0, BySource.Paid(HarmSource.Breach)) = paidFen;
        return t;
    }

    [Fact]
    public void StartsFromTheRules_AndMovesTowardsWhatIsPaid_AtTheWeightOfItsPrior()
    {
        var belief = new LiabilityBelief(new ModelParameters { LiabilityBeliefPriorEvents = 20 });
        Assert.Equal(1.0, belief.Factor(HarmSource.Breach));
        // 20 events predicted to cost 100 each (2,000), but 4,000 paid: (20 x 100 + 4,000) / (20 x 100 + 2,000) = 1.5
        belief.Observe(Observed(20, 2_000, 4_000), 0);
        Assert.Equal(1.5, belief.Factor(HarmSource.Breach), 12);
        Assert.Equal(1.0, belief.Factor(HarmSource.Regurgitation)); // other sources untouched
        // with far more evidence the factor tends to paid / predicted = 2
        for (var k = 0; k < 1000; k++) belief.Observe(Observed(20, 2_000, 4_000), 0);
        Assert.InRange(belief.Factor(HarmSource.Breach), 1.99, 2.0);
        // a firm that is never made to pay learns that too
        var spared = new LiabilityBelief(new ModelParameters { LiabilityBeliefPriorEvents = 20 });
        spared.Observe(Observed(180, 18_000, 0), 0);
        Assert.Equal(0.1, spared.Factor(HarmSource.Breach), 12); // 2,000 / 20,000
    }
}
