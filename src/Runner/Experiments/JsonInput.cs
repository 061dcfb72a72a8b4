using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// An experiment or regime file read as JSON: a regular file of at most <see cref="InputFile.MaxJsonBytes"/>, UTF-8
/// (a byte-order mark, as Notepad writes, is accepted), comments and trailing commas allowed, every key once per object.
/// Anything else is a problem with the file and, where it applies, line and column; nothing throws.
/// </summary>
public sealed class JsonInput
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private JsonInput(byte[] raw, JsonPositions positions, JsonNode? root)
    {
        Raw = raw;
        Positions = positions;
        Root = root;
    }

    /// <summary>The file's bytes as read (its SHA-256 identifies it).</summary>
    public byte[] Raw { get; }

    public JsonPositions Positions { get; }

    public JsonNode? Root { get; }

    /// <summary>Reads and parses <paramref name="path"/>; returns null and adds the problems (named <paramref name="shownAs"/>) when it cannot.</summary>
    public static JsonInput? Read(string path, string shownAs, List<ExperimentProblem> problems)
    {
        var raw = InputFile.TryReadAll(path, InputFile.MaxJsonBytes, out var problem);
        if (raw is null)
        {
            problems.Add(new ExperimentProblem(shownAs, "$", 0, 0, problem!));
            return null;
        }
        var json = raw.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? raw[Encoding.UTF8.Preamble.Length..] : raw;
        if (InvalidUtf8At(json) is { } bad)
        {
            var (line, column) = LineAndColumn(json, bad);
            problems.Add(new ExperimentProblem(shownAs, "$", line, column, $"not valid UTF-8 (byte 0x{json[bad]:X2} at offset {bad}); save the file as UTF-8"));
            return null;
        }
        var positions = new JsonPositions(json);
        if (positions.Duplicates.Count > 0)
        {
            foreach (var d in positions.Duplicates)
                problems.Add(new ExperimentProblem(shownAs, d.Path, d.Line, d.Column, $"key '{d.Path[(d.Path.LastIndexOf('.') + 1)..]}' is given twice in one object (first on line {d.FirstLine}); give each key once"));
            return null;
        }
        try
        {
            return new JsonInput(raw, positions, JsonNode.Parse(json, documentOptions: Options));
        }
        catch (JsonException e)
        {
            problems.Add(new ExperimentProblem(shownAs, e.Path ?? "$", (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"not valid JSON: {FirstSentence(e.Message)}"));
            return null;
        }
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or null.</summary>
    private static int? InvalidUtf8At(byte[] utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, utf8.Length));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var read, out _, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? null : read;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static (int Line, int Column) LineAndColumn(byte[] utf8, int offset)
    {
        var line = 1;
        var start = 0;
        for (var k = 0; k < offset; k++)
        {
            if (utf8[k] == (byte)'\n')
            {
                line++;
                start = k + 1;
            }
        }
        return (line, Encoding.UTF8.GetCharCount(utf8, start, offset - start) + 1);
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
