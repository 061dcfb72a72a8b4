namespace InfoRisk.Model;

/// <summary>
/// The firms' optimiser (docs/model.md §3.29): coordinate ascent over a grid. Each choice variable in turn is set to
/// its best value with the others held fixed, until a whole sweep changes nothing (or a sweep limit is reached).
/// Deterministic: candidates are tried in the order given and a value replaces the current one only if it is strictly
/// better, so ties keep the current choice. A bounded-rationality rule: it finds the optimum of separable and concave
/// problems on the grid, and a local optimum otherwise.
/// </summary>
public static class ChoiceGrid
{
    /// <summary>The grid of care levels (security, output filter) firms choose on.</summary>
    public const double CareStep = 0.025;

    /// <summary>Maximises <paramref name="objective"/> from <paramref name="start"/>; each move lists the candidates of one variable.</summary>
    /// <remarks>
    /// The objective must be a pure function of the candidate (the firms' forecasts are): each distinct candidate is
    /// evaluated once and remembered, since every move lists the current choice again and the last sweep repeats them all.
    /// </remarks>
    public static T Maximise<T>(T start, IReadOnlyList<Func<T, IEnumerable<T>>> moves, Func<T, double> objective, int sweeps = 6)
        where T : notnull
    {
        var seen = new Dictionary<T, double>();
        double Objective(T candidate)
        {
            if (!seen.TryGetValue(candidate, out var value)) seen[candidate] = value = objective(candidate);
            return value;
        }
        var best = start;
        var bestValue = Objective(start);
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var changed = false;
            foreach (var move in moves)
            {
                foreach (var candidate in move(best))
                {
                    var value = Objective(candidate);
                    if (value > bestValue + 1e-9 * Math.Max(1.0, Math.Abs(bestValue)))
                    {
                        (best, bestValue) = (candidate, value);
                        changed = true;
                    }
                }
            }
            if (!changed) break;
        }
        return best;
    }

    /// <summary>Grid values from <paramref name="min"/> to <paramref name="max"/> in steps of <paramref name="step"/>, within ±<paramref name="reach"/> of <paramref name="current"/>.</summary>
    public static IEnumerable<double> Around(double current, double min, double max, double step, double reach)
    {
        var n = (int)Math.Round((max - min) / step);
        for (var k = 0; k <= n; k++)
        {
            var x = Math.Round(min + k * step, 6);
            if (Math.Abs(x - current) <= reach + 1e-9) yield return x;
        }
    }
}
