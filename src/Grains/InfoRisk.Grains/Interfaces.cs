using InfoRisk.Model.Actors;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;

namespace InfoRisk.Grains;

/// <summary>A block of data subjects (struct of arrays). Key: "{runId}/s{cohort}".</summary>
[Alias("inforisk.ISubjectCohortGrain")]
public interface ISubjectCohortGrain : IGrainWithStringKey
{
    [Alias("Initialise")] Task Initialise(string specJson, int first, int count);

    /// <summary>Collection phase; returns class counts on training ticks.</summary>
    [Alias("Collect")] Task<ClassCounts?> Collect(WorldSnapshot world, ExchangeEntry[] entries);

    /// <summary>Training, use, leakage, harm, rights and litigation; returns the tick's tallies.</summary>
    [Alias("Advance")] Task<Tally> Advance(WorldSnapshot world);

    [Alias("Release")] Task Release();
}

/// <summary>A block of users. Key: "{runId}/u{cohort}".</summary>
[Alias("inforisk.IUserCohortGrain")]
public interface IUserCohortGrain : IGrainWithStringKey
{
    [Alias("Initialise")] Task Initialise(string specJson, int first, int count);

    [Alias("Act")] Task<UserCohortOutput> Act(int tick, ProviderView[] providers);

    [Alias("Release")] Task Release();
}

/// <summary>A generative-AI service provider. Key: "{runId}/p{index}".</summary>
[Alias("inforisk.IProviderGrain")]
public interface IProviderGrain : IGrainWithStringKey
{
    /// <summary>Creates the provider and returns its plan for tick 0.</summary>
    [Alias("Initialise")] Task<ProviderView> Initialise(string specJson, int index);

    [Alias("Aggregate")] Task<Generalisation> Aggregate(ClassCounts[] counts);

    [Alias("Settle")] Task<ProviderTickReport> Settle(int tick, Tally total, long queries, long users, bool trainingTick, MarketView market);

    [Alias("Release")] Task Release();
}

/// <summary>A downstream deployer. Key: "{runId}/d{index}".</summary>
[Alias("inforisk.IDeployerGrain")]
public interface IDeployerGrain : IGrainWithStringKey
{
    [Alias("Initialise")] Task<DeployerView> Initialise(string specJson, int index);

    [Alias("Settle")] Task<DeployerTickReport> Settle(int tick, Tally total, double providerProtectedTrainingShare, bool trainingTick, bool providerLicenses);

    [Alias("Release")] Task Release();
}

/// <summary>
/// Steps one run (one scenario, regime and replicate) phase by phase with barriers between phases.
/// Key: the run id. The caller advances it in chunks of ticks and receives each chunk's metric rows,
/// so rows stream to disk while the run goes on.
/// </summary>
[Alias("inforisk.IRunCoordinatorGrain")]
public interface IRunCoordinatorGrain : IGrainWithStringKey
{
    [Alias("Initialise")] Task Initialise(string specJson);

    [Alias("Advance")] Task<TickRow[]> Advance(int ticks);

    /// <summary>Deactivates every grain of the run.</summary>
    [Alias("Release")] Task Release();
}
