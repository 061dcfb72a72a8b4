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
        Assert.Equal(ParameterRegistry.All.Select(d => d.Name), InfoRisk.Runner.Experiments.ExperimentLoader.ParameterProperties.Keys);
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

    /// <summary>No file outside the registry names a metric in a string literal: code refers to the definitions.</summary>
    [Fact]
    public void NoMetricName_IsAStringLiteralOutsideTheRegistry()
    {
        var registry = Path.Combine("src", "Grains", "InfoRisk.Model", "Metrics", "Metric.cs");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Root, file);
            if (relative == registry || relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            var text = File.ReadAllText(file);
            offenders.AddRange(Metric.All.Where(m => text.Contains($"\"{m.Name}\"", StringComparison.Ordinal)).Select(m => $"{relative}: \"{m.Name}\""));
        }
        Assert.Empty(offenders);
    }
}
