using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Population;

/// <summary>
/// Re-identification of one record against the represented population (docs/model.md §3.8, population-risk.md): an
/// attacker who holds the quasi-identifiers of everyone in the population (registers, leaked databases) matches the
/// record's released quasi-identifiers and picks one of the people who share them. Its chance of being right is
/// E[1 / (1 + X)] with X ~ Poisson((P − 1) π) the others sharing the class (<see cref="QuasiIdentifiers.Risk"/>).
/// K-anonymity is a property of population classes: a record's class at a level is "small" when 1 + (P − 1) π &lt; K,
/// and anonymisation suppresses (removes every quasi-identifier of) the records whose class is small at the chosen
/// level, after which the record's class is the whole population (risk 1/P).
/// </summary>
public sealed class Reidentification(QuasiIdentifiers qi, double population, int k)
{
    /// <summary>The safe level of a key whose class is small at every level: it is suppressed whatever the level.</summary>
    public const int Never = QuasiIdentifiers.Levels;

    public QuasiIdentifiers Qi { get; } = qi;

    /// <summary>P, the number of people the simulated subjects stand for.</summary>
    public double Population { get; } = Math.Max(1, population);

    /// <summary>K of the regime's k-anonymity (population classes).</summary>
    public int K { get; } = Math.Max(1, k);

    /// <summary>Risk of a suppressed record: its class is everyone.</summary>
    public double SuppressedRisk => 1.0 / Population;

    /// <summary>Risk of a record with this key released at a level.</summary>
    public double Risk(int key, int level) => Qi.Risk(key, level, Population);

    /// <summary>The first level at which the key's population class reaches K (<see cref="Never"/> if none does).</summary>
    public int SafeLevel(int key)
    {
        if (K <= 1) return 0;
        return Qi.FirstLevelNotSmall(key, Population, K); // Never (= Levels) when small at every level
    }

    /// <summary>
    /// Risk that a record of a subject with this key, at a provider with this practice and generalisation, points to the
    /// subject: 1 when identified; the exact key's risk when pseudonymised; under anonymisation, the risk at the
    /// generalisation's level, or 1/P when the record is suppressed.
    /// </summary>
    public double Risk(int key, Deidentification practice, Generalisation g) => practice switch
    {
        Deidentification.None => 1.0,
        Deidentification.Pseudonymise => Risk(key, 0),
        _ => g.K > 1 && SafeLevel(key) > g.Level ? SuppressedRisk : Risk(key, g.Level),
    };

    /// <summary>The same risk in millionths, as the stocks keep it.</summary>
    public long Micros(int key, Deidentification practice, Generalisation g) =>
        (long)Math.Round(1e6 * Risk(key, practice, g), MidpointRounding.AwayFromZero);
}
