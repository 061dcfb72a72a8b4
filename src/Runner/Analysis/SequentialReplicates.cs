using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Analysis;

/// <summary>
/// The stopping rule for adding paired replicates: run <see cref="Minimum"/> replicates, then add <see cref="Batch"/>
/// at a time until the CI half-width of every stated paired difference is at most <see cref="TargetHalfWidth"/>, or
/// <see cref="Maximum"/> replicates have run. The half-width at n replicates is t(1 - (1 - Level)/2, n - 1) s_n / sqrt(n)
/// (a fixed-width sequential interval in the manner of Chow and Robbins 1965; docs/statistics.md, "Sequential replicates").
/// </summary>
public sealed record SequentialRule(double TargetHalfWidth, int Minimum = 10, int Maximum = 100, int Batch = 2, double Level = 0.95)
{
    /// <summary>Throws <see cref="ArgumentException"/> for a rule that cannot be applied.</summary>
    public void Validate()
    {
        if (!double.IsFinite(TargetHalfWidth) || !(TargetHalfWidth > 0))
        {
            throw new ArgumentException($"target half-width must be a positive number, got {TargetHalfWidth}", nameof(TargetHalfWidth));
        }
        if (Minimum < 2) throw new ArgumentException($"the minimum must be at least 2 replicates (a CI needs 2), got {Minimum}", nameof(Minimum));
        if (Maximum < Minimum) throw new ArgumentException($"the maximum ({Maximum}) must be at least the minimum ({Minimum})", nameof(Maximum));
        if (Batch < 1) throw new ArgumentException($"the batch must be at least 1 replicate, got {Batch}", nameof(Batch));
        if (!(Level > 0 && Level < 1)) throw new ArgumentException($"the level must be in (0, 1), got {Level}", nameof(Level));
    }
}

/// <summary>Why a look stopped, or that it did not.</summary>
public enum SequentialVerdict
{
    /// <summary>Below the maximum and some half-width above target: run <see cref="SequentialLook.NextReplicates"/>.</summary>
    Continue,

    /// <summary>At least the minimum, and every half-width at most the target.</summary>
    TargetReached,

    /// <summary>The maximum has run; some half-width may still be above the target.</summary>
    MaximumReached,
}

/// <summary>
/// One look at the data after <see cref="Replicates"/> paired replicates: each stated difference's interval
/// (mean, sd, CI at the rule's level), the verdict, and the replicate count to reach next (equal to Replicates when stopping).
/// </summary>
public sealed record SequentialLook(int Replicates, IReadOnlyList<MeanInterval> Intervals, IReadOnlyList<double> HalfWidths, SequentialVerdict Verdict, int NextReplicates)
{
    public bool Stop => Verdict != SequentialVerdict.Continue;
}

/// <summary>The sequential replicate rule as a pure function of the paired differences so far.</summary>
public static class SequentialReplicates
{
    /// <summary>
    /// Looks at <paramref name="differences"/>[j][r]: the paired difference j (treatment - baseline, one per stated
    /// comparison) in replicate r, all of the same length n (the replicates run so far, in replicate order).
    /// Stops with TargetReached when n &gt;= Minimum and every half-width is at most the target (a NaN half-width never
    /// is), with MaximumReached when n &gt;= Maximum; else asks for min(n + Batch, Maximum) replicates, or Minimum when
    /// fewer have run.
    /// </summary>
    public static SequentialLook Look(SequentialRule rule, IReadOnlyList<IReadOnlyList<double>> differences)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(differences);
        rule.Validate();
        if (differences.Count == 0) throw new ArgumentException("at least one stated difference is required", nameof(differences));
        var n = differences[0].Count;
        if (differences.Any(d => d.Count != n))
        {
            throw new ArgumentException($"every stated difference needs one value per replicate; lengths are {string.Join(", ", differences.Select(d => d.Count))}", nameof(differences));
        }

        var intervals = differences.Select(d => Interval(d, rule.Level)).ToList();
        var halfWidths = intervals.Select(i => (i.Ci95High - i.Ci95Low) / 2).ToList();
        if (n >= rule.Minimum && halfWidths.All(h => h <= rule.TargetHalfWidth))
        {
            return new SequentialLook(n, intervals, halfWidths, SequentialVerdict.TargetReached, n);
        }
        if (n >= rule.Maximum)
        {
            return new SequentialLook(n, intervals, halfWidths, SequentialVerdict.MaximumReached, n);
        }
        var next = n < rule.Minimum ? rule.Minimum : Math.Min(n + rule.Batch, rule.Maximum);
        return new SequentialLook(n, intervals, halfWidths, SequentialVerdict.Continue, next);
    }

    /// <summary>
    /// Runs the rule to the end: <paramref name="replicate"/>(r) returns replicate r's paired differences (one per stated
    /// comparison, the same count every time); replicates are requested in order 0, 1, 2, ... Returns every look.
    /// </summary>
    public static IReadOnlyList<SequentialLook> Run(SequentialRule rule, Func<int, IReadOnlyList<double>> replicate)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(replicate);
        rule.Validate();
        List<double>[]? columns = null;
        var looks = new List<SequentialLook>();
        var target = rule.Minimum;
        var have = 0;
        while (true)
        {
            for (; have < target; have++)
            {
                var values = replicate(have);
                columns ??= [.. values.Select(_ => new List<double>())];
                if (values.Count != columns.Length) throw new InvalidOperationException($"replicate {have} returned {values.Count} differences, earlier ones {columns.Length}");
                for (var j = 0; j < values.Count; j++) columns[j].Add(values[j]);
            }
            var look = Look(rule, columns!);
            looks.Add(look);
            if (look.Stop) return looks;
            target = look.NextReplicates;
        }
    }

    /// <summary>Mean, sd and the two-sided Student-t interval at <paramref name="level"/> (the Ci95 fields hold it; at 0.95 it is <see cref="MeanInterval.Of"/>).</summary>
    public static MeanInterval Interval(IReadOnlyList<double> values, double level)
    {
        var basic = MeanInterval.Of(values);
        if (level == 0.95 || basic.N < 2) return basic;
        var half = StudentT.InvCDF(0, 1, basic.N - 1, 1 - ((1 - level) / 2)) * basic.Sd / Math.Sqrt(basic.N);
        return basic with { Ci95Low = basic.Mean - half, Ci95High = basic.Mean + half };
    }
}
