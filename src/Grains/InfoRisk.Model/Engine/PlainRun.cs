using InfoRisk.Model.Actors;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Engine;

/// <summary>
/// The plain engine: every actor of a run as an ordinary object in this process, stepped by
/// <see cref="RunProtocol"/> on one thread with no Orleans. Used by tests and as the benchmark's baseline.
/// </summary>
public sealed class PlainRunParts(RunSpec spec) : IRunParts
{
    private readonly ModelContext _ctx = new(spec);
    private SubjectCohort[] _subjects = [];
    private UserCohort[] _users = [];
    private ProviderModel[] _providers = [];
    private DeployerModel[] _deployers = [];

    public IReadOnlyList<SubjectCohort> SubjectCohorts => _subjects;

    public IReadOnlyList<ProviderModel> Providers => _providers;

    public Task<(ProviderView[] Providers, DeployerView[] Deployers)> InitialiseAsync()
    {
        _subjects = [.. Enumerable.Range(0, spec.SubjectCohorts).Select(c => { var (f, n) = spec.SubjectRange(c); return new SubjectCohort(_ctx, f, n); })];
        _users = [.. Enumerable.Range(0, spec.UserCohorts).Select(c => { var (f, n) = spec.UserRange(c); return new UserCohort(_ctx, f, n); })];
        _providers = [.. Enumerable.Range(0, spec.Population.Providers).Select(p => new ProviderModel(_ctx, p))];
        _deployers = [.. Enumerable.Range(0, spec.Population.Deployers).Select(d => new DeployerModel(_ctx, d))];
        return Task.FromResult((_providers.Select(p => p.CurrentView).ToArray(), _deployers.Select(d => d.CurrentView).ToArray()));
    }

    public Task<UserCohortOutput[]> UsersActAsync(int tick, ProviderView[] providers) =>
        Task.FromResult(_users.Select(u => u.Act(tick, providers)).ToArray());

    public Task<ClassCounts?[]> CollectAsync(WorldSnapshot world, ExchangeEntry[][] entries) =>
        Task.FromResult(_subjects.Select((c, k) => c.Collect(world, entries[k])).ToArray());

    public Task<Generalisation[]> AggregateAsync(int tick, ClassCounts[] counts) =>
        Task.FromResult(_providers.Select(p => p.Aggregate(counts)).ToArray());

    public Task<Tally[]> AdvanceAsync(WorldSnapshot world) =>
        Task.FromResult(_subjects.Select(c => c.Advance(world)).ToArray());

    public Task<ProviderTickReport[]> SettleProvidersAsync(int tick, Tally total, long[] queries, long[] users, MarketView market, bool trainingTick) =>
        Task.FromResult(_providers.Select(p => p.Settle(tick, total, queries[p.Index], users[p.Index], trainingTick, market)).ToArray());

    public Task<DeployerTickReport[]> SettleDeployersAsync(int tick, Tally total, double[] protectedTrainingShare, bool[] licenses, bool trainingTick) =>
        Task.FromResult(_deployers.Select(d => d.Settle(tick, total, protectedTrainingShare[d.Provider], trainingTick, licenses[d.Provider])).ToArray());
}

/// <summary>Runs a whole run in the plain engine.</summary>
public static class PlainRun
{
    public static async Task<TickRow[]> RunAsync(RunSpec spec, PlainRunParts? parts = null)
    {
        var protocol = new RunProtocol(spec, parts ?? new PlainRunParts(spec));
        await protocol.InitialiseAsync().ConfigureAwait(false);
        return await protocol.AdvanceAsync(spec.Ticks).ConfigureAwait(false);
    }

    /// <summary>A whole run; pass the parts to look into the actors afterwards (tests).</summary>
    public static TickRow[] Run(RunSpec spec, PlainRunParts? parts = null) => RunAsync(spec, parts).GetAwaiter().GetResult();
}
