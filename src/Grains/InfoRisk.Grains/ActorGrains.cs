using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Grains;

/// <summary>Thin grain around <see cref="ProviderModel"/>.</summary>
public sealed class ProviderGrain : Grain, IProviderGrain
{
    private ProviderModel? _model;

    public Task<ProviderView> Initialise(string specJson, int index)
    {
        _model = new ProviderModel(SharedContexts.Of(specJson), index);
        return Task.FromResult(_model.CurrentView);
    }

    public Task<Generalisation> Aggregate(ClassCounts[] counts) => Task.FromResult(Model.Aggregate(counts));

    public Task<ProviderTickReport> Settle(int tick, Tally total, long queries, long users, bool trainingTick, MarketView market) =>
        Task.FromResult(Model.Settle(tick, total, queries, users, trainingTick, market));

    public Task Release()
    {
        _model = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private ProviderModel Model => _model ?? throw RunStateLostException.For(this, "provider");
}

/// <summary>Thin grain around <see cref="DeployerModel"/>.</summary>
public sealed class DeployerGrain : Grain, IDeployerGrain
{
    private DeployerModel? _model;

    public Task<DeployerView> Initialise(string specJson, int index)
    {
        _model = new DeployerModel(SharedContexts.Of(specJson), index);
        return Task.FromResult(_model.CurrentView);
    }

    public Task<DeployerTickReport> Settle(int tick, Tally total, double providerProtectedTrainingShare, bool trainingTick, bool providerLicenses) =>
        Task.FromResult((_model ?? throw RunStateLostException.For(this, "deployer")).Settle(tick, total, providerProtectedTrainingShare, trainingTick, providerLicenses));

    public Task Release()
    {
        _model = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
