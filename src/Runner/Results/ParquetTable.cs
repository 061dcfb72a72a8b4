using System.Globalization;
using InfoRisk.Model.Metrics;
using Parquet;
using Parquet.Schema;

namespace InfoRisk.Runner.Results;

/// <summary>How a column of a result table is stored in Parquet.</summary>
public enum TableColumnKind
{
    /// <summary>UTF-8 string, written as given (empty stays empty).</summary>
    Text,

    /// <summary>64-bit integer (INT64); an empty field is null.</summary>
    Count,

    /// <summary>
    /// Money: the CSV column <c>&lt;name&gt;_yuan</c> with exactly 2 decimals becomes the INT64 column <c>&lt;name&gt;_fen</c>
    /// holding integer fen (yuan x 100), exact; an empty field is null.
    /// </summary>
    Money,

    /// <summary>A fixed-point number with <see cref="TableColumn.Decimals"/> decimals (ratios: 6), as DECIMAL(18, decimals); an empty field is null.</summary>
    Fixed,

    /// <summary>A double (DOUBLE); an empty field is null.</summary>
    Real,
}

/// <summary>A column of a result table: its CSV name and how it is stored.</summary>
public sealed record TableColumn(string Name, TableColumnKind Kind, int Decimals = 0)
{
    /// <summary>The column's name in Parquet: the CSV name, except money columns, whose <c>_yuan</c> suffix becomes <c>_fen</c>.</summary>
    public string ParquetName => Kind == TableColumnKind.Money ? Name[..^"_yuan".Length] + "_fen" : Name;
}

/// <summary>
/// Writes the rows of a result table (the same text fields the CSV writer writes) as a Parquet file, one file per
/// part (<see cref="PartPath"/>), and reads such a file back into the same text. Money is stored as integer fen in
/// INT64 columns named <c>&lt;metric&gt;_fen</c> (so <c>harm_total_yuan</c> is <c>harm_total_fen</c>); the file's key-value
/// metadata says so under <c>inforisk.money</c>. Independent of the CSV writer: the caller names the columns and kinds.
/// </summary>
public static class ParquetTable
{
    /// <summary>The metadata key describing the money columns.</summary>
    public const string MoneyMetadataKey = "inforisk.money";

    /// <summary>The metadata value: the column naming rule.</summary>
    public const string MoneyMetadataValue = "integer fen: column <name>_fen holds CSV column <name>_yuan x 100";

    /// <summary>Part <paramref name="part"/> of table <paramref name="table"/>: <c>&lt;directory&gt;/&lt;table&gt;/part-00000.parquet</c>.</summary>
    public static string PartPath(string directory, string table, int part) =>
        Path.Combine(directory, table, "part-" + part.ToString("D5", CultureInfo.InvariantCulture) + ".parquet");

    /// <summary>
    /// Writes <paramref name="rows"/> (one text field per column, as in the CSV file) to <paramref name="path"/> as one row
    /// group; the file is written next to the target and moved into place when complete. A field that does not parse as
    /// its column's kind (or money not in whole fen) is refused with its row and column.
    /// </summary>
    public static async Task WriteAsync(string path, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var c in columns)
        {
            if (c.Kind == TableColumnKind.Money && !c.Name.EndsWith("_yuan", StringComparison.Ordinal))
            {
                throw new ArgumentException($"money column '{c.Name}' must end in _yuan (it is stored as <name>_fen)", nameof(columns));
            }
            if (c.Kind == TableColumnKind.Fixed && c.Decimals is < 0 or > 12) throw new ArgumentException($"column '{c.Name}': 0 to 12 decimals", nameof(columns));
        }
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != columns.Count) throw new ArgumentException($"row {r} has {rows[r].Count} fields, expected {columns.Count}", nameof(rows));
        }

        var fields = columns.Select(Field).ToArray();
        var schema = new ParquetSchema(fields);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string> { [MoneyMetadataKey] = MoneyMetadataValue };
            using var group = writer.CreateRowGroup();
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var field = fields[c];
                switch (column.Kind)
                {
                    case TableColumnKind.Text:
                        await group.WriteAsync(field, rows.Select(r => r[c]).ToArray()).ConfigureAwait(false);
                        break;
                    case TableColumnKind.Count:
                    case TableColumnKind.Money:
                        await group.WriteAsync<long>(field, rows.Select((r, i) => ParseLong(column, r[c], i)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    case TableColumnKind.Fixed:
                        await group.WriteAsync<decimal>(field, rows.Select((r, i) => ParseDecimal(column, r[c], i)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        await group.WriteAsync<double>(field, rows.Select((r, i) => ParseDouble(column, r[c], i)).ToArray(), cancellationToken: cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Reads a file written by <see cref="WriteAsync"/>: the columns (CSV names and kinds, from the Parquet schema) and
    /// every row as the CSV text (money as yuan with 2 decimals, fixed-point with its decimals, reals in round-trip form,
    /// nulls as empty fields).
    /// </summary>
    public static async Task<(IReadOnlyList<TableColumn> Columns, IReadOnlyList<string[]> Rows)> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var moneyRule = reader.CustomMetadata.TryGetValue(MoneyMetadataKey, out var rule) && rule == MoneyMetadataValue;
        var fields = reader.Schema.GetDataFields();
        var columns = fields.Select(f => Column(f, moneyRule)).ToList();
        var rows = new List<string[]>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var block = new string[count][];
            for (var r = 0; r < count; r++) block[r] = new string[fields.Length];
            for (var c = 0; c < fields.Length; c++)
            {
                var column = columns[c];
                switch (column.Kind)
                {
                    case TableColumnKind.Text:
                        {
                            var values = new string?[count];
                            await group.ReadAsync(fields[c], values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                            for (var r = 0; r < count; r++) block[r][c] = values[r] ?? string.Empty;
                            break;
                        }
                    case TableColumnKind.Count:
                    case TableColumnKind.Money:
                        {
                            var values = new long?[count];
                            await group.ReadAsync<long>(fields[c], values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                            for (var r = 0; r < count; r++)
                            {
                                block[r][c] = values[r] is not { } v ? string.Empty
                                    : column.Kind == TableColumnKind.Money ? TickRow.FormatFixed(v, 100, 2) : v.ToString(CultureInfo.InvariantCulture);
                            }
                            break;
                        }
                    case TableColumnKind.Fixed:
                        {
                            var values = new decimal?[count];
                            await group.ReadAsync<decimal>(fields[c], values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                            var scale = Pow10(column.Decimals);
                            for (var r = 0; r < count; r++)
                            {
                                block[r][c] = values[r] is not { } v ? string.Empty
                                    : column.Decimals == 0 ? ((long)v).ToString(CultureInfo.InvariantCulture) : TickRow.FormatFixed((long)(v * scale), (long)scale, column.Decimals);
                            }
                            break;
                        }
                    default:
                        {
                            var values = new double?[count];
                            await group.ReadAsync<double>(fields[c], values.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                            for (var r = 0; r < count; r++) block[r][c] = values[r] is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
                            break;
                        }
                }
            }
            rows.AddRange(block);
        }
        return (columns, rows);
    }

    private static DataField Field(TableColumn column) => column.Kind switch
    {
        TableColumnKind.Text => new DataField<string>(column.Name),
        TableColumnKind.Count or TableColumnKind.Money => new DataField<long?>(column.ParquetName),
        TableColumnKind.Fixed => new DecimalDataField(column.Name, 18, column.Decimals, isNullable: true),
        _ => new DataField<double?>(column.Name),
    };

    private static TableColumn Column(DataField field, bool moneyRule)
    {
        if (field is DecimalDataField d) return new TableColumn(field.Name, TableColumnKind.Fixed, d.Scale);
        var type = Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType;
        if (type == typeof(long))
        {
            return moneyRule && field.Name.EndsWith("_fen", StringComparison.Ordinal)
                ? new TableColumn(field.Name[..^"_fen".Length] + "_yuan", TableColumnKind.Money)
                : new TableColumn(field.Name, TableColumnKind.Count);
        }
        if (type == typeof(double)) return new TableColumn(field.Name, TableColumnKind.Real);
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>)) return new TableColumn(field.Name, TableColumnKind.Text);
        throw new InvalidDataException($"column '{field.Name}' has type {type.Name}, which a result table does not use");
    }

    private static long? ParseLong(TableColumn column, string text, int row)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (column.Kind == TableColumnKind.Count)
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, text, row, "an integer");
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var yuan)) throw Bad(column, text, row, "yuan");
        var fen = yuan * 100;
        return fen == decimal.Truncate(fen) ? (long)fen : throw Bad(column, text, row, "yuan in whole fen (at most 2 decimals)");
    }

    private static decimal? ParseDecimal(TableColumn column, string text, int row)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)) throw Bad(column, text, row, "a decimal number");
        var scaled = v * Pow10(column.Decimals);
        return scaled == decimal.Truncate(scaled) ? v : throw Bad(column, text, row, $"a number with at most {column.Decimals} decimals");
    }

    private static double? ParseDouble(TableColumn column, string text, int row)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bad(column, text, row, "a number");
    }

    private static decimal Pow10(int decimals)
    {
        var p = 1m;
        for (var i = 0; i < decimals; i++) p *= 10;
        return p;
    }

    private static FormatException Bad(TableColumn column, string text, int row, string expected) =>
        new($"row {row}, column '{column.Name}': '{text}' is not {expected}");
}
