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

/// <summary>Ex-ante risk assessment: none, the same duties for every provider, or duties graded by the provider's risk.</summary>
public enum RiskAssessmentMode
{
    None,
    Uniform,
    Graded,
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
/// Declares a regime lever: what it does, the paper passage it models, the sections of docs/model.md where it acts, and
/// for a number its allowed range. Enum and boolean levers take their allowed values from their type.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LeverAttribute(double min = 0, double max = 1e13) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public string Meaning { get; init; } = "";
    public string Paper { get; init; } = "";
    public string Sections { get; init; } = "";
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
    [JsonPropertyName("consent_general")]
    [Lever(Meaning = "How consent is obtained for general information: opt_in, opt_out (objections honoured even under free scraping) or none", Paper = "二(二)1 「信息处理者只有取得信息主体自主的、真实的同意才能收集个人信息」 (collect only with autonomous, genuine consent)", Sections = "3.4")]
    public ConsentMode ConsentGeneral { get; init; } = ConsentMode.OptOut;
    [JsonPropertyName("consent_sensitive")]
    [Lever(Meaning = "How consent is obtained for sensitive information; without opt_in, sensitive items are taken and unconsented ones are intrusions and audit violations", Paper = "五(二) 「不当处理个人敏感信息可能侵害信息主体的人格尊严、人身自由等重要权益」 (mishandling sensitive information harms dignity and freedom)", Sections = "3.4, 3.5, 3.7")]
    public ConsentMode ConsentSensitive { get; init; } = ConsentMode.OptIn;
    [JsonPropertyName("notice_clarity")]
    [Lever(0, 1, Meaning = "Clarity of privacy notices: P(informed consent) = clarity × (0.3 + 0.7 literacy); also speeds awareness", Paper = "二(二)1 「这些表述具有较大的模糊性与不确定性,无法给信息主体提供明确的行为预期」 (vague notices give no clear expectation)", Sections = "3.3, 3.17")]
    public double NoticeClarity { get; init; } = 0.5;
    [JsonPropertyName("scraping")]
    [Lever(Meaning = "Whether providers may scrape public items: with_consent, objections_honoured or free", Paper = "二(二)1 「可以在没有人工监督的情形下主动抓取互联网数据」 (scrapes without human supervision)", Sections = "3.4")]
    public ScrapingRule Scraping { get; init; } = ScrapingRule.ObjectionsHonoured;
    [JsonPropertyName("exclude_private_marked")]
    [Lever(Meaning = "Unconsented scraping leaves private-marked items out instead of intruding", Paper = "二(二)1 「即使是已经公开的私密信息仍属于隐私范畴」 (private information made public is still private)", Sections = "3.4")]
    public bool ExcludePrivateMarked { get; init; }
    [JsonPropertyName("prompt_retention")]
    [Lever(Meaning = "Which prompt records providers may keep for training: all, opt_out, separate_consent or deidentified_only", Paper = "二(二)1 「严重违背了知情同意原则的基本内涵」 (keeping all prompts violates informed consent)", Sections = "3.5")]
    public PromptRetention PromptRetention { get; init; } = PromptRetention.OptOut;

    // --- processing
    [JsonPropertyName("purpose_limitation")]
    [Lever(Meaning = "Allowed share of secondary reuse: none allows all, compatible half, strict none; the rest are violations", Paper = "二(二)2 「目的限制原则是个人信息利用应当遵循的基本原则」 (purpose limitation is the basic principle of use)", Sections = "3.23")]
    public PurposeLimitation PurposeLimitation { get; init; } = PurposeLimitation.Compatible;
    [JsonPropertyName("deidentification")]
    [Lever(Meaning = "The minimum de-identification practice (none, pseudonymise, anonymise); providers may choose a stronger one", Paper = "四(三)2 「去标识化信息只是降低而非彻底消除可识别性」 (de-identification lowers, not removes, identifiability)", Sections = "3.8, 3.26")]
    public Deidentification Deidentification { get; init; } = Deidentification.Pseudonymise;
    [JsonPropertyName("k_anonymity")]
    [Lever(1, 1000, Meaning = "K of k-anonymity for anonymised stores (generalise, then suppress)", Paper = "四(三)2 「凭借匿名化信息也能重新识别出个人信息」 (anonymised information can be re-identified)", Sections = "3.8")]
    public int KAnonymity { get; init; } = 5;
    [JsonPropertyName("separate_identifier_storage")]
    [Lever(Meaning = "Identifiers stored apart from pseudonymised data: linkage after a breach 0.05 instead of 0.8", Paper = "四(三)2 「将去标识化后的信息与可用于识别个人信息的标识符分别存储」 (store identifiers apart)", Sections = "3.8")]
    public bool SeparateIdentifierStorage { get; init; }
    [JsonPropertyName("risk_assessment")]
    [Lever(Meaning = "Ex-ante risk assessment: none; uniform (every provider has the duties of grade 2: no unconsented sensitive scraping, consent for sensitive ingestion, sensitive data out of training, fewer secondary-use violations, at a cost per held subject); graded (duties, cost and audits scale with the provider's risk grade 1-3, set by how many people's data it holds)", Paper = "四(一) 「按照一定的标准将风险划分为不同的等级,据此提供与之相适应的规制措施」 (grade risks and match the measures to the grade)", Sections = "3.27")]
    public RiskAssessmentMode RiskAssessment { get; init; }
    [JsonPropertyName("data_minimisation")]
    [Lever(0.01, 1, Meaning = "Share of the records it could collect about a subject that a provider may keep (collect only what the purpose needs, PIPL art. 6); private-marked items are the first left out; 1 is no limit", Paper = "二(二)2 目的限制原则 (purpose limitation) and PIPL art. 6 (the minimum scope the purpose needs)", Sections = "3.4, 3.5")]
    public double DataMinimisation { get; init; } = 1.0;
    [JsonPropertyName("output_filter")]
    [Lever(0, 1, Meaning = "Strength of the output filter: cuts regurgitation and hallucination, costs per query", Paper = "二(一) 「则会拒绝回答用户的请求」 (the model refuses requests that fail review)", Sections = "3.28")]
    public double OutputFilter { get; init; } = 0.5;
    [JsonPropertyName("unlearning_on_deletion")]
    [Lever(Meaning = "A served deletion also removes memorised records, at a cost", Paper = "四(三)1 删除权 (the right to deletion)", Sections = "3.17")]
    public bool UnlearningOnDeletion { get; init; }

    // --- rights
    [JsonPropertyName("deletion_right")]
    [Lever(Meaning = "Whether deletion requests are served", Paper = "四(三)1 「诸如知情决定权、查阅复制权、更正补充权、删除权等」 (existing rights, deletion among them)", Sections = "3.17")]
    public bool DeletionRight { get; init; } = true;
    [JsonPropertyName("deletion_delay_days")]
    [Lever(0, 3650, Meaning = "Days until a deletion or a granted restriction takes effect", Paper = "四(三)1 删除权 (the right to deletion)", Sections = "3.17")]
    public int DeletionDelayDays { get; init; } = 15;
    [JsonPropertyName("deletion_share_served")]
    [Lever(0, 1, Meaning = "Chance that a due deletion is carried out", Paper = "四(三)1 删除权 (the right to deletion)", Sections = "3.17")]
    public double DeletionShareServed { get; init; } = 1.0;
    [JsonPropertyName("restriction_right")]
    [Lever(Meaning = "Restriction of processing: independent (always granted), partial (case by case, PIPL art. 44) or none", Paper = "四(三)1 「限制处理权能够在保护信息主体免受不正确信息侵害的同时兼顾信息处理者的利益」 (restriction protects and respects both sides)", Sections = "3.17")]
    public RestrictionRight RestrictionRight { get; init; } = RestrictionRight.Partial;
    [JsonPropertyName("access_right")]
    [Lever(Meaning = "Right of access and copy (PIPL art. 45): subjects who learn of a processor may ask what it holds, which later helps them name it and prove causation", Paper = "四(三)1 「诸如知情决定权、查阅复制权、更正补充权、删除权等」 (the right to consult and copy among the existing rights)", Sections = "3.17, 3.18")]
    public bool AccessRight { get; init; }
    [JsonPropertyName("explanation_right")]
    [Lever(Meaning = "Right to an explanation of an automated decision: none, decision (PIPL art. 24) or decision_and_process", Paper = "四(三)1 「还需要披露算法运行过程的控制情况」 (disclose how the process is controlled)", Sections = "3.14")]
    public ExplanationRight ExplanationRight { get; init; } = ExplanationRight.Decision;

    // --- liability
    [JsonPropertyName("liability_general")]
    [Lever(Meaning = "Fault rule for harms from general information: fault, presumed_fault or no_fault", Paper = "五(二) 「对于侵害个人一般信息的应当适用过错推定责任原则」 (presumed fault for general information)", Sections = "3.19")]
    public LiabilityRule LiabilityGeneral { get; init; } = LiabilityRule.PresumedFault;
    [JsonPropertyName("liability_sensitive")]
    [Lever(Meaning = "Fault rule for harms from sensitive information: fault, presumed_fault or no_fault", Paper = "五(二) 「对于侵害个人敏感信息的则适用无过错责任原则」 (no-fault for sensitive information)", Sections = "3.19")]
    public LiabilityRule LiabilitySensitive { get; init; } = LiabilityRule.PresumedFault;
    [JsonPropertyName("reversed_causation_burden")]
    [Lever(Meaning = "The defendant must disprove causation; every handler is presumed to have caused the harm", Paper = "五(一) 「应当实行举证责任倒置」 (the burden of proof should be reversed)", Sections = "3.18")]
    public bool ReversedCausationBurden { get; init; }
    [JsonPropertyName("joint_and_several")]
    [Lever(Meaning = "Provider and users (and deployers) are one liable unit: the provider pays what users cannot and half of deployers' awards", Paper = "五(一) 「将生成式人工智能服务提供者与使用者视为一个整体」 (treat provider and user as one unit)", Sections = "3.18, 3.21")]
    public bool JointAndSeveral { get; init; }
    [JsonPropertyName("court_delay_days")]
    [Lever(0, 3650, Meaning = "Days from filing a claim to judgment: awards are paid then, and the victim's evidence of causation keeps fading until then", Paper = "五(一) 「可能因时间久远而无法提供有力的证据」 (long after the fact, the evidence may be gone)", Sections = "3.18, 3.21")]
    public int CourtDelayDays { get; init; } = 180;
    [JsonPropertyName("punitive_multiplier")]
    [Lever(0, 100, Meaning = "Punitive damages as a multiple of the base; 0 means none", Paper = "五(三)2 「惩罚性赔偿的数额为计算基数的三倍」 (three times the base)", Sections = "3.20")]
    public double PunitiveMultiplier { get; init; }
    [JsonPropertyName("punitive_floor_yuan")]
    [Lever(0, 10000000000000.0, Meaning = "Smallest punitive award (when the multiplier is above 0)", Paper = "五(三)2 「不足500元的,则按500元计」 (below 500 yuan counts as 500)", Sections = "3.20")]
    public long PunitiveFloorYuan { get; init; } = 500;
    [JsonPropertyName("punitive_cap_yuan")]
    [Lever(0, 10000000000000.0, Meaning = "Largest punitive award", Paper = "五(三)2 「笔者认为应当设置一个最高赔偿限额」 (there should be a cap)", Sections = "3.20")]
    public long PunitiveCapYuan { get; init; } = 1_000_000;
    [JsonPropertyName("punitive_threshold")]
    [Lever(Meaning = "Fault needed for punitive damages: gross_negligence (and serious harm) or light_negligence", Paper = "五(三)2 「只要受害人有证据证明侵权人主观上具有轻过失即可」 (light negligence suffices)", Sections = "3.20")]
    public PunitiveThreshold PunitiveThreshold { get; init; } = PunitiveThreshold.GrossNegligence;

    // --- enforcement
    [JsonPropertyName("audits_per_year")]
    [Lever(0, 10000000000000.0, Meaning = "Regulators' audits per provider and year", Paper = "四(二) PIPL art. 11: the state prevents and punishes infringements", Sections = "3.24")]
    public double AuditsPerYear { get; init; } = 0.5;
    [JsonPropertyName("risk_based_audits")]
    [Lever(Meaning = "Audit rate scaled by accumulated violations (× 0.5 … 2.0)", Paper = "四(二) DSL art. 22 risk monitoring", Sections = "3.24")]
    public bool RiskBasedAudits { get; init; }
    [JsonPropertyName("fine_max_yuan")]
    [Lever(0, 10000000000000.0, Meaning = "Fine ceiling (PIPL art. 66: 50 million yuan)", Paper = "四(二) PIPL art. 66", Sections = "3.24")]
    public long FineMaxYuan { get; init; } = 50_000_000;
    [JsonPropertyName("fine_max_turnover_share")]
    [Lever(0, 1, Meaning = "Turnover-based fine ceiling (PIPL art. 66: 5%); the lower of the two applies", Paper = "四(二) PIPL art. 66", Sections = "3.24")]
    public double FineMaxTurnoverShare { get; init; } = 0.05;

    /// <summary>True where punitive damages exist at all.</summary>
    [JsonIgnore] public bool HasPunitiveDamages => PunitiveMultiplier > 0;
}
