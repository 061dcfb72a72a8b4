using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>Sobol' indices against sample size from nested prefixes of one design (Ishigami function).</summary>
public class SobolConvergenceTests(ITestOutputHelper output)
{
    private static readonly UncertainParameter[] Inputs = [new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)];

    /// <summary>
    /// N = 2^12, n0 = 2^7: sizes 128 .. 4096 (6 sizes). The estimates at each size equal those of a design of that size
    /// with the same seed evaluated on its own points (the prefixes are nested designs); at N they equal the full
    /// design's; every CI at N is narrower than at n0, and every index at N is within 0.03 of the truth.
    /// </summary>
    [Fact]
    public void Prefixes_AreNestedDesigns_AndConverge()
    {
        const ulong seed = 20261126;
        var design = SobolDesign.Create(Inputs, 1 << 12, seed);
        var outputs = design.Points.Select(Ishigami.F).ToArray();
        var rows = SobolConvergence.Compute(design, outputs, 1 << 7, 200, 3);
        Assert.Equal([128, 256, 512, 1024, 2048, 4096], rows.Select(r => r.BaseSamples).Distinct());
        Assert.Equal(6 * 6, rows.Count);
        foreach (var size in new[] { 128, 1024 })
        {
            var small = SobolDesign.Create(Inputs, size, seed);
            var own = small.Estimate([.. small.Points.Select(Ishigami.F)], 200, 3);
            Assert.Equal(own.Select(e => (e.Parameter, e.Index, e.Estimate, e.Ci95Low, e.Ci95High)),
                rows.Where(r => r.BaseSamples == size).Select(r => (r.Parameter, r.Index, r.Estimate, r.Ci95Low, r.Ci95High)));
        }
        var full = design.Estimate(outputs, 200, 3);
        Assert.Equal(full.Select(e => e.Estimate), rows.Where(r => r.BaseSamples == 4096).Select(r => r.Estimate));

        for (var i = 0; i < 3; i++)
        {
            foreach (var (index, truth) in new[] { ("S1", Ishigami.S1[i]), ("ST", Ishigami.ST[i]) })
            {
                var series = rows.Where(r => r.Parameter == $"x{i + 1}" && r.Index == index).ToList();
                output.WriteLine($"x{i + 1} {index}: " + string.Join("  ", series.Select(r => $"{r.BaseSamples}: {r.Estimate:F3} [{r.Ci95Low:F3}, {r.Ci95High:F3}]")) + $"  truth {truth:F3}");
                Assert.True(series[^1].Ci95High - series[^1].Ci95Low < series[0].Ci95High - series[0].Ci95Low);
                Assert.InRange(series[^1].Estimate, truth - 0.03, truth + 0.03);
            }
        }
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var design = SobolDesign.Create(Inputs, 16, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => SobolConvergence.Compute(design, new double[80], 1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SobolConvergence.Compute(design, new double[80], 32, 0, 0));
        Assert.Throws<ArgumentException>(() => SobolConvergence.Compute(design, new double[79], 4, 0, 0));
    }
}
