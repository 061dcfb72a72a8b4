using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Plotting;

/// <summary>
/// The one reader of result CSV files (charts, re-plotting, and the analysis at the end of a run), streaming through
/// CsvHelper's parser, and strict: a file that is not a regular file, a last row cut without its line end, a row whose
/// field count differs from the header's, a stray quote, and (through <see cref="Number"/>) a value that is not a
/// finite number are refused with an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    private readonly StreamReader _reader;
    private readonly CsvParser _parser;
    private readonly bool _endsWithLineBreak;
    private string[] _record = [];
    private string[] _next = [];
    private long _nextLine;
    private bool _started;
    private bool _hasNext;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    private CsvTable(string path, StreamReader reader, bool endsWithLineBreak)
    {
        Path = path;
        _reader = reader;
        _endsWithLineBreak = endsWithLineBreak;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            IgnoreBlankLines = true,
            BadDataFound = args => throw new InvalidDataException($"{Name} line {args.Context.Parser?.RawRow ?? 0}: a stray quote in '{Shorten(args.Field)}' (fields with a comma, quote or line break must be quoted, with quotes doubled)"),
        };
        _parser = new CsvParser(reader, configuration);
        Headers = NextRecord() ? _record : [];
        for (var i = Headers.Count - 1; i >= 0; i--) _index[Headers[i]] = i;
    }

    public string Path { get; }

    /// <summary>The file name, as errors show it.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    public IReadOnlyList<string> Headers { get; }

    /// <summary>1-based line number of the current record (header = 1).</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Opens a result file: a regular file with a header row.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not a regular file, no header row, or the last row is cut.</exception>
    public static CsvTable Open(string path)
    {
        switch (InputFile.KindOf(path))
        {
            case InputFileKind.Missing:
                throw new FileNotFoundException($"result file not found: {path}", path);
            case InputFileKind.Directory:
            case InputFileKind.Special:
                throw new InvalidDataException($"{path}: {InputFile.Problem(path)}");
        }

        var endsWithLineBreak = true;
        using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (probe.Length > 0)
            {
                probe.Seek(-1, SeekOrigin.End);
                endsWithLineBreak = probe.ReadByte() == '\n';
            }
        }

        var table = new CsvTable(path, new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16), endsWithLineBreak);
        if (table.Headers.Count == 0)
        {
            table.Dispose();
            throw new InvalidDataException($"{path} has no header row");
        }

        return table;
    }

    /// <summary>Index of a header, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Advances to the next record; refuses a record with another field count than the header, or a last row cut without its line end.</summary>
    public bool Read()
    {
        if (!NextRecord())
        {
            return false;
        }

        if (_record.Length != Headers.Count)
        {
            throw new InvalidDataException($"{Name} line {Line}: {_record.Length} field(s), but the header has {Headers.Count}: the row is cut or damaged");
        }

        return true;
    }

    /// <summary>The field at <paramref name="index"/> of the current record; empty for a missing column (-1).</summary>
    public string this[int index] => index >= 0 && index < _record.Length ? _record[index] : string.Empty;

    /// <summary>
    /// The finite number at <paramref name="index"/>. An empty field is NaN when <paramref name="optional"/> (a statistic
    /// that is undefined, e.g. an sd with one replicate), else refused; text, NaN and infinities are always refused.
    /// </summary>
    public double Number(int index, bool optional = false)
    {
        var text = this[index];
        if (text.Length == 0 && optional)
        {
            return double.NaN;
        }

        return Finite(text, Name, Line, index >= 0 && index < Headers.Count ? Headers[index] : "?", optional);
    }

    /// <summary>Parses a finite invariant-culture number, or throws naming the file, line and column.</summary>
    public static double Finite(string text, string file, long line, string column, bool emptyAllowed)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
        {
            return v;
        }

        var allowed = emptyAllowed ? "a finite number or empty" : "a finite number";
        throw new InvalidDataException($"{file} line {line}: '{Shorten(text)}' in column '{column}' is not allowed; allowed: {allowed}");
    }

    public void Dispose()
    {
        _parser.Dispose();
        _reader.Dispose();
    }

    /// <summary>
    /// Moves to the next record, reading one record ahead: only then is it known whether the record is the file's last,
    /// which must end with a line break (the writer ends every row with one; a file cut mid-row does not).
    /// </summary>
    private bool NextRecord()
    {
        if (!_started)
        {
            _started = true;
            _hasNext = ParseOne(out _next, out _nextLine);
        }

        if (!_hasNext)
        {
            return false;
        }

        _record = _next;
        Line = _nextLine;
        _hasNext = ParseOne(out _next, out _nextLine);
        if (!_hasNext && !_endsWithLineBreak)
        {
            throw new InvalidDataException($"{Name} line {Line}: the file ends in the middle of this row (no line break after it, as the writer always puts one): the file was cut, e.g. by a full disk or an unfinished copy");
        }

        return true;
    }

    private bool ParseOne(out string[] record, out long line)
    {
        record = [];
        line = 0;
        try
        {
            if (!_parser.Read())
            {
                return false;
            }
        }
        catch (CsvHelperException e) when (e is not BadDataException)
        {
            throw new InvalidDataException($"{Name} line {_parser.RawRow}: not readable as CSV: {e.Message.Split('\n')[0]}", e);
        }

        record = _parser.Record ?? [];
        line = _parser.RawRow;
        return true;
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 40 ? text : text[..40] + "...";
}
