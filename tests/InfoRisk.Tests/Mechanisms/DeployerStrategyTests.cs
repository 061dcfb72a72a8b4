using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>The deployer's decision rule: security against the breach liability the rules imply, and whether to take sensitive records.</summary>
public sealed class DeployerStrategyTests
{
    private static DeployerStrategy Strategy(Regime regime, ModelParameters? p = null) =>
        new(new ModelContext(new RunSpec { Regime = regime, Parameters = (p ?? new ModelParameters()) with { AdjustmentStep = 1 } }));

    /// <summary>Stricter rules mean more expected liability for the same breach, so a deployer takes weakly more care.</summary>
    [Fact]
    public void StricterLiability_NeverLowersTheChosenSecurity_AndRaisesItSomewhere()
    {
        var lax = RegimeCatalog.Get("use-first");
        var strict = RegimeCatalog.Get("precautionary");
        var start = new DeployerConduct { Security = 0.5 };
        var raised = 0;
        foreach (var customers in new long[] { 1_000, 20_000, 200_000 })
        {
            var state = new DeployerState(customers, customers * 5, 0.5, true, 2);
            var a = Strategy(lax).Choose(state, start).Security;
            var b = Strategy(strict).Choose(state, start).Security;
            Assert.True(b >= a - 1e-9, $"{customers} customers: security {b} under precautionary below {a} under use-first");
            if (b > a + 1e-9) raised++;
        }
        Assert.True(raised > 0);
    }

    /// <summary>Sensitive records are taken when they are worth more than what holding them is expected to cost, and not otherwise.</summary>
    [Fact]
    public void SensitiveRecords_AreTakenWhenTheyPay()
    {
        var regime = RegimeCatalog.Get("use-first");
        var state = new DeployerState(10_000, 50_000, 0, true, 2);
        Assert.True(Strategy(regime, new ModelParameters { DeployerSensitiveValueYuanDay = 10 }).Choose(state, new DeployerConduct { Security = 0.5 }).TakesSensitive);
        Assert.False(Strategy(regime, new ModelParameters { DeployerSensitiveValueYuanDay = 0 }).Choose(state, new DeployerConduct { Security = 0.5 }).TakesSensitive);
        // outside a sensitive sector there is nothing to decide
        Assert.True(Strategy(regime, new ModelParameters { DeployerSensitiveValueYuanDay = 0 }).Choose(state with { SensitiveSector = false }, new DeployerConduct { Security = 0.5 }).TakesSensitive);
    }
}
