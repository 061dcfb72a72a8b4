namespace InfoRisk.Model.Liability;

/// <summary>Where a harm comes from.</summary>
public enum HarmSource : byte
{
    Intrusion = 0,
    Breach = 1,
    Regurgitation = 2,
    FalseInformation = 3,
    Discrimination = 4,
    /// <summary>Records reused beyond the purpose of collection without a lawful basis (§3.23).</summary>
    SecondaryUse = 5,
}

/// <summary>Who directly caused a harm.</summary>
public enum PartyKind : byte
{
    Provider = 0,
    Deployer = 1,
    User = 2,
}

/// <summary>
/// A harm that will be suffered after a delay (exposure today, fraud or distress later). Amounts are drawn
/// when the cause happens; the claim is decided when the harm is suffered.
/// </summary>
public struct HarmEvent
{
    public int Local;
    public int CauseTick;
    public int DueTick;
    /// <summary>Per-subject sequence number of events caused in the same tick: keys the event's random draws.</summary>
    public byte Sequence;
    public HarmSource Source;
    public PartyKind Party;
    public bool Sensitive;
    public bool Intentional;
    /// <summary>How many parties held the subject's data when the harm was caused (for naming the wrongdoer).</summary>
    public byte Holders;
    public short PartyIndex;
    /// <summary>The provider that shares liability under joint and several liability (the base model's provider).</summary>
    public short JointProvider;
    /// <summary>The party's care on the channel that caused the harm (security for a breach, output filter for outputs; 0..255).</summary>
    public byte PartyCare;
    public int Records;
    public long PropertyFen;
    public long MentalFen;
    /// <summary>The subject had used its right of access at the party before the harm was caused: it knows the party held its data.</summary>
    public bool Accessed;

    /// <summary>A care level in [0, 1] stored in 1/255 steps.</summary>
    public static byte CareLevel(double care) => (byte)Math.Round(Math.Clamp(care, 0, 1) * 255);
}
