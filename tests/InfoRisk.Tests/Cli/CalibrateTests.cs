using InfoRisk.Runner.Commands;

namespace InfoRisk.Tests.Cli;

/// <summary>
/// <c>inforisk calibrate</c>: each target is reported with its source and the model's emergent value; the defaults are in
/// range; moving a parameter that drives a target out of its range makes the command fail (exit 1).
/// </summary>
public sealed class CalibrateTests
{
    private static async Task<(int Code, string Output, string Error)> Calibrate(params string[] set)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CalibrateCommand.ExecuteAsync(new CalibrateOptions { Subjects = 5_000, Replicates = 2, Set = set }, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task AtTheDefaults_EveryTargetIsInRange_AndEachIsReportedWithItsSource()
    {
        var (code, output, _) = await Calibrate();
        Assert.True(code == ExitCodes.Ok, output);
        foreach (var name in new[] { "breach_24_months", "population_uniqueness", "memorised_share", "pii_share_of_extraction", "hallucination_served", "harms_reaching_court" })
            Assert.Contains(name, output, StringComparison.Ordinal);
        Assert.Contains("Ponemon", output, StringComparison.Ordinal);
        Assert.Contains("every target is in range", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABreachHazardTwiceTheCalibratedOne_PutsTheBreachTargetOutOfRange_AndFails()
    {
        var (code, output, _) = await Calibrate("breach_probability_24_months=0.5");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("out of range: breach_24_months", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerAreas_RaiseClassSizes_AndPutUniquenessBelowItsRange()
    {
        // 30 areas instead of 3,000: classes of area x birth date x sex hold ~ 14e6 / (30 x 29,200) = 16 people
        var spec = CalibrateCommand.Spec(new CalibrateOptions { Subjects = 5_000, Set = ["areas=30"] });
        var uniqueness = new InfoRisk.Model.Population.QuasiIdentifiers(spec.Parameters).Uniqueness(spec.Population.Represents);
        Assert.True(uniqueness < 0.63, $"uniqueness {uniqueness}");
    }

    [Theory]
    [InlineData("no_such_parameter=1", "not a model parameter")]
    [InlineData("breach_probability_24_months=2", "out of range")]
    [InlineData("breach_probability_24_months", "is not name=value")]
    public async Task BadSettings_AreRefusedWithExitCode2_NamingTheProblem(string set, string message)
    {
        var (code, _, error) = await Calibrate(set);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
