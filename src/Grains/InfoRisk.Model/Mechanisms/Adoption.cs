using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("max_adoption")]
    [Parameter(20, 0, 1, Unit = "share", Meaning = "Ceiling on the share of a provider's potential users who use it", Source = "assumption: ceiling on the share of potential users")]
    public double MaxAdoption { get; init; } = 0.9;
}

/// <summary>
/// Adoption (docs/model.md §3.2): the share of a provider's potential users who use it on a day grows with model quality
/// and trust. Paper 三(二)2: 「仅仅7天就实现了用户量过亿」 (a hundred million users in 7 days: quality drives adoption).
/// A user is active when its fixed threshold lies below its provider's share.
/// </summary>
public static class Adoption
{
    /// <summary>Adoption grows as max_adoption × quality × trust × this factor (a fixed constant, docs/model.md §6).</summary>
    public const double Factor = 2.0;

    /// <summary>Share of a provider's potential users who use it today: max_adoption × clamp(q_eff × trust × 2, 0, 1), and 0 once it left.</summary>
    public static double Share(ModelParameters p, ProviderView v) => v.Active ? p.MaxAdoption * Math.Clamp(EffectiveQuality(p, v) * v.Trust * Factor, 0.0, 1.0) : 0.0;

    /// <summary>Quality as users get it: the model's quality less what the output filter withholds (filter_quality_cost × strength).</summary>
    public static double EffectiveQuality(ModelParameters p, ProviderView v) => v.Quality * (1.0 - p.FilterQualityCost * v.OutputFilter);

    /// <summary>Whether a user with adoption threshold byte <paramref name="threshold"/> is active at the given share.</summary>
    public static bool IsActive(byte threshold, double share) => (threshold + 0.5) / 256.0 < share;
}
