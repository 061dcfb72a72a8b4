using System.Globalization;
using CsvHelper;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Results;

/// <summary>Parquet parts of result tables: exact round trip against the CSV text, money as integer fen.</summary>
public sealed class ParquetTableTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "inforisk-parquet-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly TableColumn[] Columns =
    [
        new("experiment", TableColumnKind.Text),
        new("regime", TableColumnKind.Text),
        new("replicate", TableColumnKind.Count),
        new("seed", TableColumnKind.Text),
        new("records_collected", TableColumnKind.Count),
        new("harm_total_yuan", TableColumnKind.Money),
        new("compensation_yuan", TableColumnKind.Money),
        new("user_trust", TableColumnKind.Fixed, 6),
        new("diff_mean", TableColumnKind.Real),
    ];

    /// <summary>
    /// 300 rows formatted as the result writer formats them (TickRow.Format for counts, yuan and ratios; seeds as
    /// unsigned 64-bit text; signed money including -0.05; some empty fields), from seeded draws.
    /// </summary>
    private static List<string[]> Rows()
    {
        var draws = new Analysis.TestDraws(12);
        var rows = new List<string[]>();
        for (var i = 0; i < 300; i++)
        {
            var money = (long)((draws.Uniform(5 * i) - 0.3) * 1e12);
            rows.Add(
            [
                "regimes",
                i % 2 == 0 ? "dynamic-balance" : "风险预防",
                (i % 10).ToString(CultureInfo.InvariantCulture),
                (ulong.MaxValue - (ulong)i).ToString(CultureInfo.InvariantCulture),
                TickRow.Format(MetricKind.Count, (long)(draws.Uniform((5 * i) + 1) * 1e9)),
                TickRow.Format(MetricKind.Yuan, i == 7 ? -5 : money),
                i == 3 ? string.Empty : TickRow.Format(MetricKind.Yuan, (long)(draws.Uniform((5 * i) + 2) * 1e8)),
                TickRow.Format(MetricKind.Ratio, (long)(draws.Uniform((5 * i) + 3) * 1e6)),
                i == 4 ? string.Empty : ((draws.Uniform((5 * i) + 4) - 0.5) * 1e7).ToString("R", CultureInfo.InvariantCulture),
            ]);
        }
        return rows;
    }

    /// <summary>
    /// The rows go to a CSV file (CsvHelper, as the result writer does) and to a Parquet part; reading both back gives the
    /// same text in every field (exactly), the same column names and kinds, and the money columns hold integer fen under
    /// _fen names.
    /// </summary>
    [Fact]
    public async Task RoundTrip_EqualsTheCsvValuesExactly()
    {
        var rows = Rows();
        var csvPath = Path.Combine(_dir, "runs.csv");
        Directory.CreateDirectory(_dir);
        using (var writer = new StreamWriter(csvPath))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var c in Columns) csv.WriteField(c.Name);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        var fromCsv = new List<string[]>();
        using (var reader = new StreamReader(csvPath))
        using (var csv = new CsvReader(reader, CultureInfo.InvariantCulture))
        {
            csv.Read();
            csv.ReadHeader();
            while (csv.Read()) fromCsv.Add([.. Enumerable.Range(0, Columns.Length).Select(i => csv.GetField(i)!)]);
        }

        var part = ParquetTable.PartPath(_dir, "runs", 3);
        Assert.EndsWith(Path.Combine("runs", "part-00003.parquet"), part, StringComparison.Ordinal);
        await ParquetTable.WriteAsync(part, Columns, rows);
        var (columns, fromParquet) = await ParquetTable.ReadAsync(part);

        Assert.Equal(Columns, columns);
        Assert.Equal(fromCsv.Count, fromParquet.Count);
        for (var r = 0; r < fromCsv.Count; r++) Assert.Equal(fromCsv[r], fromParquet[r]);
        Assert.Equal("-0.05", fromParquet[7][5]);
        Assert.Equal(string.Empty, fromParquet[3][6]);

        // the stored money is integer fen, in columns named <metric>_fen
        await using var stream = File.OpenRead(part);
        await using var file = await Parquet.ParquetReader.CreateAsync(stream);
        Assert.Equal(["experiment", "regime", "replicate", "seed", "records_collected", "harm_total_fen", "compensation_fen", "user_trust", "diff_mean"], file.Schema.GetDataFields().Select(f => f.Name));
        using var group = file.OpenRowGroupReader(0);
        var fen = new long?[rows.Count];
        await group.ReadAsync<long>(file.Schema.GetDataFields()[5], fen.AsMemory());
        for (var r = 0; r < rows.Count; r++) Assert.Equal((long)(decimal.Parse(rows[r][5], CultureInfo.InvariantCulture) * 100), fen[r]!.Value);
        Assert.Equal(-5L, fen[7]!.Value);
        Assert.Equal(ParquetTable.MoneyMetadataValue, file.CustomMetadata[ParquetTable.MoneyMetadataKey]);
    }

    [Fact]
    public async Task MalformedFields_AreRefusedWithRowAndColumn()
    {
        var path = Path.Combine(_dir, "bad.parquet");
        var money = await Assert.ThrowsAsync<FormatException>(() => ParquetTable.WriteAsync(path, [new("harm_yuan", TableColumnKind.Money)], [["1.234"]]));
        Assert.Contains("row 0, column 'harm_yuan'", money.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FormatException>(() => ParquetTable.WriteAsync(path, [new("n", TableColumnKind.Count)], [["1.5"]]));
        await Assert.ThrowsAsync<ArgumentException>(() => ParquetTable.WriteAsync(path, [new("harm", TableColumnKind.Money)], [["1.00"]]));
        await Assert.ThrowsAsync<ArgumentException>(() => ParquetTable.WriteAsync(path, [new("a", TableColumnKind.Text)], [["x", "y"]]));
        Assert.False(File.Exists(path));
    }
}
