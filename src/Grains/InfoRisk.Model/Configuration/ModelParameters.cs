using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>
/// Every numeric parameter of the model with its default. docs/model.md gives, for each one, the mechanism
/// it drives and the source of the default (a published figure, or "assumption").
/// Experiment files override them by their snake_case names under <c>parameters</c>, and sweeps vary them.
/// Money is in yuan here and converted to integer fen inside the model.
/// </summary>
public sealed record ModelParameters
{
    // ---------------- population
    [JsonPropertyName("regions")] public int Regions { get; init; } = 300;
    [JsonPropertyName("provinces")] public int Provinces { get; init; } = 31;
    [JsonPropertyName("region_zipf_exponent")] public double RegionZipfExponent { get; init; } = 1.0;
    [JsonPropertyName("ages")] public int Ages { get; init; } = 80;
    [JsonPropertyName("occupations")] public int Occupations { get; init; } = 20;
    [JsonPropertyName("protected_share")] public double ProtectedShare { get; init; } = 0.10;
    [JsonPropertyName("digital_divide")] public double DigitalDivide { get; init; } = 0.6;
    [JsonPropertyName("concern_beta_a")] public double ConcernBetaA { get; init; } = 2.0;
    [JsonPropertyName("concern_beta_b")] public double ConcernBetaB { get; init; } = 2.0;
    [JsonPropertyName("literacy_beta_a")] public double LiteracyBetaA { get; init; } = 2.0;
    [JsonPropertyName("literacy_beta_b")] public double LiteracyBetaB { get; init; } = 3.0;
    [JsonPropertyName("general_items_mean")] public double GeneralItemsMean { get; init; } = 8.0;
    [JsonPropertyName("sensitive_item_probability")] public double SensitiveItemProbability { get; init; } = 0.25;
    [JsonPropertyName("private_mark_base")] public double PrivateMarkBase { get; init; } = 0.05;
    [JsonPropertyName("private_mark_per_concern")] public double PrivateMarkPerConcern { get; init; } = 0.30;

    // ---------------- users
    [JsonPropertyName("prompts_per_user_day")] public double PromptsPerUserDay { get; init; } = 4.0;
    [JsonPropertyName("own_info_prompt_share")] public double OwnInfoPromptShare { get; init; } = 0.11;
    [JsonPropertyName("sensitive_prompt_share")] public double SensitivePromptShare { get; init; } = 0.03;
    [JsonPropertyName("third_party_prompt_share")] public double ThirdPartyPromptShare { get; init; } = 0.04;
    [JsonPropertyName("malicious_user_share")] public double MaliciousUserShare { get; init; } = 0.005;
    [JsonPropertyName("fakes_per_malicious_user_day")] public double FakesPerMaliciousUserDay { get; init; } = 0.05;
    [JsonPropertyName("max_adoption")] public double MaxAdoption { get; init; } = 0.9;

    // ---------------- collection and consent
    [JsonPropertyName("scrape_rate_per_day")] public double ScrapeRatePerDay { get; init; } = 1.0 / 60.0;
    [JsonPropertyName("consent_intercept")] public double ConsentIntercept { get; init; } = 0.5;
    [JsonPropertyName("consent_value_weight")] public double ConsentValueWeight { get; init; } = 1.5;
    [JsonPropertyName("consent_concern_weight")] public double ConsentConcernWeight { get; init; } = 3.0;
    [JsonPropertyName("awareness_per_day")] public double AwarenessPerDay { get; init; } = 0.004;
    [JsonPropertyName("objection_propensity")] public double ObjectionPropensity { get; init; } = 0.4;

    // ---------------- deployers
    [JsonPropertyName("customer_relations_mean")] public double CustomerRelationsMean { get; init; } = 1.0;
    [JsonPropertyName("deployer_general_records")] public int DeployerGeneralRecords { get; init; } = 3;
    [JsonPropertyName("deployer_sensitive_records")] public int DeployerSensitiveRecords { get; init; } = 2;
    [JsonPropertyName("decision_rate_per_day")] public double DecisionRatePerDay { get; init; } = 1.0 / 90.0;
    [JsonPropertyName("base_approval_rate")] public double BaseApprovalRate { get; init; } = 0.7;
    [JsonPropertyName("bias_hazard")] public double BiasHazard { get; init; } = 0.3;
    [JsonPropertyName("bias_correction_step")] public double BiasCorrectionStep { get; init; } = 0.02;
    [JsonPropertyName("explanation_request_base")] public double ExplanationRequestBase { get; init; } = 0.05;
    [JsonPropertyName("explanation_request_per_concern")] public double ExplanationRequestPerConcern { get; init; } = 0.35;
    [JsonPropertyName("bias_detection_decision")] public double BiasDetectionDecision { get; init; } = 0.3;
    [JsonPropertyName("bias_detection_process")] public double BiasDetectionProcess { get; init; } = 0.6;
    [JsonPropertyName("deployer_licence_fee_yuan_day")] public double DeployerLicenceFeeYuanDay { get; init; } = 50.0;

    // ---------------- aggregation and training
    [JsonPropertyName("epoch_ticks")] public int EpochTicks { get; init; } = 30;
    [JsonPropertyName("mosaic_gamma")] public double MosaicGamma { get; init; } = 0.05;
    [JsonPropertyName("linkage_identifiers_together")] public double LinkageIdentifiersTogether { get; init; } = 0.8;
    [JsonPropertyName("linkage_identifiers_apart")] public double LinkageIdentifiersApart { get; init; } = 0.05;
    [JsonPropertyName("suppression_limit")] public double SuppressionLimit { get; init; } = 0.05;
    [JsonPropertyName("memorization_base")] public double MemorizationBase { get; init; } = 0.01;
    [JsonPropertyName("memorization_duplication_slope")] public double MemorizationDuplicationSlope { get; init; } = 0.5;
    [JsonPropertyName("memorization_size_slope")] public double MemorizationSizeSlope { get; init; } = 0.3;
    [JsonPropertyName("model_size_billion")] public double ModelSizeBillion { get; init; } = 6.0;
    [JsonPropertyName("pretraining_records_per_subject")] public double PretrainingRecordsPerSubject { get; init; } = 5.0;
    [JsonPropertyName("quality_scale_records_per_subject")] public double QualityScaleRecordsPerSubject { get; init; } = 10.0;
    [JsonPropertyName("secondary_use_appetite")] public double SecondaryUseAppetite { get; init; } = 0.3;
    [JsonPropertyName("secondary_use_revenue_yuan")] public double SecondaryUseRevenueYuan { get; init; } = 0.02;

    // ---------------- use and generation
    [JsonPropertyName("extraction_rate")] public double ExtractionRate { get; init; } = 0.05;
    [JsonPropertyName("pii_share_of_memorized_output")] public double PiiShareOfMemorizedOutput { get; init; } = 0.169;
    [JsonPropertyName("person_query_share")] public double PersonQueryShare { get; init; } = 0.02;
    [JsonPropertyName("hallucination_rate")] public double HallucinationRate { get; init; } = 0.045;
    [JsonPropertyName("filter_factuality_efficacy")] public double FilterFactualityEfficacy { get; init; } = 0.5;
    [JsonPropertyName("false_info_harmful_share")] public double FalseInfoHarmfulShare { get; init; } = 0.03;
    [JsonPropertyName("fake_harmful_share")] public double FakeHarmfulShare { get; init; } = 0.5;
    [JsonPropertyName("restricted_output_reduction")] public double RestrictedOutputReduction { get; init; } = 0.9;

    // ---------------- leakage
    [JsonPropertyName("breach_probability_24_months")] public double BreachProbability24Months { get; init; } = 0.279;
    [JsonPropertyName("security_elasticity")] public double SecurityElasticity { get; init; } = 3.0;
    [JsonPropertyName("initial_security")] public double InitialSecurity { get; init; } = 0.5;
    [JsonPropertyName("breach_share_min")] public double BreachShareMin { get; init; } = 0.005;
    [JsonPropertyName("breach_share_pareto_alpha")] public double BreachSharePareto { get; init; } = 1.1;

    // ---------------- harm (yuan)
    [JsonPropertyName("harm_delay_mean_days")] public double HarmDelayMeanDays { get; init; } = 60.0;
    [JsonPropertyName("evidence_half_life_days")] public double EvidenceHalfLifeDays { get; init; } = 277.0;
    [JsonPropertyName("fraud_probability_general")] public double FraudProbabilityGeneral { get; init; } = 0.02;
    [JsonPropertyName("fraud_probability_sensitive")] public double FraudProbabilitySensitive { get; init; } = 0.06;
    [JsonPropertyName("fraud_median_yuan")] public double FraudMedianYuan { get; init; } = 3000.0;
    [JsonPropertyName("fraud_sigma")] public double FraudSigma { get; init; } = 1.0;
    [JsonPropertyName("sensitive_loss_multiplier")] public double SensitiveLossMultiplier { get; init; } = 3.0;
    [JsonPropertyName("mental_harm_probability")] public double MentalHarmProbability { get; init; } = 0.3;
    [JsonPropertyName("mental_median_yuan")] public double MentalMedianYuan { get; init; } = 2000.0;
    [JsonPropertyName("mental_sigma")] public double MentalSigma { get; init; } = 0.8;
    [JsonPropertyName("intrusion_harm_probability")] public double IntrusionHarmProbability { get; init; } = 0.005;
    [JsonPropertyName("intrusion_median_yuan")] public double IntrusionMedianYuan { get; init; } = 500.0;
    [JsonPropertyName("false_info_property_probability")] public double FalseInfoPropertyProbability { get; init; } = 0.2;
    [JsonPropertyName("discrimination_median_yuan")] public double DiscriminationMedianYuan { get; init; } = 5000.0;

    // ---------------- rights
    [JsonPropertyName("deletion_propensity")] public double DeletionPropensity { get; init; } = 0.5;
    [JsonPropertyName("restriction_propensity")] public double RestrictionPropensity { get; init; } = 0.15;
    [JsonPropertyName("restriction_after_false_info")] public double RestrictionAfterFalseInfo { get; init; } = 0.5;
    [JsonPropertyName("partial_restriction_grant")] public double PartialRestrictionGrant { get; init; } = 0.5;

    // ---------------- litigation
    [JsonPropertyName("litigation_cost_yuan")] public double LitigationCostYuan { get; init; } = 3000.0;
    [JsonPropertyName("fault_proof_base")] public double FaultProofBase { get; init; } = 0.3;
    [JsonPropertyName("causation_proof_base")] public double CausationProofBase { get; init; } = 0.4;
    [JsonPropertyName("user_identification_probability")] public double UserIdentificationProbability { get; init; } = 0.3;
    [JsonPropertyName("user_solvency")] public double UserSolvency { get; init; } = 0.3;
    [JsonPropertyName("serious_mental_harm_yuan")] public double SeriousMentalHarmYuan { get; init; } = 5000.0;
    [JsonPropertyName("licence_fee_yuan_per_record")] public double LicenceFeeYuanPerRecord { get; init; } = 50.0;
    [JsonPropertyName("gross_negligence_security")] public double GrossNegligenceSecurity { get; init; } = 0.3;
    [JsonPropertyName("light_negligence_security")] public double LightNegligenceSecurity { get; init; } = 0.7;
    [JsonPropertyName("fine_violation_scale")] public double FineViolationScale { get; init; } = 1000.0;

    // ---------------- economy (yuan)
    [JsonPropertyName("revenue_per_query_yuan")] public double RevenuePerQueryYuan { get; init; } = 0.05;
    [JsonPropertyName("service_value_per_query_yuan")] public double ServiceValuePerQueryYuan { get; init; } = 1.0;
    [JsonPropertyName("security_cost_yuan_per_record_day")] public double SecurityCostYuanPerRecordDay { get; init; } = 0.0002;
    [JsonPropertyName("pseudonymisation_cost_yuan_per_record")] public double PseudonymisationCostYuanPerRecord { get; init; } = 0.01;
    [JsonPropertyName("anonymisation_cost_yuan_per_record")] public double AnonymisationCostYuanPerRecord { get; init; } = 0.05;
    [JsonPropertyName("risk_assessment_cost_yuan_day")] public double RiskAssessmentCostYuanDay { get; init; } = 100.0;
    [JsonPropertyName("filter_cost_yuan_per_query")] public double FilterCostYuanPerQuery { get; init; } = 0.004;
    [JsonPropertyName("rights_request_cost_yuan")] public double RightsRequestCostYuan { get; init; } = 20.0;
    [JsonPropertyName("unlearning_cost_yuan")] public double UnlearningCostYuan { get; init; } = 200.0;
    [JsonPropertyName("breach_response_cost_yuan_per_record")] public double BreachResponseCostYuanPerRecord { get; init; } = 10.0;

    // ---------------- trust and adaptation
    [JsonPropertyName("initial_trust")] public double InitialTrust { get; init; } = 0.7;
    [JsonPropertyName("trust_recovery_per_day")] public double TrustRecoveryPerDay { get; init; } = 0.01;
    [JsonPropertyName("trust_drop_per_breach")] public double TrustDropPerBreach { get; init; } = 0.2;
    [JsonPropertyName("trust_drop_per_incident_per_10k")] public double TrustDropPerIncidentPer10k { get; init; } = 0.0003;
    [JsonPropertyName("adaptation")] public bool Adaptation { get; init; } = true;
    [JsonPropertyName("security_step")] public double SecurityStep { get; init; } = 0.1;

    /// <summary>Daily breach hazard at security 0.5, from the 24-month probability (Ponemon).</summary>
    [JsonIgnore] public double BaseDailyBreachHazard => 1.0 - Math.Pow(1.0 - BreachProbability24Months, 1.0 / 730.0);
}
