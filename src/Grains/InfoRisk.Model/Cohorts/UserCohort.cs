using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Cohorts;

/// <summary>
/// A block of users (people who use the services), held as arrays. Each user is also a data subject
/// (<see cref="ModelContext.SubjectOfUser"/>). Each tick active users send prompts: some carry their own personal
/// information, some sensitive information, some a third party's; a few malicious users fabricate content about real people.
/// </summary>
public sealed class UserCohort
{
    private readonly ModelContext _ctx;
    private readonly byte[] _provider;
    private readonly byte[] _threshold;
    private readonly bool[] _malicious;
    private readonly List<ExchangeEntry> _entries = new(1024);

    public int First { get; }
    public int Count { get; }

    public UserCohort(ModelContext ctx, int first, int count)
    {
        _ctx = ctx;
        First = first;
        Count = count;
        _provider = new byte[count];
        _threshold = new byte[count];
        _malicious = new bool[count];
        for (var u = 0; u < count; u++)
        {
            var d = new DrawSequence(ctx.Seed, RandomStream.UserSetup, first + u, 0);
            _provider[u] = (byte)(d.Uniform(0) * ctx.Providers);
            _threshold[u] = (byte)(d.Uniform(1) * 256);
            _malicious[u] = d.Uniform(2) < ctx.P.MaliciousUserShare;
        }
    }

    /// <summary>Share of potential users who use a provider: grows with model quality and user trust.</summary>
    public static double Adoption(ProviderView v, double maxAdoption) => Math.Clamp(maxAdoption * v.Quality * v.Trust * 2.0, 0.0, 1.0);

    public UserCohortOutput Act(int tick, ProviderView[] providers)
    {
        var p = _ctx.P;
        var queries = new long[_ctx.Providers];
        var active = new long[_ctx.Providers];
        Span<double> adoption = stackalloc double[_ctx.Providers];
        for (var k = 0; k < providers.Length; k++) adoption[k] = Adoption(providers[k], p.MaxAdoption);
        long fakes = 0;
        _entries.Clear();
        var lambda = p.PromptsPerUserDay;
        var other = Math.Max(0, 1.0 - p.OwnInfoPromptShare - p.SensitivePromptShare - p.ThirdPartyPromptShare);
        // the Poisson means and their exp(-mean) are the same for every user: computed once per tick
        double ownMean = lambda * p.OwnInfoPromptShare, sensitiveMean = lambda * p.SensitivePromptShare,
            thirdMean = lambda * p.ThirdPartyPromptShare, plainMean = lambda * other, fakeMean = p.FakesPerMaliciousUserDay;
        double ownExp = Math.Exp(-ownMean), sensitiveExp = Math.Exp(-sensitiveMean), thirdExp = Math.Exp(-thirdMean),
            plainExp = Math.Exp(-plainMean), fakeExp = Math.Exp(-fakeMean);
        for (var u = 0; u < Count; u++)
        {
            var provider = _provider[u];
            if ((_threshold[u] + 0.5) / 256.0 >= adoption[provider]) continue;
            active[provider]++;
            var user = First + u;
            var d = new DrawSequence(_ctx.Seed, RandomStream.UserActivity, user, tick);
            // thinning of a Poisson number of prompts gives independent Poisson counts per kind
            var own = d.Poisson(0, ownMean, ownExp);
            var sensitive = d.Poisson(1, sensitiveMean, sensitiveExp);
            var third = d.Poisson(2, thirdMean, thirdExp);
            var plain = d.Poisson(3, plainMean, plainExp);
            queries[provider] += own + sensitive + third + plain;
            var self = _ctx.SubjectOfUser(user);
            if (own + sensitive > 0) _entries.Add(new ExchangeEntry(self, provider, ExchangeKind.OwnPrompt, (ushort)own, (ushort)sensitive, user));
            if (third > 0)
            {
                var target = (int)(d.Uniform(4) * _ctx.Subjects);
                var thirdSensitive = d.Binomial(100, third, 0.2);
                _entries.Add(new ExchangeEntry(target, provider, ExchangeKind.ThirdPartyPrompt, (ushort)(third - thirdSensitive), (ushort)thirdSensitive, user));
            }
            if (_malicious[u])
            {
                var n = d.Poisson(16, fakeMean, fakeExp);
                for (var f = 0; f < n; f++)
                {
                    var target = (int)(d.Uniform(17 + f) * _ctx.Subjects);
                    _entries.Add(new ExchangeEntry(target, provider, ExchangeKind.FakeContent, 0, 0, user));
                    fakes++;
                }
            }
        }
        return new UserCohortOutput
        {
            QueriesByProvider = queries,
            ActiveUsersByProvider = active,
            Entries = [.. _entries],
            FakesMade = fakes,
        };
    }
}
