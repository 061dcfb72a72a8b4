using System.Globalization;
using System.Text;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Runner.Commands;

/// <summary>
/// Reference tables drawn from the declarations themselves (the parameter, lever and metric registries): printed by
/// <c>inforisk parameters</c>, and the source of docs/parameters.md and of the metric table in docs/outputs.md (tests
/// check that the committed documents equal these tables).
/// </summary>
public static class ReferenceTables
{
    /// <summary>The first metric's position among the columns of timeseries.csv (after the key columns).</summary>
    public const int FirstMetricColumn = 7;

    /// <summary>docs/parameters.md: every model parameter, grouped by the mechanism that declares it.</summary>
    public static string ParametersMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# Model parameters\n\n");
        text.Append("Every parameter of the model, declared next to the mechanism that uses it (`src/Grains/InfoRisk.Model/Mechanisms/<Mechanism>.cs`) ");
        text.Append("with its range, unit and source. This file is generated from those declarations by `inforisk parameters --markdown`, ");
        text.Append("and a test checks that it is up to date. Experiment files set parameters by name under `parameters` (docs/experiments.md); ");
        text.Append("`docs/model.md` explains each mechanism and why each default was chosen. A source of \"assumption\" means no published figure ");
        text.Append("backs the value: those parameters are the first candidates for sensitivity analysis.\n");
        foreach (var group in ParameterRegistry.All.GroupBy(d => d.Mechanism))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n## {group.Key}\n\n");
            text.Append("| parameter | type | unit | range | default | meaning | source |\n|---|---|---|---|---|---|---|\n");
            foreach (var d in group)
            {
                var type = d.Type == typeof(bool) ? "boolean" : d.IsInteger ? "integer" : "number";
                var range = d.Type == typeof(bool) ? "true, false" : $"{Number(d.Min)} to {Number(d.Max)}";
                text.Append(CultureInfo.InvariantCulture, $"| `{d.Name}` | {type} | {d.Unit} | {range} | {d.DefaultText} | {Cell(d.Meaning)} | {Cell(d.Source)} |\n");
            }
        }
        return text.ToString();
    }

    /// <summary>A plain table of the parameters for the terminal: name, mechanism, range, default and unit.</summary>
    public static string ParametersText()
    {
        var width = ParameterRegistry.All.Max(d => d.Name.Length) + 2;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{"parameter".PadRight(width)}{"mechanism",-22}{"range",-24}{"default",-12}unit\n");
        foreach (var d in ParameterRegistry.All)
        {
            var range = d.Type == typeof(bool) ? "true/false" : $"{Number(d.Min)} .. {Number(d.Max)}";
            text.Append(CultureInfo.InvariantCulture, $"{d.Name.PadRight(width)}{d.Mechanism,-22}{range,-24}{d.DefaultText,-12}{d.Unit}\n");
        }
        text.Append("sources and meanings: inforisk parameters --markdown (docs/parameters.md)\n");
        return text.ToString();
    }

    /// <summary>The rows of the metric table in docs/outputs.md §3, one per metric in column order.</summary>
    public static IReadOnlyList<string> MetricRows() =>
        [.. Metric.All.Select(m => $"| {FirstMetricColumn + m.Index} | `{m.Name}` | {Format(m.Kind)} | {m.Unit} | {(m.Nature == MetricNature.Flow ? "flow" : "stock")} | {Cell(m.Meaning)} |")];

    private static string Format(MetricKind kind) => kind switch
    {
        MetricKind.Yuan => "yuan, 2 dp",
        MetricKind.Ratio => "ratio, 6 dp",
        _ => "integer",
    };

    private static string Number(double x) => x >= 1e12 ? "no limit" : x.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
