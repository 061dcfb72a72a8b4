using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Population;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("areas")]
    [Parameter(0, 1, 100_000, Unit = "areas", Meaning = "Areas of residence in the represented population (the postcode of Sweeney's triple), Zipf-sized", Source = "assumption: about 4,700 people per area in a province of 14 million, the size of a US five-digit ZIP area (Sweeney 2000)")]
    public int Areas { get; init; } = 3000;

    [JsonPropertyName("districts")]
    [Parameter(1, 1, 100_000, Unit = "districts", Meaning = "Districts that areas generalise to (contiguous blocks of areas)", Source = "assumption: ten areas per district, like three-digit ZIP prefixes")]
    public int Districts { get; init; } = 300;

    [JsonPropertyName("area_zipf_exponent")]
    [Parameter(2, 0, 10, Unit = "exponent", Meaning = "Share of area a ∝ 1/(a+1)^exponent", Source = "calibrated: 0.7 puts population uniqueness on (area, birth date, sex) at 75%, between Golle 2006 (63%) and Sweeney 2000 (87%); inforisk calibrate checks it")]
    public double AreaZipfExponent { get; init; } = 0.7;

    [JsonPropertyName("birth_years")]
    [Parameter(3, 1, 200, Unit = "years", Meaning = "Birth dates uniform over this many years of 365 days", Source = "assumption: ages 0-79")]
    public int BirthYears { get; init; } = 80;

    [JsonPropertyName("protected_share")]
    [Parameter(4, 0, 1, Unit = "share", Meaning = "Share of subjects in the protected group (discrimination metric)", Source = "assumption: a minority group (e.g. elderly or rural) for the discrimination metric")]
    public double ProtectedShare { get; init; } = 0.10;

    [JsonPropertyName("digital_divide")]
    [Parameter(5, 0, 1, Unit = "factor", Meaning = "Protected subjects' public items are this factor of the mean", Source = "assumption: the protected group leaves 40% fewer items online")]
    public double DigitalDivide { get; init; } = 0.6;

    [JsonPropertyName("concern_beta_a")]
    [Parameter(6, 1e-6, 1e12, Unit = "Beta a", Meaning = "Concern θ ~ Beta(a, b)", Source = "assumption: θ centred at 0.5 with broad spread")]
    public double ConcernBetaA { get; init; } = 2.0;

    [JsonPropertyName("concern_beta_b")]
    [Parameter(7, 1e-6, 1e12, Unit = "Beta b", Meaning = "Concern θ ~ Beta(a, b)", Source = "assumption: θ centred at 0.5 with broad spread")]
    public double ConcernBetaB { get; init; } = 2.0;

    [JsonPropertyName("literacy_beta_a")]
    [Parameter(8, 1e-6, 1e12, Unit = "Beta a", Meaning = "Literacy ~ Beta(a, b)", Source = "assumption: mean literacy 0.4 (the paper: notices are hard to understand)")]
    public double LiteracyBetaA { get; init; } = 2.0;

    [JsonPropertyName("literacy_beta_b")]
    [Parameter(9, 1e-6, 1e12, Unit = "Beta b", Meaning = "Literacy ~ Beta(a, b)", Source = "assumption: mean literacy 0.4 (the paper: notices are hard to understand)")]
    public double LiteracyBetaB { get; init; } = 3.0;

    [JsonPropertyName("general_items_mean")]
    [Parameter(10, 0, 1e12, Unit = "items", Meaning = "Mean public items per subject: min(60, 1 + Poisson(mean - 1))", Source = "assumption: a handful of public items per person")]
    public double GeneralItemsMean { get; init; } = 8.0;

    [JsonPropertyName("sensitive_item_probability")]
    [Parameter(11, 0, 1, Unit = "probability", Meaning = "Chance of each of 6 sensitive categories", Source = "assumption: 1.5 of 6 sensitive categories per person on average")]
    public double SensitiveItemProbability { get; init; } = 0.25;

    [JsonPropertyName("private_mark_base")]
    [Parameter(12, 0, 1, Unit = "probability", Meaning = "Chance an item is marked private, at concern 0", Source = "assumption: 5-35% of items marked private, rising with concern")]
    public double PrivateMarkBase { get; init; } = 0.05;

    [JsonPropertyName("private_mark_per_concern")]
    [Parameter(13, 0, 1, Unit = "probability", Meaning = "Added chance of a private mark per unit of concern", Source = "assumption: 5-35% of items marked private, rising with concern")]
    public double PrivateMarkPerConcern { get; init; } = 0.30;
}

/// <summary>The fixed attributes of one data subject, drawn from the run seed and the subject's id alone.</summary>
public readonly record struct SubjectAttributes(
    int QuasiIdentifierKey,
    bool Protected,
    byte Concern,
    byte Literacy,
    byte GeneralItems,
    byte SensitiveItems,
    byte PrivateMarkedItems);

/// <summary>
/// Population (docs/model.md §3.1): quasi-identifiers, the protected group, concern θ and literacy, public,
/// sensitive and private-marked items. Paper 二(二)1: 「即使是已经公开的私密信息仍属于隐私范畴」 (even private
/// information already made public is still private, Civil Code art. 1032). Concern and literacy are Beta
/// distributions stored as bytes (256 quantiles from MathNet's inverse CDF); areas follow a Zipf law, birth dates and sex
/// are uniform (Population/QuasiIdentifiers.cs).
/// </summary>
public sealed class SubjectTraits
{
    private readonly ModelParameters _p;
    private readonly QuasiIdentifiers _qi;
    private readonly double[] _areaCdf;

    /// <summary>Quantile tables: the value of quantised level b is the Beta quantile at (b + 0.5) / 256.</summary>
    public static double[] BetaQuantiles(double a, double b)
    {
        var table = new double[256];
        for (var i = 0; i < 256; i++) table[i] = Beta.InvCDF(a, b, (i + 0.5) / 256.0);
        return table;
    }

    public double[] ConcernLevels { get; }
    public double[] LiteracyLevels { get; }

    public SubjectTraits(ModelParameters p, QuasiIdentifiers qi)
    {
        _p = p;
        _qi = qi;
        ConcernLevels = BetaQuantiles(p.ConcernBetaA, p.ConcernBetaB);
        LiteracyLevels = BetaQuantiles(p.LiteracyBetaA, p.LiteracyBetaB);
        _areaCdf = new double[qi.Areas];
        double total = 0;
        for (var a = 0; a < qi.Areas; a++) _areaCdf[a] = total += qi.AreaShares[a];
        for (var a = 0; a < qi.Areas; a++) _areaCdf[a] /= total;
    }

    public SubjectAttributes Draw(ulong seed, int subject)
    {
        var d = new DrawSequence(seed, RandomStream.SubjectSetup, subject, 0);
        var area = Array.BinarySearch(_areaCdf, d.Uniform(DrawLayout.SubjectTraits.Area));
        if (area < 0) area = ~area;
        area = Math.Min(area, _qi.Areas - 1);
        var date = Math.Min(_qi.Dates - 1, (int)(d.Uniform(DrawLayout.SubjectTraits.BirthDate) * _qi.Dates));
        var sex = d.Uniform(DrawLayout.SubjectTraits.Sex) < 0.5 ? 0 : 1;
        var isProtected = d.Uniform(DrawLayout.SubjectTraits.Protected) < _p.ProtectedShare;
        var concern = (byte)(d.Uniform(DrawLayout.SubjectTraits.Concern) * 256);
        var literacy = (byte)(d.Uniform(DrawLayout.SubjectTraits.Literacy) * 256);
        var itemsMean = _p.GeneralItemsMean * (isProtected ? _p.DigitalDivide : 1.0);
        var general = Math.Min(DrawLayout.MaxItems, 1 + d.Poisson(DrawLayout.SubjectTraits.GeneralItems, Math.Max(0, itemsMean - 1)));
        var sensitive = d.Binomial(DrawLayout.SubjectTraits.SensitiveItems, 6, _p.SensitiveItemProbability);
        var markShare = _p.PrivateMarkBase + _p.PrivateMarkPerConcern * ConcernLevels[concern];
        var privateMarked = d.Binomial(DrawLayout.SubjectTraits.PrivateMarks, general, markShare);
        return new SubjectAttributes(_qi.Pack(area, date, sex), isProtected, concern, literacy,
            (byte)general, (byte)sensitive, (byte)privateMarked);
    }
}
