namespace InfoRisk.Tests.Analysis;

/// <summary>
/// The Ishigami and Homma (1990) test function f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3, with its
/// variance decomposition derived by hand (Sobol' and Levitan 1999; Saltelli et al. 2008, section 4.9):
/// V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
/// </summary>
internal static class Ishigami
{
    public const double A = 7.0;
    public const double B = 0.1;

    public static double F(double[] x) => Math.Sin(x[0]) + (A * Math.Sin(x[1]) * Math.Sin(x[1])) + (B * Math.Pow(x[2], 4) * Math.Sin(x[0]));

    public static double V1 => 0.5 * Math.Pow(1 + (B * Math.Pow(Math.PI, 4) / 5), 2);

    public static double V2 => A * A / 8;

    public static double V13 => B * B * Math.Pow(Math.PI, 8) * ((1.0 / 18) - (1.0 / 50));

    public static double V => V1 + V2 + V13;

    /// <summary>First-order indices of x1, x2, x3.</summary>
    public static double[] S1 => [V1 / V, V2 / V, 0.0];

    /// <summary>Total indices of x1, x2, x3.</summary>
    public static double[] ST => [(V1 + V13) / V, V2 / V, V13 / V];
}
