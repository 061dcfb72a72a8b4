using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>
/// Declares a model parameter next to the mechanism that uses it: its allowed range, unit and source. The JSON name
/// comes from the property's <see cref="JsonPropertyNameAttribute"/>, the type and default from the property itself and
/// the owning mechanism from the file it is declared in. <paramref name="ordinal"/> is the parameter's stable position in
/// runs.csv, the schema and every list (like a serialisation id: a new parameter takes the next free number).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ParameterAttribute(int ordinal, double min, double max, [CallerFilePath] string file = "") : Attribute
{
    public int Ordinal { get; } = ordinal;
    public double Min { get; } = min;
    public double Max { get; } = max;
    public string File { get; } = file;

    /// <summary>Unit of the value, e.g. "yuan", "1/day", "probability".</summary>
    public string Unit { get; init; } = "";

    /// <summary>A published figure with its reference, or "assumption: ..." with the reason the value is plausible.</summary>
    public string Source { get; init; } = "assumption";

    /// <summary>What the parameter does, in one line.</summary>
    public string Meaning { get; init; } = "";
}

/// <summary>One model parameter as declared (see <see cref="ParameterAttribute"/>).</summary>
public sealed record ParameterDefinition(
    string Name,
    int Ordinal,
    Type Type,
    double Min,
    double Max,
    string Unit,
    string Source,
    string Mechanism,
    string Meaning,
    PropertyInfo Property,
    object Default)
{
    public bool IsInteger => Type == typeof(int) || Type == typeof(long);

    /// <summary>The default as JSON text.</summary>
    public string DefaultText => Default switch
    {
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Default.ToString() ?? "",
    };
}

/// <summary>Every model parameter, read once from the declarations on <see cref="ModelParameters"/>, in ordinal order.</summary>
public static class ParameterRegistry
{
    private static readonly Lazy<IReadOnlyList<ParameterDefinition>> Definitions = new(Read);

    public static IReadOnlyList<ParameterDefinition> All => Definitions.Value;

    public static ParameterDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    private static IReadOnlyList<ParameterDefinition> Read()
    {
        var defaults = new ModelParameters();
        var list = new List<ParameterDefinition>();
        foreach (var property in typeof(ModelParameters).GetProperties())
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null) continue;
            var declared = property.GetCustomAttribute<ParameterAttribute>()
                ?? throw new InvalidOperationException($"model parameter {name} has no [Parameter] declaration");
            list.Add(new ParameterDefinition(name, declared.Ordinal, property.PropertyType, declared.Min, declared.Max, declared.Unit,
                declared.Source, Path.GetFileNameWithoutExtension(declared.File.Replace('\\', '/')), declared.Meaning,
                property, property.GetValue(defaults)!));
        }
        list.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return list;
    }
}
