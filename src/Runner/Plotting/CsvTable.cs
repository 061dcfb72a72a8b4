using System.Text;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// A minimal streaming RFC 4180 reader (comma separator, double-quoted fields with "" escapes and embedded line breaks).
/// The charts read only a few columns of large files, so this avoids binding to a CSV library's API.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly TextReader reader;
    private readonly List<string> fields = [];
    private readonly StringBuilder field = new();

    private CsvTable(TextReader reader, string path)
    {
        this.reader = reader;
        Path = path;
        Headers = ReadRecord() ? [.. fields] : [];
    }

    public string Path { get; }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>1-based line number of the current record's start (header = 1).</summary>
    public long Line { get; private set; } = 1;

    private long nextLine = 1;

    public static CsvTable Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"result file not found: {path}", path);
        }

        var table = new CsvTable(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), path);
        if (table.Headers.Count == 0)
        {
            table.Dispose();
            throw new InvalidDataException($"{path} has no header row");
        }

        return table;
    }

    /// <summary>Index of a header, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Headers.Count; i++)
        {
            if (Headers[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Advances to the next non-empty record.</summary>
    public bool Read()
    {
        while (ReadRecord())
        {
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field at <paramref name="index"/> of the current record; empty when the record is short.</summary>
    public string this[int index] => index >= 0 && index < fields.Count ? fields[index] : string.Empty;

    public void Dispose() => reader.Dispose();

    private bool ReadRecord()
    {
        fields.Clear();
        field.Clear();
        Line = nextLine;
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        var quoted = false;
        var atFieldStart = true;
        while (true)
        {
            if (c < 0)
            {
                fields.Add(field.ToString());
                return true;
            }

            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        nextLine++;
                    }

                    field.Append(ch);
                }
            }
            else if (ch == '"' && atFieldStart)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                c = reader.Read();
                continue;
            }
            else if (ch == '\r' || ch == '\n')
            {
                if (ch == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }

                nextLine++;
                fields.Add(field.ToString());
                return true;
            }
            else
            {
                field.Append(ch);
            }

            atFieldStart = false;
            c = reader.Read();
        }
    }
}
