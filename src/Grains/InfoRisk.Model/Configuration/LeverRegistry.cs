using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InfoRisk.Model.Configuration;

/// <summary>One regime lever as declared on <see cref="Regime"/> (see <see cref="LeverAttribute"/>).</summary>
public sealed record LeverDefinition(
    string Name,
    Type Type,
    double Min,
    double Max,
    IReadOnlyList<string> AllowedValues,
    string Meaning,
    string Paper,
    string Sections,
    PropertyInfo Property)
{
    public bool IsEnum => Type.IsEnum;
    public bool IsBoolean => Type == typeof(bool);
    public bool IsInteger => Type == typeof(int) || Type == typeof(long);
    public bool IsNumber => !IsEnum && !IsBoolean;

    /// <summary>The lever's value in a regime as JSON text without quotes (for runs.csv and the regimes command).</summary>
    public string ValueText(Regime regime) => RegimeCatalog.LeverValue(regime, Name);
}

/// <summary>Every regime lever, read once from the declarations on <see cref="Regime"/>, in declaration order.</summary>
public static class LeverRegistry
{
    private static readonly Lazy<IReadOnlyList<LeverDefinition>> Definitions = new(Read);

    public static IReadOnlyList<LeverDefinition> All => Definitions.Value;

    public static LeverDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    private static IReadOnlyList<LeverDefinition> Read()
    {
        var list = new List<LeverDefinition>();
        foreach (var property in typeof(Regime).GetProperties())
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null || name is "name" or "description") continue;
            var declared = property.GetCustomAttribute<LeverAttribute>()
                ?? throw new InvalidOperationException($"regime lever {name} has no [Lever] declaration");
            var type = property.PropertyType;
            IReadOnlyList<string> allowed = type.IsEnum
                ? [.. Enum.GetNames(type).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName)]
                : type == typeof(bool) ? ["false", "true"] : [];
            list.Add(new LeverDefinition(name, type, declared.Min, declared.Max, allowed, declared.Meaning, declared.Paper, declared.Sections, property));
        }
        return list;
    }
}
