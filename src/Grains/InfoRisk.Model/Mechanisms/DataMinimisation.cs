using InfoRisk.Model.Configuration;

namespace InfoRisk.Model;

/// <summary>
/// Data minimisation (docs/model.md §3.4, §3.5): a provider keeps only the share data_minimisation of the records it
/// could collect about a subject in each collection (a scrape, a tick's prompts): of n records, ⌊m·n + u⌋ with u uniform
/// (stochastic rounding), so that m·n are kept on average even from a single record. PIPL art. 6:
/// 「应当限于实现处理目的的最小范围，不得过度收集个人信息」 (limited to the minimum scope the purpose needs); paper
/// 二(二)2, purpose limitation. A minimising scraper leaves private-marked items out first. The lever has no parameters
/// of its own: it is a legal maximum firms comply with.
/// </summary>
public static class DataMinimisation
{
    /// <summary>Whether the regime limits collection at all (no draw is made when it does not).</summary>
    public static bool Limits(Regime r) => r.DataMinimisation < 1;

    /// <summary>How many of <paramref name="items"/> available records may be kept, with the rounding uniform <paramref name="u"/>.</summary>
    public static int Keep(Regime r, int items, double u) =>
        items <= 0 || !Limits(r) ? Math.Max(0, items) : Math.Min(items, (int)Math.Floor(Math.Max(0, r.DataMinimisation) * items + u));

    /// <summary>The expected share for expected counts (the firms' forecast).</summary>
    public static double Keep(Regime r, double items) => items * Math.Clamp(r.DataMinimisation, 0, 1);
}
