namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Latin hypercube sampling (McKay, Beckman and Conover 1979): in every dimension the n points fall one in each of
/// the n equal strata of [0, 1], in a random order (an independent permutation per dimension), uniformly within
/// the stratum; then scaled to parameter units.
/// </summary>
public static class LatinHypercube
{
    /// <summary>Largest number of points accepted.</summary>
    public const int MaxPoints = 10_000_000;

    /// <summary>
    /// <paramref name="points"/> points (1 .. <see cref="MaxPoints"/>), each with one value per parameter (in
    /// parameter order and units). Point j, dimension d: u = (pi_d(j) + U_jd) / n with pi_d a random permutation
    /// and U_jd uniform on [0, 1), both drawn from the seed.
    /// </summary>
    public static IReadOnlyList<double[]> Sample(IReadOnlyList<UncertainParameter> parameters, int points, ulong seed)
    {
        UncertainParameter.Validate(parameters, nameof(parameters));
        if (points is < 1 or > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"a Latin hypercube has 1 to {MaxPoints} points");
        }
        var k = parameters.Count;
        var result = new double[points][];
        for (var j = 0; j < points; j++) result[j] = new double[k];
        var belowOne = Math.BitDecrement(1.0);
        for (var d = 0; d < k; d++)
        {
            var draws = new DesignDraws(seed, DesignPurpose.LatinHypercube, d);
            var stratum = draws.Permutation(0, points);
            for (var j = 0; j < points; j++)
            {
                var u = Math.Min(belowOne, (stratum[j] + draws.Uniform(points + j)) / points);
                result[j][d] = parameters[d].At(u);
            }
        }
        return Array.AsReadOnly(result);
    }
}
