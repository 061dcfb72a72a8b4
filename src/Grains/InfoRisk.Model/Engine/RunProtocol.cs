using InfoRisk.Model.Actors;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Engine;

/// <summary>
/// The actors of one run as the protocol sees them. The plain engine calls model objects directly;
/// the Orleans engine calls grains. Every method is a barrier: it returns when all actors of that kind are done,
/// and its results are in actor-index order.
/// </summary>
public interface IRunParts
{
    /// <summary>Creates every actor of the run and returns the providers' and deployers' plans for tick 0.</summary>
    Task<(ProviderView[] Providers, DeployerView[] Deployers)> InitialiseAsync();

    Task<UserCohortOutput[]> UsersActAsync(int tick, ProviderView[] providers);

    /// <summary>Collection phase of every subject cohort; entries[c] are cohort c's exchange entries.</summary>
    Task<ClassCounts?[]> CollectAsync(WorldSnapshot world, ExchangeEntry[][] entries);

    /// <summary>Each provider sums the cohorts' class counts and chooses its generalisation.</summary>
    Task<Generalisation[]> AggregateAsync(int tick, ClassCounts[] counts);

    Task<Tally[]> AdvanceAsync(WorldSnapshot world);

    Task<ProviderTickReport[]> SettleProvidersAsync(int tick, Tally total, long[] queries, long[] users, MarketView market, bool trainingTick);

    Task<DeployerTickReport[]> SettleDeployersAsync(int tick, Tally total, double[] protectedTrainingShare, bool[] licenses, bool trainingTick);
}

/// <summary>
/// One tick, phase by phase, with a barrier between phases: users act (exchange step), collection, aggregation
/// (training ticks), training/use/leakage/harm/rights/litigation, then providers and deployers settle and adapt.
/// The same code drives the plain loop and the Orleans coordinator grain.
/// </summary>
public sealed class RunProtocol(RunSpec spec, IRunParts parts)
{
    private ProviderView[] _providers = [];
    private DeployerView[] _deployers = [];
    private Generalisation[] _generalisations = [];
    private readonly Queue<long[]> _decisionWindow = new();
    private readonly long[] _decisionSums = new long[4];
    private readonly long _litigationCostFen = Money.ToFen(spec.Parameters.LitigationCostYuan);
    private long _harmEvents, _claimsWon;
    private double _lastServiceValuePerUserFen;

    public int Tick { get; private set; }
    public bool Finished => Tick >= spec.Ticks;

    public async Task InitialiseAsync()
    {
        (_providers, _deployers) = await parts.InitialiseAsync().ConfigureAwait(false);
        _generalisations = new Generalisation[_providers.Length];
        Array.Fill(_generalisations, Generalisation.Exact);
        Tick = 0;
    }

    /// <summary>Advances up to <paramref name="ticks"/> ticks and returns their metric rows.</summary>
    public async Task<TickRow[]> AdvanceAsync(int ticks)
    {
        var rows = new List<TickRow>(ticks);
        for (var n = 0; n < ticks && !Finished; n++)
        {
            rows.Add(await StepAsync().ConfigureAwait(false));
        }
        return [.. rows];
    }

    public static bool IsTrainingTick(RunSpec spec, int tick) => tick % Math.Max(1, spec.Parameters.EpochTicks) == 0;

    private async Task<TickRow> StepAsync()
    {
        var tick = Tick;
        var training = IsTrainingTick(spec, tick);
        var providerCount = _providers.Length;

        // users act: prompts and fakes become exchange entries routed to the subjects' cohorts
        var userOutputs = await parts.UsersActAsync(tick, _providers).ConfigureAwait(false);
        var queries = new long[providerCount];
        var users = new long[providerCount];
        long activeUsers = 0, lapsed = 0, lapsedByExit = 0;
        foreach (var o in userOutputs)
        {
            for (var p = 0; p < providerCount; p++)
            {
                queries[p] += o.QueriesByProvider[p];
                activeUsers += o.ActiveUsersByProvider[p];
                users[p] += o.UsersByProvider[p];
            }
            lapsed += o.LapsedUsers;
            lapsedByExit += o.LapsedByExit;
        }
        var entries = Route(userOutputs);

        var world = new WorldSnapshot
        {
            Tick = tick,
            TrainingTick = training,
            Providers = _providers,
            Deployers = _deployers,
            QueriesByProvider = queries,
            Generalisations = _generalisations,
        };

        var counts = await parts.CollectAsync(world, entries).ConfigureAwait(false);
        if (training)
        {
            _generalisations = await parts.AggregateAsync(tick, [.. counts.Select(c => c ?? throw new InvalidOperationException("a cohort sent no class counts on a training tick"))]).ConfigureAwait(false);
            world = world with { Generalisations = _generalisations };
        }

        var tallies = await parts.AdvanceAsync(world).ConfigureAwait(false);
        var total = new Tally(providerCount, _deployers.Length);
        foreach (var t in tallies) total.Add(t);
        total[TallyField.LapsedUsers] = lapsed;
        total[TallyField.LapsedByExit] = lapsedByExit;

        var market = new MarketView { Providers = _providers, Users = users.Sum() };
        var providerReports = await parts.SettleProvidersAsync(tick, total, queries, users, market, training).ConfigureAwait(false);
        var protectedShare = providerReports.Select(r => r.ProtectedTrainingShare).ToArray();
        var licenses = providerReports.Select(r => r.Next.Licensing && r.Next.Active).ToArray();
        var deployerReports = await parts.SettleDeployersAsync(tick, total, protectedShare, licenses, training).ConfigureAwait(false);
        foreach (var r in deployerReports) total[TallyField.DeployerCareCostFen] += r.CareCostFen;

        _harmEvents += total[TallyField.HarmEvents];
        _claimsWon += total[TallyField.ClaimsWon];
        var row = new TickRow(tick, Metric.Compose(new TickInputs(total, activeUsers, queries, providerReports, deployerReports, DisparateImpact(total))
        {
            LitigationCostFen = _litigationCostFen,
            Users = users.Sum(),
            CumulativeHarmEvents = _harmEvents,
            CumulativeClaimsWon = _claimsWon,
            LastServiceValuePerUserFen = _lastServiceValuePerUserFen,
        }));
        if (users.Sum() > 0) _lastServiceValuePerUserFen = (double)row.Values[Metric.ServiceValueYuan.Index] / users.Sum();
        _providers = [.. providerReports.Select(r => r.Next)];
        _deployers = [.. deployerReports.Select(r => r.Next)];
        Tick++;
        return row;
    }

    /// <summary>Routes exchange entries to the cohorts holding their subjects (cohorts sort them on arrival).</summary>
    private ExchangeEntry[][] Route(UserCohortOutput[] outputs)
    {
        // count first, then copy each entry once into an array of the exact size (no list growth)
        var cohorts = spec.SubjectCohorts;
        var cohortSize = spec.CohortSize;
        var counts = new int[cohorts];
        foreach (var o in outputs)
        {
            foreach (var e in o.Entries) counts[e.Subject / cohortSize]++;
        }
        var routed = new ExchangeEntry[cohorts][];
        for (var c = 0; c < cohorts; c++) routed[c] = counts[c] == 0 ? [] : new ExchangeEntry[counts[c]];
        Array.Clear(counts);
        foreach (var o in outputs)
        {
            foreach (var e in o.Entries)
            {
                var c = e.Subject / cohortSize;
                routed[c][counts[c]++] = e;
            }
        }
        return routed;
    }

    /// <summary>Approval-rate ratio (protected / others) over the last epoch's decisions; 1 when there were none.</summary>
    private long DisparateImpact(Tally t)
    {
        long[] today = [t[TallyField.DecisionsProtected], t[TallyField.ApprovalsProtected], t[TallyField.DecisionsOther], t[TallyField.ApprovalsOther]];
        _decisionWindow.Enqueue(today);
        for (var k = 0; k < 4; k++) _decisionSums[k] += today[k];
        if (_decisionWindow.Count > Math.Max(1, spec.Parameters.EpochTicks))
        {
            var old = _decisionWindow.Dequeue();
            for (var k = 0; k < 4; k++) _decisionSums[k] -= old[k];
        }
        if (_decisionSums[0] == 0 || _decisionSums[2] == 0 || _decisionSums[3] == 0) return TickRow.RatioScale;
        var protectedRate = (double)_decisionSums[1] / _decisionSums[0];
        var otherRate = (double)_decisionSums[3] / _decisionSums[2];
        return TickRow.Ratio(protectedRate / otherRate);
    }
}
