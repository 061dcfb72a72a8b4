using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Results;

namespace InfoRisk.Tests.Design;

/// <summary>Temporary experiment files and synthetic runs for the experiment-design tests.</summary>
public sealed class DesignFixture : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("inforisk-design-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    /// <summary>Writes an experiment file with the given extra top-level members and returns its path.</summary>
    public string File(string name, string extra = "", string regimes = "[\"use-first\", \"dynamic-balance\", \"precautionary\"]", int replicates = 3, int ticks = 20)
    {
        var path = Path.Combine(Dir, name + ".json");
        System.IO.File.WriteAllText(path, $$"""
            {
              "name": "{{name}}",
              "ticks": {{ticks}},
              "replicates": {{replicates}},
              "seed": 11,
              "population": { "subjects": 600, "users": 180, "providers": 2, "deployers": 3 },
              "regimes": {{regimes}}{{extra}}
            }
            """);
        return path;
    }

    public Experiment Load(string name, string extra = "", string regimes = "[\"use-first\", \"dynamic-balance\", \"precautionary\"]", int replicates = 3, int ticks = 20) =>
        ExperimentLoader.Load(File(name, extra, regimes, replicates, ticks));

    /// <summary>A synthetic run: every metric's flow on every tick is value(key, metric); stocks likewise.</summary>
    public static RunResult Synthetic(RunKey key, int ticks, Func<RunKey, int, long> value)
    {
        var rows = new List<TickRow>();
        for (var t = 0; t < ticks; t++)
        {
            var values = new long[Metric.Count];
            for (var m = 0; m < Metric.Count; m++) values[m] = value(key, m);
            rows.Add(new TickRow(t, values));
        }
        return new RunResult(key, rows);
    }

    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = System.IO.File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
