namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Pareto dominance, non-dominated sorting and crowding distance (Deb, Pratap, Agarwal and Meyarivan 2002),
/// hypervolume, and the additive epsilon distance of a point to a front (Zitzler et al. 2003). Points are objective
/// vectors; <c>maximize</c>[j] says objective j is to be maximised (all minimised when null).
/// </summary>
public static class ParetoFront
{
    /// <summary>a dominates b: no worse in every objective and better in at least one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<bool>? maximize = null)
    {
        var better = false;
        for (var j = 0; j < a.Count; j++)
        {
            var (x, y) = maximize is not null && maximize[j] ? (-a[j], -b[j]) : (a[j], b[j]);
            if (x > y) return false;
            if (x < y) better = true;
        }
        return better;
    }

    /// <summary>The indices of the non-dominated points, in input order (duplicates of a non-dominated point are all kept).</summary>
    public static IReadOnlyList<int> NonDominated(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<bool>? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) return [];
        if (points[0].Count != 2)
        {
            var rank = Ranks(points, maximize);
            return [.. Enumerable.Range(0, points.Count).Where(i => rank[i] == 0)];
        }

        // two objectives: sweep in order of the first objective (ties: the second), O(N log N)
        var sign = maximize is null ? [1.0, 1.0] : maximize.Select(m => m ? -1.0 : 1.0).ToArray();
        var order = Enumerable.Range(0, points.Count).OrderBy(i => sign[0] * points[i][0]).ThenBy(i => sign[1] * points[i][1]).ToList();
        var kept = new List<int>();
        var best = double.PositiveInfinity;
        (double X, double Y) last = (double.NaN, double.NaN);
        foreach (var i in order)
        {
            var (x, y) = (sign[0] * points[i][0], sign[1] * points[i][1]);
            if (y < best || (x == last.X && y == last.Y))
            {
                kept.Add(i);
                best = Math.Min(best, y);
                last = (x, y);
            }
        }
        kept.Sort();
        return kept;
    }

    /// <summary>
    /// Non-domination rank of every point (0 = the non-dominated front, 1 = the front once rank 0 is removed, ...),
    /// by Deb et al.'s fast non-dominated sort, O(M N^2).
    /// </summary>
    public static int[] Ranks(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<bool>? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var dominatedBy = new int[n];
        var dominates = new List<int>[n];
        var rank = new int[n];
        var current = new List<int>();
        for (var p = 0; p < n; p++)
        {
            dominates[p] = [];
            for (var q = 0; q < n; q++)
            {
                if (p == q) continue;
                if (Dominates(points[p], points[q], maximize)) dominates[p].Add(q);
                else if (Dominates(points[q], points[p], maximize)) dominatedBy[p]++;
            }
            if (dominatedBy[p] == 0) current.Add(p);
        }
        var level = 0;
        while (current.Count > 0)
        {
            var next = new List<int>();
            foreach (var p in current)
            {
                rank[p] = level;
                foreach (var q in dominates[p])
                {
                    if (--dominatedBy[q] == 0) next.Add(q);
                }
            }
            level++;
            current = next;
        }
        return rank;
    }

    /// <summary>
    /// Crowding distance of the points <paramref name="members"/> of one front: per objective, the boundary points get
    /// infinity and the others the gap between their neighbours divided by the objective's range, summed over objectives.
    /// Ties in an objective keep the order of <paramref name="members"/>.
    /// </summary>
    public static double[] Crowding(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<int> members)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(members);
        var distance = new double[members.Count];
        if (members.Count == 0) return distance;
        var m = points[members[0]].Count;
        for (var j = 0; j < m; j++)
        {
            var order = Enumerable.Range(0, members.Count).OrderBy(i => points[members[i]][j]).ToArray();
            var min = points[members[order[0]]][j];
            var max = points[members[order[^1]]][j];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[^1]] = double.PositiveInfinity;
            if (!(max > min)) continue;
            for (var i = 1; i < order.Length - 1; i++)
            {
                distance[order[i]] += (points[members[order[i + 1]]][j] - points[members[order[i - 1]]][j]) / (max - min);
            }
        }
        return distance;
    }

    /// <summary>
    /// The hypervolume dominated by <paramref name="points"/> and bounded by <paramref name="reference"/> (the Lebesgue
    /// measure of the union of the boxes between each point and the reference; points not better than the reference in
    /// every objective add nothing). Two objectives: exact sweep, O(N log N); more: exact recursive slicing over the last
    /// objective (HSO, While et al. 2006), fine for the small fronts of a regime search.
    /// </summary>
    public static double Hypervolume(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference, IReadOnlyList<bool>? maximize = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reference);
        var m = reference.Count;
        // to minimisation, keeping only points strictly better than the reference everywhere
        var sign = Enumerable.Range(0, m).Select(j => maximize is not null && maximize[j] ? -1.0 : 1.0).ToArray();
        var r = Enumerable.Range(0, m).Select(j => sign[j] * reference[j]).ToArray();
        var minimised = points
            .Select(p => Enumerable.Range(0, m).Select(j => sign[j] * p[j]).ToArray())
            .Where(p => p.Select((v, j) => v < r[j]).All(b => b))
            .ToList();
        return Volume(minimised, r);
    }

    private static double Volume(List<double[]> points, double[] reference)
    {
        var m = reference.Length;
        if (points.Count == 0) return 0;
        if (m == 1) return reference[0] - points.Min(p => p[0]);
        if (m == 2)
        {
            var sorted = points.OrderBy(p => p[0]).ThenBy(p => p[1]).ToList();
            double volume = 0;
            var bestY = reference[1];
            foreach (var p in sorted)
            {
                if (p[1] >= bestY) continue;
                volume += (reference[0] - p[0]) * (bestY - p[1]);
                bestY = p[1];
            }
            return volume;
        }

        // slice along the last objective: between consecutive values, the (m-1)-volume of the points at or below the slice
        var byLast = points.OrderBy(p => p[m - 1]).ToList();
        double total = 0;
        var lower = new double[m - 1];
        for (var i = 0; i < byLast.Count; i++)
        {
            var top = i + 1 < byLast.Count ? byLast[i + 1][m - 1] : reference[m - 1];
            var depth = top - byLast[i][m - 1];
            if (depth <= 0) continue;
            var slice = byLast.Take(i + 1).Select(p => p[..(m - 1)]).ToList();
            Array.Copy(reference, lower, m - 1);
            total += depth * Volume(slice, lower);
        }
        return total;
    }

    /// <summary>
    /// The additive epsilon distance of <paramref name="point"/> behind <paramref name="front"/>:
    /// max over front points a of min over objectives j of (x_j - a_j) / scale_j, with every objective turned into one to
    /// be minimised. Positive: some front point is better than the point by at least that much in every objective (the
    /// point would have to improve by that amount, in every objective at once, not to be dominated); 0: the point is on
    /// the front; negative: no front point dominates it (it is beyond the front by that margin).
    /// <paramref name="scale"/> divides each objective's differences (default 1: objectives in the same unit).
    /// </summary>
    public static double EpsilonGap(IReadOnlyList<double> point, IReadOnlyList<IReadOnlyList<double>> front, IReadOnlyList<bool>? maximize = null, IReadOnlyList<double>? scale = null)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(front);
        if (front.Count == 0) return double.NaN;
        var best = double.NegativeInfinity;
        foreach (var a in front)
        {
            var worst = double.PositiveInfinity;
            for (var j = 0; j < point.Count; j++)
            {
                var s = scale is null ? 1.0 : scale[j];
                var advantage = maximize is not null && maximize[j] ? a[j] - point[j] : point[j] - a[j];
                worst = Math.Min(worst, advantage / s);
            }
            best = Math.Max(best, worst);
        }
        return best;
    }
}
