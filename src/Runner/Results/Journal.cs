using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace InfoRisk.Runner.Results;

/// <summary>One journaled block: after run <see cref="Run"/> (-1: the header rows), both files' lengths and the SHA-256 of the bytes each gained.</summary>
public readonly record struct JournalEntry(int Run, long Timeseries, long Runs, string TimeseriesSha256, string RunsSha256)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Run} {Timeseries} {Runs} {TimeseriesSha256} {RunsSha256}");

    public static JournalEntry? Parse(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 5 && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var run)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var rs)
            && parts[3].Length == 64 && parts[4].Length == 64
            ? new JournalEntry(run, ts, rs, parts[3], parts[4])
            : null;
    }
}

/// <summary>
/// The journal of a partial folder (<c>journal.txt</c>): the first line is <c>inforisk-journal 2 </c> followed by the run
/// identity (<see cref="RunIdentity"/>) as one line of JSON; then one <see cref="JournalEntry"/> per block written, in
/// order. Only complete lines count (a line cut by a crash is ignored). docs/outputs.md §1.
/// </summary>
public static class Journal
{
    public const string Magic = "inforisk-journal";
    public const int Version = 2;

    /// <summary>The identity line.</summary>
    public static string Header(JsonObject identity) => $"{Magic} {Version} {identity.ToJsonString()}";

    /// <summary>The journal's complete lines: its identity (null when the header is missing or torn), the journal format version, and its entries.</summary>
    public static (JsonObject? Identity, int Version, List<JournalEntry> Entries) Parse(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        var lines = complete.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith(Magic + " ", StringComparison.Ordinal)) return (null, 0, []);
        var rest = lines[0][(Magic.Length + 1)..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        var version = int.TryParse(space < 0 ? rest : rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        if (version != Version) return (null, version, []);
        JsonObject? identity;
        try
        {
            identity = JsonNode.Parse(rest[(space + 1)..]) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            identity = null;
        }
        var entries = new List<JournalEntry>();
        foreach (var line in lines.Skip(1))
        {
            if (JournalEntry.Parse(line) is not { } entry) break; // a damaged line: nothing after it is trusted
            entries.Add(entry);
        }
        return (identity, version, entries);
    }

    /// <summary>
    /// The entries whose blocks are still on disk byte for byte: each block of both files is hashed and compared with its
    /// journaled SHA-256, in order; the first block that is missing or differs ends the prefix (returned with the reason).
    /// </summary>
    public static (int Verified, string? Problem) Verify(IReadOnlyList<JournalEntry> entries, string timeseriesPath, string runsPath)
    {
        using var timeseries = OpenRead(timeseriesPath);
        using var runs = OpenRead(runsPath);
        long tsAt = 0, runsAt = 0;
        for (var k = 0; k < entries.Count; k++)
        {
            var e = entries[k];
            var what = e.Run < 0 ? "the header rows" : $"run {e.Run}";
            if (BlockProblem(timeseries, tsAt, e.Timeseries, e.TimeseriesSha256, "timeseries.csv") is { } p1) return (k, $"{what}: {p1}");
            if (BlockProblem(runs, runsAt, e.Runs, e.RunsSha256, "runs.csv") is { } p2) return (k, $"{what}: {p2}");
            tsAt = e.Timeseries;
            runsAt = e.Runs;
        }
        return (entries.Count, null);
    }

    private static FileStream? OpenRead(string path) =>
        File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan) : null;

    private static string? BlockProblem(FileStream? file, long from, long to, string expected, string name)
    {
        if (file is null) return $"{name} is missing";
        if (to < from || file.Length < to) return $"{name} is shorter ({(file?.Length ?? 0):N0} bytes) than its journal says ({to:N0})";
        file.Seek(from, SeekOrigin.Begin);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        var left = to - from;
        while (left > 0)
        {
            var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) return $"{name} ended early";
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        return actual == expected ? null : $"the bytes of {name} ({from:N0} to {to:N0}) do not match the SHA-256 journaled when they were written (changed or damaged since)";
    }
}

/// <summary>A write-only stream that hashes (SHA-256) every byte it passes to the file, block by block.</summary>
internal sealed class HashingStream(FileStream file) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public FileStream File => file;

    /// <summary>The SHA-256 of the bytes written since the last call, and starts a new block.</summary>
    public string TakeBlockHash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush() => file.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        file.Write(buffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            file.Dispose();
        }
        base.Dispose(disposing);
    }
}
