namespace InfoRisk.Runner.Analysis;

/// <summary>The peeling (and pasting) trajectory of PRIM, the chosen box, and the limits of any box on it.</summary>
public sealed class PrimResult
{
    private readonly PrimBox[] _boxes;
    private readonly IReadOnlyList<double[]> _x;
    private readonly bool[] _y;
    private readonly double[] _bootstrapShare;

    internal PrimResult(IReadOnlyList<DiscoveryInput> inputs, IReadOnlyList<double[]> x, bool[] y, List<PrimBox> boxes, List<PrimStep> steps, int chosen, double[] bootstrapShare)
    {
        Inputs = inputs;
        _x = x;
        _y = y;
        _boxes = [.. boxes];
        Trajectory = steps.AsReadOnly();
        Chosen = chosen;
        _bootstrapShare = bootstrapShare;
    }

    public IReadOnlyList<DiscoveryInput> Inputs { get; }

    /// <summary>Step 0 is the full box; then one step per peel, then one per paste.</summary>
    public IReadOnlyList<PrimStep> Trajectory { get; }

    /// <summary>The step chosen by the options' rule (highest coverage among steps with density &gt;= TargetDensity; else the densest).</summary>
    public int Chosen { get; }

    /// <summary>Limits of every dimension in the box of step <paramref name="step"/>, with quasi-p-values of the restricted ones.</summary>
    public IReadOnlyList<BoxLimit> Limits(int step)
    {
        if (step < 0 || step >= _boxes.Length) throw new ArgumentOutOfRangeException(nameof(step), step, $"steps are 0 .. {_boxes.Length - 1}");
        var box = _boxes[step];
        var inside = ScenarioDiscovery.Members(box, _x);
        var hBox = inside.Count(i => _y[i]);
        var result = new List<BoxLimit>(Inputs.Count);
        for (var d = 0; d < Inputs.Count; d++)
        {
            var input = Inputs[d];
            var restricted = box.IsRestricted(d, input);
            var quasiP = double.NaN;
            if (restricted)
            {
                var relaxed = box.Without(d, input);
                var members = ScenarioDiscovery.Members(relaxed, _x);
                var p = members.Count == 0 ? 0 : members.Count(i => _y[i]) / (double)members.Count;
                quasiP = ScenarioDiscovery.BinomialUpperTail(hBox, inside.Count, p);
            }
            var allowed = input.IsCategorical ? input.Categories!.Where((_, c) => box.Allowed[d]![c]).ToList().AsReadOnly() : null;
            result.Add(new BoxLimit(input.Name, input.IsCategorical ? double.NaN : box.Low[d], input.IsCategorical ? double.NaN : box.High[d], allowed,
                input.Min, input.Max, input.Categories, restricted, quasiP, _bootstrapShare[d]));
        }
        return result;
    }

    /// <summary>Whether each point lies in the box of step <paramref name="step"/>.</summary>
    public bool[] InBox(int step)
    {
        var box = _boxes[step];
        return [.. _x.Select(box.Contains)];
    }
}

/// <summary>A box: numeric limits [Low, High] per dimension, or the allowed categories of a categorical one.</summary>
internal sealed class PrimBox
{
    public PrimBox(double[] low, double[] high, bool[]?[] allowed)
    {
        Low = low;
        High = high;
        Allowed = allowed;
    }

    public double[] Low { get; }

    public double[] High { get; }

    public bool[]?[] Allowed { get; }

    public static PrimBox Full(IReadOnlyList<DiscoveryInput> inputs) => new(
        [.. inputs.Select(i => i.Min)],
        [.. inputs.Select(i => i.Max)],
        [.. inputs.Select(i => i.IsCategorical ? Enumerable.Repeat(true, i.Categories!.Count).ToArray() : null)]);

    public PrimBox Copy() => new((double[])Low.Clone(), (double[])High.Clone(), [.. Allowed.Select(a => (bool[]?)a?.Clone())]);

    public bool Contains(double[] x)
    {
        for (var d = 0; d < Low.Length; d++)
        {
            if (!Contains(d, x[d])) return false;
        }
        return true;
    }

    public bool Contains(int d, double value) => Allowed[d] is { } allowed ? allowed[(int)value] : value >= Low[d] && value <= High[d];

    public bool IsRestricted(int d, DiscoveryInput input) =>
        Allowed[d] is { } allowed ? allowed.Any(a => !a) : Low[d] > input.Min || High[d] < input.Max;

    public PrimBox Without(int d, DiscoveryInput input)
    {
        var copy = Copy();
        if (copy.Allowed[d] is { } allowed) Array.Fill(allowed, true);
        else
        {
            copy.Low[d] = input.Min;
            copy.High[d] = input.Max;
        }
        return copy;
    }

    public int RestrictedCount(IReadOnlyList<DiscoveryInput> inputs) => Enumerable.Range(0, inputs.Count).Count(d => IsRestricted(d, inputs[d]));
}
