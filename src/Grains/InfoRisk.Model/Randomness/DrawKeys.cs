namespace InfoRisk.Model.Randomness;

/// <summary>How the draw sequences of a group of draws are keyed: the entity and the tick given to <see cref="CounterRandom.Key"/>.</summary>
public enum KeyScheme
{
    /// <summary>(subject id, 0): drawn once when the subject is created.</summary>
    SubjectAtSetup,
    /// <summary>(subject id, tick).</summary>
    SubjectAtTick,
    /// <summary>(subject id, the tick the harm was caused): decided when the harm is suffered.</summary>
    SubjectAtCauseTick,
    /// <summary>(subject id × 64 + provider, −1): once per (subject, provider) pair.</summary>
    PairOnce,
    /// <summary>(subject id × 64 + provider, −tick − 1): a pair's request served on a tick.</summary>
    PairServed,
    /// <summary>(subject id × 2 + relation slot, tick): a subject's relation with a deployer.</summary>
    RelationAtTick,
    /// <summary>(user id, 0).</summary>
    UserAtSetup,
    /// <summary>(user id, tick).</summary>
    UserAtTick,
    /// <summary>(provider index, tick).</summary>
    ProviderAtTick,
    /// <summary>(deployer index, tick).</summary>
    DeployerAtTick,
    /// <summary>(subject id, −tick − 1): a chain of candidate events (re)started on a tick (docs/model.md §8).</summary>
    SubjectAtChainStart,
}

/// <summary>What a block of counters is repeated for: each index value gets its own counters.</summary>
public enum BlockIndex
{
    /// <summary>One block.</summary>
    One,
    /// <summary>Per provider: index 0 .. <see cref="DrawLayout.MaxProviders"/> − 1.</summary>
    Provider,
    /// <summary>Per deployer relation slot: 0 or 1.</summary>
    RelationSlot,
    /// <summary>Per intrusion route (scraping, third party's prompt, sensitive scraping) × provider.</summary>
    IntrusionRoute,
    /// <summary>Per harm event caused to one subject in one tick: 0 .. <see cref="DrawLayout.MaxHarmEventsPerSubjectTick"/> − 1.</summary>
    HarmEvent,
    /// <summary>Per fake made by one user in one tick: 0 .. <see cref="DrawLayout.MaxFakesPerUserTick"/> − 1.</summary>
    Fake,
    /// <summary>Per harm event's sequence number (0 .. 255: events of one subject and cause tick, intrusions included).</summary>
    EventSequence,
    /// <summary>Open-ended (a count with no fixed bound): must be the highest block of its group.</summary>
    OpenEnded,
}

/// <summary>The stream and key scheme of a group of draws (a nested class of <see cref="DrawLayout"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DrawsAttribute(RandomStream stream, KeyScheme key) : Attribute
{
    public RandomStream Stream { get; } = stream;
    public KeyScheme Key { get; } = key;
}

/// <summary>
/// A block of counters starting at the constant it marks: for each index value k, the counters
/// [start + k × <see cref="Stride"/>, start + k × Stride + <see cref="Count"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class BlockAttribute(BlockIndex index = BlockIndex.One, int count = 1, int stride = 1) : Attribute
{
    public BlockIndex Index { get; } = index;
    public int Count { get; } = count;
    public int Stride { get; } = stride;
}

