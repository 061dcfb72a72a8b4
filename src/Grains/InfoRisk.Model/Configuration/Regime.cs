using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>How consent is obtained for a class of personal information.</summary>
public enum ConsentMode
{
    /// <summary>No consent asked (use-first for public data).</summary>
    None,
    /// <summary>Taken unless the subject objected.</summary>
    OptOut,
    /// <summary>Taken only with the subject's explicit (separate) consent.</summary>
    OptIn,
}

/// <summary>Whether and how providers may scrape subjects' public items.</summary>
public enum ScrapingRule
{
    /// <summary>Only items of subjects who consented.</summary>
    WithConsent,
    /// <summary>Everything public.</summary>
    Free,
    /// <summary>Everything public except from subjects who objected.</summary>
    ObjectionsHonoured,
}

/// <summary>Which of a user's prompts the provider may keep for training.</summary>
public enum PromptRetention
{
    All,
    OptOut,
    SeparateConsent,
    DeidentifiedOnly,
}

/// <summary>Purpose limitation for secondary use of held data.</summary>
public enum PurposeLimitation
{
    None,
    Compatible,
    Strict,
}

/// <summary>De-identification of held records.</summary>
public enum Deidentification
{
    None = 0,
    Pseudonymise = 1,
    Anonymise = 2,
}

/// <summary>Whether the right to restrict processing exists.</summary>
public enum RestrictionRight
{
    None,
    /// <summary>Part of PIPL art. 44's right to decide: granted case by case.</summary>
    Partial,
    /// <summary>An independent right (the paper's proposal).</summary>
    Independent,
}

/// <summary>Whether the right to an explanation of an automated decision exists.</summary>
public enum ExplanationRight
{
    None,
    /// <summary>PIPL art. 24: an explanation of the decision.</summary>
    Decision,
    /// <summary>The paper's proposal: the decision plus disclosure of how the process is controlled.</summary>
    DecisionAndProcess,
}

/// <summary>Rule of liability (imputation principle).</summary>
public enum LiabilityRule
{
    /// <summary>The victim proves fault.</summary>
    Fault,
    /// <summary>PIPL art. 69: the processor must prove it was not at fault.</summary>
    PresumedFault,
    /// <summary>Strict liability.</summary>
    NoFault,
}

/// <summary>Which degree of fault opens punitive damages.</summary>
public enum PunitiveThreshold
{
    /// <summary>Intent or gross negligence (Civil Code art. 1185 style).</summary>
    GrossNegligence,
    /// <summary>The paper's proposal: light negligence suffices and serious actual harm is not required.</summary>
    LightNegligence,
}

/// <summary>
/// A legal regime: the values of every lever. Regimes are data: the built-in ones live in
/// <c>experiments/regimes/*.json</c>; a custom regime names a base and overrides some levers.
/// </summary>
public sealed record Regime
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("description")] public string Description { get; init; } = "";

    // --- collection and consent
    [JsonPropertyName("consent_general")] public ConsentMode ConsentGeneral { get; init; } = ConsentMode.OptOut;
    [JsonPropertyName("consent_sensitive")] public ConsentMode ConsentSensitive { get; init; } = ConsentMode.OptIn;
    [JsonPropertyName("notice_clarity")] public double NoticeClarity { get; init; } = 0.5;
    [JsonPropertyName("scraping")] public ScrapingRule Scraping { get; init; } = ScrapingRule.ObjectionsHonoured;
    [JsonPropertyName("exclude_private_marked")] public bool ExcludePrivateMarked { get; init; }
    [JsonPropertyName("prompt_retention")] public PromptRetention PromptRetention { get; init; } = PromptRetention.OptOut;

    // --- processing
    [JsonPropertyName("purpose_limitation")] public PurposeLimitation PurposeLimitation { get; init; } = PurposeLimitation.Compatible;
    [JsonPropertyName("deidentification")] public Deidentification Deidentification { get; init; } = Deidentification.Pseudonymise;
    [JsonPropertyName("k_anonymity")] public int KAnonymity { get; init; } = 5;
    [JsonPropertyName("separate_identifier_storage")] public bool SeparateIdentifierStorage { get; init; }
    [JsonPropertyName("risk_assessment")] public bool RiskAssessment { get; init; }
    [JsonPropertyName("output_filter")] public double OutputFilter { get; init; } = 0.5;
    [JsonPropertyName("unlearning_on_deletion")] public bool UnlearningOnDeletion { get; init; }

    // --- rights
    [JsonPropertyName("deletion_right")] public bool DeletionRight { get; init; } = true;
    [JsonPropertyName("deletion_delay_days")] public int DeletionDelayDays { get; init; } = 15;
    [JsonPropertyName("deletion_share_served")] public double DeletionShareServed { get; init; } = 1.0;
    [JsonPropertyName("restriction_right")] public RestrictionRight RestrictionRight { get; init; } = RestrictionRight.Partial;
    [JsonPropertyName("explanation_right")] public ExplanationRight ExplanationRight { get; init; } = ExplanationRight.Decision;

    // --- liability
    [JsonPropertyName("liability_general")] public LiabilityRule LiabilityGeneral { get; init; } = LiabilityRule.PresumedFault;
    [JsonPropertyName("liability_sensitive")] public LiabilityRule LiabilitySensitive { get; init; } = LiabilityRule.PresumedFault;
    [JsonPropertyName("reversed_causation_burden")] public bool ReversedCausationBurden { get; init; }
    [JsonPropertyName("joint_and_several")] public bool JointAndSeveral { get; init; }
    [JsonPropertyName("punitive_multiplier")] public double PunitiveMultiplier { get; init; }
    [JsonPropertyName("punitive_floor_yuan")] public long PunitiveFloorYuan { get; init; } = 500;
    [JsonPropertyName("punitive_cap_yuan")] public long PunitiveCapYuan { get; init; } = 1_000_000;
    [JsonPropertyName("punitive_threshold")] public PunitiveThreshold PunitiveThreshold { get; init; } = PunitiveThreshold.GrossNegligence;

    // --- enforcement
    [JsonPropertyName("audits_per_year")] public double AuditsPerYear { get; init; } = 0.5;
    [JsonPropertyName("risk_based_audits")] public bool RiskBasedAudits { get; init; }
    [JsonPropertyName("fine_max_yuan")] public long FineMaxYuan { get; init; } = 50_000_000;
    [JsonPropertyName("fine_max_turnover_share")] public double FineMaxTurnoverShare { get; init; } = 0.05;

    /// <summary>True where punitive damages exist at all.</summary>
    [JsonIgnore] public bool HasPunitiveDamages => PunitiveMultiplier > 0;
}
