using ScottPlot;

namespace InfoRisk.Runner.Plotting;

/// <summary>Okabe-Ito colour-blind-safe colours with one fixed colour per built-in regime.</summary>
public static class Palette
{
    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color BluishGreen = Color.FromHex("#009E73");
    public static readonly Color ReddishPurple = Color.FromHex("#CC79A7");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Grey = Color.FromHex("#999999");
    public static readonly Color Ink = Color.FromHex("#222222");

    private static readonly Dictionary<string, Color> Fixed = new(StringComparer.Ordinal)
    {
        ["protection-first"] = Blue,
        ["use-first"] = Vermillion,
        ["dynamic-balance"] = BluishGreen,
        ["precautionary"] = ReddishPurple,
    };

    // colours left for custom regimes and ablation variants, in the order they are handed out: the rest of Okabe-Ito
    // (yellow last: weak on white), then Paul Tol's muted scheme (also colour-blind safe) for long lists
    private static readonly Color[] Spare =
    [
        Orange, SkyBlue, Black, Yellow,
        Color.FromHex("#882255"), Color.FromHex("#332288"), Color.FromHex("#999933"), Color.FromHex("#44AA99"),
        Color.FromHex("#DDCC77"), Color.FromHex("#CC6677"), Color.FromHex("#AA4499"), Color.FromHex("#117733"),
    ];

    /// <summary>Colour per regime: built-ins fixed, others take the spare Okabe-Ito colours in order of <paramref name="regimes"/>.</summary>
    public static IReadOnlyDictionary<string, Color> ForRegimes(IEnumerable<string> regimes)
    {
        var map = new Dictionary<string, Color>(StringComparer.Ordinal);
        var next = 0;
        foreach (var regime in regimes)
        {
            if (map.ContainsKey(regime))
            {
                continue;
            }

            map[regime] = Fixed.TryGetValue(regime, out var c) ? c : Spare[next++ % Spare.Length];
        }

        return map;
    }

    /// <summary>
    /// Colours for harm sources (intrusion, breach, regurgitation, false info, discrimination): five steps of the
    /// colour-blind-safe cividis scale, so that no source shares a hue with a regime.
    /// </summary>
    public static readonly IReadOnlyList<Color> Sources =
        [Color.FromHex("#00204D"), Color.FromHex("#31446B"), Color.FromHex("#666970"), Color.FromHex("#958F78"), Color.FromHex("#CBBA69"), Color.FromHex("#FFEA46")];

    /// <summary>Colours for payers (providers, deployers, users): three cividis steps.</summary>
    public static readonly IReadOnlyList<Color> Payers = [Color.FromHex("#00204D"), Color.FromHex("#7C7B78"), Color.FromHex("#E4CF5B")];
}
