using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Plotting;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// Everything the explorer page builds its form and charts from, read from the registries: every lever
/// (<see cref="LeverRegistry"/>: type, allowed values or range, meaning, paper passage, docs sections), the four
/// built-in regimes as presets (<see cref="RegimeCatalog"/>) with their house colours (<see cref="Palette"/>), the
/// headline metrics (<see cref="Metric"/>: name, unit, en/zh label, meaning, flow or stock) and the chart texts
/// (<see cref="ChartText"/>). Nothing on the page is a hand-written copy of these.
/// </summary>
public static class ExplorerModel
{
    public static JsonObject Describe() => new()
    {
        ["levers"] = new JsonArray([.. LeverRegistry.All.Select(Lever)]),
        ["regimes"] = new JsonArray([.. RegimeCatalog.BuiltInNames.Select(Preset)]),
        ["metrics"] = new JsonArray([.. Headline.Metrics.Select(MetricJson)]),
        ["texts"] = new JsonObject { ["en"] = Texts("en"), ["zh"] = Texts("zh") },
        ["defaults"] = ExplorerRequest.Defaults,
        ["experimentFile"] = ExplorerRequest.FileName,
    };

    /// <summary>The control a lever gets: enum (a select of its allowed values), bool (a checkbox), integer or number (declared range).</summary>
    public static string ControlKind(LeverDefinition lever) =>
        lever.IsEnum ? "enum" : lever.IsBoolean ? "bool" : lever.IsInteger ? "integer" : "number";

    private static JsonNode Lever(LeverDefinition l)
    {
        var o = new JsonObject
        {
            ["name"] = l.Name,
            ["kind"] = ControlKind(l),
            ["meaning"] = l.Meaning,
            ["paper"] = l.Paper,
            ["sections"] = l.Sections,
        };
        if (l.IsEnum) o["allowed"] = new JsonArray([.. l.AllowedValues.Select(v => JsonValue.Create(v))]);
        if (l.IsNumber)
        {
            o["min"] = l.Min;
            o["max"] = l.Max;
        }
        return o;
    }

    private static JsonNode Preset(string name)
    {
        var regime = RegimeCatalog.Get(name);
        // the values as the program reads them (the regime serialised), not the file's spelling (1.0 is 1)
        var document = JsonSerializer.SerializeToNode(regime, ModelJson.Options)!.AsObject();
        var levers = new JsonObject();
        foreach (var l in LeverRegistry.All) levers[l.Name] = document[l.Name]?.DeepClone();
        var color = Palette.ForRegimes(RegimeCatalog.BuiltInNames)[name];
        return new JsonObject
        {
            ["name"] = name,
            ["en"] = ChartText.Regime("en", name),
            ["zh"] = ChartText.Regime("zh", name),
            ["description"] = regime.Description,
            ["color"] = $"#{color.R:X2}{color.G:X2}{color.B:X2}",
            ["levers"] = levers,
        };
    }

    public static JsonNode MetricJson(MetricDefinition m) => new JsonObject
    {
        ["name"] = m.Name,
        ["unit"] = m.Unit,
        ["runUnit"] = Headline.RunUnit(m),
        ["kind"] = m.Kind.ToString().ToLowerInvariant(),
        ["nature"] = m.Nature.ToString().ToLowerInvariant(),
        ["en"] = m.LabelEn,
        ["zh"] = m.LabelZh,
        ["meaning"] = m.Meaning,
    };

    /// <summary>The chart texts the page draws, from the house chart text table.</summary>
    public static JsonObject Texts(string language) => new()
    {
        ["timeAxis"] = ChartText.Get(language, ChartText.TimeAxis),
        ["band95"] = ChartText.Get(language, ChartText.Band95),
        ["meanCi"] = ChartText.Get(language, ChartText.MeanCi),
        ["difference"] = ChartText.Get(language, ChartText.DifferenceAxis),
        ["titleDifference"] = ChartText.Get(language, ChartText.TitleBaselineDifference),
    };
}
