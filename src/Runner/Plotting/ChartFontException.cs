namespace InfoRisk.Runner.Plotting;

/// <summary>No usable font for the chart labels: none found, not loadable, or missing glyphs.</summary>
public sealed class ChartFontException : Exception
{
    public ChartFontException()
    {
    }

    public ChartFontException(string message)
        : base(message)
    {
    }

    public ChartFontException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The characters the font lacks (empty when the problem is something else).</summary>
    public IReadOnlyList<string> MissingCharacters { get; init; } = [];
}
