namespace InfoRisk.Model;

/// <summary>Versions that a result records (manifest.json) and that resume checks.</summary>
public static class ModelVersion
{
    /// <summary>Bumped whenever the same inputs give different results (a changed mechanism, default or draw).</summary>
    public const int Results = 1;

    /// <summary>The layout of random draws (<see cref="Randomness.DrawLayout"/>): bumped when a draw moves.</summary>
    public const int DrawLayout = 1;
}
