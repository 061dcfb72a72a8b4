namespace InfoRisk.Runner.Analysis;

/// <summary>
/// An input dimension of scenario discovery: numeric on [<see cref="Min"/>, <see cref="Max"/>], or categorical when
/// <see cref="Categories"/> is set (the data then hold the category's index 0 .. m - 1).
/// </summary>
public sealed record DiscoveryInput(string Name, double Min, double Max, IReadOnlyList<string>? Categories = null)
{
    public bool IsCategorical => Categories is not null;

    /// <summary>A categorical input whose values are indices into <paramref name="categories"/>.</summary>
    public static DiscoveryInput Categorical(string name, IReadOnlyList<string> categories) => new(name, 0, categories.Count - 1, categories);
}

/// <summary>How a peel is chosen among the candidates.</summary>
public enum PeelObjective
{
    /// <summary>
    /// The density gained per point removed, (mean_new - mean_old) / (n_old - n_new): the EMA Workbench's default
    /// ("lenient1"). A coarse peel (a whole category) must gain proportionally more than a 5% peel.
    /// </summary>
    Lenient1,

    /// <summary>The density of the box left (Friedman and Fisher's original criterion).</summary>
    Original,
}

/// <summary>
/// PRIM settings. <see cref="Alpha"/>: share of the box's points removed per peel; <see cref="MinMass"/>: smallest share
/// of all points a box may keep; <see cref="Paste"/> / <see cref="PasteAlpha"/>: pasting after peeling;
/// <see cref="TargetDensity"/>: the box chosen by default is the one with the highest coverage among those with at least
/// this density; <see cref="Bootstrap"/> resamples (drawn from <see cref="Seed"/>) give each dimension's stability;
/// <see cref="Objective"/> chooses among peels.
/// </summary>
public sealed record PrimOptions(double Alpha = 0.05, double MinMass = 0.05, bool Paste = true, double PasteAlpha = 0.05, double TargetDensity = 0.8, int Bootstrap = 0, ulong Seed = 0, PeelObjective Objective = PeelObjective.Lenient1)
{
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 0.5)) throw new ArgumentException($"peeling alpha must be in (0, 0.5), got {Alpha}", nameof(Alpha));
        if (!(MinMass > 0 && MinMass < 1)) throw new ArgumentException($"minimum mass must be in (0, 1), got {MinMass}", nameof(MinMass));
        if (!(PasteAlpha > 0 && PasteAlpha < 1)) throw new ArgumentException($"pasting alpha must be in (0, 1), got {PasteAlpha}", nameof(PasteAlpha));
        if (!(TargetDensity >= 0 && TargetDensity <= 1)) throw new ArgumentException($"target density must be in [0, 1], got {TargetDensity}", nameof(TargetDensity));
        if (Bootstrap < 0) throw new ArgumentException($"bootstrap resamples must be 0 or more, got {Bootstrap}", nameof(Bootstrap));
    }
}

/// <summary>
/// One box of the peeling trajectory. Coverage: share of all cases of interest inside the box; Density: share of the
/// box's points that are cases of interest; Mass: share of all points inside; Count: points inside;
/// RestrictedDimensions: dimensions whose limits are narrower than the full range; Pasted: reached by pasting.
/// </summary>
public sealed record PrimStep(int Step, double Coverage, double Density, double Mass, int Count, int RestrictedDimensions, bool Pasted);

/// <summary>
/// The limits of one dimension in a box: numeric [Low, High] (Categories null), or the allowed categories (Low and High
/// NaN). QuasiP: the one-sided binomial quasi-p-value of the restriction (NaN when not restricted);
/// BootstrapShare: share of bootstrap resamples whose chosen box restricts the dimension (NaN without bootstrap).
/// </summary>
public sealed record BoxLimit(string Dimension, double Low, double High, IReadOnlyList<string>? Categories, double FullLow, double FullHigh, IReadOnlyList<string>? AllCategories, bool Restricted, double QuasiP, double BootstrapShare);
