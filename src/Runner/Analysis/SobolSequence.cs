using System.Numerics;

namespace InfoRisk.Runner.Analysis;

/// <summary>
/// The Sobol' low-discrepancy sequence in base 2 with 32-bit resolution, in Gray-code order (Antonov and Saleev
/// 1979), with the direction numbers of Joe and Kuo (2008), file new-joe-kuo-6.21201, for the first
/// <see cref="MaxDimensions"/> dimensions. Point 0 is the origin; points 1, 2, 3, 4 of dimension 1 are
/// 0.5, 0.75, 0.25, 0.375. Deterministic and unscrambled; <see cref="SobolDesign"/> adds a random digital shift.
/// </summary>
public sealed class SobolSequence
{
    /// <summary>Number of dimensions supported: dimension 1 plus the first 100 rows of the Joe-Kuo table.</summary>
    public const int MaxDimensions = 101;

    /// <summary>Bits of resolution: points are multiples of 2^-32, and at most 2^32 points exist.</summary>
    public const int Resolution = 32;

    private const double Scale = 1.0 / 4294967296.0;

    /// <summary>
    /// Direction numbers of dimensions 2..101 from S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
    /// two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654, data file new-joe-kuo-6.21201
    /// (https://web.maths.unsw.edu.au/~fkuo/sobol/), copyright Stephen Joe and Frances Kuo, used with
    /// acknowledgement as their licence asks. Each row: s (degree of the primitive polynomial), a (its inner
    /// coefficients as a binary number), then the initial direction integers m_1 .. m_s.
    /// </summary>
    private static readonly string[] JoeKuo =
    [
        "1 0 1", // d = 2
        "2 1 1 3", // d = 3
        "3 1 1 3 1", // d = 4
        "3 2 1 1 1", // d = 5
        "4 1 1 1 3 3", // d = 6
        "4 4 1 3 5 13", // d = 7
        "5 2 1 1 5 5 17", // d = 8
        "5 4 1 1 5 5 5", // d = 9
        "5 7 1 1 7 11 19", // d = 10
        "5 11 1 1 5 1 1", // d = 11
        "5 13 1 1 1 3 11", // d = 12
        "5 14 1 3 5 5 31", // d = 13
        "6 1 1 3 3 9 7 49", // d = 14
        "6 13 1 1 1 15 21 21", // d = 15
        "6 16 1 3 1 13 27 49", // d = 16
        "6 19 1 1 1 15 7 5", // d = 17
        "6 22 1 3 1 15 13 25", // d = 18
        "6 25 1 1 5 5 19 61", // d = 19
        "7 1 1 3 7 11 23 15 103", // d = 20
        "7 4 1 3 7 13 13 15 69", // d = 21
        "7 7 1 1 3 13 7 35 63", // d = 22
        "7 8 1 3 5 9 1 25 53", // d = 23
        "7 14 1 3 1 13 9 35 107", // d = 24
        "7 19 1 3 1 5 27 61 31", // d = 25
        "7 21 1 1 5 11 19 41 61", // d = 26
        "7 28 1 3 5 3 3 13 69", // d = 27
        "7 31 1 1 7 13 1 19 1", // d = 28
        "7 32 1 3 7 5 13 19 59", // d = 29
        "7 37 1 1 3 9 25 29 41", // d = 30
        "7 41 1 3 5 13 23 1 55", // d = 31
        "7 42 1 3 7 3 13 59 17", // d = 32
        "7 50 1 3 1 3 5 53 69", // d = 33
        "7 55 1 1 5 5 23 33 13", // d = 34
        "7 56 1 1 7 7 1 61 123", // d = 35
        "7 59 1 1 7 9 13 61 49", // d = 36
        "7 62 1 3 3 5 3 55 33", // d = 37
        "8 14 1 3 1 15 31 13 49 245", // d = 38
        "8 21 1 3 5 15 31 59 63 97", // d = 39
        "8 22 1 3 1 11 11 11 77 249", // d = 40
        "8 38 1 3 1 11 27 43 71 9", // d = 41
        "8 47 1 1 7 15 21 11 81 45", // d = 42
        "8 49 1 3 7 3 25 31 65 79", // d = 43
        "8 50 1 3 1 1 19 11 3 205", // d = 44
        "8 52 1 1 5 9 19 21 29 157", // d = 45
        "8 56 1 3 7 11 1 33 89 185", // d = 46
        "8 67 1 3 3 3 15 9 79 71", // d = 47
        "8 70 1 3 7 11 15 39 119 27", // d = 48
        "8 84 1 1 3 1 11 31 97 225", // d = 49
        "8 97 1 1 1 3 23 43 57 177", // d = 50
        "8 103 1 3 7 7 17 17 37 71", // d = 51
        "8 115 1 3 1 5 27 63 123 213", // d = 52
        "8 122 1 1 3 5 11 43 53 133", // d = 53
        "9 8 1 3 5 5 29 17 47 173 479", // d = 54
        "9 13 1 3 3 11 3 1 109 9 69", // d = 55
        "9 16 1 1 1 5 17 39 23 5 343", // d = 56
        "9 22 1 3 1 5 25 15 31 103 499", // d = 57
        "9 25 1 1 1 11 11 17 63 105 183", // d = 58
        "9 44 1 1 5 11 9 29 97 231 363", // d = 59
        "9 47 1 1 5 15 19 45 41 7 383", // d = 60
        "9 52 1 3 7 7 31 19 83 137 221", // d = 61
        "9 55 1 1 1 3 23 15 111 223 83", // d = 62
        "9 59 1 1 5 13 31 15 55 25 161", // d = 63
        "9 62 1 1 3 13 25 47 39 87 257", // d = 64
        "9 67 1 1 1 11 21 53 125 249 293", // d = 65
        "9 74 1 1 7 11 11 7 57 79 323", // d = 66
        "9 81 1 1 5 5 17 13 81 3 131", // d = 67
        "9 82 1 1 7 13 23 7 65 251 475", // d = 68
        "9 87 1 3 5 1 9 43 3 149 11", // d = 69
        "9 91 1 1 3 13 31 13 13 255 487", // d = 70
        "9 94 1 3 3 1 5 63 89 91 127", // d = 71
        "9 103 1 1 3 3 1 19 123 127 237", // d = 72
        "9 104 1 1 5 7 23 31 37 243 289", // d = 73
        "9 109 1 1 5 11 17 53 117 183 491", // d = 74
        "9 122 1 1 1 5 1 13 13 209 345", // d = 75
        "9 124 1 1 3 15 1 57 115 7 33", // d = 76
        "9 137 1 3 1 11 7 43 81 207 175", // d = 77
        "9 138 1 3 1 1 15 27 63 255 49", // d = 78
        "9 143 1 3 5 3 27 61 105 171 305", // d = 79
        "9 145 1 1 5 3 1 3 57 249 149", // d = 80
        "9 152 1 1 3 5 5 57 15 13 159", // d = 81
        "9 157 1 1 1 11 7 11 105 141 225", // d = 82
        "9 167 1 3 3 5 27 59 121 101 271", // d = 83
        "9 173 1 3 5 9 11 49 51 59 115", // d = 84
        "9 176 1 1 7 1 23 45 125 71 419", // d = 85
        "9 181 1 1 3 5 23 5 105 109 75", // d = 86
        "9 182 1 1 7 15 7 11 67 121 453", // d = 87
        "9 185 1 3 7 3 9 13 31 27 449", // d = 88
        "9 191 1 3 1 15 19 39 39 89 15", // d = 89
        "9 194 1 1 1 1 1 33 73 145 379", // d = 90
        "9 199 1 3 1 15 15 43 29 13 483", // d = 91
        "9 218 1 1 7 3 19 27 85 131 431", // d = 92
        "9 220 1 3 3 3 5 35 23 195 349", // d = 93
        "9 227 1 3 3 7 9 27 39 59 297", // d = 94
        "9 229 1 1 3 9 11 17 13 241 157", // d = 95
        "9 230 1 3 7 15 25 57 33 189 213", // d = 96
        "9 234 1 1 7 1 9 55 73 83 217", // d = 97
        "9 236 1 3 3 13 19 27 23 113 249", // d = 98
        "9 241 1 3 5 3 23 43 3 253 479", // d = 99
        "9 244 1 1 5 5 11 5 45 117 217", // d = 100
        "9 253 1 3 3 7 29 37 33 123 147", // d = 101
    ];

    private readonly uint[][] _directions;

    public SobolSequence(int dimensions)
    {
        if (dimensions is < 1 or > MaxDimensions)
        {
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"a Sobol sequence has 1 to {MaxDimensions} dimensions here");
        }
        Dimensions = dimensions;
        _directions = new uint[dimensions][];
        for (var d = 0; d < dimensions; d++) _directions[d] = DirectionNumbers(d);
    }

    public int Dimensions { get; }

    /// <summary>Largest point index: the sequence has 2^32 points with 32-bit resolution.</summary>
    public static long MaxIndex => (1L << Resolution) - 1;

    /// <summary>Point <paramref name="index"/> as integers (multiply by 2^-32 for the coordinates).</summary>
    public uint[] IntegerPoint(long index)
    {
        if (index < 0 || index > MaxIndex) throw new ArgumentOutOfRangeException(nameof(index), index, $"point index must be in [0, {MaxIndex}]");
        var gray = (ulong)index ^ ((ulong)index >> 1);
        var x = new uint[Dimensions];
        for (var bit = 0; gray != 0; bit++, gray >>= 1)
        {
            if ((gray & 1) == 0) continue;
            for (var d = 0; d < Dimensions; d++) x[d] ^= _directions[d][bit];
        }
        return x;
    }

    /// <summary>Point <paramref name="index"/> in [0, 1)^Dimensions.</summary>
    public double[] Point(long index) => [.. IntegerPoint(index).Select(v => v * Scale)];

    /// <summary>
    /// Points first .. first + count - 1 as integers, generated in Gray-code order: each point differs from the
    /// previous one by one direction number (the one indexed by the trailing zeros of the point's index).
    /// </summary>
    public uint[][] IntegerPoints(long first, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        if (first < 0 || first + count - 1 > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"points {first} .. {first + count - 1} are outside the sequence [0, {MaxIndex}]");
        }
        var points = new uint[count][];
        var x = IntegerPoint(first);
        points[0] = (uint[])x.Clone();
        for (var n = 1; n < count; n++)
        {
            var bit = BitOperations.TrailingZeroCount((ulong)(first + n));
            for (var d = 0; d < Dimensions; d++) x[d] ^= _directions[d][bit];
            points[n] = (uint[])x.Clone();
        }
        return points;
    }

    /// <summary>Coordinate value of a 32-bit integer coordinate.</summary>
    public static double ToUnit(uint value) => value * Scale;

    /// <summary>
    /// The direction numbers v_1 .. v_32 of dimension <paramref name="d"/> (0-based), as v_k = m_k 2^(32-k):
    /// dimension 0 has every m_k = 1; the others take m_1 .. m_s from the table and the recurrence
    /// v_k = v_(k-s) xor (v_(k-s) >> s) xor sum_(j=1..s-1) a_j v_(k-j) for k > s (Bratley and Fox 1988; Joe and Kuo 2003).
    /// </summary>
    private static uint[] DirectionNumbers(int d)
    {
        var v = new uint[Resolution];
        if (d == 0)
        {
            for (var k = 0; k < Resolution; k++) v[k] = 1u << (Resolution - 1 - k);
            return v;
        }
        var row = JoeKuo[d - 1].Split(' ').Select(uint.Parse).ToArray();
        var s = (int)row[0];
        var a = row[1];
        for (var k = 1; k <= Math.Min(s, Resolution); k++) v[k - 1] = row[1 + k] << (Resolution - k);
        for (var k = s + 1; k <= Resolution; k++)
        {
            var value = v[k - s - 1] ^ (v[k - s - 1] >> s);
            for (var j = 1; j <= s - 1; j++)
            {
                if (((a >> (s - 1 - j)) & 1) != 0) value ^= v[k - j - 1];
            }
            v[k - 1] = value;
        }
        return v;
    }
}
