using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Rights (docs/model.md §3.17, Mechanisms/Rights.cs): awareness, objection, deletion and restriction requests; deletions
/// and granted restrictions served deletion_delay_days later; a served deletion empties the pair's store and keeps
/// memorised records unless unlearning is required; restriction granted always, case by case or never.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class RightsTests
{
    private const int N = 20_000;

    // awareness_per_day 1 with literacy byte 255 (≈ 0.95) and clarity ≥ 0.5: learning is certain
    private const byte HighLiteracy = 255;

    private static MechanismHarness Holding(string regime, ModelParameters p, byte concern = 128, byte literacy = 128, Func<Regime, Regime>? levers = null, int providers = 1)
    {
        var h = MechanismHarness.For(regime, p, subjects: N, providers: providers, levers: levers);
        for (var i = 0; i < N; i++)
        {
            h.Subject(i, concern: concern, literacy: literacy);
            h.Hold(i, 0, 4, 1);
        }
        return h;
    }

    /// <summary>
    /// A subject unaware that a provider holds its data learns of it with probability awareness_per_day × (0.5 + clarity) ×
    /// (0.5 + literacy): 20,000 subjects at 0.2 a day (4 binomial standard errors). A provider that holds nothing is never
    /// learnt about.
    /// </summary>
    [Fact]
    public void Awareness_ComesWithTheDocumentedDailyProbability()
    {
        var p = new ModelParameters { AwarenessPerDay = 0.2, ObjectionPropensity = 0, DeletionPropensity = 0, RestrictionPropensity = 0 };
        var h = Holding("dynamic-balance", p, providers: 2);
        h.Rights.Exercise(3);
        var aware = Enumerable.Range(0, N).Count(i => h.Has(i, 0, PairState.Aware));
        MechanismHarness.WithinFourSe(aware, N, 0.2 * (0.5 + h.Regime.NoticeClarity) * (0.5 + h.S.LiteracyOf(0)), "subjects becoming aware");
        Assert.DoesNotContain(Enumerable.Range(0, N), i => h.Has(i, 1, PairState.Aware));
    }

    /// <summary>
    /// Having learnt, a subject objects with probability min(1, objection_propensity × (0.5 + θ)), asks for deletion with
    /// θ × deletion_propensity and for restriction with θ × restriction_propensity (independent draws). 20,000 subjects who
    /// all learn today; 4 binomial standard errors each.
    /// </summary>
    [Fact]
    public void OnLearning_ASubjectObjectsAndRequests_WithTheDocumentedProbabilities()
    {
        var p = new ModelParameters { AwarenessPerDay = 1 };
        var h = Holding("dynamic-balance", p, concern: 160, literacy: HighLiteracy);
        h.Rights.Exercise(3);
        Assert.All(Enumerable.Range(0, N), i => Assert.True(h.Has(i, 0, PairState.Aware)));
        var theta = h.S.ConcernOf(0);
        var objected = Enumerable.Range(0, N).Count(i => h.Has(i, 0, PairState.Objected));
        MechanismHarness.WithinFourSe(objected, N, Math.Min(1, p.ObjectionPropensity * (0.5 + theta)), "objections");
        MechanismHarness.WithinFourSe(h.Tally[TallyField.DeletionRequests], N, theta * p.DeletionPropensity, "deletion requests");
        MechanismHarness.WithinFourSe(h.Tally[TallyField.RestrictionRequests], N, theta * p.RestrictionPropensity, "restriction requests");
    }

    /// <summary>An aware subject who has not acted reconsiders with probability 0.1 a day (objection made certain here: propensity 1, θ &gt; 0.5).</summary>
    [Fact]
    public void AnAwareSubjectWhoHasNotActed_ReconsidersWithProbabilityOneTenth()
    {
        var p = new ModelParameters { AwarenessPerDay = 0, ObjectionPropensity = 1, DeletionPropensity = 0, RestrictionPropensity = 0 };
        var h = Holding("dynamic-balance", p, concern: 200);
        for (var i = 0; i < N; i++) h.Mark(i, 0, PairState.Aware);
        h.Mark(0, 0, PairState.Objected);
        h.Rights.Exercise(7);
        var objected = Enumerable.Range(1, N - 1).Count(i => h.Has(i, 0, PairState.Objected));
        MechanismHarness.WithinFourSe(objected, N - 1, 0.1, "aware subjects acting today");
    }

    /// <summary>
    /// Deletion (dynamic balance, delay 15 days): requests made on tick 3 (probability θ, 4 binomial standard errors) are
    /// served on tick 18 and not before. Served with deletion_share_served: the pair's store is emptied and its scraped and
    /// inferable bits cleared; memorised records stay unless unlearning is required, in which case they are zeroed and each
    /// counts as an unlearning. A request not served keeps the records. Every served deletion is a rights request served.
    /// </summary>
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(false, 0.3)]
    public void AServedDeletion_EmptiesThePairsStore_AndKeepsMemorisedRecordsUnlessUnlearningIsRequired(bool unlearning, double shareServed)
    {
        var p = new ModelParameters { AwarenessPerDay = 1, ObjectionPropensity = 0, DeletionPropensity = 1, RestrictionPropensity = 0, AccessPropensity = 0 };
        var h = Holding("dynamic-balance", p, concern: 160, literacy: HighLiteracy,
            levers: r => r with { UnlearningOnDeletion = unlearning, DeletionShareServed = shareServed });
        for (var i = 0; i < N; i++)
        {
            h.S.Memorized[i] = 7;
            h.Mark(i, 0, PairState.Scraped | PairState.Inferable);
        }
        h.Rights.Exercise(3);
        var requested = Enumerable.Range(0, N).Where(i => h.Has(i, 0, PairState.DeletionPending)).ToArray();
        MechanismHarness.WithinFourSe(requested.Length, N, h.S.ConcernOf(0), "deletion requests");
        Assert.Equal(requested.Length, h.Tally[TallyField.DeletionRequests]);

        for (var t = 4; t < 18; t++) h.Rights.Serve(t);
        Assert.Equal(0, h.Tally[TallyField.DeletionsServed]);
        Assert.All(requested, i => Assert.Equal(5, h.S.Held(i)));
        h.Rights.Serve(18);

        var served = requested.Where(i => h.S.Held(i) == 0).ToArray();
        MechanismHarness.WithinFourSe(served.Length, requested.Length, shareServed, "due deletions served");
        Assert.Equal(served.Length, h.Tally[TallyField.DeletionsServed]);
        Assert.Equal(served.Length, h.Tally.Provider(0, ProviderField.RightsRequestsServed));
        Assert.All(requested, i => Assert.False(h.Has(i, 0, PairState.DeletionPending)));
        Assert.All(served, i => Assert.True((h.S.State[i] & (PairState.Scraped | PairState.Inferable)) == 0, $"subject {i}: scraped or inferable after deletion"));
        Assert.All(served, i => Assert.Equal(unlearning ? 0 : 7, h.S.Memorized[i]));
        Assert.Equal(unlearning ? served.Length : 0, h.Tally.Provider(0, ProviderField.Unlearnings));
        Assert.All(requested.Except(served), i => Assert.Equal(5, h.S.Held(i)));
        Assert.All(Enumerable.Range(0, N).Except(requested), i => Assert.True(h.S.Held(i) == 5 && h.S.Memorized[i] == 7, $"subject {i} changed without a request"));
    }

    [Fact]
    public void WithoutTheDeletionRight_DeletionsAreRequestedButNeverServed()
    {
        var p = new ModelParameters { AwarenessPerDay = 1, DeletionPropensity = 1 };
        var h = Holding("dynamic-balance", p, concern: 160, literacy: HighLiteracy, levers: r => r with { DeletionRight = false });
        h.Rights.Exercise(3);
        Assert.True(h.Tally[TallyField.DeletionRequests] > 0);
        Assert.DoesNotContain(h.S.State, s => (s & PairState.DeletionPending) != 0);
        for (var t = 3; t < 100; t++) h.Rights.Serve(t);
        Assert.Equal(0, h.Tally[TallyField.DeletionsServed]);
        Assert.All(Enumerable.Range(0, N), i => Assert.Equal(5, h.S.Held(i)));
    }

    /// <summary>
    /// A dispute after harmful false information (restriction_after_false_info = partial_restriction_grant = 0.5) asks for
    /// restriction when its uniform u &lt; 0.5, and the same uniform rescaled, u / 0.5, decides a partial grant: u = 0.1 is
    /// granted (0.2 &lt; 0.5), u = 0.4 is not (0.8), u = 0.6 asks nothing. Under independent every request is granted,
    /// under none (use-first) none is. A granted restriction takes effect deletion_delay_days later; a second request on a
    /// pending pair is not a new request.
    /// </summary>
    [Theory]
    [InlineData("use-first", RestrictionRight.None)]
    [InlineData("dynamic-balance", RestrictionRight.Partial)]
    [InlineData("precautionary", RestrictionRight.Independent)]
    public void Restriction_IsGrantedAlwaysCaseByCaseOrNever(string regime, RestrictionRight right)
    {
        var h = MechanismHarness.For(regime, new ModelParameters { RestrictionAfterFalseInfo = 0.5, PartialRestrictionGrant = 0.5 }, subjects: 3);
        Assert.Equal(right, h.Regime.RestrictionRight);
        double[] u = [0.1, 0.4, 0.6];
        for (var i = 0; i < 3; i++) h.Rights.DisputeFalseInformation(i, 0, i, 5, u[i]);
        Assert.Equal(2, h.Tally[TallyField.RestrictionRequests]);
        bool[] granted = right switch
        {
            RestrictionRight.None => [false, false, false],
            RestrictionRight.Partial => [true, false, false],
            _ => [true, true, false],
        };
        for (var i = 0; i < 3; i++) Assert.Equal(granted[i], h.Has(i, 0, PairState.RestrictionPending));
        h.Rights.DisputeFalseInformation(0, 0, 0, 6, 0.1);
        Assert.Equal(granted[0] ? 2 : 3, h.Tally[TallyField.RestrictionRequests]);

        var due = 5 + h.Regime.DeletionDelayDays;
        for (var t = 5; t < due; t++) h.Rights.Serve(t);
        Assert.Equal(0, h.Tally[TallyField.RestrictionsServed]);
        h.Rights.Serve(due);
        for (var i = 0; i < 3; i++) Assert.Equal(granted[i], h.Has(i, 0, PairState.Restricted));
        Assert.Equal(granted.Count(g => g), h.Tally[TallyField.RestrictionsServed]);
        Assert.DoesNotContain(h.S.State, s => (s & PairState.RestrictionPending) != 0);
    }

    // ------------------------------------------------------------------ whole runs (the shared 20,000-subject runs)

    [Fact]
    public void RightsThatDoNotExist_AreNeverServed()
    {
        var regime = RegimeCatalog.Get("use-first");
        Assert.Equal(ExplanationRight.None, regime.ExplanationRight);
        Assert.Equal(RestrictionRight.None, regime.RestrictionRight);
        var rows = Large("use-first");
        Assert.True(Sum(rows, Metric.ExplanationsServed) == 0, $"use-first served {Sum(rows, Metric.ExplanationsServed)} explanations");
        Assert.True(Sum(rows, Metric.RestrictionsServed) == 0, $"use-first served {Sum(rows, Metric.RestrictionsServed)} restrictions");
        // the requests were made: subjects asked, the regime refused
        Assert.True(Sum(rows, Metric.ExplanationRequests) > 0, "nobody asked use-first for an explanation");
        Assert.True(Sum(rows, Metric.RestrictionRequests) > 0, "nobody asked use-first to restrict processing");
        // where the rights exist they are served
        foreach (var name in new[] { "protection-first", "dynamic-balance", "precautionary" })
        {
            Assert.True(Sum(Large(name), Metric.ExplanationsServed) > 0, $"{name} served no explanations");
            Assert.True(Sum(Large(name), Metric.RestrictionsServed) > 0, $"{name} served no restrictions");
        }
    }

    [Fact]
    public void ServedRequests_NeverExceedRequests_WhereServiceIsImmediateOrAllOrNothing()
    {
        foreach (var name in RegimeCatalog.BuiltInNames)
        {
            var rows = Large(name);
            // explanations are answered on the spot: per tick
            foreach (var row in rows)
                Assert.True(row.Values[Metric.ExplanationsServed] <= row.Values[Metric.ExplanationRequests], $"{name} tick {row.Tick}: more explanations served than asked");
            // deletions and restrictions are served after a delay: over the run
            Assert.True(Sum(rows, Metric.DeletionsServed) <= Sum(rows, Metric.DeletionRequests), $"{name}: more deletions served than requested");
            Assert.True(Sum(rows, Metric.RestrictionsServed) <= Sum(rows, Metric.RestrictionRequests), $"{name}: more restrictions served than requested");
        }
    }

    /// <summary>
    /// The right of access (PIPL art. 45): every subject learns at once (awareness 1) and asks for access with probability
    /// min(1, access_propensity × (0.5 + θ)) (4 binomial standard errors); each request is served at once, marks the pair as
    /// accessed and costs the provider one request. Without the right nobody gets access.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Access_IsAskedByAwareSubjects_AndServedAtOnce(bool right)
    {
        var p = new ModelParameters { AwarenessPerDay = 1, ObjectionPropensity = 0, DeletionPropensity = 0, RestrictionPropensity = 0, AccessPropensity = 0.4 };
        var h = Holding("dynamic-balance", p, concern: 160, literacy: HighLiteracy, levers: r => r with { AccessRight = right });
        h.Rights.Exercise(3);
        var accessed = Enumerable.Range(0, N).Count(i => h.Has(i, 0, PairState.Accessed));
        Assert.Equal(accessed, h.Tally[TallyField.AccessRequests]);
        Assert.Equal(accessed, h.Tally.Provider(0, ProviderField.RightsRequestsServed));
        if (right) MechanismHarness.WithinFourSe(accessed, N, Math.Min(1, 0.4 * (0.5 + h.S.ConcernOf(0))), "access requests");
        else Assert.Equal(0, accessed);
    }
}
