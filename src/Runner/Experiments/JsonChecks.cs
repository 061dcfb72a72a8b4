using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InfoRisk.Runner.Experiments;

/// <summary>A range { "min": a, "max": b } as read from a file (a &lt; b).</summary>
public readonly record struct ValueRange(double Min, double Max);

/// <summary>
/// The value checks of one JSON file (an experiment file, or a regime file it loads): each problem is added to a shared
/// list with the file, the line and column of the JSON path (<see cref="JsonPositions"/>), what is wrong and what is
/// allowed. Nothing throws: the loader reports every problem at once.
/// </summary>
public sealed class JsonChecks(string file, JsonPositions? positions, List<ExperimentProblem> problems)
{
    public string File { get; } = file;

    public List<ExperimentProblem> Problems { get; } = problems;

    public bool HasProblems => Problems.Count > 0;

    public void Problem(string path, string message, bool key = false)
    {
        var (line, column) = positions?.Of(path, key) ?? (0, 0);
        if (line == 0 && positions is not null)
        {
            // a missing key: point at the object that should hold it
            var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "$";
            (line, column) = positions.Of(parent);
        }
        Problems.Add(new ExperimentProblem(File, path, line, column, message));
    }

    public void CheckKeys(JsonObject o, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in o)
        {
            if (!allowed.Contains(key))
                Problem($"{path}.{key}", $"unknown key '{key}'{Suggest.DidYouMean(key, allowed)}; allowed keys here: {string.Join(", ", allowed)}", key: true);
        }
    }

    /// <summary>The object at <paramref name="key"/>, or null (with a problem when it is there but not an object).</summary>
    public JsonObject? OptionalObject(JsonObject o, string key, string path, string example)
    {
        if (o[key] is null) return null;
        if (o[key] is JsonObject inner) return inner;
        Problem(path, $"must be an object, e.g. {example}");
        return null;
    }

    public string? RequiredString(JsonObject o, string key, string path)
    {
        if (!o.ContainsKey(key))
        {
            Problem(path, "is required (a string)");
            return null;
        }
        return OptionalString(o, key, path);
    }

    public string? OptionalString(JsonObject o, string key, string path)
    {
        if (o[key] is null) return null;
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String) return v.GetValue<string>();
        Problem(path, $"must be a string, not {o[key]!.ToJsonString()}");
        return null;
    }

    /// <summary>A string that must be one of <paramref name="allowed"/> (null when absent or refused).</summary>
    public string? OptionalChoice(JsonObject o, string key, string path, IReadOnlyList<string> allowed)
    {
        var value = OptionalString(o, key, path);
        if (value is null || allowed.Contains(value)) return value;
        Problem(path, $"'{value}' is not allowed; allowed values: {string.Join(", ", allowed)}{Suggest.DidYouMean(value, allowed)}");
        return null;
    }

    public long RequiredInteger(JsonObject o, string key, string path, long min, long max)
    {
        if (!o.ContainsKey(key))
        {
            Problem(path, $"is required (a whole number from {min} to {max})");
            return min;
        }
        return OptionalInteger(o, key, path, min, max, min);
    }

    public long OptionalInteger(JsonObject o, string key, string path, long min, long max, long fallback)
    {
        if (!o.ContainsKey(key)) return fallback;
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n))
        {
            if (n >= min && n <= max) return n;
            Problem(path, $"{n} is out of range; allowed: {min} to {max}");
            return fallback;
        }
        Problem(path, $"must be a whole number from {min} to {max}, not {o[key]?.ToJsonString() ?? "null"}");
        return fallback;
    }

    /// <summary>A finite number in [<paramref name="min"/>, <paramref name="max"/>] (exclusive bounds when asked), or <paramref name="fallback"/> with a problem.</summary>
    public double OptionalNumber(JsonObject o, string key, string path, double min, double max, double fallback, bool minExclusive = false)
    {
        if (!o.ContainsKey(key)) return fallback;
        return Number(o[key], path, min, max, minExclusive) ?? fallback;
    }

    public double? RequiredNumber(JsonObject o, string key, string path, double min, double max, bool minExclusive = false)
    {
        if (o.ContainsKey(key)) return Number(o[key], path, min, max, minExclusive);
        Problem(path, $"is required (a number {(minExclusive ? "above" : "from")} {Show(min)}{(max >= 1e12 ? "" : $" to {Show(max)}")})");
        return null;
    }

    /// <summary>The finite number of a node, in range; null with a problem otherwise.</summary>
    public double? Number(JsonNode? node, string path, double min, double max, bool minExclusive = false)
    {
        var allowed = $"a number {(minExclusive ? "above" : "from")} {Show(min)}{(max >= 1e12 ? "" : $" to {Show(max)}")}";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            Problem(path, $"must be {allowed}, not {node?.ToJsonString() ?? "null"}");
            return null;
        }
        var d = v.GetValue<double>();
        if (!double.IsFinite(d) || d > max || (minExclusive ? d <= min : d < min))
        {
            Problem(path, $"{v.ToJsonString()} is out of range; allowed: {allowed}");
            return null;
        }
        return d;
    }

    public ulong RequiredUnsigned(JsonObject o, string key, string path)
    {
        if (o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<ulong>(out var n)) return n;
        Problem(path, o.ContainsKey(key) ? $"must be a whole number from 0 to {ulong.MaxValue}, not {o[key]?.ToJsonString() ?? "null"}" : "is required (a whole number, the master seed)");
        return 0;
    }

    public bool OptionalBool(JsonObject o, string key, string path, bool fallback)
    {
        if (!o.ContainsKey(key)) return fallback;
        if (o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        Problem(path, "must be true or false");
        return fallback;
    }

    /// <summary>A non-empty list of metric names (columns of timeseries.csv), each once; null when absent or refused.</summary>
    public List<string>? MetricList(JsonObject o, string key, string path)
    {
        if (o[key] is null) return null;
        var allMetrics = Model.Metrics.Metric.All.Select(m => m.Name).ToList();
        if (o[key] is not JsonArray list || list.Count == 0)
        {
            Problem(path, $"must be a non-empty list of metric names (columns of timeseries.csv), e.g. [\"{Model.Metrics.Metric.HarmTotalYuan.Name}\", \"{Model.Metrics.Metric.SocialWelfareYuan.Name}\"]");
            return null;
        }
        var metrics = new List<string>();
        for (var k = 0; k < list.Count; k++)
        {
            var m = list[k] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (m is null || !allMetrics.Contains(m))
                Problem($"{path}[{k}]", $"unknown metric {list[k]?.ToJsonString() ?? "null"}{(m is null ? "" : Suggest.DidYouMean(m, allMetrics))}; metrics are the columns of timeseries.csv (docs/outputs.md)");
            else if (!metrics.Contains(m)) metrics.Add(m);
        }
        return metrics;
    }

    /// <summary>Checks a parameter or lever value against its declaration: an allowed name, true/false, or a number (whole when declared so) in the declared range.</summary>
    public bool CheckValue(Settable declared, JsonNode? value, string path)
    {
        if (declared.IsEnum)
        {
            var allowed = declared.AllowedValues;
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && allowed.Contains(v.GetValue<string>())) return true;
            var given = value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : value?.ToJsonString() ?? "null";
            Problem(path, $"'{given}' is not allowed; allowed values: {string.Join(", ", allowed)}{Suggest.DidYouMean(given, allowed)}");
            return false;
        }
        if (declared.IsBoolean)
        {
            if (value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return true;
            Problem(path, $"must be true or false, not {value?.ToJsonString() ?? "null"}");
            return false;
        }
        var integer = declared.IsInteger;
        if (value is not JsonValue n || n.GetValueKind() != JsonValueKind.Number)
        {
            Problem(path, $"must be a number{(integer ? " (whole)" : "")} from {Show(declared.Min)} to {Show(declared.Max)}, not {value?.ToJsonString() ?? "null"}");
            return false;
        }
        var d = n.GetValue<double>();
        if (integer && (d != Math.Floor(d) || !n.TryGetValue<long>(out _)))
        {
            Problem(path, $"must be a whole number from {Show(declared.Min)} to {Show(declared.Max)}, not {n.ToJsonString()}");
            return false;
        }
        if (declared.Type == typeof(int) && (d > int.MaxValue || d < int.MinValue))
        {
            Problem(path, $"{n.ToJsonString()} is out of range; allowed: {Show(declared.Min)} to {Show(declared.Max)}");
            return false;
        }
        if (d < declared.Min || d > declared.Max || !double.IsFinite(d))
        {
            Problem(path, $"{n.ToJsonString()} is out of range; allowed: {Show(declared.Min)} to {Show(declared.Max)}");
            return false;
        }
        return true;
    }

    /// <summary>{ "min": a, "max": b } within the declared range, with a &lt; b.</summary>
    public ValueRange? Range(JsonNode? value, string path, Settable declared)
    {
        if (value is not JsonObject o || !o.ContainsKey("min") || !o.ContainsKey("max"))
        {
            Problem(path, $"must be a range {{ \"min\": a, \"max\": b }} with {Show(declared.Min)} <= a < b <= {Show(declared.Max)}");
            return null;
        }
        var okMin = CheckValue(declared, o["min"], $"{path}.min");
        var okMax = CheckValue(declared, o["max"], $"{path}.max");
        if (!okMin || !okMax) return null;
        var min = o["min"]!.GetValue<double>();
        var max = o["max"]!.GetValue<double>();
        if (!(min < max))
        {
            Problem($"{path}.max", $"max ({Show(max)}) must be greater than min ({Show(min)})");
            return null;
        }
        return new ValueRange(min, max);
    }

    /// <summary>A bound as messages write it: "any" for the registries' open upper bounds (1e12 and more).</summary>
    public static string Show(double v) => v >= 1e12 ? "any" : v.ToString("0.######", CultureInfo.InvariantCulture);
}
