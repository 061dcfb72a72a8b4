using InfoRisk.Model.World;

namespace InfoRisk.Model.Cohorts;

/// <summary>What a provider knows and has done about one subject: the bits of a (subject, provider) pair.</summary>
[Flags]
public enum PairState : ushort
{
    None = 0,
    /// <summary>The provider has scraped the subject's public items (once; cleared by a served deletion).</summary>
    Scraped = 1,
    ConsentAsked = 2,
    Consented = 4,
    /// <summary>The consent was informed: the subject understood the notice.</summary>
    Informed = 8,
    Objected = 16,
    /// <summary>The subject knows that the provider holds its data.</summary>
    Aware = 32,
    Restricted = 64,
    DeletionPending = 128,
    RestrictionPending = 256,
    /// <summary>Mosaic effect: a private trait is inferable from the aggregated records.</summary>
    Inferable = 512,
    /// <summary>The subject has used its right of access at the provider (PIPL art. 45): it has a copy of what the provider held.</summary>
    Accessed = 1024,
    /// <summary>Event skipping (docs/model.md §8): the pair has a running chain of reconsideration candidates.</summary>
    ReconsiderChain = 2048,
}

/// <summary>Which of a subject's two deployer relations hold its data, and whether sensitively.</summary>
[Flags]
public enum CustomerState : byte
{
    None = 0,
    Held0 = 1,
    Held1 = 2,
    Sensitive0 = 4,
    Sensitive1 = 8,
}

/// <summary>
/// The data subjects of one cohort as parallel arrays (struct of arrays): per subject, and per (subject, provider)
/// pair at index <c>i * Providers + p</c>. Mechanisms read and change these arrays; every change of held records goes
/// through <see cref="SetHeld"/> so that the stocks stay up to date (<see cref="Stocks"/>).
/// </summary>
public sealed class SubjectStore
{
    /// <summary>No deployer in a relation slot.</summary>
    public const ushort NoDeployer = ushort.MaxValue;

    public int First { get; }
    public int Count { get; }
    public int Providers { get; }

    // ---- per subject: traits (Population)
    public readonly int[] Qi;
    public readonly bool[] Protected;
    public readonly byte[] Concern, Literacy;
    public readonly byte[] General, Sensitive, PrivateMarked;

    // ---- per subject: up to two deployer relations (DeployerIngestion)
    public readonly ushort[] Deployer0, Deployer1, Start0, Start1;
    public readonly CustomerState[] Customer;

    // ---- per subject: outcomes (Harm, Litigation)
    public readonly long[] HarmFen, CompensationFen;
    public readonly ushort[] Claims;

    // ---- per (subject, provider) pair
    public readonly byte[] HeldGeneral, HeldSensitive, Memorized;
    public readonly PairState[] State;

    private readonly double[] _concernLevels, _literacyLevels;

    public Stocks Stocks { get; }

    /// <summary>The event-skipping sampler's calendar (docs/model.md §8); null with the per-tick reference.</summary>
    public EventCalendar? Calendar { get; }

    public SubjectStore(ModelContext ctx, int first, int count)
    {
        First = first;
        Count = count;
        Providers = ctx.Providers;
        Qi = new int[count];
        Protected = new bool[count];
        Concern = new byte[count];
        Literacy = new byte[count];
        General = new byte[count];
        Sensitive = new byte[count];
        PrivateMarked = new byte[count];
        Deployer0 = new ushort[count];
        Deployer1 = new ushort[count];
        Start0 = new ushort[count];
        Start1 = new ushort[count];
        Customer = new CustomerState[count];
        HarmFen = new long[count];
        CompensationFen = new long[count];
        Claims = new ushort[count];
        var pairs = count * Providers;
        HeldGeneral = new byte[pairs];
        HeldSensitive = new byte[pairs];
        Memorized = new byte[pairs];
        State = new PairState[pairs];
        _concernLevels = ctx.Concern;
        _literacyLevels = ctx.Literacy;
        Stocks = new Stocks(ctx, this);
        Calendar = ctx.EventSkipping ? new EventCalendar(ctx, first, count) : null;
    }

    /// <summary>Concern θ of subject i, in [0, 1].</summary>
    public double ConcernOf(int i) => _concernLevels[Concern[i]];

    /// <summary>Literacy of subject i, in [0, 1].</summary>
    public double LiteracyOf(int i) => _literacyLevels[Literacy[i]];

    /// <summary>Records the provider of pair ip holds about the subject.</summary>
    public int Held(int ip) => HeldGeneral[ip] + HeldSensitive[ip];

    public bool Has(int ip, PairState bits) => (State[ip] & bits) != 0;

    /// <summary>True when a private trait of subject i is inferable at some provider (mosaic effect).</summary>
    public bool HasInferable(int i)
    {
        var ip = i * Providers;
        for (var p = 0; p < Providers; p++, ip++)
        {
            if ((State[ip] & PairState.Inferable) != 0) return true;
        }
        return false;
    }

    /// <summary>How many parties (providers and deployers) hold subject i's data: for naming the wrongdoer.</summary>
    public int Holders(int i)
    {
        var n = 0;
        var ip = i * Providers;
        for (var p = 0; p < Providers; p++, ip++)
        {
            if (HeldGeneral[ip] + HeldSensitive[ip] > 0) n++;
        }
        if ((Customer[i] & CustomerState.Held0) != 0) n++;
        if ((Customer[i] & CustomerState.Held1) != 0) n++;
        return n;
    }

    /// <summary>Sets a pair's held records and keeps the stocks up to date.</summary>
    public void SetHeld(int i, int ip, int general, int sensitive)
    {
        int oldGeneral = HeldGeneral[ip], oldSensitive = HeldSensitive[ip];
        HeldGeneral[ip] = (byte)general;
        HeldSensitive[ip] = (byte)sensitive;
        Stocks.HeldChanged(i, ip, oldGeneral + oldSensitive, general + sensitive, oldSensitive, sensitive);
    }

    /// <summary>Adds records to a pair (each class capped at 255) and counts them as collected.</summary>
    public void AddRecords(int i, int ip, int general, int sensitive, bool consented, Tally tally)
    {
        if (general + sensitive == 0) return;
        SetHeld(i, ip, Math.Min(255, HeldGeneral[ip] + general), Math.Min(255, HeldSensitive[ip] + sensitive));
        tally[TallyField.RecordsCollected] += general + sensitive;
        tally[TallyField.SensitiveRecordsCollected] += sensitive;
        if (consented)
        {
            tally[TallyField.ConsentedRecords] += general + sensitive;
            if ((State[ip] & PairState.Informed) != 0) tally[TallyField.InformedConsentRecords] += general + sensitive;
        }
    }
}
