using InfoRisk.Model.Configuration;

namespace InfoRisk.Model.Population;

/// <summary>
/// Quasi-identifiers (region, age, gender, occupation) packed into one integer key, and the generalisation
/// hierarchy used for anonymisation (ARX-style full-domain generalisation):
/// level 0 exact; 1 age in 5-year bands; 2 10-year bands and region to province; 3 occupation to 4 groups;
/// 4 20-year bands and region suppressed; 5 only gender kept.
/// </summary>
public sealed class QuasiIdentifiers
{
    public const int Genders = 2;
    public const int OccupationGroups = 4;
    public const int Levels = 6;

    private readonly int[] _provinceOfRegion;

    // Generalise(key, level) = _regionTerm[level][key / RestSpace] + _restTerm[level][key % RestSpace]: every level's
    // key is a sum of a region part and an (age, gender, occupation) part, so two small tables replace the arithmetic.
    private readonly int[][] _regionTerm;
    private readonly int[][] _restTerm;

    public int Regions { get; }
    public int Provinces { get; }
    public int Ages { get; }
    public int Occupations { get; }

    public QuasiIdentifiers(ModelParameters p)
    {
        Regions = p.Regions;
        Provinces = Math.Min(p.Provinces, p.Regions);
        Ages = p.Ages;
        Occupations = p.Occupations;
        _provinceOfRegion = new int[Regions];
        for (var r = 0; r < Regions; r++) _provinceOfRegion[r] = (int)((long)r * Provinces / Regions);
        RestSpace = Ages * Genders * Occupations;
        _regionTerm = new int[Levels][];
        _restTerm = new int[Levels][];
        for (var level = 0; level < Levels; level++)
        {
            _regionTerm[level] = new int[Regions];
            _restTerm[level] = new int[RestSpace];
            for (var r = 0; r < Regions; r++) _regionTerm[level][r] = GeneraliseFields(r, 0, 0, 0, level) - GeneraliseFields(0, 0, 0, 0, level);
            for (var rest = 0; rest < RestSpace; rest++)
            {
                var (_, age, gender, occupation) = Unpack(rest);
                _restTerm[level][rest] = GeneraliseFields(0, age, gender, occupation, level);
            }
        }
    }

    /// <summary>Number of (age, gender, occupation) combinations: the exact key is region x RestSpace + rest.</summary>
    public int RestSpace { get; }

    public int Pack(int region, int age, int gender, int occupation) => ((region * Ages + age) * Genders + gender) * Occupations + occupation;

    public (int Region, int Age, int Gender, int Occupation) Unpack(int key)
    {
        var occupation = key % Occupations;
        key /= Occupations;
        var gender = key % Genders;
        key /= Genders;
        var age = key % Ages;
        return (key / Ages, age, gender, occupation);
    }

    /// <summary>Number of distinct keys at a generalisation level.</summary>
    public int KeySpace(int level) => level switch
    {
        0 => Regions * Ages * Genders * Occupations,
        1 => Regions * Bands(5) * Genders * Occupations,
        2 => Provinces * Bands(10) * Genders * Occupations,
        3 => Provinces * Bands(10) * Genders * OccupationGroups,
        4 => Bands(20) * Genders * OccupationGroups,
        _ => Genders,
    };

    /// <summary>The key of an exact key at a generalisation level (two table look-ups; see <see cref="GeneraliseFields"/>).</summary>
    public int Generalise(int exactKey, int level)
    {
        if (level == 0) return exactKey;
        var region = exactKey / RestSpace;
        return _regionTerm[level][region] + _restTerm[level][exactKey - region * RestSpace];
    }

    /// <summary>The generalised key of the given fields at a level: the definition of the hierarchy.</summary>
    public int GeneraliseFields(int region, int age, int gender, int occupation, int level)
    {
        return level switch
        {
            0 => Pack(region, age, gender, occupation),
            1 => ((region * Bands(5) + age / 5) * Genders + gender) * Occupations + occupation,
            2 => ((_provinceOfRegion[region] * Bands(10) + age / 10) * Genders + gender) * Occupations + occupation,
            3 => ((_provinceOfRegion[region] * Bands(10) + age / 10) * Genders + gender) * OccupationGroups + occupation * OccupationGroups / Occupations,
            4 => ((age / 20) * Genders + gender) * OccupationGroups + occupation * OccupationGroups / Occupations,
            _ => gender,
        };
    }

    private int Bands(int width) => (Ages + width - 1) / width;
}
