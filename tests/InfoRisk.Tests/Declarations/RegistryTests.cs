using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Declarations;

/// <summary>The parameter, lever and metric registries: each item declared once, complete and consistent.</summary>
public sealed class RegistryTests
{
    [Fact]
    public void EveryParameter_IsDeclared_WithAUniqueContiguousOrdinal_AndADefaultInsideItsRange()
    {
        var all = ParameterRegistry.All;
        Assert.Equal(Enumerable.Range(0, all.Count), all.Select(d => d.Ordinal));
        Assert.Equal(all.Count, all.Select(d => d.Name).Distinct().Count());
        foreach (var d in all)
        {
            Assert.True(d.Min <= d.Max, d.Name);
            if (d.Type != typeof(bool))
            {
                var value = Convert.ToDouble(d.Default, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(value >= d.Min && value <= d.Max, $"{d.Name}: default {value} outside [{d.Min}, {d.Max}]");
            }
            Assert.False(string.IsNullOrWhiteSpace(d.Unit), $"{d.Name} has no unit");
            Assert.False(string.IsNullOrWhiteSpace(d.Meaning), $"{d.Name} has no meaning");
            Assert.False(string.IsNullOrWhiteSpace(d.Source), $"{d.Name} has no source");
            Assert.True(File.Exists(Path.Combine(Repo.Root, "src", "Grains", "InfoRisk.Model", "Mechanisms", d.Mechanism + ".cs")),
                $"{d.Name} is declared in {d.Mechanism}.cs, which is not a mechanism file");
        }
    }

    [Fact]
    public void ParametersSerialiseUnderTheirDeclaredNames_InOrdinalOrderForRunsCsv()
    {
        var json = JsonSerializer.SerializeToNode(new ModelParameters(), ModelJson.Options)!.AsObject();
        Assert.Equal(ParameterRegistry.All.Select(d => d.Name).Order(StringComparer.Ordinal), json.Select(kv => kv.Key).Order(StringComparer.Ordinal));
        Assert.Equal(ParameterRegistry.All.Select(d => d.Name), InfoRisk.Runner.Experiments.Settable.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void EveryLever_IsDeclared_WithMeaningPaperPassageAndSections_AndItsBuiltInValuesAreAllowed()
    {
        Assert.Equal(RegimeCatalog.LeverNames, LeverRegistry.All.Select(l => l.Name));
        foreach (var lever in LeverRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(lever.Meaning), lever.Name);
            Assert.False(string.IsNullOrWhiteSpace(lever.Paper), lever.Name);
            Assert.Matches(@"^\d+\.\d+(, \d+\.\d+)*$", lever.Sections);
            foreach (var regime in RegimeCatalog.BuiltInNames.Select(RegimeCatalog.Get))
            {
                var text = lever.ValueText(regime);
                if (lever.IsNumber)
                {
                    var x = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.True(x >= lever.Min && x <= lever.Max, $"{regime.Name}.{lever.Name} = {x} outside [{lever.Min}, {lever.Max}]");
                }
                else
                {
                    Assert.Contains(text, lever.AllowedValues);
                }
            }
        }
    }

    [Fact]
    public void EveryMetric_HasAUniqueName_ItsIndexAsColumn_UnitMeaningAndBothLabels()
    {
        Assert.Equal(Enumerable.Range(0, Metric.Count), Metric.All.Select(m => m.Index));
        Assert.Equal(Metric.Count, Metric.All.Select(m => m.Name).Distinct().Count());
        Assert.All(Metric.All, m =>
        {
            Assert.Matches("^[a-z][a-z0-9_]*$", m.Name);
            Assert.Equal(m.Kind == MetricKind.Yuan, m.Name.EndsWith("_yuan", StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(m.Unit));
            Assert.False(string.IsNullOrWhiteSpace(m.Meaning));
            Assert.False(string.IsNullOrWhiteSpace(m.LabelEn));
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", m.LabelZh);
            Assert.Equal(m.Index, Metric.IndexOf(m.Name));
        });
    }

    /// <summary>
    /// No file outside the registry names a metric in a string literal: code refers to the definitions. The registry is
    /// the files declaring the partial class Metric (Metrics/Metric.cs and Metrics/MetricsOf*.cs). A name that is also a
    /// model parameter's or a lever's (litigation_cost_yuan is both a parameter and a metric) cannot be told apart in a
    /// literal and is not checked.
    /// </summary>
    [Fact]
    public void NoMetricName_IsAStringLiteralOutsideTheRegistry()
    {
        var declaredElsewhere = ParameterRegistry.All.Select(p => p.Name).Concat(LeverRegistry.All.Select(l => l.Name)).ToHashSet(StringComparer.Ordinal);
        var names = Metric.All.Select(m => m.Name).Where(n => !declaredElsewhere.Contains(n)).ToList();
        Assert.True(names.Count > Metric.Count - 5, "nearly every metric name is checked");
        var offenders = new List<string>();
        var registryFiles = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            if (text.Contains("public static partial class Metric\n", StringComparison.Ordinal) && relative.StartsWith(Path.Combine("src", "Grains", "InfoRisk.Model", "Metrics"), StringComparison.Ordinal))
            {
                registryFiles++;
                continue;
            }
            offenders.AddRange(names.Where(n => text.Contains($"\"{n}\"", StringComparison.Ordinal)).Select(n => $"{relative}: \"{n}\""));
        }
        Assert.True(registryFiles >= 2, $"the registry files were not found ({registryFiles})");
        Assert.Empty(offenders);
    }
}
