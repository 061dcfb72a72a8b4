using System.Text;
using System.Text.Json;

namespace InfoRisk.Runner.Experiments;

/// <summary>Maps JSON paths ($.a.b[2].c) of a document to the line and column where each value starts.</summary>
public sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);
    private readonly List<(string Path, int Line, int Column, int FirstLine)> _duplicates = [];

    /// <summary>Keys given twice in one object: the JSON path, where the repeat is, and the line of the first.</summary>
    public IReadOnlyList<(string Path, int Line, int Column, int FirstLine)> Duplicates => _duplicates;

    public JsonPositions(byte[] utf8)
    {
        var lineStarts = new List<int> { 0 };
        for (var k = 0; k < utf8.Length; k++)
        {
            if (utf8[k] == (byte)'\n') lineStarts.Add(k + 1);
        }
        (int, int) Position(long offset)
        {
            var line = lineStarts.BinarySearch((int)offset);
            if (line < 0) line = ~line - 1;
            var column = Encoding.UTF8.GetCharCount(utf8, lineStarts[line], (int)offset - lineStarts[line]) + 1;
            return (line + 1, column);
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, bool IsArray, int Index)>();
        string? pendingProperty = null;
        try
        {
            while (reader.Read())
            {
                string PathOfValue()
                {
                    if (stack.Count == 0) return "$";
                    var top = stack.Pop();
                    string path;
                    if (top.IsArray)
                    {
                        path = $"{top.Path}[{top.Index}]";
                        top.Index++;
                    }
                    else
                    {
                        path = $"{top.Path}.{pendingProperty}";
                    }
                    stack.Push(top);
                    return path;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        {
                            pendingProperty = reader.GetString();
                            var key = $"{stack.Peek().Path}.{pendingProperty}";
                            var at = Position(reader.TokenStartIndex);
                            if (!_positions.TryAdd(key + "#key", at)) _duplicates.Add((key, at.Item1, at.Item2, _positions[key + "#key"].Line));
                            break;
                        }
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        {
                            var path = PathOfValue();
                            _positions.TryAdd(path, Position(reader.TokenStartIndex));
                            stack.Push((path, reader.TokenType == JsonTokenType.StartArray, 0));
                            break;
                        }
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        _positions.TryAdd(PathOfValue(), Position(reader.TokenStartIndex));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // syntax errors are reported by the loader; positions found so far are kept
        }
    }

    /// <summary>Line and column of a value, or of a property's key when <paramref name="key"/> is true; (0, 0) if unknown.</summary>
    public (int Line, int Column) Of(string path, bool key = false) =>
        _positions.TryGetValue(key ? path + "#key" : path, out var p) ? p : (0, 0);
}
