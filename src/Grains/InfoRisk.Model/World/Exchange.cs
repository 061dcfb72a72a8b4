namespace InfoRisk.Model.World;

/// <summary>What a user's prompt or post carries to the subject it is about.</summary>
public enum ExchangeKind : byte
{
    /// <summary>The user's own personal information in a prompt.</summary>
    OwnPrompt = 0,
    /// <summary>A third party's personal information in a prompt.</summary>
    ThirdPartyPrompt = 1,
    /// <summary>Deliberately fabricated content about a real person made by a malicious user.</summary>
    FakeContent = 2,
}

/// <summary>
/// One entry of the exchange step: records that users' prompts add about a subject at a provider, or a fake
/// made about the subject. Entries travel from user cohorts to the subject cohort that holds the subject,
/// and are applied there in (subject, provider, kind, user) order, never in arrival order.
/// </summary>
[GenerateSerializer, Immutable, Alias("inforisk.ExchangeEntry")]
public struct ExchangeEntry : IComparable<ExchangeEntry>
{
    [Id(0)] public int Subject;
    [Id(1)] public byte Provider;
    [Id(2)] public ExchangeKind Kind;
    [Id(3)] public ushort General;
    [Id(4)] public ushort Sensitive;
    [Id(5)] public int User;

    public ExchangeEntry(int subject, byte provider, ExchangeKind kind, ushort general, ushort sensitive, int user)
    {
        Subject = subject;
        Provider = provider;
        Kind = kind;
        General = general;
        Sensitive = sensitive;
        User = user;
    }

    public readonly int CompareTo(ExchangeEntry other)
    {
        var c = Subject.CompareTo(other.Subject);
        if (c != 0) return c;
        c = Provider.CompareTo(other.Provider);
        if (c != 0) return c;
        c = ((byte)Kind).CompareTo((byte)other.Kind);
        return c != 0 ? c : User.CompareTo(other.User);
    }
}

/// <summary>What a user cohort did in one tick.</summary>
[GenerateSerializer, Immutable, Alias("inforisk.UserCohortOutput")]
public sealed class UserCohortOutput
{
    [Id(0)] public long[] QueriesByProvider { get; set; } = [];
    [Id(1)] public long[] ActiveUsersByProvider { get; set; } = [];
    [Id(2)] public ExchangeEntry[] Entries { get; set; } = [];
    /// <summary>Users who have chosen each provider (whether or not active today).</summary>
    [Id(3)] public long[] UsersByProvider { get; set; } = [];
    [Id(4)] public long LapsedUsers { get; set; }
    /// <summary>Of the lapsed users, those who stopped because their provider left the market.</summary>
    [Id(5)] public long LapsedByExit { get; set; }
}

/// <summary>
/// What one cohort tells the providers on a training tick (§3.8): for each provider, its held subjects by the level at
/// which their population class first reaches K, and the re-identification risk of those subjects at each level.
/// </summary>
[GenerateSerializer, Immutable, Alias("inforisk.ClassCounts")]
public sealed class ClassCounts
{
    /// <summary>[provider × (Levels + 1) + s]: held subjects whose class first reaches K at level s (s = Levels: at none).</summary>
    [Id(0)] public long[] BySafeLevel { get; set; } = [];
    /// <summary>[provider × Levels + l]: sum of the risk (millionths) at level l of the held subjects not suppressed at l.</summary>
    [Id(1)] public long[] SafeRiskMicros { get; set; } = [];
    /// <summary>[provider]: sum of the risk (millionths) of the held subjects' exact keys.</summary>
    [Id(2)] public long[] ExactRiskMicros { get; set; } = [];
}
