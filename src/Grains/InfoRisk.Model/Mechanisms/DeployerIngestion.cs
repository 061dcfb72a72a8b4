using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("customer_relations_mean")]
    [Parameter(27, 0, 1e12, Unit = "relations", Meaning = "Mean number of deployers a subject is a customer of (Poisson, at most 2)", Source = "assumption: about one AI-using firm per person")]
    public double CustomerRelationsMean { get; init; } = 1.0;

    [JsonPropertyName("deployer_general_records")]
    [Parameter(28, 0, 100, Unit = "records", Meaning = "General records a deployer takes in per customer", Source = "assumption")]
    public int DeployerGeneralRecords { get; init; } = 3;

    [JsonPropertyName("deployer_sensitive_records")]
    [Parameter(29, 0, 100, Unit = "records", Meaning = "Sensitive records a deployer in a sensitive sector takes in per customer", Source = "assumption: account, credit or health data in finance and health")]
    public int DeployerSensitiveRecords { get; init; } = 2;
}

/// <summary>
/// Deployer ingestion of customer data (docs/model.md §3.7). Paper 五(一): 「还可以作为基础模型赋能于金融、医疗、
/// 自动驾驶等一系列下游产业中」 (as a base model it powers finance, health and other downstream industries). Each subject is
/// a customer of up to two deployers from a given day of the run; on that day the deployer takes its records, and
/// sensitive ones only with consent where the regime requires it. Deployers' records are identified, never deleted and
/// never memorised by a provider's model.
/// </summary>
public sealed class DeployerIngestion(ModelContext ctx, SubjectStore s, Tally tally)
{
    /// <summary>Setup: subject i's relations (min(2, Poisson(mean)) deployers, uniform; a duplicate second draw is dropped).</summary>
    public void AssignRelations(int i)
    {
        s.Deployer0[i] = s.Deployer1[i] = SubjectStore.NoDeployer;
        if (ctx.Deployers == 0) return;
        var d = new DrawSequence(ctx.Seed, RandomStream.DeployerSetup, s.First + i, 0);
        var relations = Math.Min(2, d.Poisson(DrawLayout.CustomerRelations.Count, ctx.P.CustomerRelationsMean));
        var horizon = Math.Max(1, Math.Min(ctx.Spec.Ticks, 365));
        if (relations >= 1)
        {
            s.Deployer0[i] = (ushort)(d.Uniform(DrawLayout.CustomerRelations.Deployer0) * ctx.Deployers);
            s.Start0[i] = (ushort)(d.Uniform(DrawLayout.CustomerRelations.Start0) * horizon);
        }
        if (relations >= 2)
        {
            var other = (ushort)(d.Uniform(DrawLayout.CustomerRelations.Deployer1) * ctx.Deployers);
            if (other != s.Deployer0[i])
            {
                s.Deployer1[i] = other;
                s.Start1[i] = (ushort)(d.Uniform(DrawLayout.CustomerRelations.Start1) * horizon);
            }
        }
    }

    /// <summary>Relations that start today: the deployer takes the customer's records.</summary>
    public void Run(WorldSnapshot world)
    {
        if ((uint)world.Tick > ushort.MaxValue) return;
        var tick = (ushort)world.Tick;
        // a vectorised search for today's start ticks, slot by slot; each relation's draws are its own, so the order of
        // relations does not matter
        Scan(s.Start0, s.Deployer0, 0, tick, world);
        Scan(s.Start1, s.Deployer1, 1, tick, world);
    }

    private void Scan(ushort[] start, ushort[] deployer, int slot, ushort tick, WorldSnapshot world)
    {
        var from = 0;
        while (from < s.Count)
        {
            var k = start.AsSpan(from, s.Count - from).IndexOf(tick);
            if (k < 0) return;
            var i = from + k;
            if (deployer[i] != SubjectStore.NoDeployer) Ingest(i, slot, deployer[i], world);
            from = i + 1;
        }
    }

    private void Ingest(int i, int slot, ushort d, WorldSnapshot world)
    {
        var deployer = world.Deployers[d];
        if (!deployer.Active) return; // a deployer without a licensed base model takes in no one
        var general = ctx.P.DeployerGeneralRecords;
        var sensitive = deployer.SensitiveSector && deployer.TakesSensitive ? ctx.P.DeployerSensitiveRecords : 0;
        if (sensitive > 0 && (ctx.Regime.ConsentSensitive == ConsentMode.OptIn || ctx.Regime.RiskAssessment != RiskAssessmentMode.None))
        {
            var draw = new DrawSequence(ctx.Seed, RandomStream.DeployerIngestion, s.First + i, world.Tick);
            var consented = draw.Uniform(DrawLayout.DeployerIngestion.Agree + slot)
                < Consent.AgreeProbability(ctx.P, world.Providers[deployer.Provider].Quality, s.ConcernOf(i));
            if (consented && draw.Uniform(DrawLayout.DeployerIngestion.Informed + slot) < Consent.InformedProbability(ctx.Regime, s.LiteracyOf(i)))
                tally[TallyField.InformedConsentRecords] += sensitive;
            if (consented) tally[TallyField.ConsentedRecords] += sensitive;
            else sensitive = 0;
        }
        var held = slot == 0 ? CustomerState.Held0 : CustomerState.Held1;
        if ((s.Customer[i] & held) == 0) s.Stocks.CustomerIngested(d, general, sensitive);
        s.Customer[i] |= held;
        if (sensitive > 0) s.Customer[i] |= slot == 0 ? CustomerState.Sensitive0 : CustomerState.Sensitive1;
        tally[TallyField.RecordsCollected] += general + sensitive;
        tally[TallyField.SensitiveRecordsCollected] += sensitive;
    }
}
