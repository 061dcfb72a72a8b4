using System.Globalization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Execution;

/// <summary>
/// The memory an experiment needs on the embedded silo, estimated before anything is allocated, and the memory this
/// machine has available. <c>run</c> refuses (exit 2) when the estimate does not fit, instead of failing hours later.
/// </summary>
/// <remarks>
/// How the constants were measured (keep them here, in one place: the per-subject footprint changes with the model):
/// peak resident set size (<c>/usr/bin/time -f %M</c>) of <c>inforisk run ... --concurrency 1 --no-plots</c> on one
/// run of 180 ticks, 3 providers, 20 deployers, on the 2-core reference machine (.NET 10, server GC), 2026-11-26:
/// 100,000 subjects and no users: 186,000 KB; 400,000: 256,500 KB; 1,600,000: 490,656 KB; 400,000 subjects and
/// 120,000 users: 275,020 KB. Slopes: 240 B per subject between 100k and 400k, 200 B between 400k and 1.6M (the
/// larger is kept, as a margin); 158 B per user; intercept about 166 MB (runtime, Orleans silo, loaded code).
/// Runs in flight: 8 runs of 20,000 subjects, 6,000 users, 180 ticks: 187,576 KB at --concurrency 1, 338,256 KB at
/// --concurrency 8, so 21.5 MB per extra run in flight, of which 5.8 MB is subjects and users: about 16 MB per run
/// besides them (its grains, messages, time series). Check: experiments/regimes.json (4 runs in flight of 20,000
/// subjects) peaked at 286,948 KB; the estimate is 287 MB. The estimate errs high for a single large run (1.6M
/// subjects: 582 MB estimated, 479 MB measured), which is the safe side for a guard.
/// The subject's arrays themselves are 41 B plus 5 B per (subject, provider) pair (SubjectCohort); the rest is
/// pending harm and request events, exchange messages and the garbage collector's headroom, all part of what the
/// process really holds. To re-measure: run the same commands with the new model and update the constants below.
/// Re-measured after the performance work (docs/performance.md), one run of 180 ticks, no users, --concurrency 1:
/// 400,000 subjects 228,488 KB, 1,600,000 subjects 436,712 KB, i.e. 178 B per subject with 3 providers against the
/// 240 B the constants give. The constants were kept: a guard that errs high is on the safe side.
/// </remarks>
public sealed record MemoryBudget
{
    /// <summary>Per subject and run, besides the provider pairs (measured: see the remarks).</summary>
    public const long BytesPerSubject = 225;

    /// <summary>Per (subject, provider) pair and run: held general and sensitive data, memorisation, state (5 B arrays, SubjectCohort).</summary>
    public const long BytesPerSubjectProvider = 5;

    /// <summary>Per user and run (measured: see the remarks).</summary>
    public const long BytesPerUser = 160;

    /// <summary>Per run in flight, besides its subjects and users: grains, messages, time series (measured: see the remarks).</summary>
    public const long BytesPerRun = 16L << 20;

    /// <summary>The process itself: runtime, Orleans silo, loaded code (measured intercept 166 MB, rounded up).</summary>
    public const long ProcessBytes = 200L << 20;

    /// <summary>The largest population one run can hold: subjects and users are numbered with 32-bit integers.</summary>
    public const long MaxSubjectsPerRun = 2_000_000_000;

    /// <summary>The largest population an experiment file may state (larger ones are refused as out of range).</summary>
    public const long MaxPopulation = 1_000_000_000_000_000;

    /// <summary>Why a population above <see cref="MaxSubjectsPerRun"/> is refused, with what one run of it would need.</summary>
    public static string TooLargeForOneRun(long subjects, long users, int providers, int ticks) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{subjects:N0} subjects is more than one run can hold: at most {MaxSubjectsPerRun:N0} per run, because subjects are numbered with 32-bit integers; ") +
        $"one run of this size would need about {Bytes(PerRun(subjects, users, providers, ticks))} of memory ({BytesPerSubject + BytesPerSubjectProvider * providers} B per subject, {BytesPerUser} B per user); this machine has {Available.Now().Describe()}";

    public required long PerRunBytes { get; init; }
    public required int RunsInFlight { get; init; }
    public required long TotalBytes { get; init; }
    public required Available Available { get; init; }

    /// <summary>True when the estimate fits in the memory available now.</summary>
    public bool Fits => Available.Bytes is not { } bytes || TotalBytes <= bytes;

    /// <summary>Memory of one run: subjects, users, its fixed part and its time series (kept until the run is written).</summary>
    public static long PerRun(long subjects, long users, int providers, int ticks)
    {
        var perSubject = BytesPerSubject + BytesPerSubjectProvider * providers;
        var rows = (long)ticks * Metric.Count * sizeof(long) * 2; // the tick rows and their copy on the way to the files
        return Add(Add(Add(Times(subjects, perSubject), Times(users, BytesPerUser)), rows), BytesPerRun);
    }

    /// <summary>The estimate for an experiment with <paramref name="concurrency"/> runs in flight at most.</summary>
    public static MemoryBudget Of(Experiment experiment, int concurrency) => Of(experiment.Population, experiment.Ticks, experiment.RunCount, concurrency);

    public static MemoryBudget Of(Population population, int ticks, int runs, int concurrency)
    {
        var perRun = PerRun(population.Subjects, population.Users, population.Providers, ticks);
        var inFlight = Math.Max(1, Math.Min(concurrency, runs));
        return new MemoryBudget
        {
            PerRunBytes = perRun,
            RunsInFlight = inFlight,
            TotalBytes = Add(Times(perRun, inFlight), ProcessBytes),
            Available = Available.Now(),
        };
    }

    /// <summary>One line: the estimate, how it is made up, and the memory available.</summary>
    public string Describe() =>
        $"about {Bytes(TotalBytes)} ({RunsInFlight} run(s) in flight x {Bytes(PerRunBytes)} + {Bytes(ProcessBytes)} for the program); {Available.Describe()}";

    /// <summary>Human-readable size: 1.5 GB, 240 TB (powers of 1024, as the operating system counts them).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    /// <summary>Non-negative products and sums that stop at long.MaxValue instead of wrapping.</summary>
    private static long Times(long a, long b) => a <= 0 || b <= 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>
/// Memory available to this process now: the smaller of the operating system's MemAvailable (/proc/meminfo, Linux)
/// and the .NET runtime's limit (GCMemoryInfo.TotalAvailableMemoryBytes: physical memory, or a container's or
/// GCHeapHardLimit's limit).
/// </summary>
public sealed record Available(long? MemAvailableBytes, long RuntimeLimitBytes)
{
    public long? Bytes => MemAvailableBytes is { } m ? Math.Min(m, RuntimeLimitBytes) : RuntimeLimitBytes > 0 ? RuntimeLimitBytes : null;

    public static Available Now() => new(ReadMemAvailable(), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    public string Describe()
    {
        if (Bytes is not { } bytes) return "the memory available is unknown";
        var os = MemAvailableBytes is { } m ? $"MemAvailable {MemoryBudget.Bytes(m)}" : "MemAvailable unknown";
        return $"{MemoryBudget.Bytes(bytes)} available ({os}, .NET limit {MemoryBudget.Bytes(RuntimeLimitBytes)})";
    }

    private static long? ReadMemAvailable()
    {
        try
        {
            if (!File.Exists("/proc/meminfo")) return null;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }
}
