using InfoRisk.Model.Configuration;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Tests.Design;

/// <summary>The experiment file's sweep, ablation and sensitivity blocks: what they plan, and how bad input is refused.</summary>
public sealed class ExperimentDesignLoaderTests : IDisposable
{
    private readonly DesignFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void GridOverAParameterAndALeverMakesEveryCombinationAndSetsTheLeverInEveryRegime()
    {
        var e = _f.Load("grid", """
            , "sweep": { "parameters": { "hallucination_rate": [0.01, 0.1] }, "levers": { "punitive_multiplier": { "min": 0, "max": 4, "steps": 3 }, "scraping": ["free", "with_consent"] } }
            """);
        Assert.Equal(2 * 3 * 2, e.Scenarios.Count);
        Assert.Equal(["param_hallucination_rate", "lever_punitive_multiplier", "lever_scraping"], e.SweptParameters);
        Assert.Equal(new SweepDesign("grid", 12), e.Sweep);
        var combos = new HashSet<(double, double, ScrapingRule)>();
        foreach (var s in e.Scenarios)
        {
            foreach (var regime in e.Regimes)
            {
                var r = Experiment.RegimeIn(s, regime);
                Assert.Equal(regime.Name, r.Name);
                Assert.Equal(s.LeverOverrides[0].Value.GetValue<double>(), r.PunitiveMultiplier);
                Assert.Equal(s.LeverOverrides[1].Value.GetValue<string>() == "free" ? ScrapingRule.Free : ScrapingRule.WithConsent, r.Scraping);
                // the levers that are not swept keep the regime's own values
                Assert.Equal(regime.LiabilitySensitive, r.LiabilitySensitive);
            }
            var first = Experiment.RegimeIn(s, e.Regimes[0]);
            combos.Add((s.Parameters.HallucinationRate, first.PunitiveMultiplier, first.Scraping));
        }
        Assert.Equal(12, combos.Count);
        Assert.Equal([0.0, 2.0, 4.0], combos.Select(c => c.Item2).Distinct().Order());
        // runs: scenario-major, regime, replicate; replicate r has one seed everywhere
        var plan = ExperimentRunner.Plan(e);
        Assert.Equal(12 * 3 * 3, plan.Count);
        Assert.All(plan, k => Assert.Equal(e.ReplicateSeed(k.Replicate), k.Seed));
        Assert.Equal(3, plan.Select(k => k.Seed).Distinct().Count());
        // grid order: the last swept name varies fastest
        Assert.Equal(ScrapingRule.WithConsent, plan.First(k => k.Scenario == 1).Regime.Scraping);
        Assert.Equal(0.0, plan.First(k => k.Scenario == 1).Regime.PunitiveMultiplier);
        Assert.Equal(2.0, plan.First(k => k.Scenario == 2).Regime.PunitiveMultiplier);
    }

    [Fact]
    public void LatinHypercubeHasOnePointInEveryStratumOfEveryRangeAndRoundsWholeNumbers()
    {
        const int n = 10;
        var e = _f.Load("lhs", $$"""
            , "sweep": { "design": "lhs", "points": {{n}}, "parameters": { "hallucination_rate": { "min": 0.02, "max": 0.12 }, "birth_years": { "min": 20, "max": 120 } }, "levers": { "output_filter": { "min": 0.2, "max": 0.7 } } }
            """);
        Assert.Equal(n, e.Scenarios.Count);
        Assert.Equal(new SweepDesign("lhs", n), e.Sweep);
        var h = e.Scenarios.Select(s => s.Parameters.HallucinationRate).ToList();
        var f = e.Scenarios.Select(s => Experiment.RegimeIn(s, e.Regimes[0]).OutputFilter).ToList();
        var g = e.Scenarios.Select(s => s.Parameters.BirthYears).ToList();
        Assert.Equal(Enumerable.Range(0, n), h.Select(v => (int)Math.Floor((v - 0.02) / 0.1 * n)).Order());
        Assert.Equal(Enumerable.Range(0, n), f.Select(v => (int)Math.Floor((v - 0.2) / 0.5 * n)).Order());
        Assert.All(g, r => Assert.InRange(r, 20, 120));
        // whole-number parameters are rounded, but still one per stratum up to rounding at the edges
        Assert.True(g.Select(r => Math.Min(n - 1, (r - 20) * n / 100)).Distinct().Count() >= n - 2);
        // the design is a pure function of the master seed
        var again = _f.Load("lhs2", $$"""
            , "sweep": { "design": "lhs", "points": {{n}}, "parameters": { "hallucination_rate": { "min": 0.02, "max": 0.12 }, "birth_years": { "min": 20, "max": 120 } }, "levers": { "output_filter": { "min": 0.2, "max": 0.7 } } }
            """);
        Assert.Equal(h, again.Scenarios.Select(s => s.Parameters.HallucinationRate));
    }

    [Fact]
    public void AblationAddsTheBaseAndOneVariantPerLeverPlusAll()
    {
        var e = _f.Load("ablation", """
            , "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_several", "punitive_multiplier", "deidentification"], "design": "add" }
            """, regimes: "[\"precautionary\"]");
        Assert.Equal(["precautionary", "dynamic-balance", "dynamic-balance+joint_and_several", "dynamic-balance+punitive_multiplier", "dynamic-balance+deidentification", "dynamic-balance+all"], e.Regimes.Select(r => r.Name));
        var b = RegimeCatalog.Get("dynamic-balance");
        var t = RegimeCatalog.Get("precautionary");
        foreach (var v in e.Regimes.Skip(2))
        {
            var changed = RegimeCatalog.LeverNames.Where(l => RegimeCatalog.LeverValue(v, l) != RegimeCatalog.LeverValue(b, l)).ToList();
            var lever = v.Name["dynamic-balance+".Length..];
            Assert.Equal(lever == "all" ? ["deidentification", "joint_and_several", "punitive_multiplier"] : [lever], changed.Order());
            Assert.All(changed, l => Assert.Equal(RegimeCatalog.LeverValue(t, l), RegimeCatalog.LeverValue(v, l)));
        }
        Assert.Equal("precautionary", e.Ablation!.Target.Name);
    }

    [Fact]
    public void LeaveOneOutVariantsHaveExactlyTheTargetsLeversExceptOneWhichHasTheBaseValue()
    {
        // design "both" is the default; the target is not listed, so it is added to the regimes that run
        var e = _f.Load("loo", """
            , "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_several", "punitive_multiplier", "deidentification"] }
            """, regimes: "[\"use-first\"]");
        Assert.Equal(Ablation.Both, e.Ablation!.Design);
        Assert.Equal(
            ["use-first", "dynamic-balance", "precautionary",
             "dynamic-balance+joint_and_several", "dynamic-balance+punitive_multiplier", "dynamic-balance+deidentification", "dynamic-balance+all",
             "precautionary-joint_and_several", "precautionary-punitive_multiplier", "precautionary-deidentification"],
            e.Regimes.Select(r => r.Name));
        var b = RegimeCatalog.Get("dynamic-balance");
        var t = RegimeCatalog.Get("precautionary");
        foreach (var v in e.Regimes.Where(r => r.Name.StartsWith("precautionary-", StringComparison.Ordinal)))
        {
            var lever = v.Name["precautionary-".Length..];
            var changed = RegimeCatalog.LeverNames.Where(l => RegimeCatalog.LeverValue(v, l) != RegimeCatalog.LeverValue(t, l)).ToList();
            Assert.Equal([lever], changed);
            Assert.Equal(RegimeCatalog.LeverValue(b, lever), RegimeCatalog.LeverValue(v, lever));
            Assert.NotEqual(RegimeCatalog.LeverValue(t, lever), RegimeCatalog.LeverValue(v, lever));
        }
    }

    [Fact]
    public void RemoveDesignRunsNoAddVariantsButKeepsAll()
    {
        var e = _f.Load("loo-remove", """
            , "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_several", "punitive_multiplier"], "design": "remove" }
            """, regimes: "[\"dynamic-balance\", \"precautionary\"]");
        Assert.Equal(["dynamic-balance", "precautionary", "dynamic-balance+all", "precautionary-joint_and_several", "precautionary-punitive_multiplier"], e.Regimes.Select(r => r.Name));
        Assert.False(e.Ablation!.Adds);
        Assert.True(e.Ablation.Removes);
    }

    [Fact]
    public void AblationWithoutLeversSwitchesEveryDifferingLeverSoAllEqualsTheTarget()
    {
        var e = _f.Load("ablation-all", """
            , "ablation": { "base": "dynamic-balance", "target": "precautionary" }
            """, regimes: "[\"dynamic-balance\"]");
        var differing = RegimeCatalog.LeverNames.Where(l => RegimeCatalog.LeverValue(RegimeCatalog.Get("dynamic-balance"), l) != RegimeCatalog.LeverValue(RegimeCatalog.Get("precautionary"), l)).ToList();
        Assert.True(differing.Count >= 6);
        Assert.Equal(differing, e.Ablation!.Levers);
        var all = e.Regimes.Single(r => r.Name == "dynamic-balance+all");
        Assert.Equal(RegimeCatalog.Get("precautionary") with { Name = all.Name, Description = all.Description }, all);
    }

    [Fact]
    public void SensitivityPointsBecomeScenariosWithinTheRanges()
    {
        var e = _f.Load("sobol", """
            , "sensitivity": { "method": "sobol", "samples": 8, "parameters": { "hallucination_rate": { "min": 0.01, "max": 0.1 }, "litigation_cost_yuan": { "min": 500, "max": 9000 }, "memorization_base": { "min": 0.001, "max": 0.05 } }, "metrics": ["harm_total_yuan"] }
            """);
        Assert.Equal(8 * (3 + 2), e.Scenarios.Count);
        Assert.Equal(new SweepDesign("sobol", 40), e.Sweep);
        Assert.Equal(["param_hallucination_rate", "param_litigation_cost_yuan", "param_memorization_base"], e.SweptParameters);
        for (var i = 0; i < e.Scenarios.Count; i++)
        {
            var p = e.Scenarios[i].Parameters;
            Assert.Equal(e.Sensitivity!.Points[i][0], p.HallucinationRate);
            Assert.Equal(e.Sensitivity.Points[i][1], p.LitigationCostYuan);
            Assert.InRange(p.MemorizationBase, 0.001, 0.05);
        }
        var m = _f.Load("morris", """
            , "sensitivity": { "method": "morris", "trajectories": 5, "parameters": { "hallucination_rate": { "min": 0.01, "max": 0.1 }, "litigation_cost_yuan": { "min": 500, "max": 9000 } } }
            """);
        Assert.Equal(5 * 3, m.Scenarios.Count);
        Assert.Equal(KeyMetrics.Names, m.Sensitivity!.Metrics);
        Assert.Equal(4, m.Sensitivity.Levels);
    }

    [Fact]
    public void ALatinHypercubeInputWithADistributionIsSampledFromItTruncatedToTheRange()
    {
        // 400 points, one per stratum of probability 1/400 (tolerances: one stratum either side, and for the mean the
        // width of a stratum): a normal(0.05, 0.02) truncated to [0, 0.2] (mean 0.0501, F(0.05) = 0.497; uniform would
        // give 0.1 and 0.25), a triangular on [0.1, 0.3] with mode 0.3 and a discrete choice with weights 1, 2, 7
        const int n = 400;
        var e = _f.Load("dist", $$"""
            , "sweep": { "design": "lhs", "points": {{n}}, "parameters": {
                "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "normal", "mean": 0.05, "sd": 0.02 } },
                "memorization_base": { "min": 0.1, "max": 0.3, "distribution": { "kind": "triangular", "mode": 0.3 } },
                "fraud_sigma": { "min": 0.5, "max": 2, "distribution": { "kind": "discrete", "values": [0.5, 1, 2], "weights": [1, 2, 7] } } } }
            """);
        Assert.Equal(n, e.Scenarios.Count);
        var normal = e.Scenarios.Select(s => s.Parameters.HallucinationRate).ToArray();
        Assert.All(normal, v => Assert.InRange(v, 0, 0.2));
        Assert.InRange(normal.Average(), 0.048, 0.052);
        Assert.InRange(normal.Count(v => v < 0.05) / (double)n, 0.49, 0.51);
        // triangular on [0.1, 0.3] with mode 0.3: F(x) = ((x - 0.1) / 0.2)^2, so a quarter lies below 0.2
        var triangle = e.Scenarios.Select(s => s.Parameters.MemorizationBase).ToArray();
        Assert.InRange(triangle.Count(v => v < 0.2) / (double)n, 0.24, 0.26);
        // the discrete choice: 40, 80 and 280 of the 400 evenly spread levels
        var discrete = e.Scenarios.Select(s => s.Parameters.FraudSigma).ToArray();
        Assert.Equal(40, discrete.Count(v => v == 0.5));
        Assert.Equal(80, discrete.Count(v => v == 1));
        Assert.Equal(280, discrete.Count(v => v == 2));
    }

    public static TheoryData<string, string, string[]> BadDesigns => new()
    {
        { "design", """, "sweep": { "design": "lhd", "points": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 1 } } }""", ["$.sweep.design", "'lhd' is not allowed", "grid, lhs", "did you mean 'lhs'"] },
        { "lhs-enum", """, "sweep": { "design": "lhs", "points": 4, "levers": { "scraping": { "min": 0, "max": 1 } } }""", ["$.sweep.levers.scraping", "not numeric", "grid"] },
        { "lhs-points", """, "sweep": { "design": "lhs", "parameters": { "hallucination_rate": { "min": 0, "max": 1 } } }""", ["$.sweep.points", "is required"] },
        { "range", """, "sweep": { "design": "lhs", "points": 4, "parameters": { "hallucination_rate": { "min": 0.5, "max": 0.2 } } }""", ["$.sweep.parameters.hallucination_rate.max", "must be greater than min"] },
        { "range-bounds", """, "sweep": { "levers": { "output_filter": { "min": 0, "max": 2, "steps": 3 } } }""", ["$.sweep.levers.output_filter.max", "out of range", "0 to 1"] },
        { "lever-name", """, "sweep": { "levers": { "punitive_multiplyer": [1, 2] } }""", ["$.sweep.levers.punitive_multiplyer", "did you mean 'punitive_multiplier'"] },
        { "lever-value", """, "sweep": { "levers": { "scraping": ["free", "sometimes"] } }""", ["$.sweep.levers.scraping[1]", "with_consent, free, objections_honoured"] },
        { "sweep-key", """, "sweep": { "parameter": { "hallucination_rate": [0.1] } }""", ["$.sweep.parameter", "did you mean 'parameters'"] },
        { "ablation-regime", """, "ablation": { "base": "dynamic-balance", "target": "precautionery" }""", ["$.ablation.target", "did you mean 'precautionary'"] },
        { "ablation-same", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["deletion_right"] }""", ["$.ablation.levers[0]", "in both", "changes nothing", "reversed_causation_burden"] },
        { "ablation-lever", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_severall"] }""", ["$.ablation.levers[0]", "did you mean 'joint_and_several'"] },
        { "ablation-design", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "design": "remov" }""", ["$.ablation.design", "unknown design 'remov'", "add, remove, both", "did you mean 'remove'"] },
        { "ablation-design-type", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "design": 2 }""", ["$.ablation.design", "must be a string", "add, remove, both"] },
        { "ablation-key", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "desing": "add" }""", ["$.ablation.desing", "did you mean 'design'"] },
        { "ablation-sweep", """, "ablation": { "base": "dynamic-balance", "target": "precautionary" }, "sweep": { "parameters": { "hallucination_rate": [0.1] } }""", ["$.ablation", "cannot be combined with a sweep"] },
        { "method", """, "sensitivity": { "method": "sobel", "samples": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 1 }, "memorization_base": { "min": 0, "max": 1 } } }""", ["$.sensitivity.method", "morris, sobol", "did you mean 'sobol'"] },
        { "morris-samples", """, "sensitivity": { "method": "morris", "samples": 4, "trajectories": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 1 }, "memorization_base": { "min": 0, "max": 1 } } }""", ["$.sensitivity.samples", "Sobol setting"] },
        { "metric", """, "sensitivity": { "method": "sobol", "samples": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 1 }, "memorization_base": { "min": 0, "max": 1 } }, "metrics": ["harm_totl_yuan"] }""", ["$.sensitivity.metrics[0]", "did you mean 'harm_total_yuan'"] },
        { "dist-kind", """, "sweep": { "design": "lhs", "points": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "gaussian" } } } }""", ["$.sweep.parameters.hallucination_rate.distribution.kind", "unknown distribution 'gaussian'", "normal, lognormal, triangular, discrete"] },
        { "dist-member", """, "sweep": { "design": "lhs", "points": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "normal", "mean": 0.1 } } } }""", ["$.sweep.parameters.hallucination_rate.distribution.sd", "is required for a normal distribution"] },
        { "dist-sd", """, "sweep": { "design": "lhs", "points": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "normal", "mean": 0.1, "sd": 0 } } } }""", ["$.sweep.parameters.hallucination_rate.distribution", "sd > 0"] },
        { "dist-discrete", """, "sensitivity": { "method": "sobol", "samples": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "discrete", "values": [0.1, 0.5] } }, "memorization_base": { "min": 0, "max": 1 } } }""", ["$.sensitivity.parameters.hallucination_rate.distribution", "discrete values must lie in its range"] },
        { "dist-grid", """, "sweep": { "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "steps": 3, "distribution": { "kind": "uniform" } } } }""", ["$.sweep.parameters.hallucination_rate.distribution"] },
        { "dist-key", """, "sweep": { "design": "lhs", "points": 4, "parameters": { "hallucination_rate": { "min": 0, "max": 0.2, "distribution": { "kind": "lognormal", "mu": -3, "sigma": 1, "mean": 2 } } } }""", ["$.sweep.parameters.hallucination_rate.distribution.mean"] },
        { "uncertain", """, "sensitivity": { "method": "sobol", "samples": 4, "parameters": { "hallucination_rat": { "min": 0, "max": 1 }, "memorization_base": { "min": 0, "max": 1 } } }""", ["$.sensitivity.parameters.hallucination_rat", "did you mean 'hallucination_rate'"] },
    };

    [Theory]
    [MemberData(nameof(BadDesigns))]
    public async Task BadDesignBlocksAreRefusedWithLinePathAndWhatIsAllowed(string name, string extra, string[] expected)
    {
        var path = _f.File(name, extra);
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, await InfoCommands.ValidateAsync(path, TextWriter.Null, error));
        var text = error.ToString();
        Assert.Contains($"{path}:", text);
        Assert.Matches(@":\d+:\d+: \$\.", text); // line and column
        foreach (var e in expected) Assert.Contains(e, text);
    }
}
