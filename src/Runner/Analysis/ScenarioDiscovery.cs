namespace InfoRisk.Runner.Analysis;

/// <summary>
/// Scenario discovery with PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999), as in the EMA Workbench
/// (Kwakkel 2017) and the R package prim: find a box of input space where the outcome of interest is concentrated.
/// <para>
/// Peeling: from the full box, each step considers, for every numeric dimension, removing the points below its
/// Alpha-quantile or above its (1 - Alpha)-quantile within the box (cut half-way between two distinct values), and
/// for every categorical dimension, removing one category; it takes the candidate with the best objective (by default
/// the density gained per point removed, as in the EMA Workbench; or the density left, as in the original), provided the
/// box keeps at least MinMass of all points and the density increases. Pasting:
/// from the last peeled box, each step considers widening one limit by about PasteAlpha of the box's points (or
/// allowing one category back) and takes the candidate with the highest density while the density increases.
/// </para>
/// </summary>
public static class ScenarioDiscovery
{
    /// <summary>PRIM on points <paramref name="x"/> (one value per input, in input order) with the outcome of interest <paramref name="y"/>.</summary>
    public static PrimResult Prim(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, IReadOnlyList<bool> y, PrimOptions? options = null)
    {
        options ??= new PrimOptions();
        options.Validate();
        Check(inputs, x, y);
        var yy = y.ToArray();
        var (boxes, steps) = Trajectory(inputs, x, yy, options);
        var chosen = Choose(steps, options.TargetDensity);

        var shares = Enumerable.Repeat(double.NaN, inputs.Count).ToArray();
        if (options.Bootstrap > 0)
        {
            var counts = new int[inputs.Count];
            var n = x.Count;
            var bx = new double[n][];
            var by = new bool[n];
            for (var b = 0; b < options.Bootstrap; b++)
            {
                var draws = new DesignDraws(options.Seed, DesignPurpose.PrimBootstrap, b);
                for (var j = 0; j < n; j++)
                {
                    var row = draws.Below(j, n);
                    bx[j] = x[row];
                    by[j] = yy[row];
                }
                var (bBoxes, bSteps) = Trajectory(inputs, bx, by, options);
                var box = bBoxes[Choose(bSteps, options.TargetDensity)];
                for (var d = 0; d < inputs.Count; d++)
                {
                    if (box.IsRestricted(d, inputs[d])) counts[d]++;
                }
            }
            shares = [.. counts.Select(c => c / (double)options.Bootstrap)];
        }
        return new PrimResult(inputs.ToArray().AsReadOnly(), x, yy, boxes, steps, chosen, shares);
    }

    /// <summary>PRIM with the outcome of interest "outcome &gt;= threshold" (<paramref name="atLeast"/>) or "outcome &lt;= threshold".</summary>
    public static PrimResult Prim(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, IReadOnlyList<double> outcome, double threshold, bool atLeast, PrimOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Any(v => !double.IsFinite(v))) throw new ArgumentException("every outcome must be a finite number", nameof(outcome));
        return Prim(inputs, x, [.. outcome.Select(v => atLeast ? v >= threshold : v <= threshold)], options);
    }

    /// <summary>Highest coverage among steps with density &gt;= target (ties: higher density, then the earlier step); with none, the densest step.</summary>
    public static int Choose(IReadOnlyList<PrimStep> steps, double targetDensity)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var eligible = steps.Where(s => s.Density >= targetDensity).ToList();
        if (eligible.Count == 0) return steps.OrderByDescending(s => s.Density).ThenBy(s => s.Step).First().Step;
        return eligible.OrderByDescending(s => s.Coverage).ThenByDescending(s => s.Density).ThenBy(s => s.Step).First().Step;
    }

    /// <summary>P(X &gt;= k) for X ~ Binomial(n, p): the regularized incomplete beta I_p(k, n - k + 1) (exact in the far tail).</summary>
    public static double BinomialUpperTail(int k, int n, double p)
    {
        if (k <= 0) return 1;
        if (k > n || p <= 0) return 0;
        if (p >= 1) return 1;
        return MathNet.Numerics.SpecialFunctions.BetaRegularized(k, n - k + 1, p);
    }

    internal static List<int> Members(PrimBox box, IReadOnlyList<double[]> x)
    {
        var members = new List<int>();
        for (var i = 0; i < x.Count; i++)
        {
            if (box.Contains(x[i])) members.Add(i);
        }
        return members;
    }

    private static (List<PrimBox> Boxes, List<PrimStep> Steps) Trajectory(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, bool[] y, PrimOptions options)
    {
        var n = x.Count;
        var totalHits = y.Count(v => v);
        var box = PrimBox.Full(inputs);
        var members = Members(box, x);
        var boxes = new List<PrimBox> { box.Copy() };
        var steps = new List<PrimStep> { Step(0, members, y, n, totalHits, 0, false) };
        var minCount = options.MinMass * n;

        // peeling
        while (true)
        {
            var mean = Mean(members, y);
            var best = BestPeel(inputs, x, y, box, members, options.Alpha, minCount, options.Objective);
            if (best is null || !(best.Value.Mean > mean)) break;
            box = best.Value.Box;
            members = best.Value.Members;
            boxes.Add(box.Copy());
            steps.Add(Step(steps.Count, members, y, n, totalHits, box.RestrictedCount(inputs), false));
        }

        // pasting
        while (options.Paste)
        {
            var mean = Mean(members, y);
            var best = BestPaste(inputs, x, y, box, members, options.PasteAlpha);
            if (best is null || !(best.Value.Mean > mean)) break;
            box = best.Value.Box;
            members = best.Value.Members;
            boxes.Add(box.Copy());
            steps.Add(Step(steps.Count, members, y, n, totalHits, box.RestrictedCount(inputs), true));
        }
        return (boxes, steps);
    }

    private static PrimStep Step(int index, List<int> members, bool[] y, int n, int totalHits, int restricted, bool pasted)
    {
        var hits = members.Count(i => y[i]);
        return new PrimStep(index, totalHits == 0 ? double.NaN : hits / (double)totalHits, members.Count == 0 ? double.NaN : hits / (double)members.Count,
            members.Count / (double)n, members.Count, restricted, pasted);
    }

    private static double Mean(List<int> members, bool[] y) => members.Count == 0 ? double.NaN : members.Count(i => y[i]) / (double)members.Count;

    private static (PrimBox Box, List<int> Members, double Mean)? BestPeel(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, bool[] y, PrimBox box, List<int> members, double alpha, double minCount, PeelObjective objective)
    {
        (PrimBox Box, List<int> Members, double Mean)? best = null;
        var bestScore = double.NegativeInfinity;
        var oldMean = Mean(members, y);
        void Consider(PrimBox candidate, List<int> kept)
        {
            if (kept.Count == 0 || kept.Count < minCount || kept.Count == members.Count) return;
            var mean = Mean(kept, y);
            var score = objective == PeelObjective.Original ? mean : (mean - oldMean) / (members.Count - kept.Count);
            if (best is null || score > bestScore)
            {
                best = (candidate, kept, mean);
                bestScore = score;
            }
        }

        for (var d = 0; d < inputs.Count; d++)
        {
            if (inputs[d].IsCategorical)
            {
                var allowed = box.Allowed[d]!;
                if (allowed.Count(a => a) < 2) continue;
                for (var c = 0; c < allowed.Length; c++)
                {
                    if (!allowed[c]) continue;
                    var candidate = box.Copy();
                    candidate.Allowed[d]![c] = false;
                    Consider(candidate, members.Where(i => (int)x[i][d] != c).ToList());
                }
                continue;
            }

            var values = members.Select(i => x[i][d]).Order().ToArray();
            if (values.Length < 2 || values[0] == values[^1]) continue;
            var low = LowerCut(values, alpha);
            var lowBox = box.Copy();
            lowBox.Low[d] = low;
            Consider(lowBox, members.Where(i => x[i][d] >= low).ToList());
            var high = UpperCut(values, 1 - alpha);
            var highBox = box.Copy();
            highBox.High[d] = high;
            Consider(highBox, members.Where(i => x[i][d] <= high).ToList());
        }
        return best;
    }

    private static (PrimBox Box, List<int> Members, double Mean)? BestPaste(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, bool[] y, PrimBox box, List<int> members, double pasteAlpha)
    {
        (PrimBox Box, List<int> Members, double Mean)? best = null;
        var step = Math.Max(1, (int)Math.Ceiling(pasteAlpha * members.Count));
        void Consider(PrimBox candidate, List<int> added)
        {
            if (added.Count == 0) return;
            var all = members.Concat(added).Order().ToList();
            var mean = Mean(all, y);
            if (best is null || mean > best.Value.Mean) best = (candidate, all, mean);
        }

        for (var d = 0; d < inputs.Count; d++)
        {
            // points outside the box only because of dimension d
            var relaxed = box.Without(d, inputs[d]);
            var outside = Enumerable.Range(0, x.Count).Where(i => relaxed.Contains(x[i]) && !box.Contains(d, x[i][d])).ToList();
            if (outside.Count == 0) continue;
            if (inputs[d].IsCategorical)
            {
                var allowed = box.Allowed[d]!;
                for (var c = 0; c < allowed.Length; c++)
                {
                    if (allowed[c]) continue;
                    var candidate = box.Copy();
                    candidate.Allowed[d]![c] = true;
                    Consider(candidate, outside.Where(i => (int)x[i][d] == c).ToList());
                }
                continue;
            }

            var below = outside.Where(i => x[i][d] < box.Low[d]).OrderByDescending(i => x[i][d]).ToList();
            if (below.Count > 0)
            {
                var (added, limit) = Widen(below, x, d, step, inputs[d].Min);
                var candidate = box.Copy();
                candidate.Low[d] = limit;
                Consider(candidate, added);
            }
            var above = outside.Where(i => x[i][d] > box.High[d]).OrderBy(i => x[i][d]).ToList();
            if (above.Count > 0)
            {
                var (added, limit) = Widen(above, x, d, step, inputs[d].Max);
                var candidate = box.Copy();
                candidate.High[d] = limit;
                Consider(candidate, added);
            }
        }
        return best;
    }

    /// <summary>
    /// The first <paramref name="step"/> points of <paramref name="ordered"/> (nearest the limit first) and any tied with
    /// the last of them; the new limit is half-way to the next point, or the full range's end when none is left.
    /// </summary>
    private static (List<int> Added, double Limit) Widen(List<int> ordered, IReadOnlyList<double[]> x, int d, int step, double rangeEnd)
    {
        var take = Math.Min(step, ordered.Count);
        var last = x[ordered[take - 1]][d];
        while (take < ordered.Count && x[ordered[take]][d] == last) take++;
        var limit = take == ordered.Count ? rangeEnd : (last + x[ordered[take]][d]) / 2;
        return (ordered.Take(take).ToList(), limit);
    }

    /// <summary>The lower peeling cut (EMA Workbench's get_quantile): half-way between the values around position (n - 1) alpha, moving up past ties.</summary>
    internal static double LowerCut(double[] sorted, double alpha)
    {
        var h = (sorted.Length - 1) * alpha;
        var lo = (int)Math.Floor(h);
        var hi = (int)Math.Ceiling(h);
        while (sorted[lo] == sorted[hi] && hi < sorted.Length - 1) hi++;
        return (sorted[lo] + sorted[hi]) / 2;
    }

    /// <summary>The upper peeling cut: half-way between the values around position (n - 1) q, moving down past ties.</summary>
    internal static double UpperCut(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = (int)Math.Ceiling(h);
        while (sorted[lo] == sorted[hi] && lo > 0) lo--;
        return (sorted[lo] + sorted[hi]) / 2;
    }

    private static void Check(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, IReadOnlyList<bool> y)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (inputs.Count == 0) throw new ArgumentException("at least one input dimension is required", nameof(inputs));
        if (inputs.Select(i => i.Name).Distinct(StringComparer.Ordinal).Count() != inputs.Count) throw new ArgumentException("input names must be distinct", nameof(inputs));
        foreach (var input in inputs)
        {
            if (input.IsCategorical ? input.Categories!.Count < 2 : !(double.IsFinite(input.Min) && double.IsFinite(input.Max) && input.Min < input.Max))
            {
                throw new ArgumentException($"input '{input.Name}': a numeric input needs finite Min < Max, a categorical one at least 2 categories", nameof(inputs));
            }
        }
        if (x.Count != y.Count) throw new ArgumentException($"{x.Count} points but {y.Count} outcomes", nameof(y));
        if (x.Count == 0) throw new ArgumentException("at least one point is required", nameof(x));
        for (var i = 0; i < x.Count; i++)
        {
            if (x[i].Length != inputs.Count) throw new ArgumentException($"point {i} has {x[i].Length} values, expected {inputs.Count}", nameof(x));
            for (var d = 0; d < inputs.Count; d++)
            {
                var v = x[i][d];
                var ok = inputs[d].IsCategorical
                    ? v == Math.Floor(v) && v >= 0 && v < inputs[d].Categories!.Count
                    : v >= inputs[d].Min && v <= inputs[d].Max;
                if (!ok) throw new ArgumentException($"point {i}: value {v} of '{inputs[d].Name}' is outside its range (or not a category index)", nameof(x));
            }
        }
    }
}
