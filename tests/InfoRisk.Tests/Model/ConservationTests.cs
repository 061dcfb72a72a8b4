using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Whole-run accounting identities that hold exactly (integer fen and counts) in every tick: awards equal payments, exposure
/// is bounded by holdings, harm by source sums to the total, the profit and welfare identities, and per-subject ledgers add
/// up to the metrics.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class ConservationTests
{
    /// <summary>Custom regimes that switch liability levers on one at a time, to exercise every branch of the award split.</summary>
    public static TheoryData<string> LeverRegimes => new(
        "jointOnly", "punitiveGross", "punitiveLight", "reversedOnly", "useFirstWithPunitiveAndJoint");

    private static Regime LeverRegime(string name) => name switch
    {
        "jointOnly" => RegimeCatalog.Get("dynamic-balance") with { Name = name, JointAndSeveral = true },
        "punitiveGross" => RegimeCatalog.Get("dynamic-balance") with { Name = name, PunitiveMultiplier = 3, PunitiveThreshold = PunitiveThreshold.GrossNegligence },
        "punitiveLight" => RegimeCatalog.Get("dynamic-balance") with { Name = name, PunitiveMultiplier = 3, PunitiveThreshold = PunitiveThreshold.LightNegligence },
        "reversedOnly" => RegimeCatalog.Get("dynamic-balance") with { Name = name, ReversedCausationBurden = true },
        "useFirstWithPunitiveAndJoint" => RegimeCatalog.Compose(name, "use-first", new JsonObject
        {
            ["punitive_multiplier"] = 3,
            ["punitive_threshold"] = "light_negligence",
            ["joint_and_several"] = true,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(BuiltInRegimes), MemberType = typeof(ModelRuns))]
    public void BuiltInRegime_SatisfiesAccountingIdentitiesEveryTick(string regime)
    {
        var rows = Large(regime);
        Assert.Equal(365, rows.Length);
        CheckIdentities(rows, RegimeCatalog.Get(regime));
    }

    [Theory]
    [MemberData(nameof(LeverRegimes))]
    public void LeverAblation_SatisfiesAccountingIdentitiesEveryTick(string name)
    {
        var regime = LeverRegime(name);
        // more breaches and litigation than the defaults, so that every payer and every branch shows up in 3,000 subjects
        var parameters = new ModelParameters { BreachProbability24Months = 0.9, LitigationCostYuan = 500 };
        var rows = PlainRun.Run(Spec(regime, 3_000, 1_000, seed: 7, parameters: parameters));
        CheckIdentities(rows, regime);
        // not vacuous: money was awarded in this run
        Assert.True(Sum(rows, Metric.ClaimsWon) > 0, $"{name}: no claim was won, the award identities were not exercised");
    }

    /// <summary>
    /// The identities, per tick t:
    /// compensation + punitive == paid_by_providers + paid_by_deployers + paid_by_users (every yuan awarded is paid by someone);
    /// liability_paid == paid_by_providers;
    /// records_exposed[t] &lt;= records_held[t-1] + records_collected[t] (breaches happen after today's collection and before
    /// today's deletions, so today's exposure is bounded by yesterday's stock plus today's intake; records_held[-1] = 0),
    /// and the same for sensitive records;
    /// subjects_reidentified &lt;= subjects_exposed;
    /// claims won so far &lt;= claims filed so far (judgments come later), and claims are filed only in ticks in which harm is suffered;
    /// harm_total == harm_property + harm_mental == the sum of the six harm sources;
    /// claims are judged court_delay_days after filing, so the harm balance holds over the run: the cumulative harm equals
    /// cumulative compensation + cumulative uncompensated harm + the harm of the claims pending, every tick;
    /// punitive == 0 in every tick when the regime has no punitive damages, and punitive &gt; 0 only when a claim was won;
    /// provider_profit == revenue - compliance cost - liability paid - fines;
    /// social cost == care + harm + litigation cost, and social welfare == service value - social cost.
    /// </summary>
    internal static void CheckIdentities(TickRow[] rows, Regime regime)
    {
        long previousHeld = 0, previousSensitiveHeld = 0, harmSoFar = 0, compensatedSoFar = 0, uncompensatedSoFar = 0, filedSoFar = 0, wonSoFar = 0;
        foreach (var row in rows)
        {
            var v = row.Values;
            var t = row.Tick;
            long V(int m) => v[m];

            Assert.True(V(Metric.CompensationYuan) + V(Metric.PunitiveYuan)
                        == V(Metric.PaidByProvidersYuan) + V(Metric.PaidByDeployersYuan) + V(Metric.PaidByUsersYuan),
                $"tick {t}: awards {V(Metric.CompensationYuan)} + {V(Metric.PunitiveYuan)} fen != payments {V(Metric.PaidByProvidersYuan)} + {V(Metric.PaidByDeployersYuan)} + {V(Metric.PaidByUsersYuan)} fen");
            Assert.True(V(Metric.LiabilityPaidYuan) == V(Metric.PaidByProvidersYuan),
                $"tick {t}: liability_paid {V(Metric.LiabilityPaidYuan)} != paid_by_providers {V(Metric.PaidByProvidersYuan)}");

            Assert.True(V(Metric.RecordsExposed) <= previousHeld + V(Metric.RecordsCollected),
                $"tick {t}: records_exposed {V(Metric.RecordsExposed)} > records_held[t-1] {previousHeld} + records_collected {V(Metric.RecordsCollected)}");
            Assert.True(V(Metric.SensitiveRecordsExposed) <= previousSensitiveHeld + V(Metric.SensitiveRecordsCollected),
                $"tick {t}: sensitive_records_exposed {V(Metric.SensitiveRecordsExposed)} > sensitive_records_held[t-1] {previousSensitiveHeld} + collected {V(Metric.SensitiveRecordsCollected)}");
            Assert.True(V(Metric.SensitiveRecordsExposed) <= V(Metric.RecordsExposed), $"tick {t}: more sensitive records exposed than records");
            Assert.True(V(Metric.SubjectsReidentified) <= V(Metric.SubjectsExposed),
                $"tick {t}: subjects_reidentified {V(Metric.SubjectsReidentified)} > subjects_exposed {V(Metric.SubjectsExposed)}");
            Assert.True(V(Metric.SubjectsExposed) <= V(Metric.RecordsExposed), $"tick {t}: more subjects exposed than records exposed");

            filedSoFar += V(Metric.ClaimsFiled);
            wonSoFar += V(Metric.ClaimsWon);
            Assert.True(wonSoFar <= filedSoFar, $"tick {t}: claims won so far {wonSoFar} > claims filed so far {filedSoFar}");
            Assert.True(V(Metric.ClaimsFiled) == 0 || V(Metric.HarmTotalYuan) > 0, $"tick {t}: {V(Metric.ClaimsFiled)} claims filed with no harm suffered");

            Assert.True(V(Metric.HarmTotalYuan) == V(Metric.HarmPropertyYuan) + V(Metric.HarmMentalYuan),
                $"tick {t}: harm_total {V(Metric.HarmTotalYuan)} != property {V(Metric.HarmPropertyYuan)} + mental {V(Metric.HarmMentalYuan)}");
            var bySource = V(Metric.HarmIntrusionYuan) + V(Metric.HarmBreachYuan) + V(Metric.HarmRegurgitationYuan)
                           + V(Metric.HarmFalseInfoYuan) + V(Metric.HarmDiscriminationYuan) + V(Metric.HarmSecondaryUseYuan);
            Assert.True(V(Metric.HarmTotalYuan) == bySource, $"tick {t}: harm_total {V(Metric.HarmTotalYuan)} != sum over sources {bySource}");
            Assert.True(V(Metric.HarmPropertyYuan) >= 0 && V(Metric.HarmMentalYuan) >= 0, $"tick {t}: negative harm");

            harmSoFar += V(Metric.HarmTotalYuan);
            compensatedSoFar += V(Metric.CompensationYuan);
            uncompensatedSoFar += V(Metric.UncompensatedHarmYuan);
            Assert.True(V(Metric.CompensationYuan) >= 0 && V(Metric.UncompensatedHarmYuan) >= 0 && V(Metric.ClaimsPendingYuan) >= 0, $"tick {t}: a negative remedy");
            Assert.True(harmSoFar == compensatedSoFar + uncompensatedSoFar + V(Metric.ClaimsPendingYuan),
                $"tick {t}: harm so far {harmSoFar} != compensated {compensatedSoFar} + uncompensated {uncompensatedSoFar} + pending {V(Metric.ClaimsPendingYuan)}");
            Assert.True(V(Metric.ClaimsPending) == 0 == (V(Metric.ClaimsPendingYuan) == 0), $"tick {t}: pending claims and their harm disagree");

            if (!regime.HasPunitiveDamages)
                Assert.True(V(Metric.PunitiveYuan) == 0, $"tick {t}: punitive {V(Metric.PunitiveYuan)} fen in a regime without punitive damages");
            Assert.True(V(Metric.PunitiveYuan) >= 0 && (V(Metric.PunitiveYuan) == 0 || V(Metric.ClaimsWon) > 0),
                $"tick {t}: punitive {V(Metric.PunitiveYuan)} fen without a won claim");

            Assert.True(V(Metric.ProviderProfitYuan)
                        == V(Metric.ProviderRevenueYuan) - V(Metric.ComplianceCostYuan) - V(Metric.LiabilityPaidYuan) - V(Metric.FinesYuan),
                $"tick {t}: profit != revenue - compliance - liability - fines");
            Assert.True(V(Metric.SocialCostYuan) == V(Metric.ComplianceCostYuan) + V(Metric.DeployerCareCostYuan) + V(Metric.HarmTotalYuan) + V(Metric.LitigationCostYuan),
                $"tick {t}: social cost != care + harm + litigation cost");
            Assert.True(V(Metric.SocialWelfareYuan) == V(Metric.ServiceValueYuan) - V(Metric.SocialCostYuan),
                $"tick {t}: social welfare {V(Metric.SocialWelfareYuan)} != service {V(Metric.ServiceValueYuan)} - social cost {V(Metric.SocialCostYuan)}");
            // what was collected, split by channel and by rule, adds up to what was paid (every yuan awarded is booked once)
            var paid = V(Metric.PaidByProvidersYuan) + V(Metric.PaidByDeployersYuan) + V(Metric.PaidByUsersYuan);
            Assert.True(paid == V(Metric.CompensationYuan) + V(Metric.PunitiveYuan), $"tick {t}: paid {paid} != compensation + punitive");
            Assert.True(paid == V(Metric.LiabilityBreachYuan) + V(Metric.LiabilityRegurgitationYuan) + V(Metric.LiabilityFalseInfoYuan) + V(Metric.LiabilityIntrusionYuan) + V(Metric.LiabilityDiscriminationYuan) + V(Metric.LiabilitySecondaryUseYuan),
                $"tick {t}: liability by source does not add up to {paid}");
            Assert.True(paid == V(Metric.LiabilityFaultYuan) + V(Metric.LiabilityPresumedFaultYuan) + V(Metric.LiabilityNoFaultYuan),
                $"tick {t}: liability by rule does not add up to {paid}");

            previousHeld = V(Metric.RecordsHeld);
            previousSensitiveHeld = V(Metric.SensitiveRecordsHeld);
        }
    }

    /// <summary>
    /// Claims filed &lt;= harmed subjects, per subject: every subject who sued suffered harm, and the per-subject claim
    /// counts add up to the claims_filed metric (read through the cohorts' internal ledgers).
    /// </summary>
    [Fact]
    public async Task EverySubjectWhoSuedWasHarmed_AndLedgersAddUpToTheMetric()
    {
        var spec = Spec("precautionary", 3_000, 1_000, seed: 11, cohortSize: 1_024,
            parameters: new ModelParameters { BreachProbability24Months = 0.9, LitigationCostYuan = 500 });
        var parts = new PlainRunParts(spec);
        var protocol = new RunProtocol(spec, parts);
        await protocol.InitialiseAsync();
        var rows = await protocol.AdvanceAsync(spec.Ticks);

        long claims = 0, claimants = 0, harmed = 0, harmFen = 0, paidFen = 0;
        foreach (var cohort in parts.SubjectCohorts)
        {
            for (var i = 0; i < cohort.Count; i++)
            {
                var c = cohort.Claims(i);
                var h = cohort.HarmFen(i);
                claims += c;
                if (c > 0) claimants++;
                if (h > 0) harmed++;
                harmFen += h;
                paidFen += cohort.CompensationFen(i);
                Assert.True(c == 0 || h > 0, $"subject {cohort.First + i} filed {c} claims but suffered no harm");
            }
        }
        Assert.True(claims > 0, "no claim was filed: the test did not exercise litigation");
        Assert.Equal(Sum(rows, Metric.ClaimsFiled), claims);
        Assert.True(claimants <= harmed, $"{claimants} claimants > {harmed} harmed subjects");
        Assert.Equal(Sum(rows, Metric.HarmTotalYuan), harmFen);
        Assert.Equal(Sum(rows, Metric.CompensationYuan) + Sum(rows, Metric.PunitiveYuan), paidFen);
    }
}
