using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("mosaic_gamma")]
    [Parameter(40, 0, 1e12, Unit = "per record", Meaning = "Each general record held raises the chance of an inferable private trait: 1 - exp(-gamma n)", Source = "assumption: with 8 items about a third of subjects have an inferable trait; the form 1 - exp(-gamma n) is the brief's (§3.2)")]
    public double MosaicGamma { get; init; } = 0.05;
}

/// <summary>
/// The mosaic effect (docs/model.md §3.10): aggregated non-private records reveal a private trait. Paper 二(二)1:
/// 「这些海量数据聚合重组之后也可能成为私密信息」 (aggregated and recombined, masses of data can become private
/// information). On each training tick a pair holding n general records becomes inferable with probability
/// 1 − exp(−mosaic_gamma × n) (redrawn every epoch); an inferable subject can suffer mental harm after a breach or
/// regurgitation even without private-marked or sensitive items (<see cref="Harm"/>).
/// </summary>
public sealed class Mosaic(ModelParameters p)
{
    /// <summary>Whether a pair holding <paramref name="generalHeld"/> general records at provider <paramref name="provider"/> is inferable this epoch.</summary>
    public bool Inferable(in DrawSequence training, int provider, int generalHeld) =>
        generalHeld > 0 && training.Uniform(DrawLayout.Training.Mosaic + provider * 512) < 1.0 - Math.Exp(-p.MosaicGamma * generalHeld);
}
