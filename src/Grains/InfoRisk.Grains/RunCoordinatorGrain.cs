using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;

namespace InfoRisk.Grains;

/// <summary>
/// Coordinates one run: creates its grains and steps <see cref="RunProtocol"/>, whose every phase is a fan-out to
/// all grains of a kind followed by a barrier (Task.WhenAll). Results are taken in grain-index order, never arrival order.
/// </summary>
public sealed class RunCoordinatorGrain : Grain, IRunCoordinatorGrain
{
    private RunProtocol? _protocol;
    private GrainRunParts? _parts;

    public async Task Initialise(string specJson)
    {
        var spec = RunSpec.FromJson(specJson);
        _parts = new GrainRunParts(GrainFactory, this.GetPrimaryKeyString(), spec, specJson);
        _protocol = new RunProtocol(spec, _parts);
        await _protocol.InitialiseAsync();
    }

    public Task<TickRow[]> Advance(int ticks) =>
        (_protocol ?? throw RunStateLostException.For(this, "run coordinator")).AdvanceAsync(ticks);

    public async Task Release()
    {
        if (_parts is not null) await _parts.ReleaseAsync();
        _protocol = null;
        _parts = null;
        DeactivateOnIdle();
    }
}

/// <summary>The run's actors as grains.</summary>
internal sealed class GrainRunParts(IGrainFactory factory, string runId, RunSpec spec, string specJson) : IRunParts
{
    private readonly ISubjectCohortGrain[] _subjects = [.. Enumerable.Range(0, spec.SubjectCohorts).Select(c => factory.GetGrain<ISubjectCohortGrain>($"{runId}/s{c}"))];
    private readonly IUserCohortGrain[] _users = [.. Enumerable.Range(0, spec.UserCohorts).Select(c => factory.GetGrain<IUserCohortGrain>($"{runId}/u{c}"))];
    private readonly IProviderGrain[] _providers = [.. Enumerable.Range(0, spec.Population.Providers).Select(p => factory.GetGrain<IProviderGrain>($"{runId}/p{p}"))];
    private readonly IDeployerGrain[] _deployers = [.. Enumerable.Range(0, spec.Population.Deployers).Select(d => factory.GetGrain<IDeployerGrain>($"{runId}/d{d}"))];
    private readonly int[] _providerOfDeployer = [.. Enumerable.Range(0, spec.Population.Deployers).Select(d => d % Math.Max(1, spec.Population.Providers))];

    public async Task<(ProviderView[] Providers, DeployerView[] Deployers)> InitialiseAsync()
    {
        var subjects = Task.WhenAll(_subjects.Select((g, c) => { var (f, n) = spec.SubjectRange(c); return g.Initialise(specJson, f, n); }));
        var users = Task.WhenAll(_users.Select((g, c) => { var (f, n) = spec.UserRange(c); return g.Initialise(specJson, f, n); }));
        var providers = Task.WhenAll(_providers.Select((g, p) => g.Initialise(specJson, p)));
        var deployers = Task.WhenAll(_deployers.Select((g, d) => g.Initialise(specJson, d)));
        await Task.WhenAll(subjects, users, providers, deployers);
        return (await providers, await deployers);
    }

    public Task<UserCohortOutput[]> UsersActAsync(int tick, ProviderView[] providers) =>
        Task.WhenAll(_users.Select(u => u.Act(tick, providers)));

    public Task<ClassCounts?[]> CollectAsync(WorldSnapshot world, ExchangeEntry[][] entries) =>
        Task.WhenAll(_subjects.Select((s, c) => s.Collect(world, entries[c])));

    public Task<Generalisation[]> AggregateAsync(int tick, ClassCounts[] counts) =>
        Task.WhenAll(_providers.Select(p => p.Aggregate(counts)));

    public Task<Tally[]> AdvanceAsync(WorldSnapshot world) =>
        Task.WhenAll(_subjects.Select(s => s.Advance(world)));

    public Task<ProviderTickReport[]> SettleProvidersAsync(int tick, Tally total, long[] queries, long[] users, MarketView market, bool trainingTick) =>
        Task.WhenAll(_providers.Select((p, k) => p.Settle(tick, total, queries[k], users[k], trainingTick, market)));

    public Task<DeployerTickReport[]> SettleDeployersAsync(int tick, Tally total, double[] protectedTrainingShare, bool[] licenses, bool trainingTick) =>
        Task.WhenAll(_deployers.Select((d, k) => d.Settle(tick, total, protectedTrainingShare[_providerOfDeployer[k]], trainingTick, licenses[_providerOfDeployer[k]])));

    public Task ReleaseAsync() => Task.WhenAll(
        _subjects.Select(g => g.Release())
            .Concat(_users.Select(g => g.Release()))
            .Concat(_providers.Select(g => g.Release()))
            .Concat(_deployers.Select(g => g.Release())));
}
