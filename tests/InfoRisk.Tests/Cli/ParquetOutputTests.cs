using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Cli;

/// <summary>run --format parquet: timeseries and runs again as Parquet, one part per run, holding exactly the CSV's values.</summary>
public sealed class ParquetOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("inforisk-parquet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EveryRunIsOnePartAndThePartsReadBackAsTheCsvRows()
    {
        var experiment = Path.Combine(_dir, "pq.json");
        await File.WriteAllTextAsync(experiment, """
            {
              "name": "pq", "ticks": 30, "replicates": 2, "seed": 3,
              "population": { "subjects": 800, "users": 240, "providers": 2, "deployers": 3 },
              "regimes": ["use-first", "precautionary"]
            }
            """);
        var outDir = Path.Combine(_dir, "out");
        var error = new StringWriter();
        var code = await RunCommand.ExecuteAsync(new RunOptions { ExperimentPath = experiment, OutDirectory = outDir, NoPlots = true, Quiet = true, Parquet = true }, TextWriter.Null, error, CancellationToken.None);
        Assert.True(code == 0, error.ToString());
        foreach (var table in new[] { "runs", "timeseries" })
        {
            var csvRows = new List<string[]>();
            string[] header;
            using (var csv = InfoRisk.Runner.Plotting.CsvTable.Open(Path.Combine(outDir, table + ".csv")))
            {
                header = [.. csv.Headers];
                while (csv.Read()) csvRows.Add([.. Enumerable.Range(0, header.Length).Select(i => csv[i])]);
            }
            // 2 regimes x 2 replicates = 4 runs: parts 0..3, in run order, nothing else
            Assert.Equal([.. Enumerable.Range(0, 4).Select(p => ParquetTable.PartPath(outDir, table, p))], Directory.GetFiles(Path.Combine(outDir, table)).Order(StringComparer.Ordinal));
            var rows = new List<string[]>();
            for (var p = 0; p < 4; p++)
            {
                var (columns, partRows) = await ParquetTable.ReadAsync(ParquetTable.PartPath(outDir, table, p));
                Assert.Equal(header, columns.Select(c => c.Name));
                Assert.Equal(table == "runs" ? 1 : 30, partRows.Count);
                Assert.All(partRows, r => Assert.Equal(p / 2 == 0 ? "use-first" : "precautionary", r[Array.IndexOf(header, "regime")]));
                rows.AddRange(partRows);
            }
            // field by field, exactly the CSV's text
            Assert.Equal(csvRows.Count, rows.Count);
            for (var i = 0; i < rows.Count; i++) Assert.Equal(csvRows[i], rows[i]);
            // money is stored as integer fen, ratios as decimals, seeds (unsigned 64-bit) as text
            var kinds = ParquetExport.Columns(header).ToDictionary(c => c.Name, c => c.Kind);
            Assert.Equal(TableColumnKind.Money, kinds["harm_total_yuan"]);
            Assert.Equal("harm_total_fen", ParquetExport.Columns(header).Single(c => c.Name == "harm_total_yuan").ParquetName);
            Assert.Equal(TableColumnKind.Fixed, kinds["user_trust"]);
            Assert.Equal(TableColumnKind.Text, kinds["seed"]);
            if (table == "runs") Assert.Equal(TableColumnKind.Money, kinds["claims_pending_end_yuan"]);
        }
    }
}
