using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model.Population;

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
/// Draws subjects' attributes. Concern (theta) and literacy follow Beta distributions, stored as bytes
/// (256 quantiles computed with MathNet's inverse CDF); regions follow a Zipf law.
/// </summary>
public sealed class SubjectTraits
{
    private readonly ModelParameters _p;
    private readonly QuasiIdentifiers _qi;
    private readonly double[] _regionCdf;

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
        _regionCdf = new double[qi.Regions];
        double total = 0;
        for (var r = 0; r < qi.Regions; r++)
        {
            total += 1.0 / Math.Pow(r + 1, p.RegionZipfExponent);
            _regionCdf[r] = total;
        }
        for (var r = 0; r < qi.Regions; r++) _regionCdf[r] /= total;
    }

    public SubjectAttributes Draw(ulong seed, int subject)
    {
        var d = new DrawSequence(seed, RandomStream.SubjectSetup, subject, 0);
        var region = Array.BinarySearch(_regionCdf, d.Uniform(0));
        if (region < 0) region = ~region;
        region = Math.Min(region, _qi.Regions - 1);
        var age = (int)(d.Uniform(1) * _qi.Ages);
        var gender = d.Uniform(2) < 0.5 ? 0 : 1;
        var occupation = (int)(d.Uniform(3) * _qi.Occupations);
        var isProtected = d.Uniform(4) < _p.ProtectedShare;
        var concern = (byte)(d.Uniform(5) * 256);
        var literacy = (byte)(d.Uniform(6) * 256);
        var itemsMean = _p.GeneralItemsMean * (isProtected ? _p.DigitalDivide : 1.0);
        var general = Math.Min(60, 1 + d.Poisson(7, Math.Max(0, itemsMean - 1)));
        var sensitive = d.Binomial(8, 6, _p.SensitiveItemProbability);
        var markShare = _p.PrivateMarkBase + _p.PrivateMarkPerConcern * ConcernLevels[concern];
        var privateMarked = d.Binomial(20, general, markShare);
        return new SubjectAttributes(_qi.Pack(region, age, gender, occupation), isProtected, concern, literacy,
            (byte)general, (byte)sensitive, (byte)privateMarked);
    }
}
