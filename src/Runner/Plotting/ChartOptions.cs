namespace InfoRisk.Runner.Plotting;

/// <summary>How <see cref="ChartSet.Render"/> draws the charts.</summary>
/// <param name="Language">"en" or "zh": the language of every label (regime names included).</param>
/// <param name="FontPath">A TTF/OTF/TTC file to draw all text with; null = the shipped Liberation Sans (en) or an installed CJK font (zh).</param>
/// <param name="WidthInches">Physical figure width; the pixel width is <c>WidthInches * Dpi</c>.</param>
/// <param name="Dpi">Pixels per inch of the PNG (also recorded in the PNG's pHYs chunk).</param>
public sealed record ChartOptions(string Language = "en", string? FontPath = null, double WidthInches = 7.0, int Dpi = 300)
{
    /// <summary>Pixel width of every figure.</summary>
    public int WidthPixels => (int)Math.Round(WidthInches * Dpi);

    /// <summary>Throws <see cref="ArgumentException"/> for an unknown language or a non-positive size.</summary>
    public void Validate()
    {
        if (!ChartText.Languages.Contains(Language))
        {
            throw new ArgumentException($"unknown chart language '{Language}'; use one of: {string.Join(", ", ChartText.Languages)}", nameof(Language));
        }

        if (!(WidthInches > 0) || WidthInches > 100)
        {
            throw new ArgumentException($"chart width must be between 0 and 100 inches, got {WidthInches}", nameof(WidthInches));
        }

        if (Dpi < 36 || Dpi > 1200)
        {
            throw new ArgumentException($"chart dpi must be between 36 and 1200, got {Dpi}", nameof(Dpi));
        }
    }
}
