using System.Text.Json.Nodes;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// An uncertain input of a Latin hypercube or a sensitivity design: a range { "min": a, "max": b } within the
/// declared range of the parameter or lever, sampled uniformly.
/// </summary>
internal static class Distributions
{
    /// <summary>The uncertain input named <paramref name="name"/> (null, with a problem, when the range is refused).</summary>
    public static UncertainParameter? Read(JsonChecks checks, JsonNode? value, string path, Settable declared, string name) =>
        checks.Range(value, path, declared) is { } range ? new UncertainParameter(name, range.Min, range.Max) : null;
}
