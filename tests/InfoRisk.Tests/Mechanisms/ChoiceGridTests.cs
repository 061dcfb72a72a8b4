namespace InfoRisk.Tests.Mechanisms;

/// <summary>The firms' optimiser: coordinate ascent on a grid finds the grid optimum of separable and concave problems, deterministically.</summary>
public sealed class ChoiceGridTests
{
    private readonly record struct Point(double X, double Y);

    private static readonly Func<Point, IEnumerable<Point>>[] Moves =
    [
        p => ChoiceGrid.Around(p.X, 0, 1, 0.05, 1).Select(x => p with { X = x }),
        p => ChoiceGrid.Around(p.Y, 0, 1, 0.05, 1).Select(y => p with { Y = y }),
    ];

    /// <summary>A concave quadratic with an interaction: the grid point nearest the analytic optimum (0.3, 0.7) is found from any start.</summary>
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(0.5, 0.1)]
    public void FindsTheGridOptimumOfAConcaveProblem(double x0, double y0)
    {
        // maximum of -(x-0.3)^2 - (y-0.7)^2 - 0.5 (x-0.3)(y-0.7) is at (0.3, 0.7), on the grid
        static double F(Point p) => -Math.Pow(p.X - 0.3, 2) - Math.Pow(p.Y - 0.7, 2) - 0.5 * (p.X - 0.3) * (p.Y - 0.7);
        var best = ChoiceGrid.Maximise(new Point(x0, y0), Moves, F, sweeps: 50);
        Assert.Equal(0.3, best.X, 9);
        Assert.Equal(0.7, best.Y, 9);
    }

    [Fact]
    public void KeepsTheCurrentChoiceOnTies_AndRespectsTheReach()
    {
        var flat = ChoiceGrid.Maximise(new Point(0.4, 0.4), Moves, _ => 1.0);
        Assert.Equal(new Point(0.4, 0.4), flat);
        Assert.Equal([0.35, 0.4, 0.45], ChoiceGrid.Around(0.4, 0, 1, 0.05, 0.05).ToArray());
        Assert.Equal([0.0, 0.05, 0.1], ChoiceGrid.Around(0.0, 0, 1, 0.05, 0.1).ToArray());
    }
}
