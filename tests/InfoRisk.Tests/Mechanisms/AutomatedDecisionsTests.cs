using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Automated decisions, discrimination and explanations (docs/model.md §3.14, Mechanisms/AutomatedDecisions.cs): the bias
/// formula, decisions on held relations, approval a for others and a × (1 − bias) for the protected with the same
/// uniform, discriminatory refusals, explanations that expose bias and reverse the decision.
/// </summary>
public class AutomatedDecisionsTests
{
    private const int N = 20_000;

    /// <summary>
    /// InitialRepresentation = π·δ / (π·δ + 1 − π) = 0.0625 with the defaults, and Bias = clamp(h × clamp(1 − s/π, 0, 1) × c, 0, 1)
    /// = 0.3 × (1 − 0.625) = 0.1125 ("with the defaults the initial bias is 0.11"); limits worked out by hand.
    /// </summary>
    [Fact]
    public void BiasAndInitialRepresentation_FollowTheirFormulas()
    {
        var p = new ModelParameters();
        Assert.Equal(0.1 * 0.6 / (0.1 * 0.6 + 0.9), AutomatedDecisions.InitialRepresentation(p), 12);
        Assert.Equal(0.0625, AutomatedDecisions.InitialRepresentation(p), 12);
        Assert.Equal(0.1125, AutomatedDecisions.Bias(p, 0.0625, 1.0), 12);
        Assert.Equal(0.11, AutomatedDecisions.Bias(p, AutomatedDecisions.InitialRepresentation(p), 1.0), 2);
        Assert.Equal(0.0, AutomatedDecisions.Bias(p, 0.1, 1.0));           // fully represented
        Assert.Equal(0.0, AutomatedDecisions.Bias(p, 0.3, 1.0));           // over-represented: clamped at 0
        Assert.Equal(0.3 * 0.5, AutomatedDecisions.Bias(p, 0.0, 0.5), 12); // absent, half corrected
        Assert.Equal(0.0, AutomatedDecisions.Bias(p with { ProtectedShare = 0 }, 0.0, 1.0));
        Assert.Equal(1.0, AutomatedDecisions.Bias(p with { BiasHazard = 5 }, 0.0, 1.0)); // clamped at 1
        Assert.Equal(1.0, AutomatedDecisions.InitialRepresentation(p with { ProtectedShare = 1 }), 12);
    }

    private static MechanismHarness Decided(ModelParameters p, double bias, Func<Regime, Regime>? levers = null, bool held = true)
    {
        var h = MechanismHarness.For("dynamic-balance", p with { HarmDelayMeanDays = 1e-9 }, subjects: N, deployers: 1, ticks: 10, levers: levers);
        for (var i = 0; i < N; i++)
        {
            h.Subject(i, isProtected: i % 2 == 0);
            h.Customer(i, 0, 0, start: 0, held: held);
        }
        var world = h.World(4);
        world.Deployers[0].Bias = bias;
        h.Harm.BeginTick(4);
        h.Decisions.Run(world);
        h.Realise(4, 5);
        return h;
    }

    /// <summary>
    /// 20,000 customers (half protected) of a deployer with bias 0.4, decision rate 0.5, no explanation requests: decisions
    /// are made at the daily rate; others are approved with a = 0.7, protected subjects with a(1 − bias); a protected refusal
    /// with u &lt; a (probability a × bias) is discriminatory, and each one, uncorrected, harms its subject. Tolerance 4
    /// binomial standard errors each; the harm count is exact.
    /// </summary>
    [Fact]
    public void Decisions_ApproveWithTheBaseRate_AndDiscriminateWithATimesBias()
    {
        var p = new ModelParameters { DecisionRatePerDay = 0.5, ExplanationRequestBase = 0, ExplanationRequestPerConcern = 0 };
        const double bias = 0.4;
        var h = Decided(p, bias);
        var t = h.Tally;
        var a = p.BaseApprovalRate;
        MechanismHarness.WithinFourSe(t[TallyField.DecisionsProtected] + t[TallyField.DecisionsOther], N, 0.5, "decisions");
        MechanismHarness.WithinFourSe(t[TallyField.ApprovalsOther], t[TallyField.DecisionsOther], a, "approvals, others");
        MechanismHarness.WithinFourSe(t[TallyField.ApprovalsProtected], t[TallyField.DecisionsProtected], a * (1 - bias), "approvals, protected");
        MechanismHarness.WithinFourSe(t[TallyField.DiscriminatoryDecisions], t[TallyField.DecisionsProtected], a * bias, "discriminatory decisions");
        Assert.Equal(t[TallyField.DiscriminatoryDecisions], t.Deployer(0, DeployerField.DiscriminatoryDecisions));
        Assert.Equal(t[TallyField.DiscriminatoryDecisions], h.HarmedSubjects());
        Assert.Equal(h.S.HarmFen.Sum(), t[TallyField.HarmDiscriminationFen]);
        Assert.Equal(0, t[TallyField.ExplanationRequests]);
    }

    /// <summary>
    /// Every refused customer asks for an explanation (request base 1), decisions are made daily and the bias is 1, so every
    /// protected customer is refused and the refusal is discriminatory exactly when u &lt; a. With decision_and_process and
    /// detection 1, every discriminatory decision is exposed, reversed (approved, no harm) and the deployer corrected;
    /// without the right, explanations are asked for but never served and every discriminatory decision harms.
    /// </summary>
    [Theory]
    [InlineData(ExplanationRight.DecisionAndProcess)]
    [InlineData(ExplanationRight.None)]
    public void Explanations_ExposeBias_AndReverseTheDecision_OnlyWhereTheRightExists(ExplanationRight right)
    {
        var p = new ModelParameters { DecisionRatePerDay = 1.0, ExplanationRequestBase = 1.0, BiasDetectionProcess = 1.0 };
        var h = Decided(p, 1.0, r => r with { ExplanationRight = right });
        var t = h.Tally;
        Assert.Equal(N / 2, t[TallyField.DecisionsProtected]);
        Assert.Equal(N / 2, t[TallyField.DecisionsOther]);
        var refusals = t[TallyField.DecisionsProtected] + t[TallyField.DecisionsOther] - t[TallyField.ApprovalsOther];
        Assert.Equal(refusals, t[TallyField.ExplanationRequests]);
        MechanismHarness.WithinFourSe(t[TallyField.DiscriminatoryDecisions], N / 2, p.BaseApprovalRate, "discriminatory decisions at bias 1");
        if (right == ExplanationRight.None)
        {
            Assert.Equal(0, t[TallyField.ExplanationsServed]);
            Assert.Equal(0, t[TallyField.ApprovalsProtected]);
            Assert.Equal(0, t.Deployer(0, DeployerField.BiasDetected));
            Assert.Equal(t[TallyField.DiscriminatoryDecisions], h.HarmedSubjects());
        }
        else
        {
            Assert.Equal(refusals, t[TallyField.ExplanationsServed]);
            Assert.Equal(t[TallyField.DiscriminatoryDecisions], t[TallyField.ApprovalsProtected]);
            Assert.Equal(t[TallyField.DiscriminatoryDecisions], t.Deployer(0, DeployerField.BiasDetected));
            Assert.Equal(0, h.HarmedSubjects());
        }
    }

    [Fact]
    public void NoDecision_IsMadeOnARelationWhoseRecordsTheDeployerDoesNotHold()
    {
        var h = Decided(new ModelParameters { DecisionRatePerDay = 1.0 }, 0.5, held: false);
        Assert.Equal(0, h.Tally.Deployer(0, DeployerField.Decisions));
        Assert.Equal(0, h.Tally[TallyField.DecisionsProtected] + h.Tally[TallyField.DecisionsOther]);
    }
}
