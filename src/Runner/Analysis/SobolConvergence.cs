namespace InfoRisk.Runner.Analysis;

/// <summary>Sobol' indices of one parameter at one base sample size N (a point of a convergence figure).</summary>
public sealed record SobolConvergenceRow(int BaseSamples, string Parameter, string Index, double Estimate, double Ci95Low, double Ci95High);

/// <summary>
/// Convergence of Sobol' indices with the sample size: the estimates and bootstrap CIs at N = n0, 2 n0, 4 n0, ...
/// up to the design's N, each from the first N base rows of the same design. The first n rows of a Saltelli design on
/// a (shifted) Sobol' sequence are themselves the Saltelli design of size n with the same shift, so the estimates at n
/// are those a design of size n with the same seed would give (tested), and no run is wasted.
/// </summary>
public static class SobolConvergence
{
    /// <summary>
    /// <paramref name="outputs"/> in the order of <paramref name="design"/>'s points; sizes n0, 2 n0, ... while below
    /// N, then N itself. <paramref name="firstSize"/> (n0) must be in [2, N]; bootstrap and seed as in
    /// <see cref="SobolDesign.Estimate"/> (each size uses the same bootstrap seed).
    /// Rows: by size, then parameter, S1 before ST.
    /// </summary>
    public static IReadOnlyList<SobolConvergenceRow> Compute(SobolDesign design, IReadOnlyList<double> outputs, int firstSize, int bootstrap, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(outputs);
        var n = design.BaseSamples;
        var k = design.Parameters.Count;
        if (outputs.Count != design.Points.Count)
        {
            throw new ArgumentException($"expected {design.Points.Count} outputs (N = {n} x (k + 2) = {k + 2} blocks, in the order of Points), got {outputs.Count}", nameof(outputs));
        }
        if (firstSize < 2 || firstSize > n)
        {
            throw new ArgumentOutOfRangeException(nameof(firstSize), firstSize, $"the first size must be in [2, N = {n}]");
        }

        var sizes = new List<int>();
        for (long size = firstSize; size < n; size *= 2) sizes.Add((int)size);
        sizes.Add(n);

        var rows = new List<SobolConvergenceRow>();
        foreach (var size in sizes)
        {
            // the first `size` rows of every block, in block order: the outputs of the design of size `size`
            var prefix = new double[size * (k + 2)];
            for (var block = 0; block < k + 2; block++)
            {
                for (var j = 0; j < size; j++) prefix[(block * size) + j] = outputs[(block * n) + j];
            }
            // Estimate reads only the outputs and their layout: a design of this size stands in for the prefix
            var sub = size == n ? design : SobolDesign.Create(design.Parameters, size, 0);
            foreach (var e in sub.Estimate(prefix, bootstrap, seed))
            {
                rows.Add(new SobolConvergenceRow(size, e.Parameter, e.Index, e.Estimate, e.Ci95Low, e.Ci95High));
            }
        }
        return rows;
    }
}
