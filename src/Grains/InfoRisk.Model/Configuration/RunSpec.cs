using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>How many of each actor a run has, and how many people the subjects stand for.</summary>
public sealed record Population
{
    [JsonPropertyName("subjects")] public int Subjects { get; init; } = 20_000;
    [JsonPropertyName("users")] public int Users { get; init; } = 6_000;
    [JsonPropertyName("providers")] public int Providers { get; init; } = 3;
    [JsonPropertyName("deployers")] public int Deployers { get; init; } = 20;

    /// <summary>
    /// The number of people the simulated subjects stand for (a province, a country): re-identification is computed
    /// against it, and amounts fixed per firm (fines) are scaled by <see cref="Subjects"/> / Represents. Default 14 million.
    /// </summary>
    [JsonPropertyName("represents")] public long Represents { get; init; } = DefaultRepresents;

    public const long DefaultRepresents = 14_000_000;
}

/// <summary>
/// Everything one run (one scenario, one regime, one replicate) needs. It is the unit the engine runs;
/// it travels to grains as JSON so that the model's configuration types need no serializer of their own.
/// </summary>
public sealed record RunSpec
{
    [JsonPropertyName("run_id")] public string RunId { get; init; } = "run";
    [JsonPropertyName("scenario")] public int Scenario { get; init; }
    [JsonPropertyName("replicate")] public int Replicate { get; init; }
    [JsonPropertyName("seed")] public ulong Seed { get; init; } = 1;
    [JsonPropertyName("ticks")] public int Ticks { get; init; } = 365;
    [JsonPropertyName("cohort_size")] public int CohortSize { get; init; } = 8192;
    [JsonPropertyName("population")] public Population Population { get; init; } = new();
    [JsonPropertyName("regime")] public Regime Regime { get; init; } = new();
    [JsonPropertyName("parameters")] public ModelParameters Parameters { get; init; } = new();

    /// <summary>
    /// Draw every hazard-driven event with a Bernoulli draw per subject and tick (the per-tick reference of docs/model.md
    /// §8) instead of the event-skipping sampler. Same model, same distribution, different draws; for equivalence tests and
    /// the benchmark's third row. Left out of the JSON when false.
    /// </summary>
    [JsonPropertyName("per_tick_reference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool PerTickReference { get; init; }

    public int SubjectCohorts => (Population.Subjects + CohortSize - 1) / CohortSize;
    public int UserCohorts => Population.Users == 0 ? 0 : (Population.Users + CohortSize - 1) / CohortSize;

    public (int First, int Count) SubjectRange(int cohort)
    {
        var first = cohort * CohortSize;
        return (first, Math.Min(CohortSize, Population.Subjects - first));
    }

    public (int First, int Count) UserRange(int cohort)
    {
        var first = cohort * CohortSize;
        return (first, Math.Min(CohortSize, Population.Users - first));
    }

    public string ToJson() => JsonSerializer.Serialize(this, ModelJson.Options);

    public static RunSpec FromJson(string json) =>
        JsonSerializer.Deserialize<RunSpec>(json, ModelJson.Options) ?? throw new InvalidOperationException("empty run spec");
}

/// <summary>The JSON conventions of regime and experiment files: snake_case enums, comments allowed.</summary>
public static class ModelJson
{
    public static readonly JsonSerializerOptions Options = Create(allowUnknown: true);

    /// <summary>Strict options: unknown keys are errors.</summary>
    public static readonly JsonSerializerOptions Strict = Create(allowUnknown: false);

    private static JsonSerializerOptions Create(bool allowUnknown)
    {
        var o = new JsonSerializerOptions
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = allowUnknown ? JsonUnmappedMemberHandling.Skip : JsonUnmappedMemberHandling.Disallow,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return o;
    }
}
