namespace InfoRisk.Model.Population;

/// <summary>
/// Quasi-identifiers (area of residence, date of birth, sex: the three of Sweeney 2000 and Golle 2006) packed into one
/// integer key, their generalisation hierarchy for anonymisation (ARX-style full-domain generalisation), and their
/// probabilities in the population the subjects stand for. Re-identification is computed against that represented
/// population, not against the simulated subjects (population-risk.md): with P people, the number of others sharing a
/// key of probability π is Poisson((P − 1) π), so a record's prosecutor risk is E[1 / (1 + X)] = (1 − e^{−λ}) / λ.
/// Levels: 0 exact; 1 birth month; 2 birth year; 3 area to district; 4 five-year bands; 5 ten-year bands and no area;
/// 6 sex only.
/// </summary>
public sealed class QuasiIdentifiers
{
    public const int Sexes = 2;
    public const int Levels = 7;
    public const int DaysPerYear = 365;

    private readonly int[] _districtOfArea;
    private readonly int[] _monthOfDay;
    private readonly double[] _areaShare;
    // per level: the generalised area or date index of each exact one, and the probability of each generalised value
    private readonly int[][] _areaAt, _dateAt;
    private readonly double[][] _areaPi, _datePi;

    public int Areas { get; }
    public int Districts { get; }
    public int Years { get; }
    public int Dates => Years * DaysPerYear;

    public QuasiIdentifiers(ModelParameters p)
    {
        Areas = p.Areas;
        Districts = Math.Min(p.Districts, p.Areas);
        Years = p.BirthYears;
        _districtOfArea = new int[Areas];
        for (var a = 0; a < Areas; a++) _districtOfArea[a] = (int)((long)a * Districts / Areas);
        _monthOfDay = new int[DaysPerYear];
        for (var d = 0; d < DaysPerYear; d++) _monthOfDay[d] = Math.Min(11, d * 12 / DaysPerYear);
        _areaShare = new double[Areas];
        double total = 0;
        for (var a = 0; a < Areas; a++) total += _areaShare[a] = 1.0 / Math.Pow(a + 1, p.AreaZipfExponent);
        for (var a = 0; a < Areas; a++) _areaShare[a] /= total;

        _areaAt = new int[Levels][];
        _dateAt = new int[Levels][];
        _areaPi = new double[Levels][];
        _datePi = new double[Levels][];
        for (var level = 0; level < Levels; level++)
        {
            (_areaAt[level], _areaPi[level]) = Generalise(Areas, a => AreaIndex(a, level), a => _areaShare[a]);
            (_dateAt[level], _datePi[level]) = Generalise(Dates, d => DateIndex(d, level), _ => 1.0 / Dates);
        }
    }

    /// <summary>The share of the population living in each area (Zipf): what the subjects' areas are drawn from.</summary>
    public IReadOnlyList<double> AreaShares => _areaShare;

    public int Pack(int area, int date, int sex) => (area * Dates + date) * Sexes + sex;

    public (int Area, int Date, int Sex) Unpack(int key) => (key / Sexes / Dates, key / Sexes % Dates, key % Sexes);

    /// <summary>The generalised area of an exact area at a level (the definition of the hierarchy).</summary>
    public int AreaIndex(int area, int level) => level switch
    {
        <= 2 => area,
        <= 4 => _districtOfArea[area],
        _ => 0,
    };

    /// <summary>The generalised birth date of an exact one (days since the oldest birth year) at a level.</summary>
    public int DateIndex(int date, int level)
    {
        var year = date / DaysPerYear;
        return level switch
        {
            0 => date,
            1 => year * 12 + _monthOfDay[date % DaysPerYear],
            2 or 3 => year,
            4 => year / 5,
            5 => year / 10,
            _ => 0,
        };
    }

    /// <summary>Probability of a key's generalised class at a level, in the population.</summary>
    public double Probability(int key, int level)
    {
        var date = key / Sexes % Dates;
        var area = key / Sexes / Dates;
        return _areaPi[level][_areaAt[level][area]] * _datePi[level][_dateAt[level][date]] / Sexes;
    }

    /// <summary>
    /// Prosecutor risk of a record with this key at a level, against a population of <paramref name="population"/>:
    /// E[1 / (1 + X)], X ~ Poisson(λ = (P − 1) π) the others sharing the class.
    /// </summary>
    public double Risk(int key, int level, double population) => RiskOf((population - 1) * Probability(key, level));

    public static double RiskOf(double lambda) => lambda < 1e-4
        ? 1 - lambda / 2 + lambda * lambda / 6 // the series: 1 - e^-x loses digits to cancellation for small x
        : (1 - Math.Exp(-lambda)) / lambda;

    /// <summary>Whether the key's class at a level is expected to be smaller than K in the population: 1 + λ &lt; K.</summary>
    public bool Small(int key, int level, double population, int k) => 1 + (population - 1) * Probability(key, level) < k;

    /// <summary>
    /// The first level at which the key's class is not <see cref="Small"/> (<see cref="Levels"/> if none): the same test,
    /// level by level, with the key unpacked once.
    /// </summary>
    public int FirstLevelNotSmall(int key, double population, int k)
    {
        var date = key / Sexes % Dates;
        var area = key / Sexes / Dates;
        for (var level = 0; level < Levels; level++)
        {
            if (!(1 + (population - 1) * (_areaPi[level][_areaAt[level][area]] * _datePi[level][_dateAt[level][date]] / Sexes) < k)) return level;
        }
        return Levels;
    }

    /// <summary>Population uniqueness Σ π_k e^{−(P−1)π_k} over exact keys (dates and sexes uniform: summed over areas).</summary>
    public double Uniqueness(double population)
    {
        double u = 0;
        var perKey = 1.0 / Dates / Sexes;
        foreach (var share in _areaShare) u += share * Math.Exp(-(population - 1) * share * perKey);
        return u;
    }

    private static (int[] Index, double[] Pi) Generalise(int n, Func<int, int> index, Func<int, double> probability)
    {
        var at = new int[n];
        var classes = 0;
        for (var x = 0; x < n; x++) classes = Math.Max(classes, (at[x] = index(x)) + 1);
        var pi = new double[classes];
        for (var x = 0; x < n; x++) pi[at[x]] += probability(x);
        return (at, pi);
    }
}
