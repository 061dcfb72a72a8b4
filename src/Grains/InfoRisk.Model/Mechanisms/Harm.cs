using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("harm_delay_mean_days")]
    [Parameter(65, 1e-6, 1e12, Unit = "days", Meaning = "Mean of the exponential delay from cause to suffered harm", Source = "assumption: fraud follows a leak within weeks to months")]
    public double HarmDelayMeanDays { get; init; } = 60.0;

    [JsonPropertyName("fraud_probability_general")]
    [Parameter(67, 0, 1, Unit = "probability", Meaning = "Chance that an identified general exposure leads to fraud", Source = "assumption: sensitive (financial, identity) data are three times as useful to fraudsters")]
    public double FraudProbabilityGeneral { get; init; } = 0.02;

    [JsonPropertyName("fraud_probability_sensitive")]
    [Parameter(68, 0, 1, Unit = "probability", Meaning = "Chance that an identified sensitive exposure leads to fraud", Source = "assumption: sensitive (financial, identity) data are three times as useful to fraudsters")]
    public double FraudProbabilitySensitive { get; init; } = 0.06;

    [JsonPropertyName("fraud_median_yuan")]
    [Parameter(69, 1e-6, 1e12, Unit = "yuan", Meaning = "Median fraud loss (log-normal)", Source = "assumption: heavy-tailed fraud losses (mean ≈ 4,950 yuan)")]
    public double FraudMedianYuan { get; init; } = 3000.0;

    [JsonPropertyName("fraud_sigma")]
    [Parameter(70, 0, 1e12, Unit = "log-sd", Meaning = "Log-normal sigma of property losses", Source = "assumption: heavy-tailed fraud losses (mean ≈ 4,950 yuan)")]
    public double FraudSigma { get; init; } = 1.0;

    [JsonPropertyName("sensitive_loss_multiplier")]
    [Parameter(71, 0, 1e12, Unit = "factor", Meaning = "Fraud losses from sensitive data are this multiple", Source = "assumption")]
    public double SensitiveLossMultiplier { get; init; } = 3.0;

    [JsonPropertyName("mental_harm_probability")]
    [Parameter(72, 0, 1, Unit = "probability", Meaning = "Chance of mental harm after an identified sensitive, private or inferable exposure", Source = "assumption")]
    public double MentalHarmProbability { get; init; } = 0.3;

    [JsonPropertyName("mental_median_yuan")]
    [Parameter(73, 1e-6, 1e12, Unit = "yuan", Meaning = "Median mental harm (log-normal)", Source = "assumption: modest mental-damage awards typical of Chinese PI cases")]
    public double MentalMedianYuan { get; init; } = 2000.0;

    [JsonPropertyName("mental_sigma")]
    [Parameter(74, 0, 1e12, Unit = "log-sd", Meaning = "Log-normal sigma of mental harm", Source = "assumption: modest mental-damage awards typical of Chinese PI cases")]
    public double MentalSigma { get; init; } = 0.8;

    [JsonPropertyName("false_info_property_probability")]
    [Parameter(77, 0, 1, Unit = "probability", Meaning = "Chance that harmful false information also costs money", Source = "assumption: defamation sometimes costs income")]
    public double FalseInfoPropertyProbability { get; init; } = 0.2;

    [JsonPropertyName("secondary_use_harm_median_yuan")]
    [Parameter(126, 1e-6, 1e12, Unit = "yuan", Meaning = "Median loss from an unlawful secondary use of a record (log-normal, sigma = fraud_sigma; x sensitive_loss_multiplier for sensitive records)", Source = "assumption: targeted marketing, price discrimination or resale of the data; a third of a fraud")]
    public double SecondaryUseHarmMedianYuan { get; init; } = 1000.0;

    [JsonPropertyName("discrimination_median_yuan")]
    [Parameter(78, 1e-6, 1e12, Unit = "yuan", Meaning = "Median loss from a discriminatory decision (log-normal, sigma = fraud_sigma)", Source = "assumption: a refused loan or service")]
    public double DiscriminationMedianYuan { get; init; } = 5000.0;
}

/// <summary>
/// Harm: amounts, delay and censoring (docs/model.md §3.16). Paper 五(三)1: 「可能同时造成财产损害与非财产损害」
/// (property and non-property harm) and 二(二)2: 「其不法泄露一般不会立刻给信息主体造成财产损失或精神损害」 (a leak
/// does not cause loss at once). Amounts are drawn when the cause happens and the harm is suffered after an
/// exponential delay; harms due after the horizon are never counted. On the due tick the harm is counted and litigated.
/// </summary>
public sealed class Harm
{
    private readonly ModelContext _ctx;
    private readonly ModelParameters _p;
    private readonly SubjectStore _s;
    private readonly Tally _tally;
    private readonly List<HarmEvent>[] _due;
    // per subject: harm events caused this tick (their sequence numbers key their draws)
    private readonly byte[] _sequence;
    private readonly double _fraudMu, _mentalMu, _discriminationMu, _secondaryMu;
    private int _tick;

    public Harm(ModelContext ctx, SubjectStore s, Tally tally)
    {
        _ctx = ctx;
        _p = ctx.P;
        _s = s;
        _tally = tally;
        _due = new List<HarmEvent>[ctx.Spec.Ticks + 1];
        _sequence = new byte[s.Count];
        _fraudMu = Math.Log(_p.FraudMedianYuan);
        _mentalMu = Math.Log(_p.MentalMedianYuan);
        _discriminationMu = Math.Log(_p.DiscriminationMedianYuan);
        _secondaryMu = Math.Log(_p.SecondaryUseHarmMedianYuan);
    }

    /// <summary>Starts the causes of a tick: every subject's event count goes back to 0.</summary>
    public void BeginTick(int tick)
    {
        _tick = tick;
        Array.Clear(_sequence);
    }

    /// <summary>Days from cause to suffered harm: 1 + ⌊Exp(mean harm_delay_mean_days)⌋.</summary>
    public int Delay(DrawSequence draw, int counter) => 1 + (int)draw.Exponential(counter, _p.HarmDelayMeanDays);

    /// <summary>A uniform kept away from 0 and 1 for inverse CDFs.</summary>
    public static double Clamp(double u) => Math.Clamp(u, 1e-12, 1 - 1e-12);

    /// <summary>
    /// Draws the property and mental harm that a cause brings subject i this tick, and schedules it. The party's care is
    /// that of the channel: security for a breach, the output filter for regurgitation and hallucination.
    /// </summary>
    public void Cause(int i, HarmSource source, PartyKind party, int partyIndex, int jointProvider, bool sensitive, bool intentional,
        double partyCare, int records, int holders = 1)
    {
        int seq = _sequence[i]++;
        if (seq >= DrawLayout.MaxHarmEventsPerSubjectTick)
            throw new InvalidOperationException($"subject {_s.First + i} has more than {DrawLayout.MaxHarmEventsPerSubjectTick} harm events in tick {_tick}: the draw layout allows no more");
        var draw = new DrawSequence(_ctx.Seed, RandomStream.Harm, _s.First + i, _tick);
        var c = seq * DrawLayout.Harm.PerEvent;
        long property = 0, mental = 0;
        switch (source)
        {
            case HarmSource.Breach:
            case HarmSource.Regurgitation:
                {
                    var pFraud = sensitive ? _p.FraudProbabilitySensitive : _p.FraudProbabilityGeneral;
                    if (draw.Uniform(c + DrawLayout.Harm.Fraud) < pFraud)
                    {
                        var yuan = LogNormal.InvCDF(_fraudMu, _p.FraudSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.FraudAmount)));
                        property = Money.ToFen(yuan * (sensitive ? _p.SensitiveLossMultiplier : 1.0));
                    }
                    var anyPrivate = _s.PrivateMarked[i] > 0 || _s.HasInferable(i);
                    if ((sensitive || anyPrivate) && draw.Uniform(c + DrawLayout.Harm.Mental) < _p.MentalHarmProbability)
                        mental = Money.ToFen(LogNormal.InvCDF(_mentalMu, _p.MentalSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.MentalAmount))));
                    break;
                }
            case HarmSource.FalseInformation:
                mental = Money.ToFen(LogNormal.InvCDF(_mentalMu, _p.MentalSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.MentalAmount))));
                if (draw.Uniform(c + DrawLayout.Harm.Fraud) < _p.FalseInfoPropertyProbability)
                    property = Money.ToFen(LogNormal.InvCDF(_fraudMu, _p.FraudSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.FraudAmount))));
                break;
            case HarmSource.Discrimination:
                property = Money.ToFen(LogNormal.InvCDF(_discriminationMu, _p.FraudSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.FraudAmount))));
                break;
            case HarmSource.SecondaryUse:
                property = Money.ToFen(LogNormal.InvCDF(_secondaryMu, _p.FraudSigma, Clamp(draw.Uniform(c + DrawLayout.Harm.FraudAmount))) * (sensitive ? _p.SensitiveLossMultiplier : 1.0));
                break;
        }
        if (property == 0 && mental == 0) return;
        Schedule(new HarmEvent
        {
            Local = i,
            CauseTick = _tick,
            DueTick = _tick + Delay(draw, c + DrawLayout.Harm.Delay),
            Sequence = (byte)seq,
            Source = source,
            Party = party,
            PartyIndex = (short)partyIndex,
            JointProvider = (short)jointProvider,
            Sensitive = sensitive,
            Intentional = intentional,
            Holders = (byte)Math.Min(255, holders),
            PartyCare = HarmEvent.CareLevel(partyCare),
            Records = records,
            PropertyFen = property,
            MentalFen = mental,
            Accessed = party == PartyKind.Provider && (_s.State[i * _s.Providers + partyIndex] & PairState.Accessed) != 0,
        });
    }

    /// <summary>Keeps a harm until its due tick; one due after the horizon is never suffered (censoring).</summary>
    public void Schedule(in HarmEvent e)
    {
        if (e.DueTick >= _due.Length) return;
        (_due[e.DueTick] ??= []).Add(e);
    }

    /// <summary>Harms suffered today: counted by kind and source, then each harmed subject may sue.</summary>
    public void Realise(int tick, Litigation litigation)
    {
        var due = _due[tick];
        if (due is null) return;
        _due[tick] = null!;
        foreach (var e in due)
        {
            var total = e.PropertyFen + e.MentalFen;
            _tally[TallyField.HarmPropertyFen] += e.PropertyFen;
            _tally[TallyField.HarmMentalFen] += e.MentalFen;
            _tally[SourceField(e.Source)] += total;
            _tally[TallyField.HarmEvents]++;
            _s.HarmFen[e.Local] += total;
            litigation.Litigate(e, total);
        }
    }

    private static TallyField SourceField(HarmSource s) => s switch
    {
        HarmSource.Intrusion => TallyField.HarmIntrusionFen,
        HarmSource.Breach => TallyField.HarmBreachFen,
        HarmSource.Regurgitation => TallyField.HarmRegurgitationFen,
        HarmSource.FalseInformation => TallyField.HarmFalseInfoFen,
        HarmSource.SecondaryUse => TallyField.HarmSecondaryUseFen,
        _ => TallyField.HarmDiscriminationFen,
    };
}
