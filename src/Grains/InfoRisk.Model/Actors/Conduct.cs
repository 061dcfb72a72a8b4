using InfoRisk.Model.Configuration;

namespace InfoRisk.Model.Actors;

/// <summary>
/// What a provider chooses (docs/model.md §3.29): its care (security, de-identification, output filter, separate
/// identifier storage) and its activity (how much it scrapes, whether it takes private-marked and unconsented sensitive
/// items where the law lets it, whether it keeps prompts, how much personal data it trains on, how much it reuses for
/// other purposes, whether it licenses its model to deployers). The regime's levers bound these choices
/// (<see cref="ConductBounds"/>).
/// </summary>
public sealed record ProviderConduct
{
    public double Security { get; init; }
    public Deidentification Deidentification { get; init; }
    public double OutputFilter { get; init; }
    public bool SeparateIdentifiers { get; init; }
    public double ScrapingIntensity { get; init; } = 1.0;
    public bool TakesPrivateMarked { get; init; }
    public bool TakesUnconsentedSensitive { get; init; }
    public bool KeepsPrompts { get; init; } = true;
    public double TrainingShare { get; init; } = 1.0;
    public double SecondaryUse { get; init; } = 1.0;
    public bool Licensing { get; init; } = true;
}

/// <summary>What a deployer chooses: its security, and whether it takes in its customers' sensitive records.</summary>
public sealed record DeployerConduct
{
    public double Security { get; init; }
    public bool TakesSensitive { get; init; } = true;
}

/// <summary>
/// The legal bounds a regime sets on a provider's conduct: every lever that used to fix a firm's conduct is now a minimum
/// the firm must meet (security has none; de-identification, output filter and separate storage have the lever's
/// value) or a maximum it may not exceed (private-marked and unconsented sensitive items, prompt retention).
/// </summary>
public static class ConductBounds
{
    /// <summary>Whether the law lets a provider take private-marked items without consent.</summary>
    public static bool MayTakePrivateMarked(Regime r) => !r.ExcludePrivateMarked;

    /// <summary>Whether the law lets a provider of this risk grade take sensitive items without consent.</summary>
    public static bool MayTakeUnconsentedSensitive(Regime r, int riskGrade) => r.ConsentSensitive != ConsentMode.OptIn && !RiskAssessment.DutiesApply(riskGrade);

    /// <summary>A provider's risk grade before it holds anything (graded assessment starts at grade 1).</summary>
    public static int InitialGrade(Regime r) => r.RiskAssessment switch
    {
        RiskAssessmentMode.None => 0,
        RiskAssessmentMode.Uniform => RiskAssessment.UniformGrade,
        _ => 1,
    };

    /// <summary>The legal minimum, which is also what a compliance-only firm does (and never changes).</summary>
    public static ProviderConduct LegalMinimum(Regime r, ModelParameters p) => new()
    {
        Security = p.InitialSecurity,
        Deidentification = r.Deidentification,
        OutputFilter = r.OutputFilter,
        SeparateIdentifiers = r.SeparateIdentifierStorage,
        TakesPrivateMarked = MayTakePrivateMarked(r),
        TakesUnconsentedSensitive = MayTakeUnconsentedSensitive(r, InitialGrade(r)),
    };
}
