using System.Reflection;
using InfoRisk.Model.Randomness;

namespace InfoRisk.Tests.Declarations;

/// <summary>The declared draw layout: no two mechanisms can use the same random numbers, for the supported maxima.</summary>
public sealed class DrawLayoutTests
{
    private sealed record Block(string Group, RandomStream Stream, KeyScheme Key, string Name, long Start, BlockIndex Index, int Count, int Stride);

    private static List<Block> Blocks()
    {
        var blocks = new List<Block>();
        foreach (var group in typeof(DrawLayout).GetNestedTypes())
        {
            var draws = group.GetCustomAttribute<DrawsAttribute>() ?? throw new InvalidOperationException($"{group.Name} declares no stream");
            foreach (var field in group.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var block = field.GetCustomAttribute<BlockAttribute>();
                if (block is null) continue;
                blocks.Add(new Block(group.Name, draws.Stream, draws.Key, field.Name, (int)field.GetRawConstantValue()!, block.Index, block.Count, block.Stride));
            }
        }
        return blocks;
    }

    /// <summary>The counters a block occupies for every supported index value, as [from, to) intervals (to = long.MaxValue when open-ended).</summary>
    private static IEnumerable<(long From, long To)> Intervals(Block b)
    {
        if (b.Index == BlockIndex.OpenEnded)
        {
            yield return (b.Start, long.MaxValue);
            yield break;
        }
        for (long k = 0; k < DrawLayout.Size(b.Index); k++) yield return (b.Start + k * b.Stride, b.Start + k * b.Stride + b.Count);
    }

    [Fact]
    public void EveryGroupDeclaresAtLeastOneBlock_AndBlocksHaveAPositiveSize()
    {
        var blocks = Blocks();
        foreach (var group in typeof(DrawLayout).GetNestedTypes()) Assert.Contains(blocks, b => b.Group == group.Name);
        Assert.All(blocks, b => Assert.True(b.Count >= 1 && b.Stride >= 1 && b.Start >= 0, $"{b.Group}.{b.Name}"));
        // a strided block must not overlap itself from one index value to the next
        Assert.All(blocks.Where(b => b.Index is not (BlockIndex.One or BlockIndex.OpenEnded)), b => Assert.True(b.Stride >= b.Count, $"{b.Group}.{b.Name}"));
    }

    [Fact]
    public void NoTwoBlocksOfOneSequenceOverlap_ForTheSupportedMaxima()
    {
        foreach (var sequence in Blocks().GroupBy(b => (b.Stream, b.Key)))
        {
            var taken = sequence.SelectMany(b => Intervals(b).Select(iv => (iv.From, iv.To, Owner: $"{b.Group}.{b.Name}"))).OrderBy(x => x.From).ToList();
            for (var k = 1; k < taken.Count; k++)
            {
                Assert.True(taken[k - 1].To <= taken[k].From,
                    $"{sequence.Key.Stream}/{sequence.Key.Key}: {taken[k - 1].Owner} [{taken[k - 1].From}, {taken[k - 1].To}) overlaps {taken[k].Owner} at {taken[k].From}");
            }
        }
    }

    /// <summary>Two key schemes in one stream must never produce the same (entity, tick) key: their ticks are disjoint.</summary>
    [Fact]
    public void KeySchemesSharingAStream_UseDisjointTicks()
    {
        static (long From, long To) Ticks(KeyScheme k) => k switch
        {
            KeyScheme.SubjectAtSetup or KeyScheme.UserAtSetup => (0, 0),
            KeyScheme.PairOnce => (-1, -1),
            KeyScheme.PairServed => (int.MinValue, -1),
            KeyScheme.SubjectAtChainStart => (int.MinValue, -1),
            _ => (0, int.MaxValue),
        };
        foreach (var stream in Blocks().GroupBy(b => b.Stream))
        {
            var schemes = stream.Select(b => b.Key).Distinct().ToList();
            for (var a = 0; a < schemes.Count; a++)
            {
                for (var b = a + 1; b < schemes.Count; b++)
                {
                    var (x, y) = (Ticks(schemes[a]), Ticks(schemes[b]));
                    Assert.True(x.To < y.From || y.To < x.From, $"stream {stream.Key}: {schemes[a]} and {schemes[b]} can share keys");
                }
            }
        }
    }

    [Fact]
    public void CompositeEntities_AreUniqueForTheSupportedMaxima()
    {
        // pairs are keyed subject × 64 + provider, intrusion routes route × 32 + provider, relations subject × 2 + slot
        Assert.True(DrawLayout.MaxProviders <= 64);
        Assert.True(DrawLayout.Size(BlockIndex.IntrusionRoute) == 3 * DrawLayout.MaxProviders);
        Assert.True(DrawLayout.MaxDeployers < ushort.MaxValue, "a relation slot stores a deployer in 16 bits, with 65535 meaning none");
        // harm events' sequence numbers fit in a byte, below the intrusions' (which start at IntrusionSequence)
        Assert.True(DrawLayout.MaxHarmEventsPerSubjectTick <= DrawLayout.Harm.IntrusionSequence);
        Assert.True(DrawLayout.Harm.IntrusionSequence + DrawLayout.Size(BlockIndex.IntrusionRoute) <= 256);
    }

    [Fact]
    public void TheLoaderRefusesMoreProvidersOrDeployersThanTheLayoutSupports()
    {
        var dir = Directory.CreateTempSubdirectory("inforisk-layout-");
        try
        {
            var file = Path.Combine(dir.FullName, "e.json");
            File.WriteAllText(file, $$"""{ "name": "e", "ticks": 5, "replicates": 1, "seed": 1, "population": { "subjects": 100, "users": 10, "providers": {{DrawLayout.MaxProviders + 1}}, "deployers": {{DrawLayout.MaxDeployers + 1}} }, "regimes": ["dynamic-balance"] }""");
            var error = Assert.Throws<InfoRisk.Runner.Experiments.ExperimentException>(() => InfoRisk.Runner.Experiments.ExperimentLoader.Load(file));
            Assert.Contains("$.population.providers", error.Message, StringComparison.Ordinal);
            Assert.Contains($"{DrawLayout.MaxProviders}", error.Message, StringComparison.Ordinal);
            Assert.Contains("$.population.deployers", error.Message, StringComparison.Ordinal);
            Assert.Contains($"{DrawLayout.MaxDeployers}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
