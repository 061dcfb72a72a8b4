using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("epoch_ticks")]
    [Parameter(39, 1, 3650, Unit = "days", Meaning = "Days between training runs (and between adaptations)", Source = "brief §3.2 (\"e.g. 30 ticks\"): monthly retraining")]
    public int EpochTicks { get; init; } = 30;

    [JsonPropertyName("memorization_base")]
    [Parameter(44, 0, 1, Unit = "probability", Meaning = "Memorisation probability of a record with duplication 1 at the reference model size", Source = "Carlini et al. 2023: a 6B model memorises ≥ 1% of its training data (p_m(1) = 0.01 at 6B)")]
    public double MemorizationBase { get; init; } = 0.01;

    [JsonPropertyName("memorization_duplication_slope")]
    [Parameter(45, 0, 1e12, Unit = "per ln(duplication)", Meaning = "Log-linear growth of memorisation with duplication", Source = "assumption; log-linear form from Carlini et al. 2023 (memorisation grows log-linearly with duplication). With 8 records p_m ≈ 0.02")]
    public double MemorizationDuplicationSlope { get; init; } = 0.5;

    [JsonPropertyName("memorization_size_slope")]
    [Parameter(46, 0, 1e12, Unit = "per ln(size/6B)", Meaning = "Log-linear growth of memorisation with model size", Source = "assumption; log-linear in model size as in Carlini et al. 2023")]
    public double MemorizationSizeSlope { get; init; } = 0.3;

    [JsonPropertyName("model_size_billion")]
    [Parameter(47, 1e-6, 1e12, Unit = "billion parameters", Meaning = "Model size", Source = "Carlini et al. 2023's 6B reference model (GPT-J)")]
    public double ModelSizeBillion { get; init; } = 6.0;
}

/// <summary>
/// Training and memorisation (docs/model.md §3.9), on training ticks. Not in the paper as weight memorisation; nearest
/// passage 二(二)2: 「生成式人工智能储存大量的个人信息」 (GAI stores large amounts of personal information). Each pair's
/// trainable records (none if restricted; sensitive ones only without risk assessment) are its duplication count d, and
/// Binomial(d, p_m(d)) of them are memorised, p_m log-linear in d and model size (Carlini et al. 2023). The count replaces
/// the last epoch's. The same pass draws the mosaic effect (<see cref="Mosaic"/>).
/// </summary>
public sealed class Memorisation(ModelContext ctx, SubjectStore s, Tally tally)
{
    private readonly double[] _byDuplication = Table(ctx.P);
    private readonly Mosaic _mosaic = new(ctx.P);

    /// <summary>p_m(d) for d = 0 .. 255: clamp(base × (1 + slope_d ln d) × (1 + slope_s ln(size / 6)), 0, 1).</summary>
    public static double[] Table(ModelParameters p)
    {
        var table = new double[256];
        var sizeFactor = 1.0 + p.MemorizationSizeSlope * Math.Log(p.ModelSizeBillion / 6.0);
        for (var dup = 1; dup < 256; dup++)
            table[dup] = Math.Clamp(p.MemorizationBase * (1.0 + p.MemorizationDuplicationSlope * Math.Log(dup)) * sizeFactor, 0.0, 1.0);
        return table;
    }

    /// <summary>A training epoch over the cohort: memorised counts, training volume per provider, and the mosaic effect.</summary>
    public void Train(WorldSnapshot world)
    {
        var providers = s.Providers;
        var tick = world.Tick;
        for (var i = 0; i < s.Count; i++)
        {
            var d = new DrawSequence(ctx.Seed, RandomStream.Training, s.First + i, tick);
            var wasInferable = s.HasInferable(i);
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                // restricted records are kept out of training; risk assessment keeps sensitive records out; the provider
                // trains on the records of a share of the subjects it holds (its training share)
                var sensitiveOut = RiskAssessment.DutiesApply(world.Providers[p].RiskGrade);
                var trainable = (s.State[ip] & PairState.Restricted) != 0 ? 0 : s.HeldGeneral[ip] + (sensitiveOut ? 0 : s.HeldSensitive[ip]);
                trainable = Math.Min(trainable, 255);
                tally.Provider(p, ProviderField.TrainableRecords) += trainable;
                var share = world.Providers[p].Active ? world.Providers[p].TrainingShare : 0.0;
                if (trainable > 0 && share < 1 && d.Uniform(DrawLayout.Training.Included + p * 512) >= share) trainable = 0;
                var memorized = d.Binomial(DrawLayout.Training.Memorised + p * 512, trainable, _byDuplication[trainable]);
                s.Stocks.MemorizedChanged(p, memorized - s.Memorized[ip]);
                s.Memorized[ip] = (byte)memorized;
                tally.Provider(p, ProviderField.TrainingRecords) += trainable;
                if (s.Protected[i]) tally.Provider(p, ProviderField.ProtectedTrainingRecords) += trainable;
                if (_mosaic.Inferable(d, p, s.HeldGeneral[ip])) s.State[ip] |= PairState.Inferable;
                else s.State[ip] &= ~PairState.Inferable;
            }
            var isInferable = s.HasInferable(i);
            if (isInferable != wasInferable) s.Stocks.InferableChanged(isInferable);
        }
    }
}
