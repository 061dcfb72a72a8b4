using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Cohorts;

/// <summary>
/// A block of users (people who use the services), held as arrays. Each user is also a data subject
/// (<see cref="ModelContext.SubjectOfUser"/>). Each tick the active users (<see cref="Adoption"/>) send prompts
/// (<see cref="Prompts"/>) and a few malicious users fabricate content about real people (<see cref="FalseInformation"/>).
/// Users choose among the providers in the market and move when theirs leaves (<see cref="Market"/>).
/// </summary>
public sealed class UserCohort
{
    private readonly ModelContext _ctx;
    private readonly Prompts _prompts;
    private readonly byte[] _provider;
    private readonly byte[] _threshold;
    private readonly bool[] _malicious;
    private readonly bool[] _lapsedByExit;
    private readonly List<ExchangeEntry> _entries = new(1024);

    public int First { get; }
    public int Count { get; }

    public UserCohort(ModelContext ctx, int first, int count)
    {
        _ctx = ctx;
        _prompts = new Prompts(ctx);
        First = first;
        Count = count;
        _provider = new byte[count];
        _threshold = new byte[count];
        _malicious = new bool[count];
        _lapsedByExit = new bool[count];
        for (var u = 0; u < count; u++)
        {
            var d = new DrawSequence(ctx.Seed, RandomStream.UserSetup, first + u, 0);
            _provider[u] = (byte)(d.Uniform(DrawLayout.UserTraits.Provider) * ctx.Providers);
            _threshold[u] = (byte)(d.Uniform(DrawLayout.UserTraits.Threshold) * 256);
            _malicious[u] = d.Uniform(DrawLayout.UserTraits.Malicious) < ctx.P.MaliciousUserShare;
        }
    }

    public UserCohortOutput Act(int tick, ProviderView[] providers)
    {
        var queries = new long[_ctx.Providers];
        var active = new long[_ctx.Providers];
        var users = new long[_ctx.Providers];
        long lapsed = 0, lapsedByExit = 0;
        Span<double> adoption = stackalloc double[_ctx.Providers];
        Span<double> fakeMean = stackalloc double[_ctx.Providers], fakeExp = stackalloc double[_ctx.Providers];
        for (var k = 0; k < providers.Length; k++)
        {
            adoption[k] = Adoption.Share(_ctx.P, providers[k]);
            fakeMean[k] = FalseInformation.FakesPerDay(_ctx.P, providers[k]);
            fakeExp[k] = Math.Exp(-fakeMean[k]);
        }
        _entries.Clear();
        for (var u = 0; u < Count; u++)
        {
            var provider = _provider[u] = Market.Reconsider(_ctx, First + u, _provider[u], providers, tick, out var byExit);
            _lapsedByExit[u] |= byExit;
            if (provider == Market.Lapsed)
            {
                lapsed++;
                if (_lapsedByExit[u]) lapsedByExit++;
                continue;
            }
            users[provider]++;
            if (!Adoption.IsActive(_threshold[u], adoption[provider])) continue;
            active[provider]++;
            var user = First + u;
            var d = new DrawSequence(_ctx.Seed, RandomStream.UserActivity, user, tick);
            queries[provider] += _prompts.Send(user, provider, d, _entries);
            if (_malicious[u]) FalseInformation.MakeFakes(_ctx, user, provider, d, fakeMean[provider], fakeExp[provider], _entries);
        }
        return new UserCohortOutput
        {
            QueriesByProvider = queries,
            ActiveUsersByProvider = active,
            UsersByProvider = users,
            LapsedUsers = lapsed,
            LapsedByExit = lapsedByExit,
            Entries = [.. _entries],
        };
    }
}
