using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Randomness;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// The mosaic effect (docs/model.md §3.10, Mechanisms/Mosaic.cs): on each training tick a pair holding n general records
/// becomes inferable with probability 1 − exp(−mosaic_gamma × n), redrawn every epoch.
/// </summary>
public class MosaicTests
{
    /// <summary>
    /// Over 50,000 pairs for each n in {1, 8, 40}: the share inferable is 1 − exp(−γ n) (γ = 0.05); never with n = 0.
    /// Tolerance 4 binomial standard errors.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(40)]
    public void Inferable_HasProbabilityOneMinusExpOfMinusGammaN(int general)
    {
        const int n = 50_000;
        var p = new ModelParameters();
        var mosaic = new Mosaic(p);
        var hits = 0;
        for (var k = 0; k < n; k++)
        {
            var d = new DrawSequence(7, RandomStream.Training, k, 30);
            if (mosaic.Inferable(d, k % 3, general)) hits++;
            Assert.False(mosaic.Inferable(d, k % 3, 0));
        }
        MechanismHarness.WithinFourSe(hits, n, 1 - Math.Exp(-p.MosaicGamma * general), $"pairs inferable with {general} general records");
    }

    /// <summary>
    /// Through training (20,000 subjects holding 8 general records): the inferable bits follow 1 − exp(−8γ) (4 standard
    /// errors), a subject counts as inferable exactly when its pair's bit is set, and a pair that no longer holds records loses the bit at the
    /// next training tick (the draw is repeated every epoch).
    /// </summary>
    [Fact]
    public void Training_SetsAndRedrawsTheInferableBit()
    {
        const int n = 20_000;
        var h = MechanismHarness.For("use-first", subjects: n);
        for (var i = 0; i < n; i++) h.Hold(i, 0, 8);
        h.Memorisation.Train(h.World(0));
        var inferable = Enumerable.Range(0, n).Count(i => h.Has(i, 0, PairState.Inferable));
        MechanismHarness.WithinFourSe(inferable, n, 1 - Math.Exp(-8 * h.P.MosaicGamma), "inferable subjects after training");
        Assert.Equal(inferable, Enumerable.Range(0, n).Count(h.S.HasInferable));

        for (var i = 0; i < n; i++) h.Hold(i, 0, 0);
        h.Memorisation.Train(h.World(30));
        Assert.DoesNotContain(h.S.State, s => (s & PairState.Inferable) != 0);
    }
}
