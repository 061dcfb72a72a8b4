using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Model;

public class SmokeTmp
{
    [Fact]
    public void Runs()
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        foreach (var name in RegimeCatalog.BuiltInNames)
        {
            var rows = PlainRun.Run(new RunSpec { Seed = 42, Ticks = 365, CohortSize = 8192, Population = new Population { Subjects = 20000, Users = 6000 }, Regime = RegimeCatalog.Get(name) });
            var sums = new long[Metric.Count];
            foreach (var r in rows) for (var m = 0; m < Metric.Count; m++) sums[m] += r.Values[m];
            Console.WriteLine($"{name} {sw.ElapsedMilliseconds}ms");
            for (var m = 0; m < Metric.Count; m++) Console.WriteLine($"  {Metric.All[m].Name} sum={sums[m]} last={rows[^1].Values[m]}");
        }
        Assert.NotEmpty(RegimeCatalog.BuiltInNames);
    }
}
