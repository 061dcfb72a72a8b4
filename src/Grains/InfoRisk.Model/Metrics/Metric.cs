namespace InfoRisk.Model.Metrics;

/// <summary>How a metric's value is written and what unit it has (docs/outputs.md lists each).</summary>
public enum MetricKind
{
    /// <summary>An integer count.</summary>
    Count,
    /// <summary>Money in yuan, computed from integer fen (two decimals, exact).</summary>
    Yuan,
    /// <summary>A ratio or level, written with six decimals.</summary>
    Ratio,
}

/// <summary>Whether a metric is a flow during the tick (summed over a run) or a stock at the end of the tick (its final value is kept).</summary>
public enum MetricNature
{
    Flow,
    Stock,
}

/// <summary>One output column of timeseries.csv.</summary>
public sealed record MetricDefinition(string Name, MetricKind Kind, MetricNature Nature, string Unit, string Meaning);

/// <summary>The metrics of model.md section 5, in column order. Names are a stable contract (docs/outputs.md).</summary>
public static class Metric
{
    public const int RecordsCollected = 0;
    public const int SensitiveRecordsCollected = 1;
    public const int InformedConsentRecords = 2;
    public const int ConsentedRecords = 3;
    public const int PrivacyIntrusions = 4;
    public const int RecordsHeld = 5;
    public const int SensitiveRecordsHeld = 6;
    public const int RecordsMemorized = 7;
    public const int ActiveUsers = 8;
    public const int ModelQuality = 9;
    public const int UserTrust = 10;
    public const int MeanReidRisk = 11;
    public const int SubjectsInferable = 12;
    public const int Queries = 13;
    public const int RegurgitationIncidents = 14;
    public const int FalseInfoIncidents = 15;
    public const int FakeContentIncidents = 16;
    public const int DiscriminatoryDecisions = 17;
    public const int DisparateImpactRatio = 18;
    public const int SecondaryUseViolations = 19;
    public const int Breaches = 20;
    public const int RecordsExposed = 21;
    public const int SensitiveRecordsExposed = 22;
    public const int SubjectsExposed = 23;
    public const int SubjectsReidentified = 24;
    public const int HarmPropertyYuan = 25;
    public const int HarmMentalYuan = 26;
    public const int HarmTotalYuan = 27;
    public const int HarmIntrusionYuan = 28;
    public const int HarmBreachYuan = 29;
    public const int HarmRegurgitationYuan = 30;
    public const int HarmFalseInfoYuan = 31;
    public const int HarmDiscriminationYuan = 32;
    public const int DeletionRequests = 33;
    public const int DeletionsServed = 34;
    public const int RestrictionRequests = 35;
    public const int RestrictionsServed = 36;
    public const int ExplanationRequests = 37;
    public const int ExplanationsServed = 38;
    public const int ClaimsFiled = 39;
    public const int ClaimsWon = 40;
    public const int CompensationYuan = 41;
    public const int PunitiveYuan = 42;
    public const int UncompensatedHarmYuan = 43;
    public const int PaidByProvidersYuan = 44;
    public const int PaidByDeployersYuan = 45;
    public const int PaidByUsersYuan = 46;
    public const int ServiceValueYuan = 47;
    public const int ProviderRevenueYuan = 48;
    public const int ComplianceCostYuan = 49;
    public const int LiabilityPaidYuan = 50;
    public const int FinesYuan = 51;
    public const int ProviderProfitYuan = 52;
    public const int WelfareYuan = 53;
    public const int MeanSecurity = 54;
    public const int MeanDeidentification = 55;
    public const int MeanDeployerBias = 56;
    public const int SocialWelfareYuan = 57;

    public static readonly MetricDefinition[] All =
    [
        new("records_collected", MetricKind.Count, MetricNature.Flow, "records/tick", "Records newly taken into providers' and deployers' stores (scraping, prompts kept for training, deployer ingestion)."),
        new("sensitive_records_collected", MetricKind.Count, MetricNature.Flow, "records/tick", "Of records_collected, sensitive ones (PIPL art. 28)."),
        new("informed_consent_records", MetricKind.Count, MetricNature.Flow, "records/tick", "Records collected under a consent that was informed (the subject understood the notice)."),
        new("consented_records", MetricKind.Count, MetricNature.Flow, "records/tick", "Records collected under any consent, informed or not; the gap to informed_consent_records is hollowed-out consent."),
        new("privacy_intrusions", MetricKind.Count, MetricNature.Flow, "items/tick", "Private-marked items (Civil Code art. 1032) and sensitive items taken without the subject's consent."),
        new("records_held", MetricKind.Count, MetricNature.Stock, "records", "Records held by providers and deployers at the end of the tick."),
        new("sensitive_records_held", MetricKind.Count, MetricNature.Stock, "records", "Of records_held, sensitive ones."),
        new("records_memorized", MetricKind.Count, MetricNature.Stock, "records", "Records memorised by providers' trained models (deleted records stay until retraining)."),
        new("active_users", MetricKind.Count, MetricNature.Stock, "users", "Users who used a service this tick."),
        new("model_quality", MetricKind.Ratio, MetricNature.Stock, "0..1", "Mean model quality over providers, 1 - exp(-(pretraining + training records) / scale)."),
        new("user_trust", MetricKind.Ratio, MetricNature.Stock, "0..1", "Mean user trust over providers."),
        new("mean_reid_risk", MetricKind.Ratio, MetricNature.Stock, "probability", "Mean re-identification (prosecutor) risk 1/k over records held by providers; 1 for identified records."),
        new("subjects_inferable", MetricKind.Count, MetricNature.Stock, "subjects", "Subjects with a private trait inferable from aggregated records at some provider (mosaic effect)."),
        new("queries", MetricKind.Count, MetricNature.Flow, "queries/tick", "Prompts sent to providers."),
        new("regurgitation_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick", "Outputs that emitted a subject's memorised personal information."),
        new("false_info_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick", "False statements about real persons: hallucinations plus malicious users' fakes."),
        new("fake_content_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick", "Of false_info_incidents, deliberate fakes by malicious users."),
        new("discriminatory_decisions", MetricKind.Count, MetricNature.Flow, "decisions/tick", "Adverse automated decisions on protected subjects that a fair model would have approved (including those later corrected)."),
        new("disparate_impact_ratio", MetricKind.Ratio, MetricNature.Stock, "ratio", "Approval rate of the protected group / approval rate of others, over the last epoch's decisions (after corrections); 1 is parity."),
        new("secondary_use_violations", MetricKind.Count, MetricNature.Flow, "records/tick", "Held records reused for purposes the regime does not allow."),
        new("breaches", MetricKind.Count, MetricNature.Flow, "breaches/tick", "Breaches of providers and deployers."),
        new("records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick", "Records exposed by breaches."),
        new("sensitive_records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick", "Of records_exposed, sensitive ones."),
        new("subjects_exposed", MetricKind.Count, MetricNature.Flow, "subjects/tick", "Subjects with at least one record exposed this tick."),
        new("subjects_reidentified", MetricKind.Count, MetricNature.Flow, "subjects/tick", "Exposed subjects whose records were linked back to them."),
        new("harm_property_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Property loss suffered this tick."),
        new("harm_mental_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Mental harm suffered this tick, valued in yuan."),
        new("harm_total_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "harm_property_yuan + harm_mental_yuan."),
        new("harm_intrusion_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Of harm_total_yuan, from privacy intrusions."),
        new("harm_breach_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Of harm_total_yuan, from breaches."),
        new("harm_regurgitation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Of harm_total_yuan, from regurgitated memorised information."),
        new("harm_false_info_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Of harm_total_yuan, from false information (hallucinations and fakes)."),
        new("harm_discrimination_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Of harm_total_yuan, from discriminatory automated decisions."),
        new("deletion_requests", MetricKind.Count, MetricNature.Flow, "requests/tick", "Deletion requests (PIPL art. 47)."),
        new("deletions_served", MetricKind.Count, MetricNature.Flow, "requests/tick", "Deletion requests carried out."),
        new("restriction_requests", MetricKind.Count, MetricNature.Flow, "requests/tick", "Requests to restrict processing."),
        new("restrictions_served", MetricKind.Count, MetricNature.Flow, "requests/tick", "Restriction requests granted and carried out."),
        new("explanation_requests", MetricKind.Count, MetricNature.Flow, "requests/tick", "Requests for an explanation of an adverse automated decision (PIPL art. 24)."),
        new("explanations_served", MetricKind.Count, MetricNature.Flow, "requests/tick", "Explanation requests answered."),
        new("claims_filed", MetricKind.Count, MetricNature.Flow, "claims/tick", "Lawsuits filed by harmed subjects."),
        new("claims_won", MetricKind.Count, MetricNature.Flow, "claims/tick", "Lawsuits won."),
        new("compensation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Compensatory damages collected (property and mental)."),
        new("punitive_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Punitive damages collected."),
        new("uncompensated_harm_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "harm_total_yuan - compensation_yuan: harm borne by subjects."),
        new("paid_by_providers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Awards (compensatory + punitive) paid by providers."),
        new("paid_by_deployers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Awards paid by deployers."),
        new("paid_by_users_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Awards paid by (malicious) users."),
        new("service_value_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Value of the service to users: queries x value per query x model quality."),
        new("provider_revenue_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Providers' revenue: queries, deployer licences, secondary use."),
        new("compliance_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Providers' cost of security, de-identification, risk assessment, output filters, rights requests, unlearning and breach response."),
        new("liability_paid_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Damages paid by providers (= paid_by_providers_yuan)."),
        new("fines_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Regulators' fines on providers (PIPL art. 66)."),
        new("provider_profit_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "Revenue - compliance cost - liability - fines."),
        new("welfare_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "service_value_yuan + provider_profit_yuan - harm_total_yuan."),
        new("mean_security", MetricKind.Ratio, MetricNature.Stock, "0..1", "Mean security level of providers (adapted each epoch)."),
        new("mean_deidentification", MetricKind.Ratio, MetricNature.Stock, "0..2", "Mean de-identification practice of providers: 0 none, 1 pseudonymised, 2 anonymised."),
        new("mean_deployer_bias", MetricKind.Ratio, MetricNature.Stock, "0..1", "Mean relative approval penalty that deployers' models impose on the protected group."),
        new("social_welfare_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick", "service_value_yuan - compliance_cost_yuan - harm_total_yuan: welfare with transfers (damages, fines, fees) netted out."),
    ];

    public static int Count => All.Length;

    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Length; i++)
        {
            if (All[i].Name == name) return i;
        }
        return -1;
    }
}
