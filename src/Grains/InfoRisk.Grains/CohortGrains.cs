using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

[assembly: GenerateCodeForDeclaringAssembly(typeof(WorldSnapshot))]

namespace InfoRisk.Grains;

/// <summary>Thin grain around <see cref="SubjectCohort"/>: owns the arrays, runs the phase, returns integer tallies.</summary>
public sealed class SubjectCohortGrain : Grain, ISubjectCohortGrain
{
    private SubjectCohort? _cohort;

    public Task Initialise(string specJson, int first, int count)
    {
        _cohort = new SubjectCohort(SharedContexts.Of(specJson), first, count);
        return Task.CompletedTask;
    }

    public Task<ClassCounts?> Collect(WorldSnapshot world, ExchangeEntry[] entries) => Task.FromResult(Cohort.Collect(world, entries));

    public Task<Tally> Advance(WorldSnapshot world) => Task.FromResult(Cohort.Advance(world));

    public Task Release()
    {
        _cohort = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private SubjectCohort Cohort => _cohort ?? throw RunStateLostException.For(this, "subject cohort");
}

/// <summary>Thin grain around <see cref="UserCohort"/>.</summary>
public sealed class UserCohortGrain : Grain, IUserCohortGrain
{
    private UserCohort? _cohort;

    public Task Initialise(string specJson, int first, int count)
    {
        _cohort = new UserCohort(SharedContexts.Of(specJson), first, count);
        return Task.CompletedTask;
    }

    public Task<UserCohortOutput> Act(int tick, ProviderView[] providers) =>
        Task.FromResult((_cohort ?? throw RunStateLostException.For(this, "user cohort")).Act(tick, providers));

    public Task Release()
    {
        _cohort = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
