using System.Globalization;
using System.Text.Json.Nodes;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Execution;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Design;

/// <summary>summary.csv's paired differences, ablation.csv, robustness.csv and scenarios.csv on synthetic runs with known answers.</summary>
public sealed class ResultTablesTests : IDisposable
{
    private readonly DesignFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>Writes every run of the experiment with synthetic one-tick rows and completes the folder.</summary>
    private string Write(Experiment e, string name, Func<RunKey, int, long> value)
    {
        var target = Path.Combine(_f.Dir, name);
        using var writer = ResultWriter.Open(e, target, 64, resume: false);
        foreach (var key in ExperimentRunner.Plan(e)) writer.Add(DesignFixture.Synthetic(key, 1, value));
        writer.Complete(new JsonObject());
        return target;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void SummaryAddsThePairedDifferenceFromTheBaselineWithAStudentTInterval()
    {
        var e = _f.Load("paired", replicates: 3); // use-first, dynamic-balance (baseline by default), precautionary
        var records = Metric.IndexOf("records_collected");
        var queries = Metric.IndexOf("queries");
        var dir = Write(e, "paired-out", (k, m) =>
        {
            // replicate noise is large and shared by every regime (as with common random numbers)
            var shared = 1000L * (k.Replicate + 1) * (k.Replicate + 1);
            return k.Regime.Name switch
            {
                "dynamic-balance" => shared,
                "use-first" => shared + (m == records ? 7 : k.Replicate + 1), // records: +7 exactly; other metrics: +1, +2, +3
                _ => shared - 5,
            };
        });
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "summary.csv"));
        Assert.Equal(3 * Metric.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("dynamic-balance", r["baseline"]));
        var baseRow = rows.Single(r => r["regime"] == "dynamic-balance" && r["metric"] == "queries");
        Assert.Equal(("0", "", "", ""), (baseRow["diff_mean"], baseRow["diff_sd"], baseRow["diff_ci95_low"], baseRow["diff_ci95_high"]));
        // a constant difference: the interval collapses onto it, although each regime's own CI is wide
        var constant = rows.Single(r => r["regime"] == "use-first" && r["metric"] == "records_collected");
        Assert.Equal((7.0, 0.0, 7.0, 7.0), (D(constant["diff_mean"]), D(constant["diff_sd"]), D(constant["diff_ci95_low"]), D(constant["diff_ci95_high"])));
        Assert.True(D(constant["ci95_high"]) - D(constant["ci95_low"]) > 1000);
        // differences 1, 2, 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.302653 / 1.732051 = 2.484138
        var varying = rows.Single(r => r["regime"] == "use-first" && r["metric"] == "queries");
        Assert.Equal(2.0, D(varying["diff_mean"]), 9);
        Assert.Equal(1.0, D(varying["diff_sd"]), 9);
        Assert.Equal(2.0 - 2.484138, D(varying["diff_ci95_low"]), 5);
        Assert.Equal(2.0 + 2.484138, D(varying["diff_ci95_high"]), 5);
        Assert.Equal(-5.0, D(rows.Single(r => r["regime"] == "precautionary" && r["metric"] == "queries")["diff_mean"]));
        Assert.Equal(queries, Metric.IndexOf(varying["metric"]));
        // no sweep: scenarios.csv has scenario 0 only; no robustness with one scenario
        Assert.Equal("scenario\n0\n", File.ReadAllText(Path.Combine(dir, "scenarios.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "robustness.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "ablation.csv")));
        Assert.False(File.Exists(Path.Combine(dir, ResultWriter.JournalFile)));
    }

    [Fact]
    public void WithOneReplicateTheDifferenceIsGivenAndItsSpreadIsEmpty()
    {
        var e = _f.Load("single", replicates: 1);
        var dir = Write(e, "single-out", (k, m) => k.Regime.Name == "precautionary" ? 40 : 10);
        var row = DesignFixture.ReadCsv(Path.Combine(dir, "summary.csv")).Single(r => r["regime"] == "precautionary" && r["metric"] == "queries");
        Assert.Equal(("1", "30", "", "", "", ""), (row["n"], row["diff_mean"], row["diff_sd"], row["diff_ci95_low"], row["diff_ci95_high"], row["sd"]));
    }

    [Fact]
    public void SobolConvergenceTableGivesTheIndicesAtGrowingSizesEndingAtTheSensitivityTable()
    {
        // harm depends on hallucination_rate alone (linear)
        var e = _f.Load("conv", """, "sensitivity": { "method": "sobol", "samples": 16, "bootstrap": 50, "metrics": ["harm_total_yuan"], "parameters": { "hallucination_rate": { "min": 0.01, "max": 0.1 }, "memorization_base": { "min": 0.001, "max": 0.05 }, "litigation_cost_yuan": { "min": 500, "max": 9000 } } }""",
            regimes: "[\"dynamic-balance\"]", replicates: 1);
        var harm = Metric.IndexOf("harm_total_yuan");
        var dir = Write(e, "conv-out", (k, m) => m == harm ? (long)Math.Round(1e6 * e.Scenarios[k.Scenario].Parameters.HallucinationRate) : 1);
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "sensitivity_convergence.csv"));
        Assert.Equal(["regime", "parameter", "metric", "index", "base_samples", "runs_per_regime", "estimate", "ci95_low", "ci95_high"],
            File.ReadLines(Path.Combine(dir, "sensitivity_convergence.csv")).First().Split(','));
        // sizes 2, 4, 8, 16 (from max(2, N/16) doubling to N); 3 parameters x 2 indices each
        Assert.Equal(["2", "4", "8", "16"], rows.Select(r => r["base_samples"]).Distinct());
        Assert.Equal(4 * 3 * 2, rows.Count);
        Assert.All(rows, r => Assert.Equal(int.Parse(r["base_samples"], CultureInfo.InvariantCulture) * 5, int.Parse(r["runs_per_regime"], CultureInfo.InvariantCulture)));
        // Jansen's estimators on this function, exactly at every size: the influential parameter has f(A_B^i) = f(B), so
        // S1 = 1 - E[(f(B) - f(A_B^i))^2] / 2V = 1; a parameter the output does not depend on has f(A_B^i) = f(A), so
        // ST = E[(f(A) - f(A_B^i))^2] / 2V = 0
        foreach (var r in rows.Where(r => r["index"] == "S1" && r["parameter"] == "hallucination_rate")) Assert.Equal(1.0, D(r["estimate"]), 12);
        foreach (var r in rows.Where(r => r["index"] == "ST" && r["parameter"] != "hallucination_rate")) Assert.Equal(0.0, D(r["estimate"]));
        Assert.All(rows.Where(r => r["index"] == "ST" && r["parameter"] == "hallucination_rate"), r => Assert.True(D(r["estimate"]) > 0));
        // at N the rows are exactly those of sensitivity.csv
        var final = DesignFixture.ReadCsv(Path.Combine(dir, "sensitivity.csv"));
        foreach (var r in rows.Where(r => r["base_samples"] == "16"))
        {
            var same = final.Single(f => f["parameter"] == r["parameter"] && f["index"] == r["index"] && f["metric"] == r["metric"]);
            Assert.Equal((same["estimate"], same["ci95_low"], same["ci95_high"]), (r["estimate"], r["ci95_low"], r["ci95_high"]));
        }
    }

    [Fact]
    public void AblationTableGivesEachLeversPairedEffectAndItsShareOfAll()
    {
        var e = _f.Load("abl", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_several", "punitive_multiplier"], "design": "add" }""",
            regimes: "[\"dynamic-balance\"]", replicates: 3);
        var harm = Metric.IndexOf("harm_total_yuan");
        var dir = Write(e, "abl-out", (k, m) => (m == harm ? 100 : 1) * (k.Regime.Name switch
        {
            "dynamic-balance" => 100 + k.Replicate,
            "dynamic-balance+joint_and_several" => 130 + k.Replicate,     // effect 30 on every replicate
            "dynamic-balance+punitive_multiplier" => 110 + 2 * k.Replicate, // effects 10, 11, 12
            "dynamic-balance+all" => 140 + k.Replicate,                  // effect 40
            _ => throw new InvalidOperationException(k.Regime.Name),
        }));
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "ablation.csv"));
        Assert.Equal(3 * Metric.Count, rows.Count);
        Assert.Equal(["joint_and_several", "punitive_multiplier", "all"], rows.Select(r => r["lever"]).Distinct());
        Assert.Equal(Metric.All.Select(m => m.Name), rows.Where(r => r["lever"] == "all").Select(r => r["metric"]));
        var joint = rows.Single(r => r["lever"] == "joint_and_several" && r["metric"] == "harm_total_yuan");
        Assert.Equal(("false", "true", "3"), (joint["base_value"], joint["target_value"], joint["n"]));
        Assert.Equal((101.0, 131.0, 30.0, 30.0, 30.0, 0.75), (D(joint["base_mean"]), D(joint["variant_mean"]), D(joint["effect_mean"]), D(joint["effect_ci95_low"]), D(joint["effect_ci95_high"]), D(joint["share_of_all"])));
        var punitive = rows.Single(r => r["lever"] == "punitive_multiplier" && r["metric"] == "queries");
        Assert.Equal(("0", "3"), (punitive["base_value"], punitive["target_value"]));
        Assert.Equal(11.0, D(punitive["effect_mean"]), 9);
        Assert.Equal(11.0 / 40.0, D(punitive["share_of_all"]), 9);
        Assert.True(D(punitive["effect_ci95_low"]) < 11 && D(punitive["effect_ci95_high"]) > 11);
        var all = rows.Single(r => r["lever"] == "all" && r["metric"] == "queries");
        Assert.Equal(("", "", 1.0), (all["base_value"], all["target_value"], D(all["share_of_all"])));
        Assert.All(rows, r => Assert.Equal("add", r["design"]));
        Assert.Equal(["experiment", "base_regime", "target_regime", "lever", "base_value", "target_value", "metric", "n", "base_mean", "variant_mean", "effect_mean", "effect_ci95_low", "effect_ci95_high", "share_of_all", "design"],
            File.ReadLines(Path.Combine(dir, "ablation.csv")).First().Split(','));
    }

    [Fact]
    public void LeaveOneOutRowsGiveTheTargetMinusTheTargetWithoutTheLever()
    {
        var e = _f.Load("loo", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["punitive_multiplier", "punitive_threshold"] }""",
            regimes: "[\"dynamic-balance\", \"precautionary\"]", replicates: 3);
        var harm = Metric.IndexOf("harm_total_yuan");
        // an interaction: each punitive lever alone does nothing, together they cut harm by 50; removing either undoes it
        var dir = Write(e, "loo-out", (k, m) => (m == harm ? 100 : 1) * (k.Regime.Name switch
        {
            "dynamic-balance" or "dynamic-balance+punitive_multiplier" or "dynamic-balance+punitive_threshold" => 200 + k.Replicate,
            "dynamic-balance+all" or "precautionary" => 150 + k.Replicate,
            "precautionary-punitive_multiplier" => 200 + k.Replicate,           // effect of the lever given the other: -50
            "precautionary-punitive_threshold" => 190 + 2 * k.Replicate,        // effects -40, -41, -42
            _ => throw new InvalidOperationException(k.Regime.Name),
        }));
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "ablation.csv"));
        Assert.Equal(5 * Metric.Count, rows.Count);
        // add rows first (block order, all last), then remove rows (block order); metrics in Metric.All order inside each
        Assert.Equal(
            ["punitive_multiplier/add", "punitive_threshold/add", "all/add", "punitive_multiplier/remove", "punitive_threshold/remove"],
            rows.Select(r => r["lever"] + "/" + r["design"]).Distinct());
        Assert.Equal(Metric.All.Select(m => m.Name), rows.Where(r => r["lever"] == "punitive_threshold" && r["design"] == "remove").Select(r => r["metric"]));
        var addMult = rows.Single(r => r["lever"] == "punitive_multiplier" && r["design"] == "add" && r["metric"] == "harm_total_yuan");
        Assert.Equal((0.0, 0.0), (D(addMult["effect_mean"]), D(addMult["share_of_all"])));
        var mult = rows.Single(r => r["lever"] == "punitive_multiplier" && r["design"] == "remove" && r["metric"] == "harm_total_yuan");
        Assert.Equal(("0", "3", "3"), (mult["base_value"], mult["target_value"], mult["n"]));
        // base_mean: the target without the lever; variant_mean: the target; share: -50 / -50
        Assert.Equal((201.0, 151.0, -50.0, -50.0, -50.0, 1.0), (D(mult["base_mean"]), D(mult["variant_mean"]), D(mult["effect_mean"]), D(mult["effect_ci95_low"]), D(mult["effect_ci95_high"]), D(mult["share_of_all"])));
        var threshold = rows.Single(r => r["lever"] == "punitive_threshold" && r["design"] == "remove" && r["metric"] == "queries");
        Assert.Equal(-41.0, D(threshold["effect_mean"]), 9);
        Assert.Equal(41.0 / 50.0, D(threshold["share_of_all"]), 9);
        // differences -40, -41, -42: sd 1, half-width t(0.975, 2) / sqrt(3) = 2.484138
        Assert.Equal(-41.0 - 2.484138, D(threshold["effect_ci95_low"]), 5);
        Assert.Equal(-41.0 + 2.484138, D(threshold["effect_ci95_high"]), 5);
    }

    [Fact]
    public void RemoveOnlyDesignWritesTheAllRowAndTheRemoveRows()
    {
        var e = _f.Load("loo-only", """, "ablation": { "base": "dynamic-balance", "target": "precautionary", "levers": ["joint_and_several"], "design": "remove" }""",
            regimes: "[\"dynamic-balance\", \"precautionary\"]", replicates: 2);
        var dir = Write(e, "loo-only-out", (k, m) => k.Regime.Name switch
        {
            "dynamic-balance" => 10,
            "dynamic-balance+all" or "precautionary" => 30,
            "precautionary-joint_and_several" => 25,
            _ => throw new InvalidOperationException(k.Regime.Name),
        });
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "ablation.csv"));
        Assert.Equal(["all/add", "joint_and_several/remove"], rows.Select(r => r["lever"] + "/" + r["design"]).Distinct());
        var remove = rows.Single(r => r["design"] == "remove" && r["metric"] == "queries");
        Assert.Equal((5.0, 0.25), (D(remove["effect_mean"]), D(remove["share_of_all"])));
    }

    [Fact]
    public void RobustnessCountsBestScenariosAndRegretAndScenariosListsTheSweptValues()
    {
        var e = _f.Load("rob", """, "sweep": { "parameters": { "hallucination_rate": [0.01, 0.02, 0.03] }, "levers": { "punitive_multiplier": [2] } }""",
            regimes: "[\"use-first\", \"precautionary\"]", replicates: 2);
        var harm = Metric.HarmTotalYuan.Index;
        var welfare = Metric.SocialWelfareYuan.Index;
        long[] a = [100, 200, 500], b = [150, 260, 300]; // yuan
        var dir = Write(e, "rob-out", (k, m) => m == harm || m == welfare ? 100 * (k.Regime.Name == "use-first" ? a : b)[k.Scenario] : 0);
        var rows = DesignFixture.ReadCsv(Path.Combine(dir, "robustness.csv"));
        var ha = rows.Single(r => r["regime"] == "use-first" && r["metric"] == "harm_total_yuan");
        var hb = rows.Single(r => r["regime"] == "precautionary" && r["metric"] == "harm_total_yuan");
        Assert.Equal(("lower", "3", "2"), (ha["direction"], ha["scenarios"], ha["best_count"]));
        Assert.Equal(2.0 / 3.0, D(ha["best_share"]), 12);
        Assert.Equal((200.0, 200.0 / 3), (D(ha["max_regret"]), D(ha["mean_regret"])));
        Assert.Equal(("1", 60.0), (hb["best_count"], D(hb["max_regret"])));
        var wa = rows.Single(r => r["regime"] == "use-first" && r["metric"] == Metric.SocialWelfareYuan.Name);
        Assert.Equal(("higher", "1", 60.0), (wa["direction"], wa["best_count"], D(wa["max_regret"])));
        // a metric on which every regime ties: every regime is best everywhere
        var tie = rows.Single(r => r["regime"] == "precautionary" && r["metric"] == "model_quality");
        Assert.Equal(("3", 0.0), (tie["best_count"], D(tie["max_regret"])));

        Assert.Equal("scenario,param_hallucination_rate,lever_punitive_multiplier\n0,0.01,2\n1,0.02,2\n2,0.03,2\n", File.ReadAllText(Path.Combine(dir, "scenarios.csv")));
        // runs.csv carries the lever value actually used in every regime
        var runs = DesignFixture.ReadCsv(Path.Combine(dir, "runs.csv"));
        Assert.All(runs, r => Assert.Equal("2", r["lever_punitive_multiplier"]));
        Assert.Equal(["0.01", "0.01", "0.01", "0.01", "0.02"], runs.Take(5).Select(r => r["param_hallucination_rate"]));
    }
}
