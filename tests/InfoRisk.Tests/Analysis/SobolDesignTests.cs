using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>Saltelli sampling and Jansen estimators, checked against the Ishigami function's known indices.</summary>
public class SobolDesignTests(ITestOutputHelper output)
{
    private static readonly UncertainParameter[] IshigamiInputs =
    [
        new("x1", -Math.PI, Math.PI),
        new("x2", -Math.PI, Math.PI),
        new("x3", -Math.PI, Math.PI),
    ];

    private static double[] Evaluate(SobolDesign design, Func<double[], double> f) => [.. design.Points.Select(f)];

    /// <summary>The hand-derived Ishigami indices agree with the values quoted in the literature (4 decimals).</summary>
    [Fact]
    public void IshigamiReferenceValues_AgreeWithTheLiterature()
    {
        double[] s1 = [0.3139, 0.4424, 0.0];
        double[] st = [0.5576, 0.4424, 0.2437];
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(s1[i], Ishigami.S1[i], 4);
            Assert.Equal(st[i], Ishigami.ST[i], 4);
        }
    }

    /// <summary>
    /// N = 2^13 (40,960 evaluations), seed 20261126: every S1 and ST within 0.02 of the truth, and every bootstrap
    /// 95% CI (500 resamples, seed 7) covers the truth. Jansen's estimators at this N have standard errors of about
    /// 0.005-0.01 for Ishigami (the bootstrap, which treats the quasi-random rows as independent, is conservative),
    /// so 0.02 is two to four standard errors.
    /// </summary>
    [Theory]
    [InlineData(20261126UL)]
    [InlineData(1UL)]
    public void Ishigami_IndicesMatchTheAnalyticValues(ulong seed)
    {
        var design = SobolDesign.Create(IshigamiInputs, 1 << 13, seed);
        var estimates = design.Estimate(Evaluate(design, Ishigami.F), 500, 7);
        Assert.Equal(6, estimates.Count);
        for (var i = 0; i < 3; i++)
        {
            var s1 = estimates.Single(e => e.Parameter == $"x{i + 1}" && e.Index == "S1");
            var st = estimates.Single(e => e.Parameter == $"x{i + 1}" && e.Index == "ST");
            output.WriteLine($"x{i + 1}: S1 {s1.Estimate:F4} [{s1.Ci95Low:F4}, {s1.Ci95High:F4}] truth {Ishigami.S1[i]:F4}; ST {st.Estimate:F4} [{st.Ci95Low:F4}, {st.Ci95High:F4}] truth {Ishigami.ST[i]:F4}");
            Assert.InRange(s1.Estimate, Ishigami.S1[i] - 0.02, Ishigami.S1[i] + 0.02);
            Assert.InRange(st.Estimate, Ishigami.ST[i] - 0.02, Ishigami.ST[i] + 0.02);
            Assert.InRange(Ishigami.S1[i], s1.Ci95Low, s1.Ci95High);
            Assert.InRange(Ishigami.ST[i], st.Ci95Low, st.Ci95High);
        }
    }

    /// <summary>The estimators converge: at N = 2^15 every index is within 0.01 of the truth.</summary>
    [Fact]
    public void Ishigami_ErrorShrinksWithMoreSamples()
    {
        var design = SobolDesign.Create(IshigamiInputs, 1 << 15, 99);
        var estimates = design.Estimate(Evaluate(design, Ishigami.F), 0, 0);
        for (var i = 0; i < 3; i++)
        {
            var s1 = estimates.Single(e => e.Parameter == $"x{i + 1}" && e.Index == "S1").Estimate;
            var st = estimates.Single(e => e.Parameter == $"x{i + 1}" && e.Index == "ST").Estimate;
            output.WriteLine($"x{i + 1}: S1 {s1:F4} (truth {Ishigami.S1[i]:F4}), ST {st:F4} (truth {Ishigami.ST[i]:F4})");
            Assert.InRange(s1, Ishigami.S1[i] - 0.01, Ishigami.S1[i] + 0.01);
            Assert.InRange(st, Ishigami.ST[i] - 0.01, Ishigami.ST[i] + 0.01);
        }
    }

    /// <summary>
    /// An additive function f = 1 x1 + 2 x2 + 3 x3 on [0, 1]^3 has S1_i = ST_i = c_i^2 / sum c^2 = 1/14, 4/14, 9/14
    /// (each uniform input has variance 1/12). N = 2^12: each estimate within 0.01.
    /// </summary>
    [Fact]
    public void AdditiveFunction_HasEqualFirstOrderAndTotalIndices()
    {
        UncertainParameter[] inputs = [new("a", 0, 1), new("b", 0, 1), new("c", 0, 1)];
        var design = SobolDesign.Create(inputs, 1 << 12, 3);
        var estimates = design.Estimate(Evaluate(design, x => x[0] + (2 * x[1]) + (3 * x[2])), 0, 0);
        double[] truth = [1.0 / 14, 4.0 / 14, 9.0 / 14];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(estimates[2 * i].Estimate, truth[i] - 0.01, truth[i] + 0.01);
            Assert.InRange(estimates[(2 * i) + 1].Estimate, truth[i] - 0.01, truth[i] + 0.01);
        }
    }

    /// <summary>
    /// Layout: N(k+2) points, blocks A, B, AB_1..AB_k; AB_i row j equals A row j except column i, which is B's;
    /// A and B differ in every column; values lie in the parameter ranges.
    /// </summary>
    [Fact]
    public void Points_FollowTheSaltelliLayout()
    {
        UncertainParameter[] inputs = [new("p", 10, 20), new("q", -1, 1), new("r", 0, 1e6), new("s", 0.5, 0.75)];
        const int n = 64;
        var design = SobolDesign.Create(inputs, n, 5);
        const int k = 4;
        Assert.Equal(n * (k + 2), design.Points.Count);
        Assert.Equal(n, design.BaseSamples);
        for (var j = 0; j < n; j++)
        {
            var a = design.Points[j];
            var b = design.Points[n + j];
            for (var c = 0; c < k; c++)
            {
                Assert.NotEqual(a[c], b[c]);
                Assert.InRange(a[c], inputs[c].Min, inputs[c].Max);
                Assert.InRange(b[c], inputs[c].Min, inputs[c].Max);
            }
            for (var i = 0; i < k; i++)
            {
                var ab = design.Points[((2 + i) * n) + j];
                for (var c = 0; c < k; c++) Assert.Equal(c == i ? b[c] : a[c], ab[c]);
            }
        }
    }

    /// <summary>
    /// The digital shift keeps the Sobol' stratification: for N = 2^10, every column of A and of B has exactly one
    /// point in each of the N equal intervals of its range.
    /// </summary>
    [Fact]
    public void ShiftedDesign_KeepsOnePointPerStratum()
    {
        UncertainParameter[] inputs = [new("p", 0, 1), new("q", 0, 1), new("r", 0, 1)];
        const int n = 1024;
        var design = SobolDesign.Create(inputs, n, 123456789);
        for (var block = 0; block < 2; block++)
        {
            for (var c = 0; c < 3; c++)
            {
                var cells = Enumerable.Range(0, n).Select(j => (int)(design.Points[(block * n) + j][c] * n)).Order().ToArray();
                Assert.Equal(Enumerable.Range(0, n), cells);
            }
        }
    }

    [Fact]
    public void SameSeed_GivesTheSameDesignAndEstimates_OtherSeedsDiffer()
    {
        var one = SobolDesign.Create(IshigamiInputs, 256, 42);
        var two = SobolDesign.Create(IshigamiInputs, 256, 42);
        var other = SobolDesign.Create(IshigamiInputs, 256, 43);
        Assert.Equal(one.Points, two.Points);
        Assert.NotEqual(one.Points[0], other.Points[0]);
        Assert.Equal(one.Estimate(Evaluate(one, Ishigami.F), 50, 9), two.Estimate(Evaluate(two, Ishigami.F), 50, 9));
        Assert.NotEqual(one.Estimate(Evaluate(one, Ishigami.F), 50, 9), one.Estimate(Evaluate(one, Ishigami.F), 50, 10));
    }

    [Fact]
    public void NoBootstrap_GivesNaNIntervals_AndAConstantOutputGivesNaNIndices()
    {
        var design = SobolDesign.Create(IshigamiInputs, 64, 1);
        Assert.All(design.Estimate(Evaluate(design, Ishigami.F), 0, 0), e =>
        {
            Assert.True(double.IsFinite(e.Estimate));
            Assert.True(double.IsNaN(e.Ci95Low) && double.IsNaN(e.Ci95High));
        });
        Assert.All(design.Estimate(Evaluate(design, _ => 5.0), 20, 0), e => Assert.True(double.IsNaN(e.Estimate)));
    }

    [Fact]
    public void BadArguments_AreRefusedWithAClearMessage()
    {
        var tooMany = Enumerable.Range(0, SobolDesign.MaxParameters + 1).Select(i => new UncertainParameter($"p{i}", 0, 1)).ToArray();
        Assert.Contains("at most 50 parameters", Assert.Throws<ArgumentException>(() => SobolDesign.Create(tooMany, 16, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => SobolDesign.Create(IshigamiInputs, 1, 0));
        Assert.Contains("Min < Max", Assert.Throws<ArgumentException>(() => SobolDesign.Create([new("p", 1, 1)], 16, 0)).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => SobolDesign.Create([new("p", 0, 1), new("p", 0, 2)], 16, 0)).Message);
        var design = SobolDesign.Create(IshigamiInputs, 16, 0);
        Assert.Contains("expected 80 outputs", Assert.Throws<ArgumentException>(() => design.Estimate(new double[79], 0, 0)).Message);
    }

    /// <summary>50 parameters (100 Sobol' dimensions) work, and an additive function spreads the indices as its coefficients say.</summary>
    [Fact]
    public void FiftyParameters_AreSupported()
    {
        var inputs = Enumerable.Range(0, SobolDesign.MaxParameters).Select(i => new UncertainParameter($"p{i}", 0, 1)).ToArray();
        var design = SobolDesign.Create(inputs, 1 << 10, 11);
        // f = 10 p0 + p1 + ... + p49: S1 of p0 = 100 / (100 + 49)
        var estimates = design.Estimate(Evaluate(design, x => (9 * x[0]) + x.Sum()), 0, 0);
        Assert.InRange(estimates[0].Estimate, (100.0 / 149) - 0.03, (100.0 / 149) + 0.03);
        Assert.InRange(estimates[1].Estimate, (100.0 / 149) - 0.03, (100.0 / 149) + 0.03);
    }
}
