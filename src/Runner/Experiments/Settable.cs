using System.Text.Json;
using System.Text.Json.Nodes;
using InfoRisk.Model.Configuration;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// A value an experiment file may set, exactly as its registry declares it: a model parameter
/// (<see cref="ParameterRegistry"/>: type, range, unit, meaning, default) or a regime lever (<see cref="LeverRegistry"/>:
/// type, range or allowed values, meaning). The loader, the schema and the regime search read types and ranges from
/// here and nowhere else.
/// </summary>
public sealed record Settable(string Name, bool IsLever, Type Type, double Min, double Max, IReadOnlyList<string> AllowedValues, string Unit, string Meaning, object? Default)
{
    /// <summary>Every model parameter, in ordinal order (the order of runs.csv's param_ columns).</summary>
    public static readonly IReadOnlyList<Settable> Parameters = [.. ParameterRegistry.All.Select(Of)];

    /// <summary>Every regime lever, in declaration order (the order of runs.csv's lever_ columns).</summary>
    public static readonly IReadOnlyList<Settable> Levers = [.. LeverRegistry.All.Select(Of)];

    private static readonly Dictionary<string, Settable> ParameterIndex = Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, Settable> LeverIndex = Levers.ToDictionary(l => l.Name, StringComparer.Ordinal);

    public bool IsEnum => Type.IsEnum;

    public bool IsBoolean => Type == typeof(bool);

    public bool IsInteger => Type == typeof(int) || Type == typeof(long);

    /// <summary>A number (whole or not): what a range, a Latin hypercube or a distribution can vary.</summary>
    public bool IsNumeric => !IsEnum && !IsBoolean;

    /// <summary>The column of runs.csv and scenarios.csv: <c>param_&lt;name&gt;</c> or <c>lever_&lt;name&gt;</c>.</summary>
    public string Column => (IsLever ? "lever_" : "param_") + Name;

    /// <summary>"model parameter" or "lever", as messages say.</summary>
    public string Kind => IsLever ? "lever" : "model parameter";

    public static Settable? Parameter(string name) => ParameterIndex.GetValueOrDefault(name);

    public static Settable? Lever(string name) => LeverIndex.GetValueOrDefault(name);

    public static IReadOnlyCollection<string> ParameterNames => ParameterIndex.Keys;

    public static IReadOnlyCollection<string> LeverNames => LeverIndex.Keys;

    /// <summary>A sampled or stepped number as JSON: whole-number values rounded (half away from zero).</summary>
    public JsonNode Node(double value) =>
        IsInteger ? JsonValue.Create((long)Math.Round(value, MidpointRounding.AwayFromZero)) : JsonValue.Create(value);

    /// <summary>The JSON names of an enum's values (snake_case, as ModelJson writes them).</summary>
    public static IReadOnlyList<string> EnumValues(Type type) => [.. Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)];

    private static Settable Of(ParameterDefinition d) =>
        new(d.Name, false, d.Type, d.Min, d.Max, d.Type.IsEnum ? EnumValues(d.Type) : d.Type == typeof(bool) ? ["false", "true"] : [], d.Unit, d.Meaning, d.Default);

    private static Settable Of(LeverDefinition d) =>
        new(d.Name, true, d.Type, d.Min, d.Max, d.AllowedValues, "", d.Meaning, null);
}
